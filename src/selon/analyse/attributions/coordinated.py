"""A second participle cue coordinated with a first one: one speaker, two statements.

"..., lui reprochant de nier les faits et le traitant de « menteur »": the speaker of
"reprochant" also speaks through "traitant", a second record with its own content (what
its complement says), and the first content stops before "et". The second participle is
found by its form (a word in -ant after "et" and object clitics, whose verb is a cue with
a content complement), as the tagger often takes it for a noun.
"""

from __future__ import annotations

from selon.analyse.attributions.complements import prep_content
from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.speakers import TokRange, trim

_MAX_CLITICS = 2  # object pronouns between "et" and the participle ("et le", "et leur")


def coordinated_participles(ctx: Context, sent: TokRange, verbal: list[Found]) -> list[Found]:
    """The statements of participles coordinated with the participle cues of ``verbal``
    (whose contents are cut before the conjunction)."""
    doc = ctx.doc
    out: list[Found] = []
    anchors = {f.anchor for f in verbal}
    for f in verbal:
        if f.source is None or not doc[f.anchor].text.lower().endswith("ant"):
            continue
        span = doc.char_span(f.content[0], f.content[1], alignment_mode="expand")
        if span is None:
            continue
        for j in range(span.start, span.end - 1):
            if doc[j].pos_ != "CCONJ" or ctx.in_quote(doc[j]):
                continue
            k = j + 1
            while k < span.end and k - j <= _MAX_CLITICS and \
                    norm_word(doc[k].text) in ctx.lex.object_clitics:
                k += 1
            w = doc[k]
            low = norm_word(w.text)
            if k >= span.end or k in anchors or not low.endswith("ant"):
                continue
            lemma = low[:-3] + "er"
            cue = ctx.lex.verb(lemma)
            comp = prep_content(ctx, sent, lemma, k + 1) if cue is not None else None
            if cue is None or comp is None:
                continue
            a, b = trim(doc, *comp)
            if a >= b:
                continue
            content = ctx.chars((a, b))
            q = ctx.quotes.containing(content[0])
            if q is not None and q.inner == content:  # 'le traitant de « menteur »'
                kind = "direct"
            else:
                kind = "mixed" if ctx.quote_inside(content) else "indirect"
            conj = doc[j].idx
            for g in verbal:  # every content that ran over the conjunction stops there
                if g.content[0] < conj < g.content[1]:
                    g.content = ctx.chars(trim(doc, _token(ctx, g.content[0]), j))
                    if not ctx.quote_inside(g.content) and g.kind == "mixed":
                        g.kind = "indirect"
            out.append(Found(kind, content, (w.idx, w.idx + len(w)), lemma, f.source,
                             cue.stance, list(f.via), anchor=k, pronoun=f.pronoun))
            break
    return out


def _token(ctx: Context, pos: int) -> int:
    span = ctx.doc.char_span(pos, pos + 1, alignment_mode="expand")
    return span.start if span is not None else 0
