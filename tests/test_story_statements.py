"""The same statement across articles (shown span, one speaker under a name and a title)
and contradictions across articles (a negative content against a positive one, no victims
against a toll, figures of one count). Texts
written for these tests."""

from __future__ import annotations

from pathlib import Path

from selon.analyse import pipeline
from selon.ingest import article_from_text
from selon.model import Analysis, Attribution, Party
from selon.reconcile import across, build, spans, speakers, statements
from selon.settings import Settings
from selon.store import Store


def analysed(text: str, published: str, url: str) -> Analysis:
    art = article_from_text(text, Settings(published=published, outlet="Le Courrier"))
    art.url = url
    return pipeline.analyze_one(art)


def shown(an: Analysis, at: Attribution) -> str:
    lo, hi = spans.shown(an.article.text, at)
    return an.article.text[lo:hi]


def test_one_speaker_under_a_name_and_a_title_and_the_narrators_words_left_out() -> None:
    a = analysed("Le Premier ministre Karel Dumonvin a visité la digue mardi.\n"
                 "Il a assuré que la digue de Mesulra serait reconstruite avant l'hiver, même "
                 "si les crédits manquent encore.\n", "2024-05-06", "https://a.example/d1")
    b = analysed("La digue de Mesulra a cédé.\n"
                 "Le Premier ministre a promis que la digue de Mesulra serait reconstruite "
                 "avant l'hiver et a refusé de présenter des excuses.\n",
                 "2024-05-07", "https://b.example/d2")
    grouped = statements.match("s1", [a, b])
    both = [st for st in grouped if len({m.article_id for m in st.mentions}) == 2]
    assert len(both) == 1
    texts = {shown(m.article, m.attribution) for m in both[0].mentions}
    assert texts == {"la digue de Mesulra serait reconstruite avant l'hiver"}
    titled = next(m for m in both[0].mentions if m.article is b)
    assert "karel dumonvin" in titled.keys


def test_a_title_given_to_two_people_names_neither() -> None:
    a = analysed("Le président Arno Kelvit a reçu mardi le président Jorel Vasquin.\n",
                 "2024-05-06", "https://a.example/p1")
    b = analysed("Le président a affirmé que les deux pays signeraient un accord sur la pêche.\n",
                 "2024-05-07", "https://b.example/p2")
    known = speakers.titles([a, b])
    assert known["president"] == {"arno kelvit", "jorel vasquin"}
    at = b.attributions[0]
    assert at.source is not None and at.source.entity is None
    assert speakers.role_keys(b, at, known, statements.VAGUE) == set()
    # a preposition before the article makes the words another thing's title
    c = analysed("Le porte-parole de la mairie Lina Sorvek a parlé lundi.\n",
                 "2024-05-06", "https://c.example/p3")
    titled = speakers.titles([c])
    assert "mairie" not in titled and titled["porte parole de la mairie"] == {"lina sorvek"}


def test_the_shown_span_stops_before_its_own_source_and_takes_an_opening_quotation() -> None:
    text = ("Plus de 300 tonnes de blé ont été perdues dans l'incendie, selon Lina Sorvek, "
            "la directrice du silo.\n"
            "Il a répété que « rien n'était décidé », quelques minutes avant la réunion.\n")
    src = text.index("Lina Sorvek")
    first = Attribution(id="a1", kind="according_to", content=(0, text.index("\n")),
                        cue=(text.index("selon"), text.index("selon") + 5), cue_lemma="selon",
                        source=Party("Lina Sorvek", (src, src + 11)))
    lo, hi = spans.shown(text, first)
    assert text[lo:hi] == "Plus de 300 tonnes de blé ont été perdues dans l'incendie"
    start = text.index("« rien")
    second = Attribution(id="a2", kind="mixed", content=(start, len(text) - 2),
                         cue=(text.index("a répété"), text.index("a répété") + 8),
                         cue_lemma="répéter", source=None)
    lo, hi = spans.shown(text, second)
    assert text[lo:hi] == "rien n'était décidé"


def test_a_negative_content_repeating_another_sources_words_contradicts_it(
        tmp_path: Path) -> None:
    a = analysed("Un incendie a détruit les grues du port de Korvatine dans la nuit de lundi.\n"
                 "Le ministre Paul Varnet a affirmé que le port de Korvatine serait fermé aux "
                 "navires étrangers dès lundi.\n", "2024-05-06", "https://a.example/g1")
    b = analysed("Grues détruites à Korvatine : l'enquête commence.\n"
                 "Le syndicat des dockers a assuré que le port de Korvatine ne serait jamais "
                 "fermé aux navires étrangers.\n", "2024-05-07", "https://b.example/g2")
    rels = across.relations(statements.match("s1", [a, b]), [a, b])
    contrary = [r.why for r in rels if "says the contrary" in r.why]
    assert len(contrary) == 1 and "dockers" in contrary[0] and "Varnet" in contrary[0]
    with Store(tmp_path / "s.duckdb") as store:
        store.write_many([a, b])
        build.update(store)
        from selon.store import storyreads

        listed = storyreads.stories(store)
        assert len(listed) == 1
        d = storyreads.story(store, listed[0]["id"])
    assert any("says the contrary" in r["why"] for r in d["relations"])


def test_an_accusation_and_a_denial_in_two_articles_are_no_contradiction_by_themselves(
        ) -> None:
    # measured: on the story gold sets this pairing was only ever wrong
    a = analysed("Un incendie a détruit les grues du port de Korvatine dans la nuit de lundi.\n"
                 "Le ministre Paul Varnet a accusé le syndicat des dockers d'avoir saboté les "
                 "grues du port.\n", "2024-05-06", "https://a.example/g1")
    b = analysed("Grues détruites à Korvatine : l'enquête commence.\n"
                 "Le syndicat des dockers a démenti toute implication dans l'incendie.\n",
                 "2024-05-07", "https://b.example/g2")
    rels = across.relations(statements.match("s1", [a, b]), [a, b])
    assert not [r for r in rels if "accusation" in r.why]


def test_no_victims_against_a_death_toll_from_another_source() -> None:
    a = analysed("Coup de force à Korvatine.\n"
                 "La garde présidentielle a assuré qu'il n'y a eu aucune victime lors de "
                 "l'assaut.\n", "2024-05-06", "https://a.example/v1")
    b = analysed("Assaut à Korvatine : les ONG demandent une enquête.\n"
                 "L'ONG Vigie Korvatine a affirmé que quatre personnes avaient été tuées par "
                 "balles lors de l'assaut.\n", "2024-05-07", "https://b.example/v2")
    c = analysed("Assaut à Korvatine : bilan.\n"
                 "La garde présidentielle a affirmé que quatre personnes avaient été arrêtées "
                 "lors de l'assaut.\n", "2024-05-07", "https://c.example/v3")
    rels = across.relations(statements.match("s1", [a, b, c]), [a, b, c])
    why = [r.why for r in rels if "no victime" in r.why]
    assert len(why) == 1 and "4 personnes killed" in why[0] and "Vigie" in why[0]


def test_a_world_toll_and_a_countrys_toll_do_not_contradict() -> None:
    a = analysed("Epidémie de grippe aviaire : le bilan s'alourdit.\n"
                 "Le ministère de la Santé a affirmé que l'épidémie avait fait 300 morts au "
                 "Brésil.\n", "2024-05-06", "https://a.example/w1")
    b = analysed("Epidémie de grippe aviaire : le bilan mondial.\n"
                 "L'Organisation mondiale de la santé a affirmé que l'épidémie avait fait "
                 "9000 morts dans le monde.\n", "2024-05-06", "https://b.example/w2")
    c = analysed("Epidémie de grippe aviaire au Brésil.\n"
                 "Un collectif de médecins a affirmé que l'épidémie avait fait 900 morts au "
                 "Brésil.\n", "2024-05-06", "https://c.example/w3")
    rels = across.relations(statements.match("s1", [a, b, c]), [a, b, c])
    figures = [r.why for r in rels if "different figures" in r.why]
    assert figures == ["different figures for the morts killed: 300 vs 900"]
