"""A detached participle or gerund after a reporting clause speaks with that clause's
speaker: "« ... », a poursuivi X, soulignant son rôle", "..., a-t-il critiqué, citant la
politique du gouvernement", "« ... », insiste-t-il en saluant « une chercheuse libre »".

The participle must follow the earlier statement's cue with no finite verb in between
(outside quotation marks): only the words of the reporting clause itself (its speaker, a
time, a place, the person addressed) stand between them. A participle after a content
that has a verb of its own ("X a dit que A, ajoutant ...") is left to the usual reading.
"""

from __future__ import annotations

from spacy.tokens import Token

from selon.analyse.attributions.context import Context, Found
from selon.analyse.attributions.lexicon import norm_word
from selon.analyse.attributions.participles import subject_party
from selon.analyse.attributions.source import incise_before, is_present_participle
from selon.analyse.tokens import is_finite
from selon.model import Party

_MAX_GAP = 25  # tokens between the earlier cue and the participle
_LEADS = frozenset({"en", "tout"})  # "en saluant", "tout en rappelant"
_CLOSE = " ,\u00a0\"»”"  # what may stand between a content and the conjunction after it


def shared_speaker(ctx: Context, verb: Token, earlier: list[Found]) -> Party | None:
    """The speaker ``verb`` (a present participle) shares with the closest statement of
    ``earlier`` whose cue comes before it in the same sentence, if it is detached."""
    doc = ctx.doc
    j = verb.i - 1
    while j >= 0 and norm_word(doc[j].text) in _LEADS:
        j -= 1
    if j < 0:
        return None
    # "« ... », insiste-t-il en saluant X": a gerund right after an inverted clitic subject
    glued = doc[j].text.startswith("-") and j + 1 < verb.i and \
        norm_word(doc[j].text[1:]) in ctx.lex.subject_pronouns and \
        norm_word(doc[j + 1].text) == "en"
    if doc[j].text != "," and not glued:
        return None
    best: Found | None = None
    for f in earlier:
        if f.source is None or f.cue is None or f.anchor >= verb.i:
            continue
        if best is None or f.anchor > best.anchor:
            best = f
    if best is None or verb.i - best.anchor > _MAX_GAP or best.anchor < verb.sent.start:
        return None
    for t in doc[best.anchor + 1:j]:
        if ctx.in_quote(t):
            continue
        if is_finite(t):
            return None
        if t.text in (";", ":", "(") or t.is_sent_start:
            return None
    cue = best.cue
    if cue is not None and cue[1] < best.content[0] < verb.idx:
        return None  # the content comes between: "a dit que A, ajoutant ..." (read as usual)
    return best.source


def coordinated_participle(ctx: Context, verb: Token, earlier: list[Found]) -> Party | None:
    """The speaker of a present participle coordinated with an earlier one whose content
    ends at the conjunction: "des manifestants réclamant X et dénonçant Y", "..., réclamant
    X, et dénonçant Y" (two statements, one speaker). None when there is no such one."""
    doc = ctx.doc
    j = verb.i - 1
    if j <= verb.sent.start or doc[j].pos_ != "CCONJ":
        return None
    for f in reversed(earlier):
        if f.source is None or f.cue is None or f.content[0] < f.cue[1] or \
                not verb.sent.start <= f.anchor < j or not is_present_participle(doc[f.anchor]):
            continue
        if f.content[1] <= doc[j].idx and not ctx.text[f.content[1]:doc[j].idx].strip(_CLOSE):
            return f.source
    return None


def split_subject(ctx: Context, sent: tuple[int, int], verb: Token) -> Party | None:
    """The subject of a past participle the parser cut off from its auxiliary by an
    adverbial ("Il a d'autre part averti que ...", "X s'est par ailleurs dit ...", "X a,
    dans un communiqué, appelé ..."): the subject of that auxiliary, when only adverbs,
    the lexicon's adverbials and an incise set off by commas stand between them."""
    inv = ctx.lex.inversion
    doc = ctx.doc
    if inv is None or "Part" not in verb.morph.get("VerbForm", []) or any(
            c.dep_.startswith("aux") and c.i == verb.i - 1 for c in verb.children):
        return None  # the parser kept them together
    j = verb.i - 1
    skipped = 0
    while j > sent[0]:
        words = _adverbial_before(ctx, j + 1)
        if words:
            j -= words
            skipped += words
        elif doc[j].pos_ == "ADV" and norm_word(doc[j].text) not in ctx.lex.negation:
            j -= 1
            skipped += 1
        elif (k := incise_before(ctx, sent, j)) is not None:
            skipped += j - k + 1  # "X a, dans un communiqué, appelé ..."
            j = k - 1
        else:
            break
    if not skipped or j <= sent[0]:
        return None
    aux = doc[j]
    if aux.lemma_ not in ("avoir", "être"):
        return None
    if norm_word(doc[j - 1].text) in inv.reflexives:
        j -= 1  # "s'est d'autre part dit"
    elif aux.lemma_ == "être":
        return None  # "La mesure est davantage contestée": a passive, its subject no speaker
    subj = next((c for c in aux.children if c.dep_ == "nsubj"), None) or next(
        (c for c in verb.lefts if c.dep_ == "nsubj" and c.i < j), None)
    if subj is None:
        prev = doc[j - 1]
        while prev.dep_ == "flat:name" and prev.head.i < prev.i:
            prev = prev.head  # "Hélène Corbin a ...": the whole name
        subj = prev if prev.pos_ in ("PRON", "NOUN", "PROPN") else None
    if subj is not None and subj.i >= j:
        return None
    return subject_party(ctx, subj, (sent[0], j))  # the parser may hang "a, mardi" on it


def _adverbial_before(ctx: Context, end: int) -> int:
    """How many words of one of the lexicon's adverbials end just before ``end``."""
    inv = ctx.lex.inversion
    if inv is None:
        return 0
    doc = ctx.doc
    for words in inv.adverbials:
        n = len(words)
        if end - n >= 0 and all(norm_word(doc[end - n + k].text) == w for k, w in enumerate(words)):
            return n
    return 0


_COORDINATORS = frozenset({"et", "mais", "puis"})
_MAX_COORDINATED = 40  # tokens between the shared auxiliary and the coordinator
_PAST_ENDINGS = ("é", "ée", "és", "ées", "it", "is", "u", "ue", "us")


def coordinated_subject(ctx: Context, sent: tuple[int, int], verb: Token) -> Party | None:
    """A past participle after "et" / "mais" with no auxiliary of its own shares the
    auxiliary of the compound verb before it, and so its subject: "X a accusé A de ... et
    menacé de ...", "Il n'a pas donné de détail, mais indiqué que ..." (the parser often
    hangs the second participle on a word of the first one's complement)."""
    doc = ctx.doc
    if "Part" not in verb.morph.get("VerbForm", []) or "Past" not in verb.morph.get(
            "Tense", []) or any(c.dep_.startswith("aux") for c in verb.children):
        return None
    j = verb.i - 1
    while j > sent[0] and doc[j].pos_ == "ADV" and norm_word(doc[j].text) not in ctx.lex.negation:
        j -= 1  # "et aussi menacé"
    if j <= sent[0] or norm_word(doc[j].text) not in _COORDINATORS or ctx.in_quote(doc[j]):
        return None
    for k in range(j - 1, max(sent[0], j - _MAX_COORDINATED) - 1, -1):
        t = doc[k]
        if ctx.in_quote(t):
            continue
        if t.text in (";", ":", "(") or norm_word(t.text) in ctx.lex.relative_words:
            return None
        if _bare_past(t) and doc[k - 1].pos_ not in ("AUX", "ADV"):
            return None  # "un homme arrêté et accusé": that participle is the pair
        if t.pos_ == "AUX" and t.lemma_ in ("avoir", "être") and t.dep_ != "aux:pass" and \
                "Fin" in t.morph.get("VerbForm", []):
            head = t.head
            if head.i == t.i or head.i >= j or not (
                    "Part" in head.morph.get("VerbForm", [])
                    or norm_word(head.text).endswith(_PAST_ENDINGS)):  # "n'a pas cité" (NOUN)
                return None
            if any(c.dep_ == "aux:pass" for c in head.children):
                return None  # "X a été arrêté et accusé de ...": a passive, not a speaker
            subj = next((c for c in head.children if c.dep_ == "nsubj" and c.i < t.i), None)
            if subj is None:
                prev = doc[k - 1] if k > sent[0] else None
                while prev is not None and prev.i > sent[0] and (
                        norm_word(prev.text) in ctx.lex.negation
                        or norm_word(prev.text) in ctx.lex.object_clitics):
                    prev = doc[prev.i - 1]  # "Il n'a", "Elle leur a"
                subj = prev if prev is not None and prev.pos_ in ("PRON", "NOUN", "PROPN") \
                    else None
            if subj is None or norm_word(subj.text) in ctx.lex.relative_words:
                return None
            return subject_party(ctx, subj, sent)
    return None


def _bare_past(t: Token) -> bool:
    """A past participle with no auxiliary of its own."""
    return t.pos_ in ("VERB", "ADJ") and "Part" in t.morph.get("VerbForm", []) and \
        "Past" in t.morph.get("Tense", []) and not any(
            c.dep_.startswith("aux") for c in t.children) and t.head.pos_ != "AUX"
