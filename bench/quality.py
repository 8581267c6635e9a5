"""Score selon against hand-made gold with the shared scorer.

    .venv/bin/python bench/quality.py tests/gold/orangesum/tune [more folders or files] [--json]

Each gold file names its text (`doc.text_file`) and its publication date; the articles are
analysed in one batch and every (gold, prediction) pair is handed to ../shared/eval/score.py,
whose figures (micro-averaged over the files) are printed.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def gold_files(paths: list[str]) -> list[Path]:
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(p.glob("*.gold.json")) if p.is_dir() else [p]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="+", help="gold files or folders of *.gold.json")
    ap.add_argument("--json", action="store_true", help="print the scorer's figures as JSON")
    ap.add_argument("--keep", metavar="DIR", help="keep the predictions in DIR")
    args = ap.parse_args()
    if not SCORER.is_file():
        sys.exit(f"needs the shared scorer at {SCORER}")

    from selon.analyse import pipeline
    from selon.ingest import article_from_path
    from selon.output import to_json
    from selon.settings import Settings

    golds = gold_files(args.gold)
    articles = []
    for g in golds:
        doc = json.loads(g.read_text("utf-8"))["doc"]
        text = (g.parent / doc["text_file"]).resolve()
        articles.append(article_from_path(text, Settings(published=doc.get("published"),
                                                         outlet=doc.get("outlet"))))
    out = Path(args.keep or tempfile.mkdtemp(prefix="selon-quality-"))
    out.mkdir(parents=True, exist_ok=True)
    pairs: list[str] = []
    for g, analysis in zip(golds, pipeline.analyze(articles), strict=True):
        pred = out / g.name.replace(".gold.json", ".pred.json")
        pred.write_text(json.dumps(to_json(analysis), ensure_ascii=False), "utf-8")
        pairs += [str(g), str(pred)]
    cmd = [sys.executable, str(SCORER), *pairs] + (["--json"] if args.json else [])
    return subprocess.run(cmd, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
