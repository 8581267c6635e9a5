"""Name forms: a name split into comparable parts, in any script and any convention.

A :class:`NameForm` holds, for each word of a name, its ASCII transliteration (rigour,
which uses ICU), a convention-neutral spelling (the rules of ``lang/names.json``, so that
« Choïgou », « Shoigu » and « Schoigu » meet) and a consonant skeleton (for names written
in Arabic or Hebrew, where vowels are not written). Honorifics and titles are dropped;
organisation legal forms are replaced by rigour's comparable forms (« Limited » = « Ltd »).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache

from rigour.names import remove_org_types, remove_person_prefixes, replace_org_types_compare
from rigour.text.scripts import text_scripts
from rigour.text.translit import ascii_text, maybe_ascii

from selon import lang as langdata

_DATA = langdata.load_shared("names")
_SPELLING = [(re.compile(p), r) for p, r in _DATA["spelling"]]
_SKELETON = [(re.compile(p), r) for p, r in _DATA["skeleton"]]
ABJADS = frozenset(_DATA["abjad_scripts"])
HANGUL_SURNAMES: dict[str, str] = _DATA["hangul_surnames"]
PARTICLES = frozenset(_DATA["particles"])
HONORIFICS = frozenset(_DATA["honorifics"])
ORG_GENERIC = frozenset(_DATA["org_generic"])
GENERATIONS = frozenset(_DATA["generations"])
COMMON_WORDS = frozenset(_DATA["common_words"])

_SPLIT = re.compile(r"[^\w']+|_")
_ARABIC_ARTICLE = re.compile(r"^(al)(?=\w{3})")
# a syllable-final stop is voiceless in the usual romanisations: 택 is « taek », not « taeg »
_FINAL_STOP = re.compile(r"(?<!n)([gbd])$")
_STOPS = {"g": "k", "b": "p", "d": "t"}
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
# Han and kana are written without spaces: each character is one syllable of a name.
_DENSE = frozenset({"Han", "Hiragana", "Katakana"})


@dataclass(frozen=True)
class Part:
    """One word of a name."""

    ascii: str       # transliterated, lower case: "shoigu", "choigou"
    spelling: str    # convention-neutral spelling: "shoigu"
    skeleton: str    # consonants only: "shg"
    particle: bool   # "al", "bin", "de": compared, weighted down
    initial: bool = False  # one letter: « W. »
    digits: bool = False   # « 44 », « 2004-1 »
    # what word scores depend on, as one string (the matcher keeps scores by it)
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.ascii}\x1f{self.spelling}\x1f{self.skeleton}"
                                        f"\x1f{'i' if self.initial else ''}")


@dataclass(frozen=True)
class Variant:
    """A name's words as written, or with one adjacent pair written as one word."""

    parts: tuple[Part, ...]
    strict: bool          # joins syllables or a particle: spellings must agree
    joined: Part | None   # the word that is two words joined (None: as written)


@dataclass(frozen=True)
class NameForm:
    """A name ready to compare."""

    original: str
    parts: tuple[Part, ...]
    scripts: frozenset[str]
    kind: str  # PER, ORG, LOC or MISC

    @cached_property
    def abjad(self) -> bool:
        return bool(self.scripts & ABJADS)

    @cached_property
    def key(self) -> str:
        """Order-free key of the neutral spellings (blocking and exact joins)."""
        return " ".join(sorted(p.spelling for p in self.parts if not p.particle))

    @cached_property
    def ordered_key(self) -> str:
        """Key of the neutral spellings in the order written (« Michael Ryan » is not
        « Ryan Mitchell »)."""
        return " ".join(p.spelling for p in self.parts if not p.particle)

    @cached_property
    def initials(self) -> frozenset[str]:
        return frozenset(p.ascii for p in self.parts if p.initial)

    @property
    def empty(self) -> bool:
        return not self.parts

    @cached_property
    def generation(self) -> str:
        """« jr », « fils », « ii » ... when the name has one (after its first word)."""
        found = [p.ascii for p in self.parts[1:] if p.ascii in GENERATIONS]
        return found[-1] if found else ""

    @cached_property
    def variants(self) -> tuple[Variant, ...]:
        """The words, and the words with one adjacent pair written as one (« Jong Un » /
        « Jongun »); such a join of syllables (short words, as in Korean names) or of
        a particle must then agree in spelling: « Jongnam » is not « Yongnam »."""
        parts = self.parts
        out = [Variant(parts, False, None)]
        if 2 <= len(parts) <= 5:
            for i in range(len(parts) - 1):
                a, b = parts[i], parts[i + 1]
                if a.initial or b.initial:
                    continue
                # each word keeps its spelling: « Cheng He » is « shenghe », not « sheng »
                spelled = a.spelling + b.spelling
                joined = Part(ascii=a.ascii + b.ascii, spelling=spelled,
                              skeleton=skeleton(spelled), particle=False)
                # syllables, or a particle joined to a word (« Abdel » = « Abd al »)
                strict = (len(a.spelling) <= 4 and len(b.spelling) <= 4) or a.particle \
                    or b.particle
                out.append(Variant((*parts[:i], joined, *parts[i + 2:]), strict, joined))
        return tuple(out)

    @cached_property
    def units(self) -> tuple[Part, ...]:
        """Every word of :attr:`variants` once: the words and the joined pairs."""
        return self.parts + tuple(v.joined for v in self.variants if v.joined is not None)

    @cached_property
    def core(self) -> tuple[Part, ...]:
        """The parts that identify: no particles, no initials."""
        return tuple(p for p in self.parts if not p.particle and not p.initial)


def spelling(token: str) -> str:
    """The convention-neutral spelling of one ASCII lower-case token."""
    out = token.replace("'", "")
    for pattern, repl in _SPELLING:
        out = pattern.sub(repl, out)
    return out or token  # an initial « H » stays « h »


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The consonant skeleton of a neutral spelling."""
    out = token
    for pattern, repl in _SKELETON:
        out = pattern.sub(repl, out)
    return out or token[:1]


def _hangul_words(word: str) -> list[str]:
    """A Korean name in Hangul: the surname syllable in its usual romanisation, then
    each syllable of the given name (as in « Kim Jong Un »)."""
    syllables = [_FINAL_STOP.sub(lambda m: _STOPS[m.group(1)], maybe_ascii(ch).lower())
                 for ch in word]
    if len(syllables) < 2 or len(word) > 4:
        return ["".join(syllables)]
    return [HANGUL_SURNAMES.get(syllables[0], syllables[0]), *syllables[1:]]


def _words(text: str, kind: str = "PER") -> list[str]:
    """ASCII words of a name in any script."""
    out: list[str] = []
    for raw in _SPLIT.split(text):
        if not raw:
            continue
        if _HANGUL.fullmatch(raw):
            if kind == "PER":
                out.extend(_hangul_words(raw))
            else:
                out.append("".join(maybe_ascii(ch).lower() for ch in raw))
            continue
        scripts = text_scripts(raw)
        if scripts & _DENSE:
            out.extend(ascii_text(ch).lower() for ch in raw if ascii_text(ch).strip())
            continue
        if "Arabic" in scripts:
            raw = raw.replace("\u0629", "\u0627")  # ta marbuta is heard as « a »
        word = ascii_text(raw).lower()
        if not scripts <= {"Latin", "Common"}:
            word = word.replace("?", "")  # ayn, hamza: a letter with no ASCII form
        words = [w for w in _SPLIT.split(word) if w]
        if "Arabic" in scripts:
            # the article is written joined to the noun: الأسد is « al-Assad »
            words = [p for w in words for p in _ARABIC_ARTICLE.split(w, maxsplit=1) if p]
        out.extend(words)
    return out


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u2019", "'").replace("`", "'").replace("ʻ", "'").replace("ʼ", "'")


@lru_cache(maxsize=200_000)
def name_form(name: str, kind: str = "PER") -> NameForm:
    """Parse ``name`` (of type PER, ORG, LOC or MISC) into comparable parts."""
    text = _clean(name or "").strip()
    scripts = frozenset(text_scripts(text))
    light = PARTICLES
    if kind == "PER":
        text = remove_person_prefixes(text)
    elif kind == "ORG":
        typed = replace_org_types_compare(text.lower())
        light = ORG_GENERIC | (set(_words(typed)) - set(_words(remove_org_types(typed))))
        text = typed
    words = _words(text, kind)
    if kind == "PER":
        while len(words) > 1 and words[0] in HONORIFICS:
            words.pop(0)
    elif kind == "ORG" and len(words) > 1 and words[0] == "the":
        words.pop(0)
    parts = []
    for word in words:
        spelled = spelling(word)
        if not spelled:
            continue
        parts.append(Part(ascii=word, spelling=spelled, skeleton=skeleton(spelled),
                          particle=word in light, initial=len(word) == 1,
                          digits=not word.isalpha() and any(c.isdigit() for c in word)))
    return NameForm(original=name, parts=tuple(parts), scripts=scripts, kind=kind)


@cache
def unknown_script(name: str) -> bool:
    """True when a name has letters that transliterate to nothing readable."""
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return False
    out = ascii_text(name)
    return not any(ch.isalpha() for ch in out)
