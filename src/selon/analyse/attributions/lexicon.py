"""Reporting cues of one language, read from ``lang/<lang>/cues.json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property

from spacy.tokens import Doc

from selon import lang as langdata
from selon.errors import ConfigError


@dataclass(frozen=True)
class Cue:
    lemma: str
    stance: str = "assert"
    nominal: bool = False  # a noun-phrase object can be the content
    inverted_only: bool = False  # only as "« ... », a lancé X"
    words: tuple[str, ...] = ()  # fixed words after the verb (faire état)
    # what the verb's frames allow: "que", "inf", "inf:de", "obj_inf:à", "np" (cue_verbs.json)
    constructions: frozenset[str] = frozenset()
    leads: frozenset[str] = frozenset()  # prepositions before a locution's content (contre)
    clause: bool = True  # a que-clause or a clause after a colon can be its content


@dataclass(frozen=True)
class Trigger:
    words: tuple[str, ...]
    keep_from: int
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    opens_sentence: bool = False  # only as the sentence's first word ("Pour X, ...")
    needs_speaker: bool = False  # only before a person or an organisation
    places: bool = False  # a place's name is a speaker too ("aux yeux de la France")

@dataclass(frozen=True)
class Inversion:
    """Words of the inverted reporting clause: « ... », a par ailleurs dénoncé X."""

    auxiliaries: frozenset[str]
    reflexive_auxiliaries: frozenset[str]
    reflexives: frozenset[str]
    adverbials: tuple[tuple[str, ...], ...]
    modals: frozenset[str]
    reading_verbs: frozenset[str]
    document_preps: frozenset[str]
    not_verbs: frozenset[str]
    preps: frozenset[str]
    # prepositions that lead a phrase only with a bare noun: "par téléphone", while "par
    # le ministre" is an agent
    bare_preps: frozenset[str] = frozenset()

    @cached_property
    def adverbials_by_first(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The adverbials by their first word, longest first (as ``adverbials``)."""
        out: dict[str, list[tuple[str, ...]]] = {}
        for a in self.adverbials:
            out.setdefault(a[0], []).append(a)
        return {w: tuple(v) for w, v in out.items()}


def _inversion(data: dict[str, list[str] | list[list[str]]] | None) -> Inversion | None:
    if not data:
        return None

    def words(key: str) -> frozenset[str]:
        return frozenset(norm_word(str(w)) for w in data.get(key, []))

    return Inversion(
        words("auxiliaries"), words("reflexive_auxiliaries"), words("reflexives"),
        tuple(sorted((tuple(norm_word(w) for w in a) for a in data.get("adverbials", [])
                      if isinstance(a, list)), key=len, reverse=True)),
        words("modals"), words("reading_verbs"), words("document_preps"),
        words("not_verbs"), words("preps"), words("bare_preps"))


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Cue]
    multiword: dict[str, list[Cue]]  # verb lemma -> cues starting with it
    reflexive_only: frozenset[str]
    according_to: tuple[Trigger, ...]
    relay_participles: frozenset[str]
    relay_authors: frozenset[str]  # "un bilan établi par X": X made it, no relay
    relay_by: str
    quote_pairs: list[tuple[str, str]]
    que_words: frozenset[str]
    negation: frozenset[str]
    subject_pronouns: dict[str, str]
    stressed_pronouns: dict[str, str]
    impersonal: frozenset[str]
    name_stop_before: frozenset[str]
    time_words: frozenset[str]
    not_sources: frozenset[str] = frozenset()
    pronoun_gender: dict[str, str] = field(default_factory=dict)
    que_not_after: frozenset[str] = frozenset()
    speaker_nouns: frozenset[str] = frozenset()  # nouns that name a person or a body
    antecedent_nouns: frozenset[str] = frozenset()  # more nouns a pronoun may stand for
    reply_verbs: frozenset[str] = frozenset()  # "a-t-il répondu": not the latest speaker
    relative_words: frozenset[str] = frozenset()  # "qui", "dont": a relative clause
    object_clitics: frozenset[str] = frozenset()  # "leur", "lui": never the subject
    inversion: Inversion | None = None  # the shape of an inverted reporting clause
    # verb lemma -> (prepositions that lead its content, whether a noun phrase may follow,
    # whether they lead the content of its passive too)
    complements: dict[str, tuple[frozenset[str], bool, bool]] = field(default_factory=dict)
    # verb lemma -> words that lead what its bare participle says ("jugée X par Y")
    predicates: dict[str, frozenset[str]] = field(default_factory=dict)
    # ", lors de son discours": word groups and the nouns of the reporting occasion
    occasion_preps: tuple[tuple[str, ...], ...] = ()
    occasion_nouns: frozenset[str] = frozenset()
    occasion_series: frozenset[str] = frozenset()  # "une série de tweets"
    detached_relatives: frozenset[str] = frozenset()  # ", dont ...": not the content's
    quote_leads: frozenset[str] = frozenset()  # 'Mais "..."': still one direct quote
    # stances of nominal cues whose bare participle reports its noun ("critiqué par X")
    agent_stances: frozenset[str] = frozenset()
    agent_not: frozenset[str] = frozenset()  # "un statut reconnu par X": an act
    negated: dict[str, str] = field(default_factory=dict)  # "n'exclut pas": its stance
    causatives: frozenset[str] = frozenset()  # "fait craindre": an anonymous fear
    causative_stances: frozenset[str] = frozenset()
    comparatives: frozenset[str] = frozenset()  # "davantage contestée que": no clause
    not_reflexive: frozenset[str] = frozenset()  # "s'informer de": no cue
    object_predicates: frozenset[str] = frozenset()  # "a jugé la réforme \"injuste\""

    @cached_property
    def cue_forms(self) -> dict[tuple[int, int, str], bool]:
        """Whether a token may lead a cue, by the string ids of its lemma and text and its
        part of speech: filled as documents are read (``Context.cue_tokens``), so that
        each form of the vocabulary is looked up once per process."""
        return {}

    @cached_property
    def trigger_first(self) -> frozenset[str]:
        return frozenset(t.words[0] for t in self.according_to)

    @cached_property
    def triggers_by_first(self) -> dict[str, tuple[Trigger, ...]]:
        """The triggers of ``according_to`` by their first word, in their order."""
        out: dict[str, list[Trigger]] = {}
        for t in self.according_to:
            out.setdefault(t.words[0], []).append(t)
        return {w: tuple(ts) for w, ts in out.items()}

    def verb(self, lemma: str) -> Cue | None:
        return self.verbs.get(lemma)

    def present_verb(self, form: str) -> Cue | None:
        """The cue of a first-group present form that the lemmatizer left as it is or took
        for another word ("montre", "tablent"), the grave accent of its stem made acute or
        dropped as the infinitive has it ("complète" -> compléter, "relève" -> relever)."""
        for ending in _PRESENT_ENDINGS:
            if form.endswith(ending) and len(form) > len(ending):
                stem = form[: len(form) - len(ending)]
                for base in _infinitive_stems(stem):
                    cue = self.verb(base + "er")
                    if cue is not None:
                        return cue
                return None
        return None


_PRESENT_ENDINGS = ("ent", "es", "e")  # first-group present forms


def _infinitive_stems(stem: str) -> tuple[str, ...]:
    """The infinitive stems a present stem may stand for: itself, and with its last "è"
    as "é" (complèt- -> complét-) or "e" (relèv- -> relev-)."""
    i = stem.rfind("è")
    if i < 0:
        return (stem,)
    return stem, stem[:i] + "é" + stem[i + 1:], stem[:i] + "e" + stem[i + 1:]


def trigger_at(doc: Doc, lex: Lexicon, i: int, end: int,
               initial: bool = False) -> Trigger | None:
    """The "selon"-like trigger whose words start at token ``i`` (before ``end``), if any;
    a trigger that must open its sentence ("Pour X, ...") only when ``initial``."""
    first = norm_word(doc[i].text)
    if first not in lex.trigger_first:
        return None
    for trig in lex.triggers_by_first[first]:  # the others do not match their first word
        n = len(trig.words)
        if i + n > end or (trig.opens_sentence and not initial):
            continue
        if all(norm_word(doc[i + k].text) == w for k, w in enumerate(trig.words)):
            if trig.words[0] == "de" and (i + n >= end or doc[i + n].pos_ != "ADJ"):
                continue
            if i > 0 and norm_word(doc[i - 1].text) in trig.not_after:
                continue
            if i + n < len(doc) and norm_word(doc[i + n].text) in trig.not_before:
                continue
            return trig
    return None


def norm_word(text: str) -> str:
    """Lower-case form with typographic apostrophes made straight."""
    return text.lower().replace("’", "'")


@cache
def load_lexicon(lang: str) -> Lexicon:
    data = langdata.load(lang, "cues")
    try:
        verbs, reflexive = _lexicon_verbs(lang)
        verbs.update({
            lemma: Cue(lemma, v.get("stance", "assert"), bool(v.get("nominal")),
                       bool(v.get("inverted_only")),
                       constructions=verbs[lemma].constructions if lemma in verbs
                       else frozenset(), clause=v.get("clause", True) is not False)
            for lemma, v in data["verbs"].items()
        })
        multiword: dict[str, list[Cue]] = {}
        for m in data["multiword"]:
            cue = Cue(m["lemma"], m.get("stance", "assert"), bool(m.get("nominal")), False,
                      tuple(norm_word(w) for w in m["words"]),
                      leads=frozenset(norm_word(w) for w in m.get("leads", ())))
            multiword.setdefault(m["verb"], []).append(cue)
        triggers = tuple(
            Trigger(tuple(norm_word(w) for w in t["words"]), int(t["keep_from"]),
                    frozenset(norm_word(w) for w in t.get("not_after", [])),
                    frozenset(norm_word(w) for w in t.get("not_before", [])),
                    bool(t.get("opens_sentence")), bool(t.get("needs_speaker")),
                    bool(t.get("places")))
            for t in data["according_to"]
        )
        return Lexicon(
            verbs=verbs,
            multiword=multiword,
            reflexive_only=frozenset(data["reflexive_only"]) | (reflexive - set(data["verbs"])),
            according_to=tuple(sorted(triggers, key=lambda t: -len(t.words))),
            relay_participles=frozenset(data["relay"]["participles"]),
            relay_authors=frozenset(data["relay"].get("authors", [])),
            relay_by=data["relay"]["by_word"],
            quote_pairs=[(o, c) for o, c in data["quote_pairs"]],
            que_words=frozenset(norm_word(w) for w in data["que_words"]),
            negation=frozenset(norm_word(w) for w in data["negation"]),
            subject_pronouns=dict(data["subject_pronouns"]),
            stressed_pronouns=dict(data["stressed_pronouns"]),
            impersonal=frozenset(norm_word(w) for w in data["impersonal_pronouns"]),
            name_stop_before=frozenset(norm_word(w) for w in data["name_stop_before"]),
            time_words=frozenset(norm_word(w) for w in data["time_words"]),
            not_sources=frozenset(norm_word(w) for w in data.get("not_sources", [])),
            pronoun_gender=dict(data.get("pronoun_gender", {})),
            que_not_after=frozenset(norm_word(w) for w in data.get("que_not_after", [])),
            speaker_nouns=frozenset(norm_word(w) for w in data.get("speaker_nouns", [])),
            antecedent_nouns=frozenset(norm_word(w) for w in data.get("antecedent_nouns", [])),
            reply_verbs=frozenset(data.get("reply_verbs", [])),
            relative_words=frozenset(norm_word(w) for w in data.get("relative_words", [])),
            object_clitics=frozenset(norm_word(w) for w in data.get("object_clitics", [])),
            inversion=_inversion(data.get("inversion")),
            complements={lemma: (frozenset(norm_word(w) for w in c["preps"]), bool(c.get("noun")),
                                 bool(c.get("passive")))
                         for lemma, c in data.get("complements", {}).items()},
            predicates={lemma: frozenset(norm_word(w) for w in words)
                        for lemma, words in data.get("predicates", {}).items()},
            occasion_preps=tuple(sorted((tuple(norm_word(w) for w in p) for p in data.get(
                "occasions", {}).get("preps", [])), key=len, reverse=True)),
            occasion_nouns=frozenset(norm_word(w) for w in data.get(
                "occasions", {}).get("nouns", [])),
            occasion_series=frozenset(norm_word(w) for w in data.get(
                "occasions", {}).get("series", [])),
            detached_relatives=frozenset(norm_word(w) for w in data.get(
                "detached_relatives", [])),
            quote_leads=frozenset(norm_word(w) for w in data.get("quote_leads", [])),
            agent_stances=frozenset(data.get("agent_participles", {}).get("stances", [])),
            agent_not=frozenset(data.get("agent_participles", {}).get("not", [])),
            negated=dict(data.get("negated", {}).get("verbs", {})),
            causatives=frozenset(data.get("causatives", {}).get("verbs", [])),
            causative_stances=frozenset(data.get("causatives", {}).get("stances", [])),
            comparatives=frozenset(norm_word(w) for w in data.get("comparatives", {}).get(
                "words", [])),
            not_reflexive=frozenset(data.get("not_reflexive", {}).get("verbs", [])),
            object_predicates=frozenset(data.get("object_predicates", {}).get("verbs", [])),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(
            f"lang/{lang}/cues.json is malformed ({exc!r}); fix the data file"
        ) from exc


def _lexicon_verbs(lang: str) -> tuple[dict[str, Cue], set[str]]:
    """The verbs of ``lang/<lang>/cue_verbs.json`` (built from a verb-class lexicon) and
    those of them that are cues only with their reflexive pronoun; none when absent."""
    try:
        data = langdata.load(lang, "cue_verbs")
    except ConfigError:
        return {}, set()
    verbs = {
        lemma: Cue(lemma, v["stance"], bool(v.get("nominal")), bool(v.get("inverted_only")),
                   constructions=frozenset(v.get("constructions", ())))
        for lemma, v in data["verbs"].items()
    }
    return verbs, {lemma for lemma, v in data["verbs"].items() if v.get("reflexive")}
