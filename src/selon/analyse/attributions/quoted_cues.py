"""Statements quoted inside a quotation: "« Les autorités nous ont demandé la discrétion »,
a souligné X", "« Ses médecins disent que ... », a-t-il indiqué". The quoted speaker names a
third party who said something; that party is the source of a statement of its own, and
the one who quotes it is its relay (``via``, set where nested statements are settled).

Only a noun or a name inside the same quotation, the verb's subject before it, makes such
a statement (never "je", "nous" or a pronoun whose antecedent lies outside the quotation),
and its content stops at the closing quotation mark.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.relative import Inner
from selon.analyse.attributions.source import plausible_source, subject_np
from selon.analyse.attributions.speakers import TokRange, trim

_SUBJECT_POS = frozenset({"NOUN", "PROPN"})
_SPEAKER_TYPES = frozenset({"PER", "ORG"})
_THOUGHTS = frozenset({"opinion"})


def _speaker(ctx: Context, subj: Token) -> bool:
    """A person or an organisation, by name or by one of the lexicon's speaker nouns (a
    country speaking through the quoted official is that official's own voice)."""
    if norm_word(subj.lemma_) in ctx.lex.speaker_nouns or norm_word(subj.text) in \
            ctx.lex.speaker_nouns:
        return True
    return subj.ent_type_ in _SPEAKER_TYPES or ctx.entities.type_at(
        (subj.idx, subj.idx + len(subj))) in _SPEAKER_TYPES


def find_quoted_cues(ctx: Context, sent: TokRange) -> list[Inner]:
    from selon.analyse.attributions.verbs import quoted_content  # verbs imports our stage

    doc = ctx.doc
    out: list[Inner] = []
    for i in range(*sent):
        if ctx.pos[i] != "VERB":
            continue
        q = ctx.quotes.containing(doc[i].idx)
        if q is None:
            continue
        verb = doc[i]
        if verb.dep_ == "acl:relcl" or set(verb.morph.get("Person", [])) & {"1", "2"} or any(
                "Rel" in c.morph.get("PronType", []) for c in verb.lefts):
            continue  # "la dernière chose que X souhaite", "je conseille"
        subj = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ not in _SUBJECT_POS or subj.left_edge.idx < q.inner[0] \
                or not _speaker(ctx, subj):
            continue
        lead = subj.left_edge.i - 1
        if lead >= sent[0] and norm_word(doc[lead].text) in ctx.lex.que_words:
            continue  # "la dernière chose que X souhaite": X's wish is not reported here
        found = quoted_content(ctx, sent, verb)
        if found is None or found[0].stance in _THOUGHTS:
            continue  # "le président pensait que ...": a guess at a thought, not a report
        cue, cue_chars, (content, kind) = found
        source = ctx.party(subject_np(ctx, subj, sent))
        if source is None or not plausible_source(ctx, source) or source.span[0] < q.inner[0]:
            continue
        a, b = content[0], min(content[1], q.inner[1])
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is None or b <= a or a < q.inner[0]:
            continue
        t = trim(doc, span.start, span.end)
        if t[0] >= t[1]:
            continue
        content = ctx.chars(t)
        kind = "mixed" if ctx.quote_inside(content) else "indirect"
        f = Found(kind, content, cue_chars, cue.lemma, source, cue.stance, anchor=i)
        out.append(Inner(f, cue_chars[0]))
    return out
