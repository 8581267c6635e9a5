"""The DuckDB store: schema and migrations, idempotent writes, roundtrip, queries."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from selon.errors import ConfigError, StoreError
from selon.model import (
    Analysis,
    Article,
    Attribution,
    Entity,
    Line,
    Party,
    Quantity,
    Span,
    TimeExpr,
)
from selon.store import SCHEMA_VERSION, Store, name_key, queries
from selon.store.columns import COLUMNS, RECORD_TABLES
from selon.store.nearcopies import find_duplicate
from selon.store.schema import MIGRATIONS
from selon.store.synthetic import expected_counts, synthetic

TEXT = (
    "Moscou envoie des sapeurs à Koursk\n"
    "« Mille sapeurs nord-coréens seront envoyés fin avril », a déclaré "
    "M. Sergueï Choïgou, selon TASS.\n"
    "L'Ukraine a démenti que la région de Koursk soit reprise.\n"
    "Avec AFP"
)


def span_in(text: str, needle: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return (start, start + len(needle))


def at(needle: str, nth: int = 0) -> Span:
    return span_in(TEXT, needle, nth)


def seed_analysis(aid: str = "6ea505d4c5c787ac", published: date | None = date(2025, 6, 17),
                  outlet: str | None = "Le Monde", speaker: str = "Sergueï Choïgou",
                  agency: str = "TASS") -> Analysis:
    """A hand-made analysis of TEXT (with another speaker and agency) with every record."""
    text = TEXT.replace("Sergueï Choïgou", speaker).replace("TASS", agency)

    def at(needle: str, nth: int = 0) -> Span:
        return span_in(text, needle, nth)

    quote = at("« Mille sapeurs nord-coréens seront envoyés fin avril »")
    denial = at("la région de Koursk soit reprise")
    return Analysis(
        article=Article(id=aid, text=text, published=published, published_from="flag",
                        title="Moscou envoie des sapeurs à Koursk", outlet=outlet,
                        url="https://example.org/a", source="a.txt", warnings=["w1"]),
        lines=[Line(at("Moscou envoie des sapeurs à Koursk"), "heading"),
               Line((quote[0], at(agency + ".")[1]), "body"),
               Line((at("L'Ukraine")[0], denial[1] + 1), "body"),
               Line(at("Avec AFP"), "credit", reason="credit_line", agency="AFP")],
        entities=[
            Entity("E1", speaker, "PER", [at(speaker)]),
            Entity("E2", agency, "ORG", [at(agency)]),
            Entity("E3", "Koursk", "LOC", [at("Koursk"), at("Koursk", 1)]),
            Entity("E4", "Ukraine", "LOC", [at("Ukraine")]),
        ],
        attributions=[
            Attribution("A1", "direct", quote, at("a déclaré"), "déclarer",
                        Party(f"M. {speaker}", at(f"M. {speaker}"), "E1"),
                        [Party(agency, at(agency), "E2")], "assert", ["Q1"], ["T1"]),
            Attribution("A2", "indirect", denial, at("a démenti"), "démentir",
                        Party("L'Ukraine", at("L'Ukraine"), "E4"), [], "reject"),
        ],
        quantities=[Quantity("Q1", at("Mille sapeurs"), 1000.0, unit="sapeurs",
                             unit_span=at("sapeurs", 1), role="sent")],
        times=[TimeExpr("T1", at("fin avril"), "DATE", "2025-04", mod="END")],
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "s.duckdb")
    yield s
    s.close()


def counts(store: Store) -> dict[str, int]:
    return {t: store.scalar(f"SELECT count(*) FROM {t}") for t in ("articles", *RECORD_TABLES)}


# -- schema -------------------------------------------------------------------------------


def test_migrations_create_the_columns_the_writer_fills(store: Store) -> None:
    assert store.version == SCHEMA_VERSION
    assert store.scalar("SELECT max(version) FROM schema_version") == SCHEMA_VERSION
    for table, cols in COLUMNS.items():
        actual = [(r["column_name"], r["column_type"])
                  for r in store.fetch(f"DESCRIBE {table}")]
        assert actual == cols, table


def test_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    Store(tmp_path / "s.duckdb").close()
    with Store(tmp_path / "s.duckdb") as s:
        assert s.scalar("SELECT count(*) FROM schema_version") == len(MIGRATIONS)


def test_a_store_from_a_newer_selon_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (?, now())", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match=r"newer selon.*upgrade selon") as err:
        Store(path)
    assert err.value.code == "store_error"


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    Store(tmp_path / "s.duckdb").close()
    with Store(tmp_path / "s.duckdb", read_only=True) as s, \
            pytest.raises(StoreError, match="read-only"):
        s.write(seed_analysis())


def test_a_store_locked_by_another_process_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from selon.store import Store
            s = Store({str(path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="another selon process") as err:
            Store(path)
        assert str(path) in str(err.value)
    finally:
        holder.communicate("", timeout=30)
    with Store(path) as s:  # released when the other process ends
        assert s.version == SCHEMA_VERSION


# -- writing ------------------------------------------------------------------------------


def test_write_then_load_gives_back_the_same_analysis(store: Store) -> None:
    an = seed_analysis()
    assert store.write(an)
    assert store.has(an.article.id)
    assert store.load_analysis(an.article.id) == an
    assert store.load_analysis(an.article.id[:6]) == an


def test_snippets_are_stored_with_their_spans(store: Store) -> None:
    store.write(seed_analysis())
    row = store.fetch("SELECT * FROM attributions WHERE attr_id = 'A1'")[0]
    assert row["content_text"] == TEXT[row["content_start"]:row["content_end"]]
    assert row["cue_text"] == "a déclaré" and row["source_text"] == "M. Sergueï Choïgou"
    assert row["source_key"] == "serguei choigou"  # the entity's key, title dropped
    mentions = store.fetch("SELECT text FROM mentions WHERE entity_id = 'E3' ORDER BY position")
    assert [m["text"] for m in mentions] == ["Koursk", "Koursk"]
    assert store.scalar("SELECT credit FROM articles") == "AFP"


def test_writing_the_same_article_twice_changes_nothing(store: Store) -> None:
    an = seed_analysis()
    assert store.write(an) is True
    before = counts(store)
    assert store.write(an) is False
    assert store.write_many([an, an]) == []
    assert counts(store) == before


def test_write_many_skips_repeats_within_a_batch(store: Store) -> None:
    batch = [synthetic(1), synthetic(2), synthetic(1)]
    written = store.write_many(batch, batch_size=2)
    assert written == [batch[0].article.id, batch[1].article.id]
    assert store.scalar("SELECT count(*) FROM articles") == 2
    assert store.scalar("SELECT count(*) FROM attributions") == 20


def test_a_span_outside_the_text_is_refused_and_nothing_is_written(store: Store) -> None:
    good = synthetic(1)
    bad = seed_analysis()
    bad.entities[0].mentions.append((5, len(TEXT) + 3))
    with pytest.raises(StoreError, match="outside the text"):
        store.write_many([good, bad])
    assert counts(store)["articles"] == 0


def test_a_failed_batch_leaves_the_store_usable(store: Store) -> None:
    bad = seed_analysis()
    bad.quantities[0].value = float("nan")
    with pytest.raises(StoreError):
        store.write(bad)
    assert counts(store)["articles"] == 0
    assert store.write(seed_analysis())


@pytest.mark.parametrize("an", [synthetic(i) for i in range(3)])
def test_synthetic_articles_roundtrip(store: Store, an: Analysis) -> None:
    store.write(an)
    back = store.load_analysis(an.article.id)
    assert back == an
    got = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in expected_counts(an)}
    assert got == expected_counts(an)


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    text = draw(st.text(st.characters(exclude_categories=["Cs"]), max_size=120))
    n = len(text)

    def span() -> Span:
        a, b = draw(st.integers(0, n)), draw(st.integers(0, n))
        return (min(a, b), max(a, b))

    def opt_span() -> Span | None:
        return draw(st.one_of(st.none(), st.builds(span)))

    words = st.text(max_size=12)
    opt = st.one_of(st.none(), words)
    floats = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False))

    def party() -> Party:
        return Party(draw(words), span(), draw(opt))

    entities = [Entity(f"E{i}", draw(words), draw(st.sampled_from(["PER", "ORG", "LOC"])),
                       [span() for _ in range(draw(st.integers(0, 3)))])
                for i in range(draw(st.integers(0, 3)))]
    attributions = [
        Attribution(f"A{i}", draw(words), span(), opt_span(), draw(opt),
                    party() if draw(st.booleans()) else None,
                    [party() for _ in range(draw(st.integers(0, 2)))], draw(words),
                    draw(st.lists(words, max_size=2)), draw(st.lists(words, max_size=2)))
        for i in range(draw(st.integers(0, 3)))
    ]
    quantities = [
        Quantity(f"Q{i}", span(), draw(floats), draw(st.booleans()), draw(opt), opt_span(),
                 draw(floats), draw(floats), draw(opt), draw(words), draw(opt), draw(opt))
        for i in range(draw(st.integers(0, 2)))
    ]
    times = [TimeExpr(f"T{i}", span(), draw(words), draw(opt), draw(opt), draw(opt))
             for i in range(draw(st.integers(0, 2)))]
    lines = [Line(span(), draw(words), draw(opt), draw(opt))
             for _ in range(draw(st.integers(0, 3)))]
    article = Article(
        id=draw(st.text("0123456789abcdef", min_size=16, max_size=16)), text=text,
        lang=draw(st.sampled_from(["fr", "en"])),
        published=draw(st.one_of(st.none(), st.dates())), published_from=draw(words),
        title=draw(opt), outlet=draw(opt), url=draw(opt), source=draw(opt),
        warnings=draw(st.lists(words, max_size=2)),
    )
    return Analysis(article, lines, entities, attributions, quantities, times)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(an=analyses())
def test_random_analyses_roundtrip(tmp_path_factory: pytest.TempPathFactory,
                                   an: Analysis) -> None:
    with Store(tmp_path_factory.mktemp("h") / "s.duckdb") as s:
        assert s.write(an)
        assert s.load_analyses([an.article.id]) == [an]


# -- near-duplicates ----------------------------------------------------------------------


def test_find_duplicate_by_band_then_signature(store: Store) -> None:
    big = 2**64 - 1  # hashes are unsigned 64-bit
    first, copy = synthetic(1), synthetic(2)
    store.write(first, signature=[big, 1, 2], bands=[(0, big), (1, 7)])
    assert store.signature(first.article.id) == [big, 1, 2]
    assert find_duplicate(store, [(0, big)]) == first.article.id
    assert find_duplicate(store, [(0, 7)]) is None  # same hash, other band
    assert find_duplicate(store, [(1, 7)], lambda sig: sig[0] == big) == first.article.id
    assert find_duplicate(store, [(1, 7)], lambda sig: False) is None
    # a copy of a copy points to the original
    store.write(copy, duplicate_of=first.article.id, signature=[5], bands=[(3, 3)])
    assert find_duplicate(store, [(3, 3)], lambda sig: True) == first.article.id


def test_add_signature_replaces_the_previous_one(store: Store) -> None:
    store.add_signature("x" * 16, [(0, 1), (1, 2)], signature=[1, 2])
    store.add_signature("x" * 16, [(0, 9)], signature=[9])
    assert store.signature("x" * 16) == [9]
    assert store.scalar("SELECT count(*) FROM minhash_bands") == 1
    assert find_duplicate(store, [(0, 1)]) is None


# -- keys and queries -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "key"), [
    ("M. Sergueï Choïgou", "serguei choigou"),
    ("Mme Élisabeth BORNE", "elisabeth borne"),
    ("Kim Jong-un", "kim jong un"),
    ("Œuvre d'Orient", "oeuvre d orient"),
    ("M.", "m"),
])
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.fixture
def filled(store: Store) -> Store:
    store.write(seed_analysis())
    store.write(seed_analysis("1234567890abcdef", date(2024, 1, 5), "Le Figaro",
                              "Sergueï Lavrov", "RIA Novosti"))
    return store


def test_claims_filters(filled: Store) -> None:
    def ids(**kw: Any) -> list[tuple[str, str]]:
        return [(c["article_id"][:4], c["id"]) for c in queries.claims(filled, **kw)]

    assert ids(source="choigou") == [("6ea5", "A1")]
    assert ids(source="M. SERGUEÏ") == [("6ea5", "A1"), ("1234", "A1")]
    assert ids(source="serg") == []  # whole words only
    assert ids(via="tass") == [("6ea5", "A1")]
    assert ids(about="Koursk", stance="reject") == [("6ea5", "A2"), ("1234", "A2")]
    assert ids(about="Choïgou") == []  # named as the source, not inside the content
    assert ids(source="ukraine", since="2025-01-01") == [("6ea5", "A2")]
    assert ids(source="ukraine", until=date(2024, 12, 31)) == [("1234", "A2")]
    assert ids(source="ukraine", outlet="le figaro") == [("1234", "A2")]
    page = queries.claims(filled, limit=2)
    assert len(page) == 2 and queries.claims(filled, limit=2, offset=1)[0] == page[1]
    claim = queries.claims(filled, source="choigou")[0]
    assert claim["via"] == [{"text": "TASS", "span": list(at("TASS")), "entity": "E2"}]
    assert claim["content"]["text"].startswith("« Mille sapeurs")
    assert claim["source"]["name"] == "Sergueï Choïgou"
    with pytest.raises(ConfigError, match="since"):
        queries.claims(filled, since="hier")


def test_entities_cited_and_quoted(filled: Store) -> None:
    cited = queries.entities(filled, type="LOC")
    assert {e["key"]: e["cited"] for e in cited} == {"koursk": 2, "ukraine": 2}
    assert {e["type"] for e in cited} == {"LOC"}
    assert queries.entities(filled)[0]["cited"] == 2
    quoted = queries.entities(filled, order="quoted", limit=1)
    assert quoted[0]["key"] == "ukraine" and quoted[0]["quoted"] == 2
    with pytest.raises(ConfigError):
        queries.entities(filled, order="loud")


def test_show_by_prefix_and_errors(filled: Store) -> None:
    filled.write(synthetic(2), duplicate_of="6ea505d4c5c787ac")
    rec = queries.show(filled, "6ea505")
    assert rec["schema"] == "selon/1" and rec["article"]["text"] == TEXT
    assert len(rec["attributions"]) == 2
    assert rec["store"]["duplicates"] == [synthetic(2).article.id]
    with pytest.raises(StoreError, match="at least 6"):
        queries.show(filled, "6ea5")
    with pytest.raises(StoreError, match="no article"):
        queries.show(filled, "ffffffffff")


def test_stats(filled: Store) -> None:
    filled.write(synthetic(2), duplicate_of="6ea505d4c5c787ac")
    s = queries.stats(filled)
    assert s["articles"] == 3 and s["duplicates"] == 1
    assert s["attributions"] == 2 + 2 + 10
    assert s["attributions_by_kind"]["direct"] >= 2
    assert s["first_published"] == "2024-01-03" and s["last_published"] == "2025-06-17"
    assert {"outlet": "Le Figaro", "articles": 1} in s["outlets"]
    assert s["times"] == 1 + 1 + 10 and s["quantities"] == 1 + 1 + 10
    names = {"serguei choigou", "serguei lavrov", "tass", "ria novosti", "koursk", "ukraine"}
    names |= {name_key(e.name) for e in synthetic(2).entities}
    assert s["entities"] == len(names)
    assert s["schema_version"] == SCHEMA_VERSION


def test_real_pipeline_output_is_stored(store: Store) -> None:
    from selon.analyse.pipeline import analyze_one

    text = ("Le ministre de l'Intérieur, Gérald Darmanin, a annoncé mardi l'arrestation de "
            "12 personnes à Marseille. « Nous ne laisserons rien passer », a-t-il déclaré, "
            "selon l'AFP.\nAvec AFP\n")
    an = analyze_one(Article(id="feedfacecafebeef", text=text, published=date(2024, 5, 7)))
    assert store.write(an)
    back = store.load_analysis("feedfacecafebeef")
    assert back == an
    for table, n in expected_counts(an).items():
        assert store.scalar(f"SELECT count(*) FROM {table}") == n
    for row in store.fetch("SELECT start, \"end\", text FROM mentions"):
        assert text[row["start"]:row["end"]] == row["text"]
