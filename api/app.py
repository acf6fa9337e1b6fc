"""The app factory: `uvicorn --factory api.app:create_app` (what `tonkoll serve` runs)."""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from api import feedback, pages, routes, stats
from api.errors import install_error_handlers
from api.middleware import BodyLimit, ErrorShield, HostGuard, RateLimit
from api.schemas import RULES_VERSION_HEADER
from api.shutdown import Drain
from api.watcher import RuleWatcher, fingerprint
from tonkoll import __version__
from tonkoll.config import Settings, get_settings
from tonkoll.feedback.store import FeedbackStore
from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.store import RuleStore

DESCRIPTION = """Tone hints for people who write social-media posts on behalf of Malmö stad.

**Offsets and lengths in answers are UTF-16 code units**, as JavaScript strings and DOM ranges
count them. Drafts are never stored or logged. Errors are `{code, message}` with a short
Swedish message."""


def configure_logging(level: str) -> None:
    """Give the `tonkoll` loggers a handler (uvicorn only configures its own)."""
    logger = logging.getLogger("tonkoll")
    logger.setLevel(level.upper())
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service. The rule book loads here (so a broken rule set fails at start);
    the watcher that reloads it runs for the lifetime of the app."""
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    seen = fingerprint(settings.rules_dirs)  # before loading, so no edit slips in between
    drain = Drain(settings.shutdown_delay)
    try:
        store = RuleStore(settings.rules_dirs)
    except RuleError as exc:
        logging.getLogger("tonkoll.rules").error("cannot start, the rules do not load: %s", exc)
        raise
    logging.getLogger("tonkoll.rules").info(
        "loaded %d rules (version %s) from %s",
        len(store.current.rules),
        store.current.version,
        ":".join(map(str, settings.rules_dirs)),
    )

    # Migrate the feedback database now; when it is down the service still checks drafts.
    feedback_store = FeedbackStore(settings.feedback_database_url, settings.feedback_days)
    feedback_store.open()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        watcher = RuleWatcher(store, settings.rules_dirs, settings.reload_interval, seen)
        watcher.start()
        drain.install()  # SIGTERM: /v1/health says `stopping` first (api/shutdown.py)
        try:
            yield
        finally:
            drain.uninstall()
            watcher.stop()
            feedback_store.close()

    # /docs and /redoc from the package's own copies of Swagger UI and ReDoc, never a CDN: the
    # page shares its origin with the playground, which keeps the API key (issue 13).
    app = FastAPIOffline(
        title="Tonkoll", version=__version__, description=DESCRIPTION, lifespan=lifespan,
        static_url="/static-docs",
    )
    app.state.settings = settings
    app.state.store = store
    app.state.drain = drain
    app.state.feedback = feedback_store
    app.state.feedback_limiter = feedback.KeyLimiter(settings.feedback_per_minute)
    app.state.login_limiter = feedback.KeyLimiter(10)
    install_error_handlers(app)
    app.include_router(routes.router)
    app.include_router(feedback.router)
    app.include_router(pages.router)
    app.include_router(stats.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")

    # add_middleware puts each one outside the previous: the last added runs first.
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes, max_chars=settings.max_chars,
                       timeout=settings.body_timeout)
    if settings.rate_limit_per_minute:
        app.add_middleware(RateLimit, per_minute=settings.rate_limit_per_minute)
    if settings.try_rate_limit_per_minute:  # /v1/rules/try costs far more than a check
        app.add_middleware(
            RateLimit, per_minute=settings.try_rate_limit_per_minute, prefix="/v1/rules/try"
        )
    app.add_middleware(ErrorShield)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.allowed_origins,
        allow_origin_regex=settings.allowed_origin_regex,
        allow_methods=["GET", "POST"],
        allow_headers=["Authorization", "Content-Type"],
        max_age=600,
        expose_headers=[RULES_VERSION_HEADER],
    )
    app.add_middleware(HostGuard, allowed=settings.allowed_hosts)  # outermost: runs first
    return app
