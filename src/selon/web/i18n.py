"""The interface's language: English or French, from message catalogues (Babel).

The catalogues are the ``.po`` files under ``web/locale/<lang>/LC_MESSAGES/messages.po``,
read directly when the server starts (no compile step: a clean clone serves both
languages). ``make messages`` extracts the messages of the templates and of the web
modules into ``messages.pot`` and updates both catalogues from it.

The language of a page, first that applies:

1. ``?lang=fr`` or ``?lang=en`` in its URL (the switch in every page's header links to the
   same page with it; the answer sets the ``lang`` cookie, so the choice is kept);
2. the ``lang`` cookie;
3. the browser's ``Accept-Language``;
4. English.

Templates call ``_()``, ``ngettext()`` and ``{% trans %}``; Python code rendering a page
calls :func:`gettext`. Both read the language of the request being rendered from a
context variable that :func:`use` sets, so macros imported without context translate
too. Dates and numbers are written by Babel in the page's locale (filters ``number``,
``decimal``, ``day``, ``moment``).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache, lru_cache
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from selon import reasons

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES: tuple[str, ...] = ("en", "fr")
DEFAULT = "en"
COOKIE = "lang"
COOKIE_AGE = 365 * 24 * 3600
NAMES = {"en": "English", "fr": "Français"}  # each language in its own words

_current: ContextVar[str] = ContextVar("selon_lang", default=DEFAULT)


def N_(message: str) -> str:
    """Marks a message for the catalogues where it is defined; translated where shown."""
    return message


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogue of ``lang``, read from its ``.po`` file (cached)."""
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return NullTranslations()
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf)


def current() -> str:
    """The language of the page being rendered."""
    return _current.get()


@contextmanager
def use(lang: str) -> Iterator[None]:
    """Render in ``lang`` inside the block."""
    token = _current.set(lang if lang in LANGUAGES else DEFAULT)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str, /, **values: Any) -> str:
    """``message`` in the current language, with ``%(name)s`` values filled in."""
    text = translations(current()).gettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, n: int, /, **values: Any) -> str:
    text = translations(current()).ngettext(singular, plural, n)
    return text % {"num": number(n), **values}


def accepted(header: str | None) -> list[str]:
    """The languages of an ``Accept-Language`` header, most wanted first."""
    found: list[tuple[float, int, str]] = []
    for i, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            key, _, value = p.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag and q > 0:
            found.append((-q, i, tag.strip().replace("_", "-")))
    return [tag for _, _, tag in sorted(found)]


def negotiate(header: str | None) -> str | None:
    """The language of ours the browser prefers, if any."""
    for tag in accepted(header):
        if tag == "*":
            return None
        try:
            lang = Locale.parse(tag, sep="-").language
        except (ValueError, UnknownLocaleError):
            continue
        if lang in LANGUAGES:
            return lang
    return None


def choose(query: str | None, cookie: str | None, accept: str | None) -> str:
    """The page's language from ``?lang=``, the cookie, then ``Accept-Language``."""
    for given in (query, cookie):
        if given in LANGUAGES:
            return str(given)
    return negotiate(accept) or DEFAULT


def of_request(query: Mapping[str, str], cookies: Mapping[str, str],
               headers: Mapping[str, str]) -> str:
    return choose(query.get("lang"), cookies.get(COOKIE), headers.get("accept-language"))


def of_scope(scope: Mapping[str, Any]) -> str:
    """The language an ASGI request asks for (the answer cache keys pages by it)."""
    headers = {k.decode("latin-1").lower(): v.decode("latin-1")
               for k, v in scope.get("headers", [])}
    query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header: no cookie
        jar = SimpleCookie()
    cookies = {k: m.value for k, m in jar.items()}
    return of_request(query, cookies, headers)


def switch_url(path: str, query: list[tuple[str, str]], lang: str) -> str:
    """The same page in ``lang``."""
    kept = [(k, v) for k, v in query if k != "lang"] + [("lang", lang)]
    return path + "?" + urlencode(kept)


# --- dates and numbers in the page's locale -------------------------------------------

# Babel's formatting costs 20-60 µs a call, and a page of 100 statements makes a thousand
# of them with the same few dates and counts: each result is kept per locale.
@lru_cache(maxsize=8192, typed=True)
def _decimal(value: Any, form: str | None, locale: str) -> str:
    return format_decimal(value, format=form, locale=locale)


@lru_cache(maxsize=8192)
def _date(value: date, form: str, locale: str) -> str:
    return format_date(value, format=form, locale=locale)


def number(value: Any) -> str:
    """An integer count, grouped as the locale writes it (2,211 / 2 211)."""
    if value is None or value == "":
        return ""
    try:
        return _decimal(value, None, current())
    except (TypeError, ValueError, ArithmeticError):
        return str(value)


def decimal(value: Any, digits: int = 2) -> str:
    """A fraction with ``digits`` decimals (0.74 / 0,74)."""
    if value is None:
        return ""
    return _decimal(value, "0." + "0" * digits, current())


def _as_date(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def day(value: date | str | None, form: str = "medium") -> str:
    """A date as the locale writes it (Mar 7, 2024 / 7 mars 2024); other text as is."""
    found = _as_date(value)
    if found is None:
        return "" if value is None else str(value)
    return _date(found, form, current())


def moment(value: datetime | str | None) -> str:
    """A date and time (corrections, ingest jobs), short form of the locale."""
    if value is None or value == "":
        return ""
    try:
        when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_datetime(when, format="short", locale=current(),
                           tzinfo=when.tzinfo) + (" UTC" if when.tzinfo else "")


# --- words for the analysis's codes ---------------------------------------------------

# The English words are the codes themselves (the API's and the CLI's values).
STANCES = {
    "assert": N_("assert"), "deny": N_("deny"), "reject": N_("reject"), "admit": N_("admit"),
    "accuse": N_("accuse"), "fear": N_("fear"), "call": N_("call"),
    "promise": N_("promise"), "threaten": N_("threaten"), "opinion": N_("opinion"),
    "qualify": N_("qualify"),
}
KINDS = {"direct": N_("direct"), "indirect": N_("indirect"), "mixed": N_("mixed"),
         "according_to": N_("according to")}
TYPES = {"PER": N_("person"), "ORG": N_("organisation"), "LOC": N_("place"),
         "MISC": N_("other")}
# How a statement's source was found (selon.analyse.attributions.trust), in words.
HOW = {
    "corrected": N_("given by a reader (corrected)"),
    "named": N_("named in the reporting clause"),
    "apposition": N_("name taken from an apposition"),
    "title": N_("title or noun linked to a named entity"),
    "described": N_("described, not named"),
    "continued": N_("quotation continued from an earlier speaker"),
    "pronoun": N_("pronoun resolved to %(source)s"),
    "selon_pronoun": N_("« selon lui » resolved to %(source)s"),
    "unnamed": N_("unnamed source (an indefinite description)"),
    "anonymous": N_("no speaker in the text: guessed or anonymous"),
}


def stance_word(value: str | None) -> str:
    return gettext(STANCES[value]) if value in STANCES else str(value or "")


def kind_word(value: str | None) -> str:
    return gettext(KINDS[value]) if value in KINDS else str(value or "").replace("_", " ")


def type_word(value: str | None) -> str:
    return gettext(TYPES[value]) if value in TYPES else str(value or "")


def how_words(how: str | None, source: str | None = None) -> str:
    """How the source was found, in the page's language."""
    if how is None:
        return gettext("not recorded (analysed before sources were rated)")
    if how not in HOW:
        return how
    return gettext(HOW[how], source=source or gettext("an earlier speaker"))


# How an article's publication date was found (Article.published_from).
PUBLISHED_FROM = {
    "flag": N_("the command line"), "metadata": N_("the collection's metadata"),
    "html": N_("the page's metadata"), "byline": N_("the article's byline"),
    "today": N_("the day it was read: no date found"), "unknown": N_("nowhere: not known"),
}
# What a line of an article is (Line.kind), and why a line is boilerplate (Line.reason).
LINE_KINDS = {"body": N_("body"), "heading": N_("heading"), "credit": N_("credit line"),
              "boilerplate": N_("boilerplate")}
LINE_REASONS = {"trailing appeal": N_("trailing appeal"),
                "page furniture": N_("page furniture")}
# Who decided that an entity belongs to its canonical entity.
DECIDED_BY = {"rule": N_("by rule"), "hand": N_("by hand")}
# The states and origins of ingest jobs (selon.web.ingest_queue).
JOB_STATES = {"queued": N_("queued"), "running": N_("running"), "done": N_("done"),
              "failed": N_("failed")}


def published_from_words(value: str | None) -> str:
    return gettext(PUBLISHED_FROM[value]) if value in PUBLISHED_FROM else str(value or "")


def line_words(kind: str | None, reason: str | None = None) -> str:
    """A line's kind, and why when it is boilerplate, in the page's language."""
    words = gettext(LINE_KINDS[kind]) if kind in LINE_KINDS else str(kind or "")
    if reason:
        why = gettext(LINE_REASONS[reason]) if reason in LINE_REASONS else reason
        words = f"{words}: {why}"
    return words


def decided_word(value: str | None) -> str:
    return gettext(DECIDED_BY[value]) if value in DECIDED_BY else str(value or "")


def said(text: str | None, form: str | None = None) -> tuple[str, bool]:
    """A text of the analysis, the resolver or the ingest (selon.reasons) in the page's
    language, and whether it is still English: rendered again from its code and values
    through the catalogues when it has a machine form (``form``, or ``text`` itself when
    it is a Reason), else as it is."""
    found = text if isinstance(text, reasons.Reason) else reasons.parse(form)
    if found is None:
        return str(text or ""), bool(text) and current() != "en"
    catalogue = translations(current())

    def pick(code: str) -> str:
        return catalogue.gettext(reasons.TEMPLATES[code])

    try:
        return "; ".join(reasons.render(c, a, pick) for c, a in found.parts), False
    except (KeyError, TypeError, ValueError):  # a translation whose fields do not fit
        return str(text or found), current() != "en"


def said_text(text: str | None, form: str | None = None) -> str:
    """:func:`said` for an attribute (``title``): the text alone."""
    return said(text, form)[0]


def said_html(text: str | None, form: str | None = None) -> Markup:
    """:func:`said` for a page: the text, in a ``lang="en"`` span when still English."""
    words, english = said(text, form)
    if english:
        return Markup('<span lang="en">{}</span>').format(words)
    return Markup("{}").format(words)


def date_range_warnings(since: date | str | None, until: date | str | None) -> list[str]:
    """The empty date range warning (selon.store.filters.empty_range), translated."""
    start, end = _as_date(since), _as_date(until)
    if start is None or end is None or start <= end:
        return []
    return [gettext("The date range is empty: since %(since)s is after until %(until)s, so "
                    "nothing can match; swap them?", since=day(start), until=day(end))]


def shown_warnings(english: list[str], since: date | str | None,
                   until: date | str | None) -> list[dict[str, Any]]:
    """A page's warnings: the query language's (selon.reasons: in the page's language when
    they kept their code, else in English, marked so), then the empty date range's."""
    out = [dict(zip(("text", "en"), said(w), strict=True)) for w in english
           if not w.startswith("the date range is empty")]
    return out + [{"text": w, "en": False} for w in date_range_warnings(since, until)]


# Strings of selon.js, handed to it in a JSON block of every page.
SCRIPT = {
    "statement": N_("Statement %(id)s"), "close": N_("Close the record"),
    "zoom": N_("Zoom the graph"), "zoom_in": N_("Zoom in"), "zoom_out": N_("Zoom out"),
    "fit": N_("Fit the width"), "fit_short": N_("fit"), "date": N_("date"),
    "said": N_("statement (publication date)"),
    "event": N_("dated event inside a statement"),
}


def script_strings() -> dict[str, Any]:
    out: dict[str, Any] = {k: gettext(v) for k, v in SCRIPT.items()}
    out["stances"] = {k: gettext(v) for k, v in STANCES.items()}
    return out


# --- Jinja ----------------------------------------------------------------------------

@pass_context
def _template_gettext(ctx: Context, message: str, /, **values: Any) -> str:
    text = translations(current()).gettext(message)
    if ctx.eval_ctx.autoescape:
        text = Markup(text)  # the values are escaped as they are put in
    return text % values


@pass_context
def _template_ngettext(ctx: Context, singular: str, plural: str, n: int, /,
                       **values: Any) -> str:
    text = translations(current()).ngettext(singular, plural, n)
    if ctx.eval_ctx.autoescape:
        text = Markup(text)
    values.setdefault("num", number(n))  # %(num)s is the count as the locale writes it
    return text % values


def install(env: Environment) -> None:
    """The i18n extension, our callables, filters and globals on ``env``."""
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True
    # new-style callables of our own: they format the values (and %(num)s per locale)
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(gettext=_template_gettext, _=_template_gettext,
                       ngettext=_template_ngettext)
    env.filters["number"] = number
    env.filters["decimal"] = decimal
    env.filters["day"] = day
    env.filters["moment"] = moment
    env.filters["stance_word"] = stance_word
    env.filters["kind_word"] = kind_word
    env.filters["type_word"] = type_word
    env.globals["how_words"] = how_words
    env.globals["said_text"] = said_text
    env.globals["said_html"] = said_html
    env.filters["published_from_words"] = published_from_words
    env.filters["decided_word"] = decided_word
    env.globals["line_words"] = line_words
    env.globals["current_lang"] = current
    env.globals["script_strings"] = script_strings
    env.globals["language_names"] = NAMES


# --- the request's language -----------------------------------------------------------

NOT_PAGES = ("/api", "/openapi", "/static/")  # English (but for ?lang=), never a cookie


def _asked(scope: Mapping[str, Any]) -> str | None:
    """The ``?lang=`` of a request, if any."""
    query = scope.get("query_string", b"")
    if b"lang=" not in query:
        return None
    return dict(parse_qsl(query.decode("latin-1"))).get("lang")


def scope_language(scope: Mapping[str, Any]) -> str:
    """The language :class:`Language` renders an ASGI request in: a page's from its
    query, cookie and ``Accept-Language`` (:func:`of_scope`); the API speaks English, but
    for an explicit ``?lang=`` (the labels that the timeline page's script draws, such as
    "3 other speakers")."""
    if str(scope.get("path", "")).startswith(NOT_PAGES):
        asked = _asked(scope)
        return asked if asked in LANGUAGES else DEFAULT
    return of_scope(scope)


class Language:
    """ASGI middleware: every page is rendered in the language the request asks for (the
    context variable holds it for the route, its helpers and the templates); a page asked
    with ``?lang=`` sets the cookie that keeps the choice; pages vary on both."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        asked = _asked(scope)
        if str(scope.get("path", "")).startswith(NOT_PAGES):
            token = _current.set(asked if asked in LANGUAGES else DEFAULT)
            try:
                await self.app(scope, receive, send)
            finally:
                _current.reset(token)
            return
        lang = of_scope(scope)

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() != b"vary"]
                vary = [v.decode("latin-1") for k, v in message.get("headers", [])
                        if k.lower() == b"vary"]
                headers.append((b"vary", ", ".join([*vary, "Accept-Language, Cookie"])
                                .encode("latin-1")))
                if asked in LANGUAGES:
                    headers.append((b"set-cookie", (
                        f"{COOKIE}={asked}; Max-Age={COOKIE_AGE}; Path=/; SameSite=Lax")
                        .encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        token = _current.set(lang)
        try:
            await self.app(scope, receive, with_headers)
        finally:
            _current.reset(token)


def page_context(path: str, query: list[tuple[str, str]]) -> dict[str, Any]:
    """What every page's header needs: its language and links to the others."""
    lang = current()
    return {"lang": lang, "languages": [
        {"code": code, "name": NAMES[code], "url": switch_url(path, query, code),
         "current": code == lang} for code in LANGUAGES]}
