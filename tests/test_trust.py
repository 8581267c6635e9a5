"""How each statement's source was found, and its confidence: in the analysis, in
``selon/1`` (still read by the scorer), in the store and in ``selon claims``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from selon.analyse.attributions.trust import CONFIDENCE, HOWS, WEAK_BELOW, is_weak, reason
from selon.model import Analysis
from selon.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
N_REAL = 12  # real articles analysed for the store tests


def _analyse(text: str) -> Analysis:
    from selon.analyse.pipeline import analyze_one
    from selon.ingest import article_from_text

    return analyze_one(article_from_text(text, Settings(published="2025-03-04")))


def _only(text: str) -> tuple[str | None, float | None, str | None]:
    found = _analyse(text).attributions
    assert len(found) >= 1, text
    at = found[0]
    return at.how, at.confidence, at.source.text if at.source else None


def test_the_scale_is_monotone_in_the_evidence() -> None:
    c = CONFIDENCE
    assert c["named"] > c["apposition"] > c["title"] > c["pronoun"] > c["unnamed"] \
        > c["anonymous"]
    assert c["named"] > c["selon_pronoun"] and c["pronoun"] > c["selon_pronoun"]
    assert all(0 <= v <= 1 for v in c.values())
    weak = {h for h in HOWS if is_weak(c[h])}
    assert weak == {"pronoun", "selon_pronoun", "unnamed", "anonymous"}
    assert not is_weak(None)
    assert "Jeanne Petit" in reason("pronoun", "Jeanne Petit")


def test_a_name_in_the_clause_is_named() -> None:
    how, conf, src = _only("« Le chantier reprendra en mai », a déclaré Paul Garnier, "
                           "maire de la commune, mardi soir.")
    assert (how, src) == ("named", "Paul Garnier") and conf == CONFIDENCE["named"]


def test_a_subject_pronoun_is_resolved_and_marked() -> None:
    how, conf, src = _only("La ministre Claire Vasseur a visité l'usine lundi. « Nous "
                           "tiendrons nos engagements », a-t-elle assuré aux ouvriers.")
    assert how == "pronoun" and src == "Claire Vasseur" and conf is not None
    assert conf < WEAK_BELOW


def test_selon_lui_is_its_own_kind_of_pronoun() -> None:
    how, _, src = _only("Marie Leroux dirige le refuge depuis dix ans. Selon elle, le nombre "
                        "d'abandons a doublé depuis le printemps.")
    assert (how, src) == ("selon_pronoun", "Marie Leroux")


def test_a_name_in_apposition() -> None:
    how, _, src = _only("Le porte-parole du gouvernement, Marc Lenoir, a affirmé que le "
                        "projet serait présenté en juin.")
    assert (how, src) == ("apposition", "Marc Lenoir")


def test_an_indefinite_source_is_unnamed_and_an_agentless_passive_anonymous() -> None:
    how, _, _ = _only("Un responsable européen a affirmé que les discussions reprendraient "
                      "la semaine prochaine.")
    assert how == "unnamed"
    how, conf, _ = _only("L'ancien trésorier est soupçonné d'avoir détourné des fonds du club.")
    assert how == "anonymous" and conf == CONFIDENCE["anonymous"]


def test_a_continued_quote_says_so() -> None:
    found = _analyse("« Nous irons jusqu'au bout », a déclaré Paul Martin, le chef du "
                     "syndicat. « Les salariés ne se laisseront pas faire. »").attributions
    assert [a.how for a in found] == ["named", "continued"]
    assert found[1].source is not None and found[1].source.text == "Paul Martin"


def _real_texts(shared: Path, n: int) -> list[Path]:
    folder = shared / "data" / "orangesum-intl" / "text"
    if not folder.is_dir():
        pytest.skip(f"no real articles at {folder}")
    return sorted(folder.glob("*.txt"))[:n]


@pytest.fixture(scope="module")
def real_store(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real store of real articles, analysed by the real pipeline."""
    from selon.analyse.pipeline import analyze_one
    from selon.ingest import article_from_path
    from selon.store import Store

    path = tmp_path_factory.mktemp("trust") / "real.duckdb"
    with Store(path) as store:
        for f in _real_texts(shared, N_REAL):
            store.write(analyze_one(article_from_path(f, Settings())))
    return path


def test_real_articles_rate_every_statement_and_the_store_keeps_it(real_store: Path) -> None:
    from selon.store import Store, queries

    with Store(real_store, read_only=True) as s:
        rows = s.fetch("SELECT source_how, confidence, source_text FROM attributions")
        assert len(rows) > 20
        assert all(r["source_how"] in HOWS and r["confidence"] == CONFIDENCE[r["source_how"]]
                   for r in rows)
        hows = {r["source_how"] for r in rows}
        assert "named" in hows and hows & {"pronoun", "selon_pronoun"}
        # a resolved pronoun records the antecedent, never the pronoun itself
        assert all(r["source_text"].lower() not in ("il", "elle", "ils", "elles", "lui")
                   for r in rows if r["source_how"] in ("pronoun", "selon_pronoun"))
        ids = s.fetch("SELECT id FROM articles")
        loaded = s.load_analyses([r["id"] for r in ids])
        assert all(a.how in HOWS for an in loaded for a in an.attributions)
        everything = queries.claims(s, limit=1000)
        strong = queries.claims(s, min_confidence=0.6, limit=1000)
        assert len(strong) == sum(1 for r in rows if r["confidence"] >= 0.6) < len(everything)
        assert all(r["confidence"] >= 0.6 for r in strong)


def test_selon_claims_shows_weak_ones_as_such(real_store: Path) -> None:
    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "selon", "claims", "--db", str(real_store),
                               "--limit", "1000", *args], capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    table = run()
    assert "WEAK: pronoun resolved to" in table or "WEAK: « selon lui » resolved to" in table
    assert "named in the reporting clause (0.90)" in table
    strong = run("--min-confidence", "0.6", "--json")
    items = json.loads(strong)
    assert items and all(i["confidence"] >= 0.6 for i in items)
    assert "WEAK" not in run("--min-confidence", "0.6")
    bad = subprocess.run([sys.executable, "-m", "selon", "claims", "--db", str(real_store),
                          "--min-confidence", "2"], capture_output=True, text=True, timeout=300)
    assert bad.returncode != 0 and "min-confidence" in bad.stderr


def test_the_scorer_still_reads_the_output(shared: Path, tmp_path: Path) -> None:
    from selon.output import to_json

    gold = shared / "gold" / "seed.gold.json"
    scorer = shared / "eval" / "score.py"
    if not gold.is_file() or not scorer.is_file():
        pytest.skip("no seed gold or scorer in ../shared")
    text_file = (gold.parent / json.loads(gold.read_text())["doc"]["text_file"]).resolve()
    record = to_json(_analyse(text_file.read_text(encoding="utf-8")))
    assert all("how" in a and "confidence" in a for a in record["attributions"])
    pred = tmp_path / "seed.json"
    pred.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(["python3", str(scorer), str(gold), str(pred), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["metrics"]["attr_f1"] > 0.8
