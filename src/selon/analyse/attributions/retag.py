"""Present participles the tagger read as an adjective or a noun.

In a detached phrase after a comma or after "en" (its object clitic between: ", les
qualifiant de ..."), a word ending like a present participle whose verb is a reporting cue
is that verb: « ..., martelant sa volonté de ... » (tagged as an adjective of the noun
before it), « ..., les qualifiant de "mensonges" » (tagged as a noun). Its part of speech,
lemma and verb form are set to the participle's, so that every finder reads it as one;
the parse around it is left as the parser made it. The endings and the words that may
stand before it are data (cues.json "participle_forms").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, MorphAnalysis, Token

from selon import lang as langdata
from selon.analyse.attributions.lexicon import Lexicon, norm_word
from selon.analyse.tokens import with_labels
from selon.errors import ConfigError

_MISREAD = frozenset({"ADJ", "NOUN"})


@dataclass(frozen=True)
class Forms:
    endings: tuple[tuple[str, str], ...]  # participle ending -> infinitive ending
    leads: frozenset[str]  # what opens the detached phrase: ",", "en"
    clitics: frozenset[str]  # object pronouns between the lead and the participle
    impersonal_verbs: frozenset[str]  # whose "il" is impersonal (il faut, il y a)


@cache
def forms(lang: str) -> Forms:
    data = langdata.load(lang, "cues").get("participle_forms", {})
    try:
        return Forms(
            endings=tuple((a, b) for a, b in data.get("endings", [])),
            leads=frozenset(data.get("leads", [])),
            clitics=frozenset(norm_word(w) for w in data.get("clitics", [])),
            impersonal_verbs=frozenset(data.get("impersonal_verbs", [])),
        )
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"lang/{lang}/cues.json 'participle_forms' is malformed ({exc!r}); fix the data file"
        ) from exc


def retag_participles(doc: Doc, lex: Lexicon) -> None:
    f = forms(doc.lang_ or "fr")
    if not f.endings:
        return
    for i in with_labels(doc, pos=_MISREAD):
        tok = doc[i]
        lemma = _verb(norm_word(tok.text), f, lex)
        if lemma is not None and _detached(doc, tok, f):
            tok.pos_ = "VERB"
            tok.lemma_ = lemma
            tok.morph = MorphAnalysis(doc.vocab, {"Tense": "Pres", "VerbForm": "Part"})


def _detached(doc: Doc, tok: Token, f: Forms) -> bool:
    j = tok.i - 1
    if j >= 0 and norm_word(doc[j].text) in f.clitics:
        j -= 1
    return j >= 0 and norm_word(doc[j].text) in f.leads


def _verb(word: str, f: Forms, lex: Lexicon) -> str | None:
    for ending, base in f.endings:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            lemma = word[: -len(ending)] + base
            if lex.verb(lemma) is not None or lemma in lex.multiword:
                return lemma
    return None
