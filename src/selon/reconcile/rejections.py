"""Statements that answer another source's statement and go against it.

:func:`selon.reconcile.conflicts.find` calls :func:`find` with the article's records
(a :class:`Scene`). Five kinds of evidence, each giving a short ``why``:

- a relative denial (« ..., ce qu'a démenti X ») answers the statement whose content ends
  just before it, and nothing else;
- a denial and the accusation it answers, in either order (« X a nié avoir ... »,
  « Répondant aux accusations de Y selon lesquelles ... »), when the accusation names the
  denier or the two share words;
- a dismissal (« "Risible", a répondu X », « ces accusations ... sont fausses ») answers the
  statement of another source just before it;
- a rejection that names whose words it rejects (« a protesté contre les propos que X a
  tenus ») answers that source's earlier statement sharing most words with it;
- a statement marked as going against the one just before it, by another source
  (« Mais selon X, ... », « ... est pourtant liée à ... »).

The cue words are data (``lang/<code>/rejections.json``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from selon import lang as langdata
from selon.model import Analysis, Attribution
from selon.reasons import say
from selon.reconcile.words import any_of, content_words, normalise, party_key
from selon.store.keys import name_key

# How far back (in lines of the text) a rejection naming its target may look.
NAMED_LINES = 8
_DEMONSTRATIVES = frozenset({"ce", "cet", "cette", "ces"})
_GAP = re.compile(r"[\s,;:»”\"')(-]*")


@dataclass(frozen=True)
class Words:
    relative: tuple[str, ...]
    accusation_heads: frozenset[str]
    statement_heads: frozenset[str]
    dismissive: re.Pattern[str]
    replies: frozenset[str]
    markers: re.Pattern[str]
    openers: frozenset[str]
    answering: re.Pattern[str]


@cache
def words(lang: str = "fr") -> Words:
    data = langdata.load(lang, "rejections")
    return Words(
        relative=tuple(normalise(w) for w in data["relative_openers"]),
        accusation_heads=frozenset(data["accusation_heads"]),
        statement_heads=frozenset(data["statement_heads"]),
        dismissive=any_of(data["dismissive"]),
        replies=frozenset(data["reply_lemmas"]),
        markers=any_of(data["contrast_markers"]),
        openers=frozenset(data["contrast_openers"]),
        answering=re.compile(rf"(?:{'|'.join(map(re.escape, data['answering']))})\s*$"),
    )


@dataclass
class Scene:
    """One article's statements, in text order, with what the rules ask of them."""

    analysis: Analysis
    ats: list[Attribution]
    line: Callable[[Attribution], int]
    sentence: Callable[[Attribution], int]
    different: Callable[[Attribution, Attribution], bool]
    add: Callable[[Attribution, Attribution, str], None]
    who: Callable[[Attribution], str]
    opposing: frozenset[str]
    accusing: frozenset[str]
    lang: str = "fr"
    _mentions: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._mentions = {e.id: list(e.mentions) for e in self.analysis.entities}
        self._names = {e.id: e.name for e in self.analysis.entities}

    def name(self, at: Attribution) -> str:
        """Who made a statement: its entity's name when known, else the source's words."""
        if at.source and at.source.entity:
            entity = self._names.get(at.source.entity)
            said = at.source.text
            # « Emmanuel » or « L'opposant Alexeï » for Emmanuel Macron, Alexeï Navalny
            if entity and (said in entity or (len(entity.split()) > 1
                           and said.split()[-1:] == entity.split()[:1])):
                return entity
        return self.who(at)

    def content(self, at: Attribution) -> str:
        return self.analysis.article.text[at.content[0]:at.content[1]]

    def reach(self, at: Attribution) -> tuple[int, int]:
        """The words of a statement from its cue or content, whichever comes first, to
        the end of its content (« a accusé l'opposition de ... » names the accused)."""
        start = min(at.content[0], at.cue[0]) if at.cue else at.content[0]
        return start, max(at.content[1], at.cue[1] if at.cue else 0)

    def differ(self, x: Attribution, y: Attribution) -> bool:
        """Different sources: different words, and not one entity under two names."""
        same = x.source and y.source and x.source.entity and x.source.entity == y.source.entity
        return not same and self.different(x, y)

    def names(self, at: Attribution, other: Attribution,
              within: tuple[int, int] | None = None) -> bool:
        """Whether ``at`` names the source of ``other`` (its entity, or its words), in
        ``within`` (a span of the text) or anywhere from its cue to its content's end."""
        if other.source is None:
            return False
        lo, hi = within or self.reach(at)
        if other.source.entity:
            spans = self._mentions.get(other.source.entity, [])
            if any(lo <= s and e <= hi and not _inside(s, e, at) for s, e in spans):
                return True
        key = party_key(other.source.text)
        if len(key) < 3:
            return False
        own = at.source.span if at.source else (-1, -1)
        text = self.analysis.article.text
        region = name_key(text[lo:own[0]] + " " + text[own[1]:hi]) if lo <= own[0] < hi \
            else name_key(text[lo:hi])
        return re.search(rf"(?<!\w){re.escape(key)}(?!\w)", region) is not None


def _inside(s: int, e: int, at: Attribution) -> bool:
    """Whether a mention is the statement's own source (not a name it mentions)."""
    return at.source is not None and at.source.span[0] <= s and e <= at.source.span[1]


def relative(content: str, lang: str = "fr") -> bool:
    """Whether a content is a relative phrase pointing back (« ce qu'a démenti X »)."""
    norm = normalise(content)
    return any(norm.startswith(w) for w in words(lang).relative)


def points_at_accusation(content: str, lang: str = "fr") -> bool:
    """Whether a content points back at an accusation (« ces accusations »)."""
    return any(w.strip(",;:.") in words(lang).accusation_heads
               for w in normalise(content).split()[1:3])


def _heads(scene: Scene, at: Attribution, w: Words) -> list[tuple[int, int]]:
    """The spans just after each statement noun of a content (« les propos [que X a
    tenus] », « les affirmations [fausses de M. Trump] »), where whose words they are is said."""
    text = scene.analysis.article.text
    out = []
    for m in re.finditer(r"[\w'-]+", text[at.content[0]:at.content[1]]):
        word = normalise(m.group()).split("'")[-1]
        before = text[max(at.content[0], at.content[0] + m.start() - 2):at.content[0] + m.start()]
        if word in w.statement_heads and not before.lower().endswith("à "):  # « à propos »
            end = at.content[0] + m.end()
            out.append((end, min(at.content[1], end + 70)))
    return out


def dismissive(content: str, lang: str = "fr") -> bool:
    return words(lang).dismissive.search(normalise(content)) is not None


def _short(content: str) -> bool:
    return len(re.findall(r"\w+", content)) <= 4


def find(scene: Scene) -> None:
    """Add the conflicts of the five kinds to ``scene``."""
    w = words(scene.lang)
    scene.ats = sorted(scene.ats, key=lambda at: min(at.content[0], at.cue[0] if at.cue
                                                     else at.content[0]))
    dismissals = {at.id for at in scene.ats if dismissive(scene.content(at), scene.lang)}
    for i, r in enumerate(scene.ats):
        content = scene.content(r)
        if relative(content, scene.lang):
            if r.stance in scene.opposing:  # not « ce que souhaitent aussi ses proches »
                _relative(scene, r)
            continue
        if r.stance in scene.opposing:
            _accusation_after(scene, i, r)
        if r.id in dismissals:
            _dismissal(scene, i, r, w, dismissals)
        if r.stance in scene.opposing or r.id in dismissals:
            _named(scene, i, r, w)
        _contrast(scene, i, r, w)
        _answer(scene, i, r, w)


def _relative(scene: Scene, r: Attribution) -> None:
    text = scene.analysis.article.text
    for x in scene.ats:
        if x.id == r.id or x.content[1] > r.content[0] or not scene.differ(x, r):
            continue
        gap = text[x.content[1]:r.content[0]]
        if _GAP.fullmatch(gap) and "." not in gap:
            scene.add(x, r, say("conflict.denies_just_before", by=scene.name(r),
                                of=scene.name(x)))


def _accusation_after(scene: Scene, i: int, r: Attribution) -> None:
    if normalise(scene.content(r)).split()[:1] in (["ce"], ["cet"], ["cette"], ["ces"]):
        return  # « a rejeté ces accusations » points back, not at what follows
    mine = content_words(scene.content(r), scene.lang)
    for x in scene.ats[i + 1:]:
        if scene.line(x) - scene.line(r) > 1:
            break
        if x.stance not in scene.accusing or not scene.differ(x, r):
            continue
        shared = mine & content_words(scene.content(x), scene.lang)
        if scene.names(x, r) or len(shared) >= 2:
            scene.add(r, x, say("conflict.denies_then_accused", by=scene.name(r),
                                of=scene.name(x)))
            return


def _dismissal(scene: Scene, i: int, r: Attribution, w: Words, dismissals: set[str]) -> None:
    """« "Risible", a répondu X »: a short dismissal in answer, or one pointing back at
    « ces accusations », answers the statement of another source just before it."""
    content = scene.content(r)
    answering = (r.cue_lemma in w.replies or r.stance in scene.opposing) and _short(content)
    tokens = [t.strip(",;:.\"«»") for t in normalise(content).split()]
    pointer = next((b for a, b in pairwise(tokens)
                    if a in _DEMONSTRATIVES and b in w.statement_heads), None)
    if not (answering or pointer):
        return
    accusation = pointer in w.accusation_heads
    for x in reversed(scene.ats[:i]):
        if scene.line(r) - scene.line(x) > 1 or scene.sentence(r) - scene.sentence(x) > 1:
            break
        if (x.id in dismissals or x.stance in scene.opposing or not scene.differ(x, r)
                or (accusation and x.stance not in scene.accusing)):
            continue
        word = w.dismissive.search(normalise(content))
        scene.add(x, r, say("conflict.dismisses_as", by=scene.name(r), of=scene.name(x),
                            word=word.group()) if word else
                  say("conflict.dismisses", by=scene.name(r), of=scene.name(x)))
        return


def _named(scene: Scene, i: int, r: Attribution, w: Words) -> None:
    """« a protesté contre les propos que X a tenus »: the rejection names whose words it
    rejects; it answers that source's earlier statement sharing most words with it."""
    heads = _heads(scene, r, w)
    if not heads:
        return
    voice = set(content_words(scene.content(r), scene.lang))
    for d in scene.ats[i + 1:]:
        if scene.sentence(d) - scene.sentence(r) > 1:
            break
        if not scene.differ(d, r):
            voice |= content_words(scene.content(d), scene.lang)
    best: tuple[int, int, Attribution] | None = None
    for j, x in enumerate(scene.ats[:i]):
        if (scene.line(r) - scene.line(x) > NAMED_LINES or x.stance in scene.opposing
                or not scene.differ(x, r)
                or not any(scene.names(r, x, h) for h in heads)):
            continue
        name = content_words(x.source.text if x.source else "", scene.lang)
        shared = len((content_words(scene.content(x), scene.lang) - name) & voice)
        if shared and (best is None or (shared, j) > best[:2]):
            best = (shared, j, x)
    if best is not None:
        x = best[2]
        scene.add(x, r, say("conflict.rejects_naming", by=scene.name(r), of=scene.name(x)))


_RESOLVED = frozenset({"pronoun", "selon_pronoun"})  # a source found from a pronoun


def _contrast(scene: Scene, i: int, r: Attribution, w: Words) -> None:
    """« Mais selon X, ... » or « ... est pourtant liée à ... » right after another
    source's statement."""
    text = scene.analysis.article.text
    content = scene.content(r)
    mark = w.markers.search(normalise(content))
    marked = mark is not None
    start = min(r.content[0], r.cue[0] if r.cue else r.content[0])
    if r.source and r.source.span[1] <= start and r.how not in _RESOLVED and not re.search(
            r"[.!?:]\s|\n", text[r.source.span[0]:start]):
        start = r.source.span[0]  # « Mais les syndicats ont dit », not a pronoun's antecedent
    head = text[max(0, start - 40):start]
    cut = max(head.rfind(". "), head.rfind("\n"), head.rfind(": "))
    opener = normalise(head[cut + 1:] if cut >= 0 else head).strip(" ,«\"")
    opened = opener in w.openers and (cut >= 0 or start <= 40)
    if not (marked or opened):
        return
    mine = content_words(content, scene.lang)
    for x in reversed(scene.ats[:i]):
        if scene.sentence(r) - scene.sentence(x) > 1 or scene.line(r) - scene.line(x) > 1:
            break
        if x.stance in scene.opposing or not scene.differ(x, r):
            continue
        if marked and not opened and not mine & content_words(scene.content(x), scene.lang):
            continue
        cue = opener if opened else mark.group() if mark else ""
        scene.add(x, r, say("conflict.contradicts_before", by=scene.name(r),
                            of=scene.name(x), cue=cue))
        return


def _answer(scene: Scene, i: int, r: Attribution, w: Words) -> None:
    """« Répondant aux accusations de X selon lesquelles ..., Y a affirmé que ... »: the
    statement of the main clause answers the one the sentence opens with."""
    if r.cue is None:
        return
    text = scene.analysis.article.text
    before = normalise(text[max(0, r.cue[0] - 30):r.cue[0]])
    answering = w.answering.search(before)
    if not answering:
        return
    for x in scene.ats[i + 1:]:
        if scene.sentence(x) != scene.sentence(r):
            break
        if x.content[0] >= r.content[1] and scene.differ(x, r) and x.stance not in scene.accusing:
            scene.add(r, x, say("conflict.answers", by=scene.name(x), of=scene.name(r),
                                words=answering.group().strip()))
            return
