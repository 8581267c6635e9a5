"""The web app: FastAPI over a selon store, server-rendered pages and a JSON API.

:func:`create_app` builds it; :func:`serve` runs it with uvicorn (``selon serve``).

Read-only by default: the store is opened read-only and ``POST /api/analyze`` and
``POST /api/ingest`` answer 403 ``disabled``. Setting ``SELON_API_TOKEN`` (at least 16
characters) enables both for requests carrying ``Authorization: Bearer <token>``; the store
is then opened for writing. Request bodies over ``settings.max_bytes`` are refused with 413.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from selon import __version__
from selon.errors import ConfigError, InputError, ModelError, SelonError, StoreError
from selon.settings import Settings
from selon.web import answers, i18n, security
from selon.web.admission import Admission, AnswerCache, CacheAnswers
from selon.web.ingest_queue import IngestQueue
from selon.web.pool import POOL_SIZE, StorePool

log = logging.getLogger("selon.web")

HERE = Path(__file__).resolve().parent
MIN_TOKEN = 16
# Requests at work at once (POOL_SIZE), and store connections: one each, so that borrowing
# one never waits (see selon.web.admission). Beyond them, QUEUE requests wait up to WAIT
# seconds, the others are answered 503 with Retry-After at once.
QUEUE = 64
WAIT = 15.0
HEAVY = 3  # of the slots, what the expensive requests may hold (selon.web.admission)
THREADS = 48  # worker threads (anyio's default is 40): more than the slots, always

NO_PAGE = "there is no page here; the home page is /, the API is listed at /docs"
NOT_ALLOWED = "{method} is not allowed here; /docs lists each route's methods"
STATUS_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 413: "too_large",
    415: "unsupported_media_type", 422: "invalid_request", 429: "too_many_requests",
    500: "internal_error", 503: "unavailable",
}


class ApiError(Exception):
    """An error answered with its status and the one JSON error shape."""

    def __init__(self, status: int, code: str, message: str,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


@dataclass
class WebState:
    """What every route needs: the store, the settings, the token, the templates."""

    pool: StorePool
    settings: Settings
    token: str | None
    templates: Jinja2Templates
    token_name: str = "token"  # who the token's holder is, in the corrections' audit trail
    analyse_lock: threading.Lock = field(default_factory=threading.Lock)
    cache: AnswerCache = field(default_factory=AnswerCache)
    ingest_queue: IngestQueue | None = None  # the store's one writer, when it is writable

    @property
    def ingest_enabled(self) -> bool:
        return self.token is not None

    @property
    def max_body(self) -> int:
        return self.settings.max_bytes


def state(request: Request) -> WebState:
    """The app's :class:`WebState`."""
    st: WebState = request.app.state.selon
    return st


def _templates() -> Jinja2Templates:
    from selon.web import pages  # the filters live beside the routes that use them

    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    i18n.install(env)
    pages.register_filters(env)
    return Jinja2Templates(env=env)


def _token(api_token: str | None) -> str | None:
    token = os.environ.get("SELON_API_TOKEN") if api_token is None else api_token
    token = (token or "").strip() or None
    if token is not None and len(token) < MIN_TOKEN:
        raise ConfigError(f"SELON_API_TOKEN must be at least {MIN_TOKEN} characters "
                          "(e.g. the output of 'python -c \"import secrets; "
                          "print(secrets.token_urlsafe(32))\"'), or unset to keep the API "
                          "read-only")
    return token


def wants_json(request: Request) -> bool:
    """Errors of the API (and of clients that do not ask for HTML) are JSON."""
    path = request.url.path
    if path.startswith(("/api/", "/openapi")) or path == "/api":
        return True
    return "text/html" not in request.headers.get("accept", "")


def error_response(request: Request, status: int, code: str, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    """The one error shape: JSON for the API, an HTML page carrying it for browsers.

    No file path of the server appears in a message (the store's is "the store", others
    are cut to their last part): the client has no business with its file system."""
    message = security.hide_server_paths(hide_paths(message, state(request).pool.path))
    if wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status,
                            headers=headers)
    st = state(request)
    return st.templates.TemplateResponse(
        request, "error.html", {"status": status, "code": code, "message": message,
                                "generic": message == NO_PAGE or status == 405,
                                **i18n.page_context(request.url.path, [])},
        status_code=status, headers=headers)


def hide_paths(message: str, path: Path) -> str:
    """``message`` with every spelling of the store's path replaced by "the store"."""
    forms = {str(path), str(path.absolute()), str(path.resolve())}
    for form in sorted(forms, key=len, reverse=True):
        message = message.replace(form, "the store")
    return message


def selon_error_status(exc: SelonError) -> tuple[int, str]:
    """The HTTP status and code for one of selon's own errors."""
    if isinstance(exc, ConfigError):
        return 400, exc.code
    if isinstance(exc, InputError):
        return 422, exc.code
    if isinstance(exc, ModelError):
        return 503, exc.code
    if isinstance(exc, StoreError):
        return 503, exc.code
    return 500, exc.code


def _validation_message(exc: RequestValidationError) -> str:
    from selon.web.messages import validation_message

    return validation_message(exc.errors())


class CatchAll:
    """Answer any unexpected exception with a 500 in the error shape (and log it), inside
    the security headers middleware so the answer carries them too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception:
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            body = security.error_body("internal_error",
                                       "an unexpected error occurred; see the server log")
            await send({"type": "http.response.start", "status": 500, "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})


def _token_name() -> str:
    """``$SELON_API_TOKEN_NAME``: who holds the token (recorded with each correction)."""
    name = " ".join((os.environ.get("SELON_API_TOKEN_NAME") or "").split())[:100]
    return name or "token"


def create_app(db_path: Path, settings: Settings, *, api_token: str | None = None,
               pool_size: int = POOL_SIZE, queue_size: int = QUEUE,
               wait: float = WAIT, follow: list[str] | None = None,
               every: float | None = None, threads: int | None = None) -> FastAPI:
    """The web app over the store at ``db_path``.

    ``api_token`` defaults to ``$SELON_API_TOKEN``; without one the store is opened
    read-only and the POST endpoints are disabled (403). At most ``pool_size`` requests
    work at once (one store connection each), ``queue_size`` more wait up to ``wait``
    seconds, the others get 503 with ``Retry-After``. ``threads``: the threads DuckDB may
    use for the queries of this process (its default: one per core). Raises StoreError
    when the store cannot be opened and ConfigError for a token too short to be safe.

    A writable server (a token, or ``follow`` sources queued again every ``every``
    seconds) runs the store's one ingest queue (:mod:`selon.web.ingest_queue`).
    """
    from selon.web import api, corrections, live, pages, statements, stories

    token = _token(api_token)
    writable = token is not None or bool(follow)
    pool = StorePool(Path(db_path), read_only=not writable, size=pool_size, threads=threads)
    # Read-only, the store cannot change while served: the worker processes share their
    # answers, which also outlive a restart on the same files (selon.web.answers).
    cache = AnswerCache()
    ingest_queue = IngestQueue(Path(db_path), settings, on_stored=cache.clear,
                               follow=follow, every=every) if writable else None

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        limiter = anyio.to_thread.current_default_thread_limiter()
        limiter.total_tokens = max(limiter.total_tokens, THREADS, pool_size + 8)
        if ingest_queue is not None:
            ingest_queue.start()
        else:  # opened for each run of the app (a test may run it more than once)
            cache.shared = answers.open_shared(Path(db_path), salt=repr(settings))
        yield
        if ingest_queue is not None:
            ingest_queue.stop()
        pool.close()
        shared, cache.shared = cache.shared, None
        if shared is not None:
            shared.close()

    app = FastAPI(
        lifespan=lifespan,
        title="selon", version=__version__,
        summary="Who said what, according to whom: source-attributed records from news.",
        description=(
            "Read the store: articles with their records, attributions, entities, search. "
            "Every record carries character spans into its article's text.\n\n"
            "`POST /api/analyze` and `POST /api/ingest` need `Authorization: Bearer <token>` "
            "where the server was started with `SELON_API_TOKEN`; without a token they answer "
            f"403 `disabled`. Request bodies over {settings.max_bytes} bytes (the server's "
            "`max_bytes` setting) are refused with 413. Every error has the shape "
            "`{\"error\": {\"code\": ..., \"message\": ...}}`."),
        docs_url=None, redoc_url=None, swagger_ui_oauth2_redirect_url=None,
    )
    app.state.selon = WebState(pool=pool, settings=settings, token=token,
                               templates=_templates(), cache=cache,
                               ingest_queue=ingest_queue, token_name=_token_name())

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = exc.detail if isinstance(exc.detail, str) else code
        if exc.status_code == 404 and message == "Not Found":
            message = NO_PAGE
        elif exc.status_code == 405:
            message = NOT_ALLOWED.format(method=request.method)
        return error_response(request, exc.status_code, code, message,
                              dict(exc.headers) if exc.headers else None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, "invalid_request", _validation_message(exc))

    @app.exception_handler(SelonError)
    async def _selon_error(request: Request, exc: SelonError) -> Response:
        status, code = selon_error_status(exc)
        return error_response(request, status, code, str(exc))

    app.include_router(api.router)
    app.include_router(statements.api)
    app.include_router(stories.api)
    app.include_router(pages.router)
    app.include_router(statements.pages)
    app.include_router(stories.pages)
    app.include_router(live.api)
    app.include_router(live.pages)
    app.include_router(corrections.api)
    app.include_router(corrections.pages)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    app.add_middleware(CatchAll)
    app.add_middleware(security.BodyLimit, max_bytes=settings.max_bytes)
    app.add_middleware(Admission, slots=pool_size, queue=queue_size, wait=wait,
                       heavy=min(HEAVY, max(1, pool_size - 1)))
    app.add_middleware(security.SecurityHeaders)
    app.add_middleware(i18n.Language)  # the page's language for all inside
    # outermost: a hit needs no slot and runs nothing else (its headers are kept whole)
    app.add_middleware(CacheAnswers, cache=app.state.selon.cache, wait=wait)

    return app


def plotly_js() -> Path | None:
    """The ``plotly.min.js`` shipped inside the installed plotly package, if any."""
    try:
        path = Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))
    except ModuleNotFoundError:
        return None
    return path if path.is_file() else None


SERVE_ENV = "SELON_SERVE_APP"  # how ``serve`` hands the store and settings to its workers


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8000,
          settings: Settings | None = None, *, log_level: str = "info",
          workers: int | None = None, follow: list[str] | None = None,
          every: float | None = None, **uvicorn_options: Any) -> None:
    """Run the app with uvicorn until interrupted (what ``selon serve`` calls).

    Read-only (no token), the store is served by ``workers`` processes (default: one per
    core, at most 4), each with its own connections and answer cache: DuckDB lets several
    processes read one file. With a token there is one process, the store's only writer.

    Each request at work runs its queries on its own thread (DuckDB releases the GIL while
    a query runs), so the requests of a process already use several cores; DuckDB's own
    pool would add one more thread per core and process, contending with them. Several
    processes therefore share the cores out: each lets DuckDB use ``cores // workers``
    threads (at least one).
    """
    import json
    from dataclasses import asdict

    import uvicorn

    from selon import settings as settings_mod

    settings = settings or settings_mod.load()
    writable = _token(None) is not None or bool(follow)
    if workers is None:
        workers = 1 if writable else max(1, min(4, os.cpu_count() or 1))
    if writable and workers > 1:
        raise ConfigError("with SELON_API_TOKEN set or --follow the server writes the store, "
                          "which only one process may do: use --workers 1")
    options: dict[str, Any] = {"host": host, "port": port, "log_level": log_level,
                               "server_header": False, "proxy_headers": False,
                               "timeout_keep_alive": 30, **uvicorn_options}
    if workers == 1:
        uvicorn.run(create_app(db_path, settings, follow=follow, every=every), **options)
        return
    create_app(db_path, settings).state.selon.pool.close()  # fail here, not in a worker
    threads = max(1, (os.cpu_count() or 1) // workers)
    os.environ[SERVE_ENV] = json.dumps({"db": str(db_path), "settings": asdict(settings),
                                        "threads": threads})
    uvicorn.run("selon.web.app:worker_app", factory=True, workers=workers, **options)


def worker_app() -> FastAPI:
    """The app of one worker process started by :func:`serve`."""
    import json

    given = json.loads(os.environ[SERVE_ENV])
    return create_app(Path(given["db"]), Settings(**given["settings"]),
                      threads=given.get("threads"))
