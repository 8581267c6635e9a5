"""How a statement's source was found, and the confidence that follows from it.

The finders mark a party at the point of decision when they know something the words alone
do not tell (a pronoun resolved, a name taken from an apposition, a quotation continued
from an earlier speaker); :func:`judge` reads the rest from the source's words. The
confidence is a function of ``how`` alone, fixed in :data:`CONFIDENCE` and monotone in
the evidence: a source named in the text scores above one reached through a title or a
description, which scores above a resolved pronoun, which scores above a guess.

======================  =====  ===========================================================
how                     conf.  the source is ...
======================  =====  ===========================================================
``corrected``           1.00   given by a reader who corrected the statement
``named``               0.90   a name in the reporting clause ("a déclaré Sergueï Choïgou")
``apposition``          0.85   the name in apposition to a title ("le ministre, M. X")
``title``               0.80   a title or noun linked to a named entity ("le ministre")
``described``           0.70   a definite description without a name ("la police")
``continued``           0.70   the speaker of the quotation this one continues
``pronoun``             0.55   a subject pronoun resolved to an earlier speaker ("a-t-il dit")
``selon_pronoun``       0.50   a stressed pronoun resolved to an earlier speaker ("selon lui")
``unnamed``             0.40   an indefinite description ("un responsable", "des sources")
``anonymous``           0.20   guessed or anonymous: no speaker in the text (passive, none)
======================  =====  ===========================================================

A record under :data:`WEAK_BELOW` is shown as weak, with its reason in words. The scale
rates how firmly a record ties a statement to a speaker a reader can identify: on the gold
sets (``bench/trust.py``) named sources are right 98% of the time and resolved pronouns
74%, while an unnamed source is read right but names nobody, hence its low score.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from selon.model import Party

if TYPE_CHECKING:
    from spacy.tokens import Doc

CONFIDENCE: dict[str, float] = {
    "corrected": 1.00,
    "named": 0.90,
    "apposition": 0.85,
    "title": 0.80,
    "described": 0.70,
    "continued": 0.70,
    "pronoun": 0.55,
    "selon_pronoun": 0.50,
    "unnamed": 0.40,
    "anonymous": 0.20,
}
HOWS: tuple[str, ...] = tuple(CONFIDENCE)
WEAK_BELOW = 0.6
ANONYMOUS_TEXT = "anonymous"  # the source text of an agentless passive (see verbs.py)

_REASONS: dict[str, str] = {
    "corrected": "given by a reader (corrected)",
    "named": "named in the reporting clause",
    "apposition": "name taken from an apposition",
    "title": "title or noun linked to a named entity",
    "described": "described, not named",
    "continued": "quotation continued from an earlier speaker",
    "pronoun": "pronoun resolved to {source}",
    "selon_pronoun": "« selon lui » resolved to {source}",
    "unnamed": "unnamed source (an indefinite description)",
    "anonymous": "no speaker in the text: guessed or anonymous",
}
_NAME_TYPES = frozenset({"PER", "ORG", "LOC", "MISC"})


def confidence(how: str | None) -> float | None:
    return CONFIDENCE.get(how) if how is not None else None


def is_weak(value: float | None) -> bool:
    return value is not None and value < WEAK_BELOW


def reason(how: str | None, source: str | None = None) -> str:
    """How the source was found, in words ("pronoun resolved to Sergueï Choïgou")."""
    if how is None:
        return "not recorded (analysed before sources were rated)"
    return _REASONS.get(how, how).format(source=source or "an earlier speaker")


def judge(doc: Doc, party: Party | None) -> str:
    """The ``how`` of a statement's source: the finder's mark, else read from its words."""
    if party is None or party.text == ANONYMOUS_TEXT:
        return "anonymous"
    if party.how is not None:
        return party.how
    span = doc.char_span(party.span[0], party.span[1], alignment_mode="expand")
    if span is None or len(span) == 0:
        return "named" if party.entity is not None else "described"
    if any(t.pos_ == "PROPN" or (t.ent_type_ in _NAME_TYPES and t.text[:1].isupper())
           for t in span):
        return "named"
    if party.entity is not None:
        return "title"
    root = span.root
    dets = [c for c in root.children if c.dep_ == "det"] or [
        t for t in span if t.pos_ == "DET"][:1]
    if any("Ind" in d.morph.get("Definite", []) for d in dets) or (
        not dets and "Plur" in root.morph.get("Number", [])
    ):
        return "unnamed"
    return "described"
