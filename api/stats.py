"""/statistik: the comms team's view of the feedback counters, behind an admin key.

GET  /statistik                  overview (or the login form, 401)
GET  /statistik/regel/{rule_id}  one rule
GET  /statistik/export.csv       the table as CSV (cookie or `Authorization: Bearer <admin key>`)
POST /statistik/logga-in         form field `token`; sets the session cookie (api/admin.py)
POST /statistik/logga-ut         ends the session
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.exc import SQLAlchemyError

from api import stats_page
from api.admin import end_session, is_admin, start_session
from api.deps import token_matches
from api.errors import ApiError
from api.feedback import KeyLimiter
from api.pages import PAGE_HEADERS
from tonkoll.channels import Channel
from tonkoll.config import Settings
from tonkoll.feedback.chart import weekly_svg
from tonkoll.feedback.database import DatabaseError
from tonkoll.feedback.export import to_csv
from tonkoll.feedback.stats import (
    Filter,
    Period,
    RuleStats,
    WeekPoint,
    rule_table,
    sort_rows,
    switched_off,
    unused_replacements,
    weekly,
)
from tonkoll.feedback.store import FeedbackStore

router = APIRouter(include_in_schema=False)

HEADERS = {**PAGE_HEADERS, "Cache-Control": "no-store"}

Weeks = Annotated[int, Query()]
ChannelQuery = Annotated[Channel | Literal[""], Query()]
Language = Annotated[Literal["", "sv", "en"], Query()]
SortKey = Annotated[Literal["regel", "visad", "tillampad", "ignorerad", "avstangd"], Query()]
Order = Annotated[Literal["fallande", "stigande"], Query()]


def _html(body: str, status: int = 200, logged_in: bool = True, title: str = "Statistik"
          ) -> HTMLResponse:
    return HTMLResponse(stats_page.page(title, body, logged_in), status_code=status,
                        headers=HEADERS)


def _gate(request: Request) -> HTMLResponse | None:
    """None for an admin; else the page to answer with (closed 403, or the login form 401)."""
    settings: Settings = request.app.state.settings
    if not settings.admin_tokens:
        return _html(stats_page.closed_body(), 403, logged_in=False)
    if not is_admin(request, settings):
        return _html(stats_page.login_body(), 401, logged_in=False, title="Logga in")
    return None


def _unavailable() -> HTMLResponse:
    return _html("<h1>Statistiken går inte att läsa just nu</h1><p class=\"lead\">Databasen "
                 "svarar inte. Försök igen om en stund, eller be IT titta i tjänstens logg."
                 "</p>", 503)


def _view(weeks: int, kanal: str, sprak: str, sortera: str, ordning: str) -> stats_page.View:
    if weeks not in stats_page.WEEKS:
        raise ApiError(422, "invalid_request", "Välj en period på 4, 12, 26 eller 52 veckor.")
    return stats_page.View(weeks, kanal, sprak, sortera, ordning)


def _read(store: FeedbackStore, period: Period, where: Filter
          ) -> tuple[list[RuleStats], list[WeekPoint]]:
    engine = store.engine
    try:
        return rule_table(engine, period, where), weekly(engine, period, where)
    except SQLAlchemyError as exc:
        raise DatabaseError(type(exc).__name__) from exc


async def _figures(request: Request, weeks: int, where: Filter
                   ) -> tuple[Period, list[RuleStats], list[WeekPoint]] | None:
    """The last ``weeks`` weeks and their figures; None when the database does not answer."""
    period = Period.last_weeks(weeks)
    try:
        rows, points = await run_in_threadpool(_read, request.app.state.feedback, period, where)
    except DatabaseError:
        return None
    return period, rows, points


@router.get("/statistik", response_class=HTMLResponse)
async def overview(request: Request, veckor: Weeks = 12, kanal: ChannelQuery = "",
                   sprak: Language = "", sortera: SortKey = "visad",
                   ordning: Order = "fallande") -> Response:
    if (refusal := _gate(request)) is not None:
        return refusal
    view = _view(veckor, kanal, sprak, sortera, ordning)
    found = await _figures(request, veckor, Filter(language=sprak or None, channel=kanal or None))
    if found is None:
        return _unavailable()
    period, rows, points = found
    settings: Settings = request.app.state.settings
    svg = weekly_svg(points, "Tips per vecka")
    body = stats_page.overview_body(
        sort_rows(rows, sortera, ordning == "fallande"), points, svg, switched_off(rows),
        unused_replacements(rows), view, period, request.app.state.store.current,
        settings.feedback_days)
    return _html(body)


@router.get("/statistik/regel/{rule_id}", response_class=HTMLResponse)
async def one_rule(request: Request, rule_id: str, veckor: Weeks = 12, kanal: ChannelQuery = "",
                   sprak: Language = "") -> Response:
    if (refusal := _gate(request)) is not None:
        return refusal
    if len(rule_id) > 80:
        return _html("<h1>Regeln finns inte</h1>", 404)
    view = _view(veckor, kanal, sprak, "visad", "fallande")
    book = request.app.state.store.current
    found = await _figures(request, veckor,
                           Filter(language=sprak or None, channel=kanal or None, rule_id=rule_id))
    if found is None:
        return _unavailable()
    _, rows, points = found
    if not rows and book.by_id(rule_id) is None:
        return _html("<h1>Regeln finns inte</h1><p class=\"lead\">Det finns varken en regel "
                     "eller statistik med det namnet.</p>", 404)
    stats = rows[0] if rows else RuleStats(rule_id)
    svg = weekly_svg(points, f"Regeln {rule_id} per vecka")
    return _html(stats_page.rule_body(rule_id, stats, points, svg, view, book),
                 title=f"Regeln {rule_id}")


@router.get("/statistik/export.csv")
async def export_csv(request: Request, veckor: Weeks = 12, kanal: ChannelQuery = "",
                     sprak: Language = "", sortera: SortKey = "regel",
                     ordning: Order = "stigande") -> Response:
    if (refusal := _gate(request)) is not None:
        return refusal
    _view(veckor, kanal, sprak, sortera, ordning)
    found = await _figures(request, veckor, Filter(language=sprak or None, channel=kanal or None))
    if found is None:
        return _unavailable()
    period, rows, _ = found
    name = f"tonkoll-statistik-{period.since.isoformat()}-{period.until.isoformat()}.csv"
    return Response(to_csv(sort_rows(rows, sortera, ordning == "fallande")),
                    media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})


@router.post("/statistik/logga-in")
async def login(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    if not settings.admin_tokens:
        return _html(stats_page.closed_body(), 403, logged_in=False)
    limiter: KeyLimiter = request.app.state.login_limiter
    if not limiter.hit(request):
        return _html(stats_page.login_body("För många försök. Vänta en minut och försök "
                                           "igen."), 429, logged_in=False, title="Logga in")
    form = parse_qs((await request.body()).decode("utf-8", errors="replace"))
    token = (form.get("token") or [""])[0].strip()
    if not token or not token_matches(token, settings.admin_tokens):
        return _html(stats_page.login_body("Nyckeln stämmer inte. Kontrollera den och försök "
                                           "igen."), 401, logged_in=False, title="Logga in")
    response = RedirectResponse("/statistik", status_code=303, headers={"Cache-Control":
                                                                         "no-store"})
    start_session(response, request, token)
    return response


@router.post("/statistik/logga-ut")
async def logout(request: Request) -> Response:
    response = RedirectResponse("/statistik", status_code=303)
    end_session(response, request)
    return response
