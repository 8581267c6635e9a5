"""Time expressions: one test per construction, on sentences written for the test."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selon.analyse.times.tag import tag
from selon.model import Article, TimeExpr

PUB = date(2025, 6, 18)  # a Wednesday


def found(text: str, ref: date | None = PUB) -> list[tuple[str, str, str | None, str | None]]:
    return [(text[t.span[0]:t.span[1]], t.type, t.value, t.mod) for t in tag(text, ref)]


def one(text: str, ref: date | None = PUB) -> tuple[str, str, str | None, str | None]:
    items = found(text, ref)
    assert len(items) == 1, items
    return items[0]


# -- dates ------------------------------------------------------------------------------

def test_day_and_month_without_year_takes_the_publication_year() -> None:
    assert one("Le 17 juin, le maire a inauguré le pont.") == (
        "17 juin", "DATE", "2025-06-17", None)


def test_day_month_year() -> None:
    assert one("Le traité fut signé le 3 mars 1998 à Genève.")[2] == "1998-03-03"


def test_first_of_the_month() -> None:
    assert one("Les tarifs changent le 1er juillet.")[2] == "2025-07-01"


def test_count_after_a_date_is_not_a_year() -> None:
    assert one("Le 17 juin, 1000 bénévoles ont nettoyé la plage.")[2] == "2025-06-17"


def test_month_alone() -> None:
    assert one("En avril, la commune a voté le budget.") == ("avril", "DATE", "2025-04", None)


def test_month_in_the_future_of_a_past_clause_is_last_year() -> None:
    assert one("En novembre, la mairie a fermé l'école.")[2] == "2024-11"


def test_month_in_the_past_of_a_future_clause_is_next_year() -> None:
    assert one("En mars, le conseil votera un nouveau budget.")[2] == "2026-03"


def test_weekday_settles_the_year() -> None:
    # 11 May is a Monday in 2026 only (of 2024-2026), whatever the tense says
    assert one("Les écoles ont rouvert le lundi 11 mai.")[2] == "2026-05-11"


def test_without_tense_the_nearest_occurrence_wins() -> None:
    assert one("Le virus apparu en décembre inquiète.", date(2020, 5, 7))[2] == "2019-12"
    assert one("Les soldes de juillet approchent.")[2] == "2025-07"


def test_deadline_is_not_moved_by_the_tense() -> None:
    assert one("Le préfet a donné jusqu'au 30 juin aux élus.")[2] == "2025-06-30"


def test_year_after_a_preposition() -> None:
    assert one("La ligne a ouvert en 2019.") == ("2019", "DATE", "2019", None)


def test_years_joined_by_et() -> None:
    items = found("Les crues de 2016 et 2018 ont marqué la vallée.")
    assert [x[2] for x in items] == ["2016", "2018"]


def test_counts_are_not_years() -> None:
    assert found("Le garage a vendu 1500 voitures et les résolutions 1718, 1874 restent.") == []
    assert found("Une armée de 2000 soldats attend.") == []


def test_end_of_month_with_year() -> None:
    assert one("La crise a éclaté fin février 2022.") == (
        "fin février 2022", "DATE", "2022-02", "END")


def test_end_of_month_without_year() -> None:
    assert one("Fin avril, le club a changé d'entraîneur.") == (
        "Fin avril", "DATE", "2025-04", "END")


def test_middle_of_year_excludes_a_la() -> None:
    assert one("Le chantier a commencé à la mi-2024.") == ("mi-2024", "DATE", "2024", "MID")


def test_start_of_month() -> None:
    assert one("Début mars, les pluies ont cessé.")[1:] == ("DATE", "2025-03", "START")


def test_day_range_gives_the_first_day_its_month() -> None:
    assert [x[2] for x in found("Le festival a eu lieu du 12 au 14 avril.")] == [
        "2025-04-12", "2025-04-14"]


def test_out_of_range_day_keeps_the_span_without_value() -> None:
    items = tag("La réunion du 31 février a été annulée.", PUB)
    assert len(items) == 1 and items[0].value is None and items[0].reason
    assert tag("Le 45 mai est une date inventée.", PUB)[0].value is None


def test_numeric_date() -> None:
    assert one("Le décret du 05/03/2024 s'applique.")[2] == "2024-03-05"


def test_decade_and_century() -> None:
    assert one("Le quartier a été bâti dans les années 60.")[2] == "196X"
    assert one("Une église du XIXe siècle a brûlé.")[2] == "18XX"


def test_planet_mars_is_not_a_month() -> None:
    assert found("La sonde a enfin atterri sur Mars hier.") == [
        ("hier", "DATE", "2025-06-17", None)]


# -- weekdays and relative days ---------------------------------------------------------

def test_weekday_in_a_past_clause_is_the_last_one() -> None:
    assert one("Vendredi, les syndicats ont manifesté.")[2] == "2025-06-13"


def test_weekday_in_a_future_clause_is_the_next_one() -> None:
    assert one("Vendredi, les syndicats manifesteront.")[2] == "2025-06-20"


def test_weekday_with_dernier_and_prochain() -> None:
    assert one("Le vote a eu lieu lundi dernier.")[2] == "2025-06-16"
    assert one("Le vote aura lieu lundi prochain.")[2] == "2025-06-23"


def test_relative_days() -> None:
    assert [x[2] for x in found("Hier il pleuvait, aujourd'hui il vente, demain il neigera.")] == [
        "2025-06-17", "2025-06-18", "2025-06-19"]


def test_weekday_evening_is_a_time() -> None:
    assert one("Le match a été joué mardi soir.") == ("mardi soir", "TIME", "2025-06-17TEV", None)


def test_last_week_next_month_last_year() -> None:
    assert one("La grève a duré la semaine dernière.")[2] == "2025-W24"
    assert one("Le magasin ouvrira le mois prochain.")[2] == "2025-07"
    assert one("Les ventes ont chuté l'an dernier.")[2] == "2024"
    assert one("Les ventes ont chuté l'année dernière.")[2] == "2024"
    assert one("Les ventes montent cette année.")[2] == "2025"


def test_years_ago() -> None:
    assert one("L'usine a fermé il y a trois ans.")[2] == "2022"


# -- seasons ----------------------------------------------------------------------------

def test_this_summer() -> None:
    assert one("Cet été, la piscine restera ouverte.")[1:] == ("DATE", "2025-SU", None)


def test_ete_as_a_participle_is_not_summer() -> None:
    assert found("Le pont a été fermé et les routes ont déjà été coupées.") == []


def test_season_name_used_as_an_adjective_is_not_a_date() -> None:
    assert found("Les sports d'hiver attirent les familles.") == []


# -- durations --------------------------------------------------------------------------

def test_duration_in_words() -> None:
    assert one("Les travaux ont pris trois mois.") == ("trois mois", "DURATION", "P3M", None)


def test_approximate_duration_span_starts_at_the_approximator() -> None:
    assert one("Il est venu trois fois en l'espace d'environ trois mois.") == (
        "environ trois mois", "DURATION", "P3M", "APPROX")


def test_more_and_less_than() -> None:
    assert one("La ligne est fermée depuis plus de 30 ans.")[2:] == ("P30Y", "MORE_THAN")
    assert one("Le chantier a duré moins de deux semaines.")[2:] == ("P2W", "LESS_THAN")


def test_round_number_noun() -> None:
    assert one("Le procès a duré une dizaine de jours.")[2:] == ("P10D", "APPROX")


def test_clock_duration() -> None:
    assert one("La panne a duré 48 heures.")[1:3] == ("DURATION", "PT48H")


def test_vague_duration() -> None:
    assert one("Les négociations ont duré plusieurs années.")[2] == "PXY"


def test_age_is_not_a_duration() -> None:
    assert found("Jean, 45 ans, a été interpellé.") == []
    assert found("Un homme âgé de 62 ans a disparu.") == []


# -- times of day -----------------------------------------------------------------------

def test_clock_time_takes_the_publication_day_by_default() -> None:
    assert one("La conférence commence à 9h30.") == ("9h30", "TIME", "2025-06-18T09:30", None)


def test_clock_time_takes_the_day_of_its_sentence() -> None:
    assert [x[2] for x in found("Hier, le train est parti à 14H00.")] == [
        "2025-06-17", "2025-06-17T14:00"]


def test_approximate_clock_time() -> None:
    assert one("Le feu a pris vers 15 h 30.")[2:] == ("2025-06-18T15:30", "APPROX")


def test_hours_without_a_cue_are_a_duration_not_a_clock() -> None:
    assert one("La grève a duré 15 heures.")[1] == "DURATION"


# -- sets and vague references ----------------------------------------------------------

def test_sets() -> None:
    assert one("Le salon se tient chaque année.")[1:3] == ("SET", "P1Y")
    assert one("Le marché a lieu tous les jeudis.")[1:3] == ("SET", "XXXX-WXX-4")


def test_present_past_future_references() -> None:
    assert one("Le site est actuellement fermé.")[2] == "PRESENT_REF"
    assert one("Le village vivait autrefois de la pêche.")[2] == "PAST_REF"
    assert one("Le musée rouvrira bientôt.")[2] == "FUTURE_REF"
    assert one("Nous n'avions pas de réponse au moment de la publication.")[2] == "PRESENT_REF"


def test_gerund_maintenant_is_not_now() -> None:
    assert found("Il a gagné en maintenant la pression.") == []


# -- without a publication date ---------------------------------------------------------

def test_relative_day_without_reference_has_a_reason() -> None:
    items = tag("Hier, la neige est tombée.", None)
    assert items[0].value is None and items[0].reason


def test_day_and_month_without_reference_is_left_without_year() -> None:
    assert one("Le 17 juin, le pont a rouvert.", None)[2] == "XXXX-06-17"


# -- robustness -------------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 hmaijuner-'’,.éàfinmoisanslundi")),
               max_size=80))
def test_any_text_gives_spans_inside_the_text(text: str) -> None:
    for t in tag(text, PUB):
        assert 0 <= t.span[0] < t.span[1] <= len(text)
        assert t.value is not None or t.reason


# -- the spaCy component ----------------------------------------------------------------

@pytest.fixture(scope="module")
def analysed() -> tuple[str, list[TimeExpr]]:
    from selon.analyse import pipeline

    text = ("Le 12 mai, la mairie a voté le budget.\n"
            "Soutenez notre journal dès aujourd'hui : faites un don depuis 2020.\n")
    return text, pipeline.analyze_one(Article(id="t", text=text, published=PUB)).times


def test_component_writes_times_with_ids(analysed: tuple[str, list[TimeExpr]]) -> None:
    text, times = analysed
    assert [(t.id, text[t.span[0]:t.span[1]], t.value) for t in times][:1] == [
        ("t1", "12 mai", "2025-05-12")]


def test_component_skips_boilerplate_lines(analysed: tuple[str, list[TimeExpr]]) -> None:
    text, times = analysed
    assert all(t.span[1] <= text.index("\n") for t in times)


# -- ranges, two-digit years, nights, anchored days --------------------------------------

def test_month_ranges_give_two_dates() -> None:
    assert [x[:3] for x in found("Le recensement de mars-avril a été publié.")] == [
        ("mars", "DATE", "2025-03"), ("avril", "DATE", "2025-04")]
    assert [x[2] for x in found("Les fermetures de juillet/août inquiètent.")] == [
        "2025-07", "2025-08"]


def test_second_year_of_a_hyphenated_range() -> None:
    assert [x[2] for x in found("Sur la période 1982-1990, la ville a grandi.")] == [
        "1982", "1990"]


def test_two_digit_years_after_a_year_preposition() -> None:
    items = found("Deux ruptures en 97, rien en 98.", date(1999, 7, 29))
    assert [x[2] for x in items] == ["1997", "1998"]
    assert one("Le stade est fermé depuis 98.")[2] == "1998"
    assert one("La crise de 08, elle, a tout emporté.")[2] == "2008"


def test_two_digit_numbers_that_are_counts_are_not_years() -> None:
    assert found("Le groupe est passé de 45 à 50 membres.") == []
    assert found("Ils étaient au nombre de 21, tous bénévoles.") == []
    assert one("Le gâteau cuit en 25 minutes.")[1] == "DURATION"


def test_night_of_a_weekday_is_a_time() -> None:
    assert one("Dans la nuit de lundi à mardi, des vitres ont été brisées.") == (
        "la nuit de lundi à mardi", "TIME", "2025-06-16TNI", None)
    assert one("L'incendie a éclaté dans la nuit de samedi.")[1:3] == ("TIME", "2025-06-14TNI")
    assert one("Les faits ont eu lieu la nuit du 12 au 13 juin.")[1:3] == (
        "TIME", "2025-06-12TNI")


def test_clock_time_takes_the_day_it_is_written_with() -> None:
    assert found("Hier à 10 h, les délégués sont partis.") == [
        ("Hier", "DATE", "2025-06-17", None), ("10 h", "TIME", "2025-06-17T10:00", None)]
    assert found("Il a été blessé mardi vers 21 h 45, puis hier soigné.") == [
        ("mardi", "DATE", "2025-06-17", None),
        ("vers 21 h 45", "TIME", "2025-06-17T21:45", "APPROX"),
        ("hier", "DATE", "2025-06-17", None)]
    items = found("Les vols commis entre 0 h 30 et 4 h lundi ont été jugés hier.")
    assert [x[2] for x in items] == ["2025-06-16T00:30", "2025-06-16T04:00", "2025-06-16",
                                     "2025-06-17"]


def test_next_day_counts_from_the_date_before_it() -> None:
    items = found("Le 24 mars, il a été enlevé. Il s'est échappé le lendemain matin.")
    assert items[1] == ("lendemain matin", "TIME", "2025-03-25TMO", None)
    items = found("Le 3 mai, la crue a monté. La veille, il avait plu. "
                  "Le même jour, l'école a fermé.")
    assert [x[2] for x in items] == ["2025-05-03", "2025-05-02", "2025-05-02"]


def test_next_day_without_a_date_before_it_has_no_value() -> None:
    items = tag("Le lendemain, le maire a démissionné.", PUB)
    assert len(items) == 1 and items[0].value is None and items[0].reason
    items = tag("Hier, au lendemain de la démission du maire, le conseil a siégé.", PUB)
    assert [t.value for t in items] == ["2025-06-17", None] and items[1].reason
    # a paragraph break stops the search
    items = tag("Le 3 mai, la crue a monté.\nLa veille, il avait plu.", PUB)
    assert items[1].value is None


def test_part_of_day_takes_the_day_before_it() -> None:
    items = found("Le 24 mars, elle a passé la soirée chez un ami. Dans la nuit, il a fui.")
    assert [x[2] for x in items] == ["2025-03-24", "2025-03-24TNI"]
    items = found("Lundi, la grève a commencé. En fin d'après-midi, les trains ont repris.")
    assert items[1] == ("fin d'après-midi", "TIME", "2025-06-16TAF", "END")
    assert found("Il a passé la soirée chez un ami.") == []


def test_feasts_named_after_a_weekday_are_not_weekdays() -> None:
    assert found("L'accord du Vendredi Saint serait caduc.") == []
    assert found("Le défilé du Mardi gras attire la foule.") == []
    assert found("Le lundi de Pâques est férié.") == []


def test_compound_nouns_and_age_ranges_are_not_times() -> None:
    assert found("Le dîner ressemble à une fête de fin d'année.") == []
    assert found("Le stage est ouvert aux enfants de 2 à 8 ans.") == []
    assert found("Ce fut dur pour les moins de 17 ans.") == []
    assert one("Il encourt une peine de 2 à 8 ans de prison.")[2] == "P8Y"
    assert one("Fin d'année, le club a changé d'entraîneur.")[2:] == ("2025", "END")


def test_announced_events_in_the_present_are_ahead() -> None:
    # 2025-06-18 is a Wednesday
    assert found("Rendez-vous est fixé samedi à 8 h devant la mairie.") == [
        ("samedi", "DATE", "2025-06-21", None), ("8 h", "TIME", "2025-06-21T08:00", None)]
    assert one("Le match a lieu dimanche au stade.")[2] == "2025-06-22"
    assert one("Sochaux reçoit Auxerre samedi.")[2] == "2025-06-21"
    # a past clause still wins, and months keep the nearest occurrence
    assert one("Ils s'étaient donné rendez-vous samedi.")[2] == "2025-06-14"
    assert one("Les résultats de mars, qui devraient être affinés, sont parus.")[2] == "2025-03"


def test_pronominal_and_etre_compound_past() -> None:
    assert one("Les coureurs se sont rendus ce week-end à Saint-Gervais.")[2] == "2025-W24-WE"
    assert one("Il est arrivé vendredi à Paris.")[2] == "2025-06-13"
