"""The same statement across articles under other words and other names: shared words
weighed by their rarity, a privative « sans aucun » that denies nothing, a government
under its capital, its seat, its country and its spokesperson, a spokesperson's title
given after their name, a source known to one article only as another's relay. Texts
written for these tests."""

from __future__ import annotations

from selon.analyse import pipeline
from selon.ingest import article_from_text
from selon.model import Analysis
from selon.reconcile import bodies, speakers, statements
from selon.reconcile.lemmas import content_lemmas, weight
from selon.reconcile.words import party_key
from selon.settings import Settings


def analysed(text: str, published: str, url: str) -> Analysis:
    art = article_from_text(text, Settings(published=published, outlet="La Vigie"))
    art.url = url
    return pipeline.analyze_one(art)


def joined(analyses: list[Analysis]) -> list[statements.Statement]:
    """The statements holding mentions of more than one article."""
    return [st for st in statements.match("s1", analyses)
            if len({m.article_id for m in st.mentions}) > 1]


def plain_share(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b))


def test_rare_words_and_figures_weigh_more_than_common_words() -> None:
    assert weight("chlorate") > weight("soir")
    assert weight("#1870") >= weight("potassium") > weight("mettre")
    # two contents sharing half their words, all of them common ones, are not one
    common_a = content_lemmas("des élections générales le soir du coup d'État du 3 mai")
    common_b = content_lemmas("le coup d'État a été mené dans la nuit, tard le soir")
    assert len(common_a & common_b) >= 3 and plain_share(common_a, common_b) >= 0.5
    assert not statements.telling(common_a & common_b)
    assert statements.telling(frozenset({"coup", "potassium"}))
    # two contents sharing fewer than half their words, rare ones, say the same thing
    rare_a = content_lemmas("le chlorate de potassium du dépôt de Velmara a pris feu mardi")
    rare_b = content_lemmas("le chlorate de potassium entreposé à Velmara a brûlé toute la "
                            "nuit, le pire incendie qu'ait connu la ville")
    _, ratio = statements.overlap(rare_a, rare_b)
    assert plain_share(rare_a, rare_b) < 0.5 <= ratio


def test_one_source_sharing_only_common_words_is_two_statements() -> None:
    a = analysed("Le colonel Issa Dambé a promis des élections générales le soir du coup "
                 "d'État.\n", "2024-03-05", "https://a.example/e1")
    b = analysed("Le colonel Issa Dambé a affirmé que le coup d'État avait été préparé dans "
                 "la nuit, tard le soir.\n", "2024-03-06", "https://b.example/e2")
    x, y = _mentions([a, b])
    assert statements.same_source(x.keys, y.keys)
    shared, ratio = statements.overlap(x.words, y.words)
    assert shared >= statements.SAME_SOURCE_MIN_WORDS and ratio >= statements.SAME_SOURCE_OVERLAP
    assert not statements.is_same(x, y, statements.story_names([a, b]))
    assert joined([a, b]) == []


def test_a_named_and_an_unnamed_source_join_on_a_figure_and_rare_words() -> None:
    a = analysed("Le ministre de l'Intérieur Tarek Sollim a pris la parole mercredi.\n"
                 "Selon Tarek Sollim, l'incendie de l'entrepôt est dû à quelque 1.870 tonnes "
                 "de chlorate de potassium, produit qui sert à fabriquer des allumettes et "
                 "des feux d'artifice.\n", "2024-03-06", "https://a.example/c1")
    b = analysed("Un incendie a ravagé le dépôt du port de Velmara.\n"
                 "D'après les autorités, 1 870 tonnes de chlorate de potassium, entreposées "
                 "sans protection depuis des années, ont provoqué l'incendie, le pire qu'ait "
                 "connu la ville.\n", "2024-03-06", "https://b.example/c2")
    both = joined([a, b])
    assert len(both) == 1
    x, y = both[0].mentions
    # the plain share of their words would not have joined them
    assert plain_share(x.words, y.words) < statements.UNNAMED_SOURCE_OVERLAP
    assert "#1870" in x.words & y.words


def test_a_negation_after_sans_denies_nothing() -> None:
    an = analysed("Selon les pompiers, les fûts étaient entreposés sans aucune protection "
                  "dans le hangar.\n"
                  "Selon la police, aucune protection n'avait été prévue dans le hangar.\n",
                  "2024-03-05", "https://h.example/n1")
    by_source = {at.source.text: at for at in an.attributions if at.source}
    assert not statements._negative(an, by_source["les pompiers"])
    assert statements._negative(an, by_source["la police"])


def test_a_government_under_its_capital_seat_country_and_spokesperson() -> None:
    for name in ("Moscou", "le Kremlin", "la Russie", "le gouvernement russe",
                 "les autorités de la Russie", "le porte-parole du Kremlin"):
        assert "%ru" in bodies.keys(party_key(name)), name
    assert bodies.keys(party_key("la porte-parole de la Maison Blanche")) == {
        "maison blanche", "%us"}
    # two officials of one country are not its government, nor one another
    assert bodies.keys(party_key("le président libanais")) == set()
    assert bodies.keys(party_key("le gouvernement")) == set()
    a = analysed("Le Kremlin a démenti mardi que des soldats russes aient franchi la "
                 "frontière de la Velmarie.\n", "2024-03-05", "https://a.example/k1")
    b = analysed("Anton Brezkin, porte-parole du Kremlin, a démenti que des soldats russes "
                 "aient franchi la frontière de la Velmarie.\n", "2024-03-05",
                 "https://b.example/k2")
    c = analysed("Moscou a démenti que des militaires russes aient franchi la frontière de "
                 "la Velmarie, mardi soir.\n", "2024-03-06", "https://c.example/k3")
    both = joined([a, b, c])
    assert len(both) == 1 and len(both[0].mentions) == 3
    brezkin = next(m for m in both[0].mentions if m.article is b)
    assert {"anton brezkin", "kremlin", "%ru"} <= brezkin.keys
    # two named sources in words too few for two sources: joined only as one government
    x, y = (m for m in both[0].mentions if m.article in (a, b))
    assert len(x.words & y.words) < statements.ANY_SOURCE_MIN_WORDS


def test_a_title_after_the_name_makes_the_person_speak_for_the_body() -> None:
    d = analysed("Le colonel Idrissa Kanté, porte-parole de la junte, s'est exprimé à la "
                 "télévision.\nLe colonel Kanté a promis des élections libres dans un délai "
                 "raisonnable.\n", "2024-03-05", "https://d.example/j1")
    e = analysed("La junte a promis d'organiser des élections libres dans un délai "
                 "raisonnable.\n", "2024-03-06", "https://e.example/j2")
    known = speakers.titles([d, e])
    assert known["porte parole de la junte"] == {"idrissa kante"}
    assert speakers.held(known)["idrissa kante"] >= {"porte parole de la junte"}
    # a clause after the name is no title
    f = analysed("Idrissa Kanté, qui rentrait de Niamey, a parlé lundi.\n", "2024-03-05",
                 "https://f.example/j3")
    assert not any("rentrait" in t or "niamey" in t for t in speakers.titles([f]))
    both = joined([d, e])
    assert len(both) == 1
    kante = next(m for m in both[0].mentions if m.article is d)
    junta = next(m for m in both[0].mentions if m.article is e)
    assert "junte" in kante.keys and statements.same_source(kante.keys, junta.keys)


def test_a_relay_of_one_article_is_the_source_of_another() -> None:
    f = analysed("Le ministre Oleg Vranic a assuré, selon l'agence Velpress, que les "
                 "écoles de Tarvanie resteraient fermées jusqu'en mars.\n", "2024-03-05",
                 "https://f.example/r1")
    g = analysed("Selon l'agence Velpress, les cours reprendront en avril dans les écoles "
                 "de Tarvanie, fermées jusqu'en mars.\n", "2024-03-05", "https://g.example/r2")
    vranic = next(at for at in f.attributions if at.source and at.source.text == "Oleg Vranic")
    assert "velpress" in statements._relays(f, vranic)
    both = joined([f, g])
    assert len(both) == 1
    x, y = both[0].mentions
    assert not statements.same_source(x.keys, y.keys)


def _mentions(analyses: list[Analysis]) -> list[statements.Mention]:
    return [m for st in statements.match("s1", analyses) for m in st.mentions]


def test_contents_sharing_only_names_and_titles_are_not_one_statement() -> None:
    a = analysed("Le ministre Oleg Vranic a réclamé mardi la libération du président Tamir "
                 "Besko.\n", "2024-03-05", "https://a.example/b1")
    b = analysed("Oleg Vranic a affirmé mercredi que le président Tamir Besko était en bonne "
                 "santé.\n", "2024-03-06", "https://b.example/b2")
    c = analysed("Oleg Vranic a réclamé la libération immédiate du président Tamir Besko.\n",
                 "2024-03-06", "https://c.example/b3")
    names = statements.story_names([a, b, c])
    assert {"tamir", "besko", "president"} <= names and "liberation" not in names
    x, y = _mentions([a, b])
    assert x.words & y.words <= names
    assert statements.is_same(x, y)  # one source, three words in common: without names
    assert not statements.is_same(x, y, names)
    assert joined([a, b]) == []
    both = joined([a, c])  # the same call, one more word
    assert len(both) == 1 and len(both[0].mentions) == 2


def test_negation_words_are_no_shared_words() -> None:
    d = analysed("Selon le colonel Issa Dambé, il n'y a eu aucune victime lors de "
                 "l'assaut.\n", "2024-03-05", "https://d.example/v1")
    e = analysed("Le colonel Issa Dambé a assuré qu'à aucun moment l'assaut n'avait visé la "
                 "ville.\n", "2024-03-06", "https://e.example/v2")
    x, y = _mentions([d, e])
    assert x.negative and y.negative
    assert "aucun" in x.words & y.words and len(x.words & y.words) == 2
    assert not statements.is_same(x, y, statements.story_names([d, e]))
    assert joined([d, e]) == []
