"""Texts for people that the analysis, the resolver and the ingest write: a code and its
values, and the English sentence made from them.

A :class:`Reason` is a ``str`` (its English text, the contract's ``why`` or ``reason``,
so every use of the text keeps working) that also keeps its machine form: a code of
:data:`TEMPLATES` and the values of its ``%(name)s`` fields (a value may be a Reason
itself, rendered in its place). The store and the JSON keep the machine form beside the
English text (:func:`machine`: JSON such as ``[{"code": "conflict.rejects", "args":
{...}}]``); the web pages render it again in the reader's language through the
interface's catalogues (``selon.web.i18n.said``), the templates below being their
message ids (``make messages`` extracts them). A text without a machine form (written
before, or by a finder that has none) stays as it is, in English.

Codes are stable: change an English template's wording and both catalogues follow from
``make messages``; change what a code means and give it a new code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any


def N_(message: str) -> str:
    """Marks a template for the interface's catalogues."""
    return message


# code -> English template (``%(name)s`` fields).
TEMPLATES: dict[str, str] = {
    # contradictions in one article (selon.reconcile.conflicts, .rejections, .verdicts)
    "conflict.rejects": N_("%(by)s rejects what %(of)s said"),
    "conflict.rejects_other_account": N_("%(by)s rejects the claim of %(of)s and gives "
                                         "another account"),
    "conflict.rejects_accusation": N_("%(by)s rejects the accusation of %(of)s"),
    "conflict.denies": N_("%(by)s denies what %(of)s said"),
    "conflict.figures": N_("%(a)s and %(b)s give different figures for the %(unit)s "
                           "%(role)s (%(x)s vs %(y)s)"),
    "conflict.accounts": N_("incompatible accounts: '%(x)s' (%(a)s) vs '%(y)s' (%(b)s)"),
    "conflict.denies_just_before": N_("%(by)s denies what %(of)s said just before "
                                      "(« ce que ... »)"),
    "conflict.denies_then_accused": N_("%(by)s denies what %(of)s then accuses them of"),
    "conflict.dismisses": N_("%(by)s dismisses what %(of)s said"),
    "conflict.dismisses_as": N_("%(by)s dismisses what %(of)s said ('%(word)s')"),
    "conflict.rejects_naming": N_("%(by)s rejects the words of %(of)s, naming them"),
    "conflict.contradicts_before": N_("%(by)s contradicts what %(of)s said just before "
                                      "('%(cue)s')"),
    "conflict.answers": N_("%(by)s answers what %(of)s said ('%(words)s' ...)"),
    "conflict.verdicts": N_("%(a)s and %(b)s judge the %(thing)s oppositely ('%(x)s' vs "
                            "'%(y)s')"),
    # contradictions across the articles of a story (selon.reconcile.across)
    "story.figures": N_("different figures for the %(unit)s %(role)s: %(x)s vs %(y)s"),
    "story.denies": N_("%(by)s denies it"),
    "story.says_contrary": N_("%(by)s says the contrary of %(of)s"),
    "story.says_none": N_("%(by)s says there was no %(what)s; %(other)s gives %(value)s "
                          "%(unit)s %(role)s"),
    "story.accounts": N_("incompatible accounts: '%(x)s' (%(a)s) vs '%(y)s' (%(b)s)"),
    "who.a_source": N_("a source"),
    "who.another": N_("another source"),
    "who.unnamed": N_("an unnamed source"),
    # the role of a count (selon.analyse.quantities): the words a figure is about
    "role.arrested": N_("arrested"),
    "role.deployed": N_("deployed"),
    "role.detained": N_("detained"),
    "role.displaced": N_("displaced"),
    "role.hospitalized": N_("hospitalized"),
    "role.infected": N_("infected"),
    "role.kidnapped": N_("kidnapped"),
    "role.killed": N_("killed"),
    "role.laid_off": N_("laid off"),
    "role.missing": N_("missing"),
    "role.protested": N_("protested"),
    "role.recovered": N_("recovered"),
    "role.recruited": N_("recruited"),
    "role.released": N_("released"),
    "role.rescued": N_("rescued"),
    "role.sent": N_("sent"),
    "role.sentenced": N_("sentenced"),
    "role.tested": N_("tested"),
    "role.treated": N_("treated"),
    "role.vaccinated": N_("vaccinated"),
    "role.withdrawn": N_("withdrawn"),
    "role.wounded": N_("wounded"),
    "role.or": N_("%(a)s or %(b)s"), "role.and": N_("%(a)s and %(b)s"),
    # why an entity joined a canonical entity (selon.resolve.canonical, .decisions)
    "join.by_hand": N_("merged by hand with « %(name)s »"),
    "join.split_by_hand": N_("split by hand from « %(name)s »"),
    "join.same_place": N_("same %(place)s"),
    "join.first_place": N_("first mention of the %(place)s"),
    "join.place": N_("%(role)s %(code)s (%(country)s)"),
    "join.government": N_("%(place)s, named for its government"),
    "join.no_words": N_("no comparable name words"),
    "join.same_key": N_("same name once transliterated: « %(key)s » = « %(name)s »"),
    "join.scored": N_("%(why)s (score %(score)s) with « %(name)s »"),
    "join.new": N_("new name"),
    "join.one_in_article": N_("« %(partial)s » has one candidate in the article: "
                              "« %(name)s »"),
    "join.one_in_story": N_("« %(partial)s » has one candidate in the story: « %(name)s »"),
    "join.partial_several": N_("partial name, several candidates in the article"),
    "join.partial_alone": N_("partial name, no full name in the article"),
    "join.partial_titles": N_("partial name, no full name in the article; several full "
                              "names carried its title"),
    "join.by_title": N_("« %(partial)s » is « %(title)s », the title of one full name of "
                        "the store: « %(name)s »"),
    "place.country": N_("country"), "place.capital": N_("capital"),
    "place.adjective": N_("adjective"),
    # how two names compare (selon.resolve.matcher), joined with "; "
    "match.unmatched": N_("%(word)s unmatched"),
    "match.met": N_("%(a)s=%(b)s (%(how)s)"),
    "match.order": N_("words in another order"),
    "match.extra": N_("extra: %(words)s"),
    "match.scripts": N_("across scripts %(scripts)s"),
    "match.empty": N_("empty name"),
    "match.same_place": N_("same %(role)s: %(country)s"),
    "match.other_place": N_("%(role)s %(code)s is not %(role2)s %(code2)s"),
    "match.initials": N_("initials differ: %(a)s / %(b)s"),
    "match.generation": N_("generation differs: %(a)s / %(b)s"),
    "match.below": N_("below %(needed)s"),
    "match.nothing": N_("nothing in common"),
    "how.same": N_("same"),
    "how.same_spelling": N_("same spelling across conventions"),
    "how.initial": N_("initial"),
    "how.same_consonants": N_("same consonants"),
    "how.o_u": N_("o/u vowel"),
    "how.close_consonants": N_("close consonants"),
    "how.close_spelling": N_("close spelling"),
    # why a watchlist entry was flagged (selon.resolve.screen)
    "flag.match": N_("%(pair)s: %(why)s"),
    "flag.countries": N_("its articles name %(codes)s"),
    "flag.no_country": N_("its articles name none of the entry's countries (%(codes)s)"),
    "flag.facts": N_("its articles: %(facts)s"),
    # what the query language read differently (selon.store.searchindex)
    "search.bad_syntax": N_("the query '%(query)s' is not valid syntax (a quote or a "
                            "parenthesis left open, AND or OR with nothing after it): its "
                            "words were searched as plain words"),
    # why an input was not stored (selon.ingest, selon.batch, the ingest queue)
    "ingest.no_such_input": N_("no such file or folder, and not an http(s) URL"),
    "ingest.no_such_file": N_("no such file"),
    "ingest.no_text": N_("the input holds no text"),
    "ingest.empty": N_("the input is empty"),
    "ingest.binary": N_("this looks like a binary file, not text or HTML"),
    "ingest.language_unknown": N_("could not tell the language of this text; give --lang fr "
                                  "to force it"),
    "ingest.language_other": N_("the text looks like '%(lang)s', which selon cannot analyse "
                                "yet (supported: %(supported)s); give --lang fr to force it"),
    "ingest.cannot_read": N_("cannot read the file: %(detail)s"),
    "fetch.status": N_("the server answered HTTP %(status)s; %(hint)s"),
    "fetch.login": N_("the page needs a login or refuses automated readers; save it from a "
                      "browser"),
    "fetch.gone": N_("the page does not exist (any more); check the URL"),
    "fetch.busy": N_("the server is busy or failing; retry later"),
    "fetch.check": N_("check the URL in a browser"),
    "ingest.not_feed": N_("not an RSS or Atom feed (%(why)s); give pages or files instead"),
    "ingest.json_invalid": N_("not valid JSON (%(detail)s)"),
    "ingest.json_not_object": N_("each line must be a JSON object with a \"text\" or "
                                 "\"html\" field"),
    "ingest.json_no_text": N_("no \"text\" or \"html\" field holding the article (a "
                              "non-empty string)"),
    "ingest.analysis_failed": N_("analysis failed: %(detail)s"),
    "ingest.not_stored": N_("not stored: %(detail)s"),
    "ingest.resolve_failed": N_("resolving their entities failed (%(detail)s); run 'selon "
                                "entities resolve'"),
    "job.unexpected": N_("unexpected error: %(detail)s"),
    "ingest.from_client": N_("%(n)s articles from a client"),
}


class Reason(str):
    """The English text of a code and its values, keeping both (see the module)."""

    parts: tuple[tuple[str, Mapping[str, Any]], ...]

    def __new__(cls, parts: Iterable[tuple[str, Mapping[str, Any]]],
                sep: str = "; ") -> Reason:
        kept = tuple((code, dict(args)) for code, args in parts)
        self = super().__new__(cls, sep.join(render(code, args) for code, args in kept))
        self.parts = kept
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # pickled across the analysis processes
        return (Reason, (self.parts,))


def render(code: str, args: Mapping[str, Any],
           template: Any = None) -> str:
    """One part as text: ``template(code) % args`` (English by default), Reason values
    rendered the same way."""
    pick = template or (lambda c: TEMPLATES[c])
    values = {k: (_again(v, pick) if isinstance(v, Reason) else v) for k, v in args.items()}
    return str(pick(code) % values) if values else str(pick(code))


def _again(value: Reason, pick: Any) -> str:
    return "; ".join(render(c, a, pick) for c, a in value.parts)


def say(code: str, /, **args: Any) -> Reason:
    """The Reason of ``code`` with these values (KeyError for an unknown code)."""
    if code not in TEMPLATES:
        raise KeyError(f"no reason template {code!r}")
    return Reason([(code, args)])


def _word(prefix: str, value: str | None) -> Any:
    """A code word (``killed``, ``capital``) as the Reason of ``prefix.value`` when it has a
    template, else as it is."""
    if value and f"{prefix}.{value}" in TEMPLATES:
        return say(f"{prefix}.{value}")
    return value


def place_word(role: str | None) -> Any:
    """The role of a place (``country``, ``capital``, ``adjective``)."""
    return _word("place", role)


HOW_CODES = {"same": "same", "same spelling across conventions": "same_spelling",
             "initial": "initial", "same consonants": "same_consonants",
             "o/u vowel": "o_u", "close consonants": "close_consonants",
             "close spelling": "close_spelling"}


def how_word(how: str) -> Any:
    """How two words of names met (selon.resolve.matcher.part_score)."""
    return _word("how", HOW_CODES.get(how, how))


def role_word(role: str | None) -> Any:
    """What happened to counted things (``killed``, ``killed_or_wounded``)."""
    if not role:
        return role
    if f"role.{role}" in TEMPLATES:
        return say(f"role.{role}")
    for joiner in ("or", "and"):
        left, sep, right = role.partition(f"_{joiner}_")
        if sep:
            a, b = role_word(left), role_word(right)
            if isinstance(a, Reason) and isinstance(b, Reason):
                return say(f"role.{joiner}", a=a, b=b)
    return role


def join(reasons: Iterable[str]) -> str:
    """Reasons one after the other ("; "): a Reason when every part is one."""
    items = list(reasons)
    if items and all(isinstance(r, Reason) for r in items):
        return Reason([p for r in items for p in r.parts])  # type: ignore[attr-defined]
    return "; ".join(items)


def _plain(value: Any) -> Any:
    if isinstance(value, Reason):
        return {"reason": _parts_json(value)}
    return value


def _parts_json(r: Reason) -> list[dict[str, Any]]:
    return [{"code": c, "args": {k: _plain(v) for k, v in a.items()}} for c, a in r.parts]


def machine(text: str | None) -> str | None:
    """The machine form of ``text`` (JSON), or None for a text that has none."""
    if not isinstance(text, Reason):
        return None
    return json.dumps(_parts_json(text), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))


def _from_json(items: Any) -> Reason | None:
    if not isinstance(items, list) or not items:
        return None
    parts = []
    for item in items:
        if not isinstance(item, dict) or item.get("code") not in TEMPLATES:
            return None
        args: dict[str, Any] = {}
        for k, v in (item.get("args") or {}).items():
            if isinstance(v, dict) and "reason" in v:
                inner = _from_json(v["reason"])
                if inner is None:
                    return None
                args[k] = inner
            else:
                args[k] = v
        parts.append((item["code"], args))
    try:
        return Reason(parts)
    except (KeyError, TypeError, ValueError):  # values that do not fit the template
        return None


def parse(form: str | None) -> Reason | None:
    """The Reason of a machine form, or None when it is missing, malformed or holds a
    code this selon does not know."""
    if not form:
        return None
    try:
        return _from_json(json.loads(form))
    except ValueError:
        return None


def restore(text: str | None, form: str | None) -> str | None:
    """The stored English ``text`` with its machine form again, when it has one."""
    found = parse(form)
    return found if found is not None else text
