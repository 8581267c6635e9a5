"""The words and sources two mentions of one statement are compared on: lemmas without
function words, negative contents, sources that name no known entity, canonical entities.
Texts written for these tests; analyses built by hand so that each rule is alone."""

from __future__ import annotations

from datetime import date

from selon.model import Analysis, Article, Attribution, Entity, Party
from selon.reconcile import lemmas, statements


def one(aid: str, text: str, content: str, source: str | None = None,
        kind: str | None = None) -> Analysis:
    """The article ``aid`` of ``text`` with one attribution: ``content`` said by
    ``source``; with ``kind``, the source names a known entity of that type (``e1``, its
    name as written)."""
    lo = text.index(content)
    src = None
    entities = []
    if source is not None:
        s = text.index(source)
        span = (s, s + len(source))
        if kind is not None:
            entities.append(Entity(id="e1", name=source, type=kind, mentions=[span]))
        src = Party(text=source, span=span, entity="e1" if kind else None)
    at = Attribution(id="a1", kind="indirect", content=(lo, lo + len(content)), cue=None,
                     cue_lemma=None, source=src)
    art = Article(id=aid, text=text, published=date(2024, 5, 6), url=f"https://x.example/{aid}")
    return Analysis(article=art, entities=entities, attributions=[at])


def joined(a: Analysis, b: Analysis,
           canonical: dict[tuple[str, str], str] | None = None) -> bool:
    return any(len({m.article_id for m in st.mentions}) == 2
               for st in statements.match("s1", [a, b], canonical))


def test_lemmas_make_forms_one_word_and_leave_function_words_out() -> None:
    a = lemmas.content_lemmas("la réouverture des frontières aériennes, a-t-il dit, était prévue")
    b = lemmas.content_lemmas("il rouvrira la frontière aérienne comme prévu")
    assert {"frontiere", "aerien"} <= a & b
    assert not {"etait", "comme", "a-t-il", "etre"} & (a | b)
    assert "keita" in lemmas.content_lemmas("le président Keïta")


def test_one_source_sharing_only_function_words_says_two_things() -> None:
    a = one("p1", "Mirela Tosk a dit que c'était aussi comme lors de la crue de mai.",
            "c'était aussi comme lors de la crue de mai", "Mirela Tosk", "PER")
    b = one("p2", "Mirela Tosk a dit que c'était aussi comme lors des élections.",
            "c'était aussi comme lors des élections", "Mirela Tosk", "PER")
    assert not joined(a, b)
    c = one("p3", "Mirela Tosk a dit que la crue de mai avait noyé les vignes.",
            "la crue de mai avait noyé les vignes", "Mirela Tosk", "PER")
    d = one("p4", "Mirela Tosk a assuré que les crues de mai avaient noyé toutes les vignes.",
            "les crues de mai avaient noyé toutes les vignes", "Mirela Tosk", "PER")
    assert joined(c, d)


def test_a_negative_content_is_not_the_positive_one() -> None:
    a = one("n1", "Ivo Brantel a dit qu'un gouvernement de techniciens serait formé en juin.",
            "un gouvernement de techniciens serait formé en juin", "Ivo Brantel", "PER")
    b = one("n2", "Ivo Brantel a dit qu'aucun gouvernement de techniciens ne serait formé en juin.",
            "aucun gouvernement de techniciens ne serait formé en juin", "Ivo Brantel", "PER")
    assert not joined(a, b)


def test_a_source_naming_no_entity_joins_on_fewer_shared_words() -> None:
    text_a = "Un témoin a raconté que les vitres du marché de Selva avaient toutes éclaté."
    text_b = "Une habitante a dit que les vitres du marché avaient éclaté sous le souffle."
    a = one("w1", text_a, "les vitres du marché de Selva avaient toutes éclaté", "Un témoin")
    b = one("w2", text_b, "les vitres du marché avaient éclaté sous le souffle", "Une habitante")
    assert joined(a, b)  # vitre, marche, eclater: three of four words
    # two named people are two sources: the same few words are not enough
    c = one("w3", "Una Vell a raconté que les vitres du marché de Selva avaient toutes éclaté.",
            "les vitres du marché de Selva avaient toutes éclaté", "Una Vell", "PER")
    d = one("w4", "Oto Grann a dit que les vitres du marché avaient éclaté sous le souffle.",
            "les vitres du marché avaient éclaté sous le souffle", "Oto Grann", "PER")
    assert not joined(c, d)


def test_one_canonical_entity_is_one_source() -> None:
    a = one("c1", "L'Union des ports a annoncé que le quai nord rouvrirait lundi.",
            "le quai nord rouvrirait lundi", "Union des ports", "ORG")
    b = one("c2", "L'UdP a annoncé la réouverture du quai nord lundi.",
            "la réouverture du quai nord lundi", "UdP", "ORG")
    assert not joined(a, b)
    assert joined(a, b, {("c1", "e1"): "cport", ("c2", "e1"): "cport"})


def test_one_source_with_the_very_same_few_words_says_one_thing() -> None:
    a = one("k1", "Hana Kolbe a promis que les responsables devront rendre des comptes.",
            "rendre des comptes", "Hana Kolbe", "PER")
    b = one("k2", "Hana Kolbe a averti qu'il faudrait rendre des comptes.",
            "rendre des comptes", "Hana Kolbe", "PER")
    assert joined(a, b)
    c = one("k3", "Piet Laros a averti qu'il faudrait rendre des comptes.",
            "rendre des comptes", "Piet Laros", "PER")
    assert not joined(a, c)
