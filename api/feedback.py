"""POST /v1/feedback: how writers treated hints, as counts per rule. No text, no user.

Guarded like /v1/check (JSON only, the API key when keys are set) and rate-limited per key or
address (TONKOLL_FEEDBACK_PER_MINUTE). The body is validated strictly before anything is
stored: one bad entry and the whole batch is refused with 422, nothing saved.
"""

from __future__ import annotations

import logging
from time import perf_counter

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from pydantic import BaseModel, Field

from api.deps import require_json, require_token
from api.errors import ApiError, error_response
from api.middleware import client_key
from api.routes import ERRORS, _json_body, parse_body
from api.schemas import ErrorOut
from tonkoll.config import Settings
from tonkoll.feedback.database import DatabaseError
from tonkoll.feedback.events import FeedbackBatch, fold
from tonkoll.feedback.store import FeedbackStore

log = logging.getLogger("tonkoll.web")

router = APIRouter(prefix="/v1", tags=["v1"])

UNAVAILABLE = "Statistiken kan inte sparas just nu. Försök igen om en stund."


class FeedbackResponse(BaseModel):
    stored: int = Field(description="Events added to the daily counters.")
    skipped: int = Field(description="Events for rule ids the service does not know (dropped).")


class KeyLimiter:
    """At most `per_minute` requests per key (or address), in this worker's memory; 0 = none."""

    def __init__(self, per_minute: int) -> None:
        self.item = RateLimitItemPerMinute(per_minute) if per_minute else None
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def hit(self, request: Request, prefix: str = "") -> bool:
        return self.item is None or self.limiter.hit(self.item,
                                                     prefix + client_key(request.scope))


@router.post(
    "/feedback",
    response_model=FeedbackResponse,
    responses={**ERRORS, 503: {"model": ErrorOut,
                               "description": "The feedback database is unavailable."}},
    summary="Count how hints were treated (no text)",
    openapi_extra=_json_body(FeedbackBatch),
)
async def feedback(request: Request) -> Response:
    """Add events to the daily counters per rule, language, channel, rules version and event:
    `shown` (once per draft), `applied` (with `replacement`, the index in the finding's
    `replacements`), `ignored`, `disabled`. Never send text, matched words or page addresses:
    the schema has no place for them and refuses unknown fields."""
    settings: Settings = request.app.state.settings
    await require_json(request)
    await require_token(request, settings)
    limiter: KeyLimiter = request.app.state.feedback_limiter
    if not limiter.hit(request):
        return error_response(429, "rate_limited", "För många förfrågningar. Vänta en stund "
                              "och försök igen.", headers={"Retry-After": "60"})
    batch = await parse_body(request, FeedbackBatch)
    known = {rule.id for rule in request.app.state.store.current.rules}
    kept = [e for e in batch.events if e.rule_id in known]
    skipped = sum(e.count for e in batch.events) - sum(e.count for e in kept)
    store: FeedbackStore = request.app.state.feedback
    started = perf_counter()
    try:
        stored = await run_in_threadpool(store.add, fold(kept)) if kept else 0
    except DatabaseError as exc:
        log.error("feedback not stored: %s", exc)
        raise ApiError(503, "feedback_unavailable", UNAVAILABLE) from None
    log.info("feedback entries=%d stored=%d skipped=%d ms=%.1f", len(batch.events), stored,
             skipped, (perf_counter() - started) * 1000)
    answer = FeedbackResponse(stored=stored, skipped=skipped)
    return Response(answer.model_dump_json(), media_type="application/json")
