"""Synthetic analyses of realistic size, for store tests and benchmarks (no spaCy needed).

``synthetic(i)`` is deterministic: the same ``i`` and ``seed`` always give the same
Analysis (and so the same article id), which the crash test relies on.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

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

NAMES = [
    ("Sergueï Choïgou", "PER"), ("Volodymyr Zelensky", "PER"), ("Kim Jong-un", "PER"),
    ("Emmanuel Macron", "PER"), ("Élisabeth Borne", "PER"), ("Ursula von der Leyen", "PER"),
    ("Antonio Guterres", "PER"), ("Mme Françoise Dupré", "PER"), ("TASS", "ORG"),
    ("Agence France-Presse", "ORG"), ("Reuters", "ORG"), ("l'ONU", "ORG"), ("Kremlin", "ORG"),
    ("OTAN", "ORG"), ("Koursk", "LOC"), ("Pyongyang", "LOC"), ("Kiev", "LOC"),
    ("Bruxelles", "LOC"), ("Genève", "LOC"), ("Moscou", "LOC"),
]
_PROSE = ("les soldats ont été déployés dans la région selon des sources militaires "
         "le gouvernement a annoncé une nouvelle série de mesures après la réunion "
         "des ministres qui se sont retrouvés pour discuter de la situation sur le front "
         "où les combats se poursuivent malgré les appels au cessez-le-feu")
WORDS = _PROSE.split()
CUES = [("a déclaré", "déclarer"), ("a affirmé", "affirmer"), ("a indiqué", "indiquer"),
        ("a démenti", "démentir"), ("selon", "selon")]
KINDS = ["direct", "indirect", "mixed", "according_to"]
STANCES = ["assert", "assert", "assert", "reject", "deny", "fear"]
OUTLETS = ["Le Monde", "Le Figaro", "Libération", "France 24", "Ouest-France", None]


class _Text:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.n = 0

    def add(self, s: str) -> Span:
        self.parts.append(s)
        start = self.n
        self.n += len(s)
        return (start, self.n)

    def text(self) -> str:
        return "".join(self.parts)


def synthetic(i: int, *, seed: int = 0, size: int = 3000, attributions: int = 10,
              mentions: int = 30) -> Analysis:
    """Article number ``i``: about ``size`` characters, ``attributions`` attributions
    (each with a source, a cue and a relay) and ``mentions`` entity mentions."""
    rnd = random.Random(seed * 1_000_003 + i)
    t = _Text()
    title = f"Dépêche n°{i} : " + " ".join(rnd.choices(WORDS, k=6))
    t.add(title + "\n")
    lines: list[Line] = [Line((0, len(title)), "heading")]
    picked = rnd.sample(NAMES, 10)
    ents = [Entity(f"E{k + 1}", name.removeprefix("Mme "), kind) for k, (name, kind)
            in enumerate(picked)]
    mention_spans: list[tuple[int, Span]] = []
    attrs: list[Attribution] = []
    quants: list[Quantity] = []
    times: list[TimeExpr] = []
    per_sentence = max(1, mentions // max(1, attributions))
    line_start = t.n
    for s in range(max(attributions, 1)):
        # a sentence: "<Source> <cue> que <content with names, a number and a date>."
        k = rnd.randrange(len(ents))
        src_span = t.add(picked[k][0])
        mention_spans.append((k, src_span))
        t.add(" ")
        cue, lemma = rnd.choice(CUES)
        cue_span = t.add(cue)
        t.add(" que ")
        content_start = t.n
        t.add(" ".join(rnd.choices(WORDS, k=8)) + " ")
        for _ in range(per_sentence - 1):
            k2 = rnd.randrange(len(ents))
            mention_spans.append((k2, t.add(picked[k2][0])))
            t.add(" " + " ".join(rnd.choices(WORDS, k=5)) + " ")
        thousands = rnd.randint(2, 20)
        q_span = t.add(f"{thousands}.000")
        unit_span = t.add(" soldats") if s % 2 == 0 else None
        if unit_span:
            unit_span = (unit_span[0] + 1, unit_span[1])
        quants.append(Quantity(f"Q{s + 1}", (q_span[0], (unit_span or q_span)[1]),
                               float(thousands * 1000),
                               approx=bool(s % 3 == 0), unit="soldats" if unit_span else None,
                               unit_span=unit_span, role=rnd.choice(["deployed", None])))
        t.add(" depuis ")
        tm = t.add(rnd.choice(["fin avril", "mi-2024", "le 28 avril", "lundi"]))
        times.append(TimeExpr(f"T{s + 1}", tm, "DATE", f"2025-04-{rnd.randint(10, 28)}",
                              mod=rnd.choice([None, "END", "MID"])))
        content = (content_start, t.n)
        t.add(", ")
        relay = rnd.randrange(len(ents))
        via_span = t.add("selon " + picked[relay][0])
        via_span = (via_span[0] + 6, via_span[1])
        mention_spans.append((relay, via_span))
        t.add(". " + " ".join(rnd.choices(WORDS, k=size // (attributions or 1) // 10)) + ".")
        attrs.append(Attribution(
            id=f"A{s + 1}", kind=rnd.choice(KINDS), content=content, cue=cue_span,
            cue_lemma=lemma, source=Party(picked[k][0], src_span, ents[k].id),
            via=[Party(picked[relay][0], via_span, ents[relay].id)],
            stance=rnd.choice(STANCES), quantities=[f"Q{s + 1}"], times=[f"T{s + 1}"],
        ))
        if s % 3 == 2:
            lines.append(Line((line_start, t.n), "body"))
            t.add("\n")
            line_start = t.n
    if t.n > line_start:
        lines.append(Line((line_start, t.n), "body"))
    t.add("\n")
    credit = t.add("Avec AFP")
    lines.append(Line(credit, "credit", reason="credit_line", agency="AFP"))
    for k, span in mention_spans:
        ents[k].mentions.append(span)
    text = t.text()
    aid = hashlib.sha256(f"{seed}:{i}:{text}".encode()).hexdigest()[:16]
    article = Article(
        id=aid, text=text, published=date(2024, 1, 1) + timedelta(days=i % 540),
        published_from="flag", title=title, outlet=rnd.choice(OUTLETS),
        url=f"https://example.org/{seed}/{i}", source=f"synthetic/{i}.txt",
    )
    return Analysis(article=article, lines=lines, entities=[e for e in ents if e.mentions],
                    attributions=attrs, quantities=quants, times=times)


def expected_counts(analysis: Analysis) -> dict[str, int]:
    """How many rows each record table holds for this analysis (for integrity checks)."""
    return {
        "lines": len(analysis.lines),
        "entities": len(analysis.entities),
        "mentions": sum(len(e.mentions) for e in analysis.entities),
        "attributions": len(analysis.attributions),
        "attribution_via": sum(len(a.via) for a in analysis.attributions),
        "quantities": len(analysis.quantities),
        "times": len(analysis.times),
        "conflicts": len(analysis.conflicts),
    }
