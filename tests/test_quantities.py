"""Quantities: numerals, approximators, money, percentages, what is counted and its role.

Every sentence here is written for the test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from selon.analyse.quantities.numbers import parse_digits, parse_words
from selon.model import Quantity

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def qty(nlp: Any) -> Any:
    def run(text: str) -> list[Quantity]:
        return list(nlp(text)._.selon_quantities)

    return run


def texts(text: str, found: list[Quantity]) -> list[str]:
    return [text[q.span[0]:q.span[1]] for q in found]


def one(qty: Any, text: str) -> Quantity:
    found = qty(text)
    assert len(found) == 1, texts(text, found)
    return found[0]


# -- the number parser -----------------------------------------------------------------

def _group(n: int, sep: str) -> str:
    s = str(n)
    head = len(s) % 3 or 3
    return sep.join([s[:head]] + [s[i:i + 3] for i in range(head, len(s), 3)])


@given(st.integers(min_value=0, max_value=10**14),
       st.sampled_from([".", " ", "\u202f", "\u00a0", ","]))
def test_grouped_integers_parse_back(n: int, sep: str) -> None:
    assert parse_digits(_group(n, sep)) == (n, None)


@given(st.integers(min_value=1000, max_value=10**12), st.integers(min_value=0, max_value=99),
       st.sampled_from([".", " ", "\u202f"]))
def test_french_decimals_parse_back(n: int, cents: int, sep: str) -> None:
    value, reason = parse_digits(f"{_group(n, sep)},{cents:02d}")
    assert reason is None
    assert value == pytest.approx(n + cents / 100)


@given(st.integers(min_value=1000, max_value=10**12), st.integers(min_value=1, max_value=9))
def test_english_decimals_parse_back(n: int, tenth: int) -> None:
    assert parse_digits(f"{_group(n, ',')}.{tenth}")[0] == pytest.approx(n + tenth / 10)


@given(st.text(alphabet="0123456789., \u202f", max_size=20))
def test_parser_never_crashes_and_never_invents(s: str) -> None:
    value, reason = parse_digits(s)
    assert (value is None) == (reason is not None)


def test_decimal_and_malformed_numbers() -> None:
    assert parse_digits("1,5") == (1.5, None)
    assert parse_digits("12,75") == (12.75, None)
    assert parse_digits("1,500", scaled=True) == (1.5, None)
    assert parse_digits("1,500") == (1500, None)
    for bad in ("1.234,5.6", "12.34.5", "1 23", "1234 567", "1,2,3"):
        value, reason = parse_digits(bad)
        assert value is None and reason and "malformed" in reason, bad


def test_number_words() -> None:
    assert parse_words("quinze mille") == 15000
    assert parse_words("six cents") == 600
    assert parse_words("quatre-vingt-dix") == 90
    assert parse_words("deux trois") is None


# -- numbers in text -------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("Le club a vendu 15.000 billets.", 15000),
    ("Le club a vendu 15 000 billets.", 15000),
    ("Le club a vendu 15\u202f000 billets.", 15000),
    ("Le club a vendu 15\u00a0000 billets.", 15000),
    ("Le club a vendu 15,000 billets.", 15000),
    ("Le club a vendu quinze mille billets.", 15000),
    ("La ville a planté six cents arbres.", 600),
    ("La région compte 1,5 million d'habitants.", 1500000),
    ("Le pays compte 3 milliards de poulets.", 3000000000),
    ("La ferme élève une douzaine de chèvres.", 12),
])
def test_values(qty: Any, text: str, value: float) -> None:
    q = one(qty, text)
    assert q.value == value
    assert isinstance(q.value, int)


def test_counted_noun_phrase_and_span(qty: Any) -> None:
    text = "Le syndicat a recruté environ 4000 maçons et charpentiers du chantier naval hier."
    q = one(qty, text)
    assert text[q.span[0]:q.span[1]] == "environ 4000 maçons et charpentiers du chantier naval"
    assert q.unit == "maçons et charpentiers du chantier naval"
    assert q.unit_span and text[q.unit_span[0]:q.unit_span[1]] == q.unit
    assert q.approx and q.value == 4000
    text = "On attend 300 cyclistes belges au départ."
    assert one(qty, text).unit == "cyclistes belges"


def test_approximators_and_bounds(qty: Any) -> None:
    text = ("Près de 40 marins, plus de 300 pompiers, au moins 12 grues, moins de 50 camions "
            "et jusqu'à 200 bénévoles sont venus.")
    found = qty(text)
    assert texts(text, found) == ["Près de 40 marins", "plus de 300 pompiers", "au moins 12 grues",
                                  "moins de 50 camions", "jusqu'à 200 bénévoles"]
    assert all(q.approx for q in found)
    assert [(q.lower, q.upper) for q in found] == [
        (None, None), (300, None), (12, None), (None, 50), (None, 200)]
    assert not one(qty, "Il reste 40 marins à bord.").approx


def test_vague_amounts_follow_the_documented_convention(qty: Any) -> None:
    text = ("Des dizaines de moutons, plusieurs centaines de chèvres, des milliers d'abeilles et "
            "des centaines de milliers de fourmis.")
    found = qty(text)
    assert [q.value for q in found] == [20, 200, 2000, 200000]
    assert all(q.approx and q.lower == q.value for q in found)
    assert one(qty, "Une centaine de randonneurs sont partis.").value == 100
    assert one(qty, "Une centaine de randonneurs sont partis.").approx


def test_money_and_percent(qty: Any) -> None:
    text = ("Le stade a coûté 2,5 milliards d'euros, 40 € la place, 300 dollars la loge, "
            "$90 le parking, 12 livres sterling le programme et 8 000 roubles le billet.")
    found = qty(text)
    assert [(q.kind, q.currency, q.value) for q in found] == [
        ("money", "EUR", 2500000000), ("money", "EUR", 40), ("money", "USD", 300),
        ("money", "USD", 90), ("money", "GBP", 12), ("money", "RUB", 8000)]
    text = "La hausse atteint 12 %, puis 3,5% et enfin douze pour cent."
    found = qty(text)
    assert [(q.kind, q.unit, q.value) for q in found] == [
        ("percent", "%", 12), ("percent", "%", 3.5), ("percent", "%", 12)]


def test_books_are_not_pounds(qty: Any) -> None:
    q = one(qty, "Elle a lu 500 livres cet été-là.")
    assert q.kind == "count" and q.currency is None


# -- not quantities --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "La réunion commence à 14H00 et finit à 18h30 GMT.",
    "Le sommet a eu lieu le 17 juin.",
    "Il est né en 1990 et a déménagé dans les années 2010.",
    "Le texte vise les résolutions 1718, 1874 et 2270 du Conseil.",
    "Le gouvernement a utilisé l'article 49.3 pour la loi n° 2020-290.",
    "Le vol MH17 et le sommet du G7 sont évoqués.",
    "Le 1er mai, au XXe siècle, pour la troisième fois.",
    "Il a passé trois mois en mer et 24 dernières heures au port.",
    "Le navire a été placé en quarantaine, une quarantaine stricte.",
    "Kim Jong Un a reçu un message.",
])
def test_not_quantities(qty: Any, text: str) -> None:
    assert texts(text, qty(text)) == []


def test_boilerplate_lines_are_skipped(qty: Any) -> None:
    text = ("Le port a accueilli 300 navires cette année.\n"
            "Soutenez notre journal à partir de 1€\n"
            "Nous comptons sur votre soutien pour continuer.\n")
    assert texts(text, qty(text)) == ["300 navires"]


def test_bad_numbers_keep_span_without_value(qty: Any) -> None:
    text = "Le rapport cite 1.234,5.6 moutons et 99999999999999999 fourmis."
    found = qty(text)
    assert texts(text, found) == ["1.234,5.6 moutons", "99999999999999999 fourmis"]
    assert all(q.value is None and q.reason for q in found)


# -- roles -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,role", [
    ("La junte a déployé 2000 gendarmes dans le nord.", "deployed"),
    ("Le préfet a dépêché 80 pompiers sur place.", "sent"),
    ("Au moins 45 villageois ont été tués lors de l'attaque.", "killed"),
    ("Quelque 70 mineurs ont péri dans l'effondrement.", "killed"),
    ("La police a interpellé 25 supporters après le match.", "arrested"),
    ("Plus de 3 000 habitants ont fui la vallée.", "displaced"),
    ("Le bilan fait état de 120 morts.", "killed"),
    ("Les autorités recensent 1,2 million de cas.", "infected"),
    ("Plus de 600 marins tués ou blessés ont été rapatriés.", "killed_or_wounded"),
    ("La mort de 12 randonneurs a choqué le pays.", "killed"),
])
def test_roles(qty: Any, text: str, role: str) -> None:
    assert one(qty, text).role == role


def test_no_role_without_evidence(qty: Any) -> None:
    assert one(qty, "Le village compte 300 habitants.").role is None
    # the killers are not killed
    assert one(qty, "Des hommes armés ont tué 9 bergers.").role == "killed"
    found = qty("Trente policiers ont arrêté 4 passeurs.")
    assert [q.role for q in found] == [None, "arrested"]


def test_ranges_and_elided_units(qty: Any) -> None:
    text = "Le billet coûte entre 20 et 30 euros. La Savoie compte 1200 chalets, l'Isère (950)."
    found = qty(text)
    assert [(q.value, q.unit, q.kind) for q in found] == [
        (20, "euros", "money"), (30, "euros", "money"), (1200, "chalets", "count"),
        (950, "chalets", "count")]


def test_ids_are_sequential(qty: Any) -> None:
    assert [q.id for q in qty("Il a vu 3 loups, 5 ours et 7 lynx.")] == ["q1", "q2", "q3"]


# -- the seed article ------------------------------------------------------------------

@pytest.mark.shared
def test_seed_quantity_floor(tmp_path: Path) -> None:
    if not (SHARED / "seed").is_dir():
        pytest.skip(f"needs the shared reference data at {SHARED} (absent on this machine)")
    out = tmp_path / "seed.json"
    seed = SHARED / "seed" / "000_6ea505d4c5c787ac.txt"
    with out.open("w") as fh:
        subprocess.run([sys.executable, "-m", "selon", "analyze", "--json", "--published",
                        "2025-06-18", str(seed)], stdout=fh, check=True)
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--json",
                          str(SHARED / "gold" / "seed.gold.json"), str(out)],
                         capture_output=True, text=True, check=True)
    scores = json.loads(res.stdout)
    assert scores["metrics"]["qty_value_f1"] >= 0.9


def test_elided_word_numbers_borrow_or_vanish(qty: Any) -> None:
    text = "La grêle a abîmé 6 serres, dont trois gravement."
    found = qty(text)
    assert [(texts(text, [q])[0], q.unit) for q in found] == [("6 serres", "serres"),
                                                             ("trois", "serres")]
    assert texts("Il en reste trois.", qty("Il en reste trois.")) == []


@pytest.mark.parametrize("text", [
    "Elle a parlé à la radio Canal 12 hier.",
    "Il habite au 14 Rue Haute depuis peu.",
    "La mode des années 70 revient.",
])
def test_names_addresses_and_decades(qty: Any, text: str) -> None:
    assert texts(text, qty(text)) == []


def test_role_of_an_untagged_present_participle(qty: Any) -> None:
    found = qty("La tempête a frappé la côte, blessant 14 pêcheurs.")
    assert [q.role for q in found] == ["wounded"]


def test_pounds_before_a_converted_amount_are_money(qty: Any) -> None:
    found = qty("Son loyer atteint 2.400 livres (2.700 euros) par mois.")
    assert [(q.kind, q.currency) for q in found] == [("money", "GBP"), ("money", "EUR")]


def test_roles_joined_across_an_adverb(qty: Any) -> None:
    q = one(qty, "Au moins 30 pompiers tués ou grièvement blessés.")
    assert q.role == "killed_or_wounded"


def test_approximators_after_the_number(qty: Any) -> None:
    text = "On compte 114.000 abonnés environ et 300 lecteurs au moins."
    found = qty(text)
    assert texts(text, found) == ["114.000 abonnés environ", "300 lecteurs au moins"]
    assert [(q.approx, q.lower) for q in found] == [(True, None), (True, 300)]


@pytest.mark.parametrize("text,number,unit", [
    ("Il a fait 2 °C de plus à Brest.", 2, "°C"),
    ("La mer a gagné 1,5 °C cet été.", 1.5, "°C"),
    ("Il faisait 31°C à midi.", 31, "°C"),
    ("Le pont mesure 400 mètres de long.", 400, "mètres"),
    ("Le bassin contient 27.000 mètres cubes d'eau.", 27000, "mètres cubes"),
    ("Le moteur développe 740 ch au régime maximal.", 740, "ch"),
    ("Un séisme de magnitude 4,6 a secoué la vallée.", 4.6, "magnitude"),
    ("Le village est à 12 km de la côte.", 12, "km"),
    ("Le camion transportait 3 tonnes de pommes.", 3, "tonnes"),
    ("La vitesse est limitée à 50 km/h en ville.", 50, "km/h"),
    ("Il a fallu 5 m³ de béton.", 5, "m³"),
    ("La récolte atteint 2 millions de tonnes.", 2000000, "tonnes"),
])
def test_measures(qty: Any, text: str, number: float, unit: str) -> None:
    q = one(qty, text)
    assert (q.kind, q.value, q.unit) == ("measure", number, unit)
    assert q.unit_span and text[q.unit_span[0]:q.unit_span[1]] == unit
    assert q.currency is None and q.role is None


def test_measure_ranges_share_the_unit(qty: Any) -> None:
    text = "On attend entre 3 et 4 °C de hausse."
    assert [(q.value, q.unit, q.kind) for q in qty(text)] == [(3, "°C", "measure"),
                                                              (4, "°C", "measure")]


def test_ranges_and_lists_share_a_scale(qty: Any) -> None:
    text = ("Le club a levé entre 12 et 15 millions de dollars, puis de 10 à 20 milliards "
            "d'euros ; 3 ou 4 millions de fans, 2, 5 ou 8 milliards de yens, et entre "
            "douze et quinze millions de billets.")
    found = qty(text)
    assert [(q.value, q.currency or q.unit) for q in found] == [
        (12000000, "USD"), (15000000, "USD"), (10000000000, "EUR"), (20000000000, "EUR"),
        (3000000, "fans"), (4000000, "fans"), (2000000000, "JPY"), (5000000000, "JPY"),
        (8000000000, "JPY"), (12000000, "billets"), (15000000, "billets")]


@pytest.mark.parametrize("text,values", [
    ("Il a payé 12 euros et 15 millions de dollars.", [12, 15000000]),
    ("Le coût passe de 800.000 à 1,2 million d'euros.", [800000, 1200000]),
    ("Entre 12 et 15 millions de dollars ont été versés.", [12000000, 15000000]),
])
def test_scale_is_shared_only_by_a_bare_smaller_number(qty: Any, text: str,
                                                       values: list[float]) -> None:
    assert [q.value for q in qty(text)] == values


@pytest.mark.parametrize("text,value", [
    ("Cent milliards par an pour le Sud, a dit la ministre.", 100000000000),
    ("Quinze mille personnes ont manifesté à Nantes.", 15000),
    ("Deux cents soldats ont défilé hier.", 200),
    ("Le port a rouvert.\nTrois mille dockers ont repris le travail.", 3000),
    ("Ils étaient quinze mille dans les rues.", 15000),
])
def test_number_words_opening_a_sentence(qty: Any, text: str, value: float) -> None:
    assert one(qty, text).value == value
