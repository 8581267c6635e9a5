#!/usr/bin/env python
"""A hostile trial of the ``selon`` command line: bad inputs, kills at random moments
(during ingest and during the search-index build), a full disk, log and CSV injection.

Each probe runs ``python -m selon ...`` in a child process (the sources on ``PYTHONPATH``)
and is counted as *handled* (it ended in time, with exit status 0, 2 or 3 and no
traceback, and what it must show is there), *crashed* (a traceback, a hang, another
status, or a wrong result), and its *lost* articles (inputs neither stored nor reported).
Prints one line per probe and the totals; ``--json`` for one object.

    PYTHONPATH=src .venv/bin/python bench/hostile.py --kills 5
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PY = sys.executable
SRC = Path(__file__).resolve().parents[1] / "src"
# The children run in temporary folders: they must import these sources, not another copy.
os.environ["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [os.environ.get(
    "PYTHONPATH")])])
sys.path.insert(0, str(SRC))
OK_STATUSES = (0, 2, 3)
TOWNS = ["Lyon", "Nantes", "Lille", "Rennes", "Dijon", "Brest", "Metz", "Nancy", "Tours",
         "Reims", "Nîmes", "Pau", "Caen", "Laval", "Niort", "Albi"]


def text(i: int, town: str) -> str:
    return (f"Le maire de {town} a annoncé lundi la construction de {i + 3} écoles d'ici "
            f"{2030 + i}, selon un communiqué de la mairie.\n« Nous tiendrons ce calendrier "
            f"», a déclaré l'adjoint chargé des travaux de {town}.\nL'opposition de {town} "
            f"dénonce un projet « improvisé » et réclame un débat le {i + 1} juin.\n")


@dataclass
class Probe:
    name: str
    handled: bool
    lost: int = 0
    detail: str = ""


@dataclass
class Trial:
    root: Path
    probes: list[Probe] = field(default_factory=list)

    def selon(self, *args: str, timeout: float = 600, prefix: list[str] | None = None
              ) -> subprocess.CompletedProcess[str] | None:
        try:
            return subprocess.run([*(prefix or []), PY, "-m", "selon", *args],
                                  capture_output=True, text=True, timeout=timeout,
                                  cwd=self.root)
        except subprocess.TimeoutExpired:
            return None

    def record(self, name: str, run: Callable[[], tuple[bool, int, str]]) -> None:
        try:
            handled, lost, detail = run()
        except Exception as exc:  # a probe that breaks is a crash, reported as such
            handled, lost, detail = False, 0, f"probe error {exc!r}"
        self.probes.append(Probe(name, handled, lost, detail))
        print(f"{'handled' if handled else 'CRASHED'}  lost={lost}  {name}  {detail}",
              file=sys.stderr, flush=True)


def clean(proc: subprocess.CompletedProcess[str] | None) -> bool:
    return (proc is not None and proc.returncode in OK_STATUSES
            and "Traceback" not in proc.stderr)


def stored_ids(db: Path) -> set[str]:
    from selon.store import Store

    with Store(db, read_only=True) as store:
        return {r["id"] for r in store.fetch("SELECT id FROM articles")}


def index_current(db: Path) -> bool:
    from selon.store import Store

    with Store(db, read_only=True) as store:
        return store.search_index_current


def unprivileged() -> list[str]:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return []
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", "--"]


def input_probes(t: Trial) -> None:
    d = t.root / "inputs"
    d.mkdir()
    good = d / "good.txt"
    good.write_text(text(0, "Lyon"), encoding="utf-8")
    cases: dict[str, bytes | None] = {
        "empty.txt": b"", "binary.txt": bytes(range(256)) * 20,
        "utf16le-bom.txt": b"\xff\xfe" + text(1, "Nantes").encode("utf-16-le"),
        "utf16be.txt": text(2, "Lille").encode("utf-16-be"),
        "latin1.txt": text(3, "Rennes").encode("cp1252"),
        "long.txt": (("\n\n".join([text(4, "Dijon")] * 4) + "\n") * 800).encode(),
        "gzbomb.txt.gz": None, "fifo.txt": None, "locked.txt": None,
    }
    apart = t.root / "apart"  # the long text is analysed once, not again by the folder
    apart.mkdir()
    for name, data in cases.items():
        if data is not None:
            (apart if name == "long.txt" else d).joinpath(name).write_bytes(data)
    import gzip
    (d / "gzbomb.txt.gz").write_bytes(gzip.compress(b"a " * (30 * 1024 * 1024)))
    os.mkfifo(d / "fifo.txt")
    (d / "locked.txt").write_text(text(5, "Brest"), encoding="utf-8")
    (d / "locked.txt").chmod(0)
    expect_ok = {"good.txt", "utf16le-bom.txt", "utf16be.txt", "latin1.txt", "long.txt"}
    for name in cases:
        path = (apart if name == "long.txt" else d) / name

        def one(path: Path = path, name: str = name) -> tuple[bool, int, str]:
            proc = t.selon("analyze", "--json", "--published", "2024-05-02", str(path),
                           str(good), timeout=900, prefix=unprivileged())
            if not clean(proc) or proc is None:
                return False, 0, "hang" if proc is None else proc.stderr[-300:]
            records = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
            want = 2 if name in expect_ok else 1
            errors = [ln for ln in proc.stderr.splitlines() if ln.startswith("selon: error:")]
            ok = len(records) == want and len(errors) == 2 - want
            return ok, 0, f"exit {proc.returncode}, {len(records)} record(s), " \
                          f"{errors[0][:90] if errors else 'no error line'}"
        t.record(f"analyze {name} + a good file", one)

    def folder() -> tuple[bool, int, str]:
        sub = d / "shut"
        sub.mkdir()
        (sub / "x.txt").write_text(text(6, "Metz"), encoding="utf-8")
        sub.chmod(0)
        db = t.root / "inputs.duckdb"
        proc = t.selon("ingest", "--db", str(db), "--published", "2024-05-02", str(d),
                       timeout=1200, prefix=unprivileged())
        sub.chmod(0o755)
        if not clean(proc) or proc is None:
            return False, 0, "hang" if proc is None else proc.stderr[-300:]
        named = [n for n in ("fifo.txt", "locked.txt", "shut", "empty.txt", "binary.txt")
                 if any(n in ln for ln in proc.stderr.splitlines()
                        if ln.startswith("selon: failed:"))]
        return len(named) == 5, 0, f"exit {proc.returncode}; reported {named}"
    t.record("ingest a folder with a FIFO, unreadable file and subfolder", folder)


def injection_probes(t: Trial) -> None:
    d = t.root / "inject"
    d.mkdir()
    evil = d / "a\n2026-01-01T00:00:00+00:00\tforged\tfake.txt"
    evil.write_bytes(b"")
    rows = [{"text": text(i, town), "title": title, "url": url, "outlet": "@outlet"}
            for i, (town, title, url) in enumerate([
                ("Caen", "=HYPERLINK(\"http://x\",\"y\")", "javascript:alert(1)"),
                ("Laval", "+cmd|' /C calc'!A0", "data:text/html,<b>x</b>"),
                ("Niort", "-2+3", "https://example.org/ok")])]
    (d / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    db = t.root / "inject.duckdb"

    def log() -> tuple[bool, int, str]:
        proc = t.selon("ingest", "--db", str(db), "--published", "2024-05-02", str(evil),
                       str(d / "c.jsonl"))
        lines = Path(f"{db}.failures.log").read_text(encoding="utf-8").splitlines()
        ok = clean(proc) and len(lines) == 1 and len(lines[0].split("\t")) == 3
        return ok, 0, f"{len(lines)} log line(s)"
    t.record("file name with a newline and tabs vs the failures log", log)

    def csv_cells() -> tuple[bool, int, str]:
        proc = t.selon("export", "--db", str(db), "--format", "csv")
        if proc is None:
            return False, 0, "hang"
        cells = [c for row in list(csv.reader(io.StringIO(proc.stdout)))[1:] for c in row]
        bad = [c for c in cells if c[:1] in ("=", "+", "-", "@")]
        return clean(proc) and bool(cells) and not bad, 0, f"{len(bad)} formula cell(s)"
    t.record("CSV export of formula-like titles and outlets", csv_cells)

    def ftm() -> tuple[bool, int, str]:
        proc = t.selon("export", "--db", str(db), "--format", "ftm")
        if proc is None:
            return False, 0, "hang"
        urls = [u for ln in proc.stdout.splitlines()
                for u in json.loads(ln)["properties"].get("sourceUrl", [])]
        return clean(proc) and urls == ["https://example.org/ok"], 0, f"sourceUrl {urls}"
    t.record("FtM export of javascript: and data: URLs", ftm)


def kill_probes(t: Trial, kills: int, rng: random.Random) -> None:
    d = t.root / "corpus"
    d.mkdir()
    for i, town in enumerate(TOWNS):
        (d / f"{i:02d}.txt").write_text(text(i, town) * 3, encoding="utf-8")
    for k in range(kills):
        db = t.root / f"kill{k}.duckdb"

        def one(db: Path = db) -> tuple[bool, int, str]:
            cmd = [PY, "-m", "selon", "ingest", "--db", str(db), "--published", "2024-05-02",
                   str(d)]
            proc = subprocess.Popen(cmd, cwd=t.root, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            delay = rng.uniform(3, 25)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            again = t.selon("ingest", "--db", str(db), "--published", "2024-05-02", str(d))
            ids = stored_ids(db) if db.exists() else set()
            lost = len(TOWNS) - len(ids)
            ok = clean(again) and lost == 0 and index_current(db)
            return ok, lost, f"killed after {delay:.1f} s; rerun stored {len(ids)}"
        t.record(f"SIGKILL during ingest #{k + 1}, then the same command again", one)

    def during_index() -> tuple[bool, int, str]:
        from selon.store import Store
        from selon.store.synthetic import synthetic

        db = t.root / "index.duckdb"
        with Store(db) as store:
            store.write_many([synthetic(i) for i in range(40)])
            store.refresh_search_index()
            store.write_many([synthetic(i) for i in range(40, 1500)])
        code = ("import sys; from selon.store import Store; s = Store(sys.argv[1]); "
                "print('go', flush=True); s.refresh_search_index()")
        proc = subprocess.Popen([PY, "-c", code, str(db)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        proc.stdout.readline()
        time.sleep(rng.uniform(0.05, 0.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        stale = not index_current(db)
        again = t.selon("ingest", "--db", str(db), str(t.root / "nothing"))
        return clean(again) and index_current(db), 0, \
            f"index {'stale' if stale else 'current'} after the kill; current after rerun"
    (t.root / "nothing").mkdir()
    t.record("SIGKILL during the search-index build, then a rerun with nothing new",
             during_index)


def full_disk_probe(t: Trial) -> None:
    probe = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", "true"],
                           capture_output=True)
    if shutil.which("unshare") is None or probe.returncode != 0:
        print("skipped: full disk (no unprivileged mount namespaces)", file=sys.stderr)
        return
    d = t.root / "disk-in"
    d.mkdir()
    for i, town in enumerate(TOWNS):
        (d / f"{i:02d}.txt").write_text(text(i, town) * 3, encoding="utf-8")
    disk = t.root / "disk"
    disk.mkdir()
    script = (
        "import os, subprocess, sys, json\n"
        "disk, src = sys.argv[1], sys.argv[2]\n"
        "subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=4m', 'none', disk], check=True)\n"
        "from selon.store import Store\n"
        "db = os.path.join(disk, 's.duckdb'); Store(db).close()\n"
        "st = os.statvfs(disk); left = st.f_bavail * st.f_frsize\n"
        "open(os.path.join(disk, 'fill'), 'wb').write(b'\\0' * max(0, left - 60000))\n"
        "p = subprocess.run([sys.executable, '-m', 'selon', 'ingest', '--db', db,\n"
        "                    '--published', '2024-05-02', src], capture_output=True, text=True)\n"
        "ids = []\n"
        "try:\n"
        "    with Store(db, read_only=True) as s:\n"
        "        ids = [r['id'] for r in s.fetch('SELECT id FROM articles')]\n"
        "except Exception as exc:\n"
        "    ids = ['?', repr(exc)]\n"
        "print(json.dumps({'code': p.returncode, 'out': p.stdout, 'err': p.stderr, 'ids': ids}))\n")

    def one() -> tuple[bool, int, str]:
        proc = subprocess.run(["unshare", "--user", "--map-root-user", "--mount", PY, "-c",
                               script, str(disk), str(d)], capture_output=True, text=True,
                              timeout=900)
        out = json.loads(proc.stdout.strip().splitlines()[-1])
        failed = [ln for ln in out["err"].splitlines() if ln.startswith("selon: failed:")]
        stored = len(out["ids"])
        lost = len(TOWNS) - stored - len(failed)
        ok = out["code"] == 3 and "Traceback" not in out["err"] and lost == 0 \
            and out["out"].startswith("ingested ")
        return ok, max(lost, 0), (f"exit {out['code']}, stored {stored}, reported "
                                  f"{len(failed)} with cause")
    t.record("ingest onto a full disk (4 MB tmpfs)", one)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=3, help="Random kills during ingest (3).")
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="selon-hostile-") as tmp:
        trial = Trial(Path(tmp))
        input_probes(trial)
        injection_probes(trial)
        kill_probes(trial, args.kills, random.Random(args.seed))
        full_disk_probe(trial)
        (Path(tmp) / "inputs" / "locked.txt").chmod(0o644)
    probes = trial.probes
    total = {"tried": len(probes), "handled": sum(p.handled for p in probes),
             "crashed": sum(not p.handled for p in probes),
             "lost": sum(p.lost for p in probes)}
    if args.json:
        print(json.dumps({"total": total, "probes": [p.__dict__ for p in probes]}, indent=2))
    else:
        print(f"probes tried {total['tried']}, handled {total['handled']}, crashed "
              f"{total['crashed']}, articles lost {total['lost']}")
    return 1 if total["crashed"] or total["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
