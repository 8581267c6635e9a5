"""Body, heading, credit and boilerplate lines; sentence starts at line breaks."""

from __future__ import annotations

from selon.analyse.lines.component import LineRules, classify

RULES = LineRules.for_lang("fr")


def kinds(text: str) -> list[tuple[str, str | None]]:
    return [(ln.kind, ln.agency) for ln in classify(text, RULES)]


def test_credit_lines_name_the_agency() -> None:
    text = ("Le gouvernement a présenté son budget mardi.\n"
            "Avec L’Associated Press\n")
    assert kinds(text) == [("body", None), ("credit", "Associated Press")]
    assert kinds("Texte du jour.\n(AFP)\n")[1] == ("credit", "AFP")
    assert kinds("Le Journal avec AFP-Services, publié le lundi 06 janvier 2020 à 10h00\nA.\n")[0] \
        == ("credit", "AFP")
    assert kinds("Avec Reuters et AFP\n") == [("credit", "Reuters")]


def test_word_ap_in_prose_is_not_a_credit() -> None:
    assert kinds("Il est parti avec ap.\n") == [("body", None)]


def test_trailing_appeal_block_is_boilerplate() -> None:
    text = ("Le conseil municipal a voté la fermeture de la piscine.\n"
            "Avec AFP\n"
            "Soutenez notre rédaction dès 2 euros par mois\n"
            "Pourquoi nous avons besoin de vous ?\n"
            "Nous sommes un journal sans publicité et comptons sur nos lecteurs.\n")
    assert [k for k, _ in kinds(text)] == ["body", "credit", "boilerplate", "boilerplate",
                                           "boilerplate"]


def test_page_furniture_is_boilerplate_but_headings_stay() -> None:
    text = ("Le port a rouvert lundi après six jours de blocage.\n"
            "Lire aussi : Les armateurs comptent leurs pertes\n"
            "Une semaine de retard\n"
            "Abonnez-vous à notre newsletter quotidienne\n"
            "Facebook Twitter E-mail\n"
            "Les navires repartent un à un vers le nord.\n")
    assert [k for k, _ in kinds(text)] == ["body", "boilerplate", "heading", "boilerplate",
                                           "boilerplate", "body"]


def test_quoted_heading() -> None:
    assert kinds("« Pas de retour en arrière »\nLe texte suit ici.\n")[0][0] == "heading"


def test_sentences_do_not_cross_lines_nor_split_names(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Une nouvelle étape\nLe président Kim Jong Un a visité l'usine. Il est reparti.\n")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Une nouvelle étape"
    assert any(s.startswith("Le président Kim Jong Un a visité") for s in sents)
    assert not any(s.startswith("Un a visité") for s in sents)


def test_no_sentence_break_after_initials_titles_or_before_a_closing_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("« Nous partons demain. » Le vote a été reporté, a estimé J. Michel Leroy. "
              "Me Durand a plaidé longtemps.\n")
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert "»" not in starts
    assert "Michel" not in starts
    assert "Durand" not in starts
    assert any(s.text.startswith("« Nous partons demain. »") for s in doc.sents)
