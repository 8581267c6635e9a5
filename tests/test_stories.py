"""Stories across articles: online placement, the same statement in several articles,
origins and contradictions, bad input, the commands. Texts written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from selon.analyse import pipeline
from selon.ingest import article_from_text
from selon.reconcile import build
from selon.reconcile.stories import Doc, Params, assign, place
from selon.settings import Settings
from selon.store import Store
from selon.store.standin import standin

SYL = ["kor", "va", "tin", "mes", "ul", "ra", "bri", "do", "zan", "pe", "lok", "ti", "nur",
       "ga", "sev", "mi", "dra", "ho"]


def word(i: int, k: int = 3) -> str:
    """An invented word, a different one for each i (below 18**k): unknown to French."""
    n, out = i * 7919 + 13, []
    for _ in range(k):
        n, r = divmod(n, len(SYL))
        out.append(SYL[r])
    return "".join(out).capitalize() + "ine"


def event_text(e: int, n: int) -> tuple[str, str]:
    place, leader = word(e, 3), word(e + 101, 3)
    title = f"Inondations à {place}: le maire {leader} demande de l'aide"
    text = (f"De fortes pluies ont provoqué des inondations à {place} dans la nuit, "
            f"obligeant les habitants du quartier {word(e + 7)} à quitter leurs maisons.\n"
            f"« Nous avons besoin de pompes et de bateaux à {place} », a déclaré le maire "
            f"{leader} lors d'une conférence de presse, jour {n}.\n"
            f"Les secours de {place} ont évacué {40 + n} personnes, selon la préfecture.\n")
    return title, text


def other_text(i: int) -> tuple[str, str]:
    w = word(i + 500, 3)
    return (f"Le festival de musique de {w} ouvre ses portes",
            f"Le festival de {w} accueille cette année des orchestres venus de loin.\n"
            f"Les organisateurs de {w} attendent des milliers de spectateurs.\n")


def doc(i: str, title: str, text: str, day: date, names: dict[str, str] | None = None,
        duplicate_of: str | None = None) -> Doc:
    return Doc(id=i, day=day, title=title, text=text, names=names or {},
               duplicate_of=duplicate_of)


D0 = date(2024, 3, 4)


def test_articles_of_one_event_join_and_others_do_not() -> None:
    docs = [doc(f"e{n}", *event_text(1, n), D0 + timedelta(days=n)) for n in range(3)]
    docs += [doc("o1", *other_text(1), D0), doc("o2", *other_text(2), D0)]
    story = assign(docs, [], {})
    assert story["e0"] == story["e1"] == story["e2"]
    assert len({story["e0"], story["o1"], story["o2"]}) == 3


def test_the_same_event_beyond_the_window_is_another_story() -> None:
    p = Params()
    far = D0 + timedelta(days=p.window_days + 5)
    story = assign([doc("a", *event_text(3, 0), D0), doc("b", *event_text(3, 1), far)], [], {})
    assert story["a"] != story["b"]


def test_a_near_copy_joins_the_story_of_its_original_whatever_its_words() -> None:
    window = [doc("orig", *event_text(4, 0), D0)]
    window[0].story = "st-orig"
    story = assign([doc("copy", *other_text(9), D0, duplicate_of="orig")], window, {})
    assert story["copy"] == "st-orig"
    outside = assign([doc("copy2", *other_text(9), D0, duplicate_of="old")], [], {"old": "st-old"})
    assert outside["copy2"] == "st-old"


def test_below_the_threshold_an_article_joins_the_one_story_it_is_clearly_closest_to() -> None:
    strict = Params(threshold=9.0, merge=9.0)  # no link passes the thresholds themselves
    (t0, x0), (t1, x1) = event_text(12, 0), event_text(12, 1)
    names = {word(12, 3).lower(): "LOC", word(113, 3).lower(): "PER"}

    def placed(window: list[Doc], d: Doc) -> str:
        for w in window:
            w.story = w.story or "st-" + w.id
        return place([d], window, {}, strict).stories[d.id]

    alone = [doc("a", t0, x0, D0, names)]
    assert placed(alone, doc("b", t1, x1, D0, names)) == "st-a"  # clearly closest
    # Without a name in common, the words alone are not enough below the threshold.
    assert placed([doc("a", t0, x0, D0)], doc("b", t1, x1, D0)) == "st-b"
    # Nor when another story is about as close: no story is clearly the closest.
    rivals = [doc("a", t0, x0, D0, names), doc("c", t0 + " ", x0 + "\n", D0, names)]
    assert placed(rivals, doc("b", t1, x1, D0, names)) == "st-b"


def write(store: Store, items: list[tuple[str, str, date | None, str]]) -> list[str]:
    return store.write_many([standin(t, published=d, title=ti, url=u) for ti, t, d, u in items])


def test_a_new_batch_joins_existing_stories_without_rebuilding(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        first = [(*event_text(5, n), D0 + timedelta(days=n), f"https://x.example/5/{n}")
                 for n in range(2)] + [(*other_text(3), D0, "https://x.example/o3")]
        write(store, first)
        assert build.update(store).placed == 3
        before = store.fetch("SELECT article_id, story_id, added_at FROM story_articles "
                             "ORDER BY article_id")
        ids = write(store, [(*event_text(5, 2), D0 + timedelta(days=2), "https://x.example/5/2")])
        summary = build.update(store)
        assert summary.placed == 1 and summary.batches == 1
        after = store.fetch("SELECT article_id, story_id, added_at FROM story_articles "
                            "ORDER BY article_id")
        assert [r for r in after if r["article_id"] != ids[0]] == before  # untouched
        new_story = next(r["story_id"] for r in after if r["article_id"] == ids[0])
        stories = {r["story_id"]: r for r in store.fetch("SELECT * FROM stories")}
        assert stories[new_story]["articles"] == 3
        assert len(stories) == 2
        assert build.update(store).placed == 0  # nothing left: a rerun is harmless


def test_undated_future_copied_and_quiet_articles_are_placed(tmp_path: Path) -> None:
    future = date.today() + timedelta(days=400)
    title, text = event_text(6, 0)
    with Store(tmp_path / "s.duckdb") as store:
        write(store, [(title, text, None, "https://x.example/a"),
                      (title, text, None, "https://y.example/same-text"),
                      (*event_text(6, 1), future, "https://x.example/future"),
                      ("Un titre", "Il faisait beau et rien ne fut dit ce jour-là.", D0,
                       "https://x.example/quiet")])
        assert build.update(store).placed == 3  # the same text is one article
        days = {r["article_id"]: r["day"] for r in store.fetch("SELECT * FROM story_articles")}
        assert max(days.values()) <= date.today()  # a future date is not trusted
        quiet = store.fetch("SELECT s.* FROM stories s JOIN story_articles a "
                            "ON a.story_id = s.story_id JOIN articles r ON r.id = a.article_id "
                            "WHERE r.url = 'https://x.example/quiet'")
        assert quiet and quiet[0]["statements"] == 0


def bridge_texts() -> list[tuple[str, str, date, str]]:
    """Two reports of one event that share no word but the bridge article's, and the
    bridge (a day later) that shares the words of both."""
    a = [word(i, 4) for i in range(30, 42)]
    b = [word(i, 4) for i in range(60, 72)]
    one = (f"{a[0]} {a[1]} {a[2]}", " ".join(a) + ".\n" + " ".join(reversed(a)) + ".\n")
    two = (f"{b[0]} {b[1]} {b[2]}", " ".join(b) + ".\n" + " ".join(reversed(b)) + ".\n")
    both = (f"{a[0]} {a[1]} {b[0]} {b[1]}",
            " ".join(a) + ".\n" + " ".join(b) + ".\n")
    return [(*one, D0, "https://x.example/bridge/1"), (*two, D0, "https://x.example/bridge/2"),
            (*both, D0 + timedelta(days=1), "https://x.example/bridge/3")]


def test_an_article_linking_two_stories_merges_them() -> None:
    (t1, x1, d1, _), (t2, x2, d2, _), (t3, x3, d3, _) = bridge_texts()
    window = [doc("one", t1, x1, d1), doc("two", t2, x2, d2)]
    first = assign(window, [], {})
    assert first["one"] != first["two"]  # nothing links them yet
    for w in window:
        w.story = first[w.id]
    placed = place([doc("three", t3, x3, d3)], window, {})
    story = placed.stories["three"]
    assert {w.story for w in window} == {story}
    assert placed.merged and set(placed.merged.values()) == {story}


def partition(store: Store) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for r in store.fetch("SELECT s.story_id, a.url FROM story_articles s "
                         "JOIN articles a ON a.id = s.article_id"):
        groups.setdefault(r["story_id"], set()).add(r["url"])
    return {frozenset(g) for g in groups.values()}


def test_the_same_stories_in_one_batch_or_in_five_out_of_order(tmp_path: Path) -> None:
    items = bridge_texts()
    items += [(*event_text(11, n), D0 + timedelta(days=n), f"https://x.example/11/{n}")
              for n in range(4)]
    items += [(*other_text(n), D0 + timedelta(days=n), f"https://x.example/o/{n}")
              for n in range(3)]
    with Store(tmp_path / "one.duckdb") as store:
        write(store, items)
        build.update(store)
        whole = partition(store)
        stored = {r["story_id"]: r["articles"] for r in store.fetch("SELECT * FROM stories")}
    order = [items[i] for i in (9, 2, 5, 0, 7, 4, 1, 8, 3, 6)]  # later days first, too
    with Store(tmp_path / "five.duckdb") as store:
        for k in range(5):
            write(store, order[2 * k:2 * k + 2])
            build.update(store)
        assert partition(store) == whole
        again = {r["story_id"]: r["articles"] for r in store.fetch("SELECT * FROM stories")}
        assert sorted(again.values()) == sorted(stored.values())  # no stale merged record
    bridged = next(g for g in whole if "https://x.example/bridge/3" in g)
    assert {"https://x.example/bridge/1", "https://x.example/bridge/2"} <= bridged
    assert sum(len(g) for g in whole) == len(items) and len(whole) == 5


def analysed(text: str, published: str, url: str, outlet: str) -> object:
    art = article_from_text(text, Settings(published=published, outlet=outlet))
    art.url = url
    return pipeline.analyze_one(art)


def test_one_statement_across_articles_with_origins_and_a_contradiction(tmp_path: Path) -> None:
    a = analysed("Le barrage de Korvatine a cédé mardi soir près du village de Mesulra.\n"
                 "« Nous avons évacué toute la vallée de Korvatine avant la rupture », a déclaré "
                 "le préfet Jean Dravel, selon l'AFP.\n"
                 "Selon la préfecture, 120 habitants de la vallée de Korvatine ont été évacués.\n",
                 "2024-03-05", "https://a.example/1", "Le Courrier")
    b = analysed("Rupture du barrage de Korvatine : la vallée de Mesulra sous les eaux.\n"
                 "Le préfet Jean Dravel a affirmé avoir évacué toute la vallée de Korvatine "
                 "avant la rupture.\n"
                 "Les pompiers ont affirmé que 450 habitants de la vallée de Korvatine avaient "
                 "été évacués.\n",
                 "2024-03-06", "https://b.example/2", "La Gazette")
    c = analysed("Barrage de Korvatine : la vallée de Mesulra évacuée dans la nuit.\n"
                 "La mairie de Mesulra a affirmé que 300 habitants de la vallée de Korvatine "
                 "avaient été évacués.\n",
                 "2024-03-05", "https://c.example/3", "Le Matin")
    with Store(tmp_path / "s.duckdb") as store:
        store.write_many([a, b, c])  # type: ignore[list-item]
        build.update(store)
        from selon.store import storyreads

        listed = storyreads.stories(store)
        assert len(listed) == 1 and listed[0]["articles"] == 3
        d = storyreads.story(store, listed[0]["id"])
    shared = [st for st in d["statement_list"] if st["articles"] == 2]
    assert len(shared) == 1
    st = shared[0]
    assert "Dravel" in (st["source"] or "")
    assert {m["kind"] for m in st["mentions"]} >= {"direct"}
    assert st["first_article"] == a.article.id  # type: ignore[attr-defined]
    assert st["origins"] == 2  # one relayed by AFP, one the outlet's own
    whys = [r["why"] for r in d["relations"]]
    # the same day, 120 against 300 contradict; 450 the next day is an update of the count
    assert any("120" in w and "300" in w for w in whys)
    assert not any("450" in w for w in whys)


def test_agentless_accusations_of_two_people_are_not_one_statement() -> None:
    from selon.reconcile import statements

    a = analysed("Le maire de Korvatine est soupçonné d'avoir détourné des fonds publics.\n",
                 "2024-03-05", "https://a.example/3", "Le Courrier")
    b = analysed("Le trésorier du club de Mesulra est soupçonné d'avoir détourné des fonds "
                 "publics.\n", "2024-03-06", "https://b.example/4", "La Gazette")
    found = [at.source.text for x in (a, b) for at in x.attributions]  # type: ignore[attr-defined]
    assert found == ["anonymous", "anonymous"]
    grouped = statements.match("s1", [a, b])  # type: ignore[list-item]
    assert sorted(len(st.mentions) for st in grouped) == [1, 1]


def test_commands_list_and_show_stories(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        write(store, [(*event_text(8, n), D0 + timedelta(days=n), f"https://x.example/8/{n}")
                      for n in range(2)])
        build.update(store)
    run = [sys.executable, "-m", "selon"]
    out = subprocess.run([*run, "stories", "--db", str(db), "--json"], capture_output=True,
                         text=True, timeout=120, check=True)
    doc_ = json.loads(out.stdout)
    assert doc_["schema"] == "selon-stories/1"
    assert doc_["stories"][0]["articles"] == ["https://x.example/8/0", "https://x.example/8/1"]
    sid = doc_["stories"][0]["id"]
    shown = subprocess.run([*run, "story", sid, "--db", str(db)], capture_output=True,
                           text=True, timeout=120, check=True)
    assert sid in shown.stdout and "article(s)" in shown.stdout
    missing = subprocess.run([*run, "story", "st-nothere", "--db", str(db)],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "no story" in missing.stderr


DEV_FLOORS = {"story_bcubed_f1": 0.95, "story_pair_f1": 0.85, "story_pair_p": 1.0,
              "stmt_pair_f1": 0.91, "mention_recall": 0.88, "contra_f1": 0.66}
# Measured on tests/gold/stories-tune (1.0 / 1.0 / 0.455; contradictions 0.222): the same
# statement and contradictions there are bounded by the mentions the analyser finds
# (mention recall 0.50; 32 of the 78 gold mentions have no attribution at all).
TUNE_FLOORS = {"story_bcubed_f1": 1.0, "story_pair_f1": 1.0, "stmt_pair_f1": 0.45,
               "mention_recall": 0.5, "contra_f1": 0.22}
# Measured on tests/gold/stories-tune2 (B³ 0.929, pair 0.857, same statement 0.484, mention
# recall 0.615); contradictions 0.522 (p 1.0, 6 of its 17): they oppose the accounts of two
# sides (a defence against a prosecutor, a government against refugees), most of the rest
# between mentions the analyser does not find.
TUNE2_FLOORS = {"story_bcubed_f1": 0.92, "story_pair_f1": 0.85, "story_pair_p": 1.0,
                "stmt_pair_f1": 0.48, "mention_recall": 0.61, "contra_f1": 0.52}
# Measured on tests/gold/stories-tune3 (B³ 0.921, pair 0.865 with precision 0.842, same
# statement 0.435 with precision 1.0, mention recall 0.678); none of its 9 contradictions
# is found yet (8 of them have both sides in one article), so it has no contradiction floor.
TUNE3_FLOORS = {"story_bcubed_f1": 0.92, "story_pair_f1": 0.86, "story_pair_p": 0.84,
                "stmt_pair_f1": 0.43, "stmt_pair_p": 1.0, "mention_recall": 0.67}


def scored_floors(shared: Path, gold: Path, db: Path, floors: dict[str, float],
                  tmp_path: Path) -> None:
    pred = tmp_path / "pred.json"
    out = subprocess.run([sys.executable, "-m", "selon", "stories", "--db", str(db),
                          "--json"], check=True, timeout=120, capture_output=True, text=True)
    pred.write_text(out.stdout, encoding="utf-8")
    args = [sys.executable, str(shared / "eval" / "score_stories.py"), str(gold), str(pred)]
    for k, v in floors.items():
        args += ["--min", f"{k}={v}"]
    scored = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert scored.returncode == 0, scored.stdout + scored.stderr


def test_dev_stories_end_to_end(shared: Path, dev_stories_db: Path, tmp_path: Path) -> None:
    """The shared stories-dev set, ingested into a fresh store (``dev_stories_db``):
    ``selon stories --json`` scored by the shared scorer; floors at the measured figures."""
    scored_floors(shared, shared / "gold" / "stories-dev", dev_stories_db, DEV_FLOORS, tmp_path)


def test_tune_stories_end_to_end(shared: Path, tune_stories: tuple[Path, Path],
                                 tmp_path: Path) -> None:
    """The stories-tune set (titles and texts filled from the corpus), end to end."""
    gold, db = tune_stories
    scored_floors(shared, gold, db, TUNE_FLOORS, tmp_path)


def test_tune2_stories_end_to_end(shared: Path, tune2_stories: tuple[Path, Path],
                                  tmp_path: Path) -> None:
    """The stories-tune2 set (4 stories, 8 distractors near them), end to end."""
    gold, db = tune2_stories
    scored_floors(shared, gold, db, TUNE2_FLOORS, tmp_path)


def test_tune3_stories_end_to_end(shared: Path, tune3_stories: tuple[Path, Path],
                                  tmp_path: Path) -> None:
    """The stories-tune3 set (4 stories of 2019, 8 distractors near them), end to end."""
    gold, db = tune3_stories
    scored_floors(shared, gold, db, TUNE3_FLOORS, tmp_path)


def test_incompatible_accounts_in_two_articles_contradict(tmp_path: Path) -> None:
    a = analysed("Un entrepôt a brûlé lundi dans le port de Korvatine.\n"
                 "Le ministre Paul Varnet a affirmé que l'incendie de l'entrepôt était "
                 "accidentel.\n", "2024-05-06", "https://a.example/fire", "Le Courrier")
    b = analysed("Incendie du port de Korvatine : l'enquête commence.\n"
                 "Le syndicat des dockers a assuré que l'incendie de l'entrepôt était un "
                 "attentat.\n", "2024-05-07", "https://b.example/fire", "La Gazette")
    with Store(tmp_path / "s.duckdb") as store:
        store.write_many([a, b])  # type: ignore[list-item]
        build.update(store)
        from selon.store import storyreads

        listed = storyreads.stories(store)
        assert len(listed) == 1
        d = storyreads.story(store, listed[0]["id"])
    found = [r for r in d["relations"] if "accidentel" in r["why"] and "attentat" in r["why"]]
    assert len(found) == 1
