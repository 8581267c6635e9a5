"""Compiled patterns and maps for ``selon_quantities``, built from ``lang/<lang>/quantities.json``.

Every regular expression is compiled once per language; the scanner only calls
``match``/``search`` with positions into one line of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from selon import lang as langdata
from selon.errors import ConfigError

IC = re.IGNORECASE

# digits, maybe signed, maybe grouped; never glued to letters, hyphens, slashes or colons
_DIGITS = (
    r"(?:(?<=[\s(])[-−]|(?<![\w.,/:\-−]))"
    r"(?P<digits>\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?!\d)(?:,\d+)?|\d+(?:[.,]\d+)*)"
    r"(?![\w/]|-\w|[.,]\d|:\d)"
)


def _alt(words: list[str], *, escape: bool = True) -> str:
    items = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w) if escape else w for w in items)


@dataclass(frozen=True)
class QuantityRules:
    seed: re.Pattern[str]
    mult: re.Pattern[str]
    abbr: re.Pattern[str]
    link: re.Pattern[str]
    currency_after: re.Pattern[str]
    percent_after: re.Pattern[str]
    currency_before: re.Pattern[str]
    measure_after: re.Pattern[str]
    measure_before: re.Pattern[str]
    approx_before: re.Pattern[str]
    approx_bounds: tuple[str | None, ...]
    approx_after: re.Pattern[str]
    approx_after_bounds: tuple[str | None, ...]
    ident_before: re.Pattern[str]
    ident_before_cs: re.Pattern[str]
    ident_joiner: re.Pattern[str]
    year_before: re.Pattern[str]
    weekday_before: re.Pattern[str]
    month_after: re.Pattern[str]
    range_joiner: re.Pattern[str]
    scale_joiner: re.Pattern[str]
    name_before: re.Pattern[str]
    name_after: re.Pattern[str]
    decade_before: re.Pattern[str]
    not_plural_suffixes: tuple[str, ...]
    lemma_repairs: tuple[tuple[re.Pattern[str], str], ...]
    ellipsis_before: re.Pattern[str]
    ellipsis_max_gap: int
    scales: dict[str, float]
    abbreviations: dict[str, float]
    collectives: dict[str, int]
    vague: dict[str, int]
    currencies: dict[str, str]
    scaled_currencies: dict[str, str]
    prefixes: dict[str, str]
    lone_forbidden: frozenset[str]
    lone_ambiguous: frozenset[str]
    time_units: frozenset[str]
    year_range: tuple[int, int]
    link_words: frozenset[str]
    coordinators: frozenset[str]
    verbs_patient: dict[str, str]
    verbs_subject: dict[str, str]
    role_nouns: dict[str, str]
    role_joiners: dict[str, str]

    @classmethod
    def for_lang(cls, lang: str) -> QuantityRules:
        return _build(lang)

    def role_of_word(self, lemma: str, lower: str) -> str | None:
        """Role named by a participle or noun itself ("tués", "blessés", "morts", "cas")."""
        return (self.role_nouns.get(lower) or self.role_nouns.get(lemma)
                or self.verbs_patient.get(lemma) or self.verbs_subject.get(lemma))

    def lemmas(self, tok_lemma: str) -> list[str]:
        """The lemma and its repairs ("blessant" → "blesser")."""
        out = [tok_lemma]
        for pattern, repl in self.lemma_repairs:
            fixed = pattern.sub(repl, tok_lemma)
            if fixed != tok_lemma:
                out.append(fixed)
        return out

    def currency_code(self, surface: str, *, scaled: bool) -> str | None:
        key = " ".join(surface.split())
        for table in (self.currencies, self.scaled_currencies if scaled else {}):
            code = table.get(key) or table.get(key.lower())
            if code is None:
                code = next((c for k, c in table.items() if k.lower() == key.lower()), None)
            if code:
                return code
        return None


@cache
def _build(lang: str) -> QuantityRules:
    d: dict[str, Any] = langdata.load(lang, "quantities")
    try:
        return _compile(d)
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigError(
            f"lang/{lang}/quantities.json is invalid ({exc}); fix the data file") from exc


def _compile(d: dict[str, Any]) -> QuantityRules:
    words = _alt(d["number_words"])
    word_seq = (rf"(?<![\w-])(?P<words>(?:{words})"
                rf"(?:(?:\s+|-)(?:{words})|(?:\s+|-)et(?:\s+|-)(?:un|une|onze))*)(?![\w-])")
    vague = (rf"(?<!\w)(?P<vdet>{_alt(d['vague_determiners'])})\s+"
             rf"(?P<vcoll>{_alt(list(d['vague_collectives']))})"
             rf"(?:\s+d(?:e\s+|['’]\s*)(?P<vcoll2>{_alt(list(d['vague_collectives']))}))?(?!\w)")
    colls = _alt(list(d["collectives"]))
    un_coll = rf"(?<!\w)(?:une?)\s+(?P<ucoll>{colls})(?!\w)"
    seed = re.compile(f"{vague}|{un_coll}|{_DIGITS}|{word_seq}", IC)
    mult = re.compile(rf"\s+(?:(?P<coll>{colls})s?|(?P<scale>{_alt(list(d['scales']))}))(?!\w)", IC)
    cur_symbols = r"€|\$|£|¥"
    abbrs = _alt(list(d["scale_abbreviations"]))
    abbr = re.compile(rf"\s?(?P<abbr>{abbrs})(?=\s?(?:{cur_symbols}))")
    link = re.compile(r"\s+(?:de\s+|d['’]\s*)", IC)
    all_cur = list(d["currencies"]) + list(d["currencies_after_scale_only"])
    currency_after = re.compile(rf"\s*(?P<cur>{_alt(all_cur)})(?!\w)", IC)
    percent_after = re.compile(rf"\s*(?P<pct>{_alt(d['percent'], escape=False)})(?!\w)", IC)
    currency_before = re.compile(rf"(?P<cur>{_alt(list(d['currency_prefixes']))})\s?$")
    approx_groups = "|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(d["approximators"]))
    after_groups = "|".join(f"(?P<a{i}>{p})" for i, (p, _) in enumerate(d["approximators_after"]))
    approx_before = re.compile(rf"(?<!\w)(?:{approx_groups})\s*$", IC)
    numero = r"(?:\s*(?:n°|nº|no\.?|numéro))?"
    ident_before = re.compile(
        rf"(?<!\w)(?:{_alt(d['identifier_before'], escape=False)})\.?{numero}\s*$", IC)
    ident_before_cs = re.compile(
        rf"(?<!\w)(?:{_alt(d['identifier_before_case_sensitive'])})[\s-]*$")
    roles = d["roles"]
    units = "|".join(r"\s+".join(map(re.escape, u.split()))
                     for u in sorted(d["measure_units"], key=len, reverse=True))
    day_list = r"(?:\s*(?:au|et|à|-|–|,)\s*\d{1,2}(?:er)?)*"  # "3 au 5 juin", "3, 4 et 5 juin"
    return QuantityRules(
        seed=seed,
        mult=mult,
        abbr=abbr,
        link=link,
        currency_after=currency_after,
        percent_after=percent_after,
        currency_before=currency_before,
        measure_after=re.compile(rf"\s*(?P<mu>{units})(?![\w/²³])"),
        measure_before=re.compile(
            rf"(?<!\w)(?P<mu>{_alt(d['measure_units_before'])})(?:\s+de)?\s+$", IC),
        approx_before=approx_before,
        approx_bounds=tuple(b for _, b in d["approximators"]),
        approx_after=re.compile(rf"\s*,?\s*(?:{after_groups})(?!\w)", IC),
        approx_after_bounds=tuple(b for _, b in d["approximators_after"]),
        ident_before=ident_before,
        ident_before_cs=ident_before_cs,
        ident_joiner=re.compile(d["identifier_list_joiners"], IC),
        year_before=re.compile(rf"(?<!\w)(?:{_alt(d['year_before'], escape=False)})[\s-]*$", IC),
        weekday_before=re.compile(rf"(?<!\w)(?:{_alt(d['weekdays'])})\s+$", IC),
        month_after=re.compile(rf"{day_list}\s+(?:{_alt(d['months'])})\.?(?!\w)", IC),
        range_joiner=re.compile(d["range_joiner"], IC),
        scale_joiner=re.compile(d["scale_joiner"], IC),
        ellipsis_before=re.compile(d["ellipsis_before"], IC),
        name_before=re.compile(d["name_before"]),
        name_after=re.compile(d["name_after"]),
        decade_before=re.compile(d["decade_before"], IC),
        not_plural_suffixes=tuple(d["not_plural_suffixes"]),
        lemma_repairs=tuple((re.compile(a), b) for a, b in d["lemma_repairs"]),
        ellipsis_max_gap=int(d["ellipsis_max_gap"]),
        scales={k.lower(): float(v) for k, v in d["scales"].items()},
        abbreviations={k: float(v) for k, v in d["scale_abbreviations"].items()},
        collectives={k.lower(): int(v) for k, v in d["collectives"].items()},
        vague={k.lower(): int(v) for k, v in d["vague_collectives"].items()},
        currencies=dict(d["currencies"]),
        scaled_currencies=dict(d["currencies_after_scale_only"]),
        prefixes=dict(d["currency_prefixes"]),
        lone_forbidden=frozenset(w.lower() for w in d["lone_forbidden"]),
        lone_ambiguous=frozenset(w.lower() for w in d["lone_ambiguous"]),
        time_units=frozenset(d["time_units"]),
        year_range=(int(d["year_range"][0]), int(d["year_range"][1])),
        link_words=frozenset(d["unit_link_words"]),
        coordinators=frozenset(d["unit_coordinators"]),
        verbs_patient=dict(roles["verbs_patient"]),
        verbs_subject=dict(roles["verbs_subject"]),
        role_nouns=dict(roles["nouns"]),
        role_joiners=dict(d["role_joiners"]),
    )
