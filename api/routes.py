"""The JSON API under /v1. Routes are thin: parse, call the domain, shape the answer."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from time import perf_counter
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from pydantic_core import to_json

from api.convert import report_dict
from api.deps import (
    JsonDep,
    SettingsDep,
    StoreDep,
    TokenDep,
    current_settings,
    current_store,
    require_json,
    require_token,
)
from api.errors import INTERNAL_MESSAGE, ApiError, log_unexpected
from api.middleware import thousands
from api.schemas import (
    RULES_VERSION_HEADER,
    TRY_MAX_EXAMPLES,
    TRY_MAX_SECONDS,
    TRY_MAX_TOTAL_CHARS,
    CheckRequest,
    CheckResponse,
    ErrorOut,
    ExamplesOut,
    HealthResponse,
    RuleOut,
    RulesResponse,
    TryRequest,
    TryResponse,
)
from api.trial import try_rule
from tonkoll.engine import check
from tonkoll.rulebook.errors import RuleError
from tonkoll.rulebook.model import LoadedRule
from tonkoll.rulebook.yamlsource import parse_yaml_text
from tonkoll.text.surrogate import scrub

log = logging.getLogger("tonkoll.web")

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorOut, "description": text}
    for status, text in {
        401: "API key missing or wrong (only when TONKOLL_API_TOKENS is set).",
        413: "Text over TONKOLL_MAX_CHARS, or a body far over it.",
        415: "Content-Type is not application/json.",
        422: "Malformed JSON, wrong types, unknown channel or language.",
        429: "Rate limit reached (TONKOLL_RATE_LIMIT_PER_MINUTE; try: its own, lower).",
        500: "A bug: the engine failed. Reported calmly, never with the draft.",
    }.items()
}

router = APIRouter(prefix="/v1", tags=["v1"])

Body = TypeVar("Body", bound=BaseModel)

INLINE_MAX_CHARS = 3000  # longer drafts are checked in the threadpool (a few ms each)


def _json_body(model: type[BaseModel]) -> dict[str, Any]:
    """The OpenAPI request body of a route that parses its body itself."""
    schema = {"application/json": {"schema": model.model_json_schema()}}
    return {"requestBody": {"required": True, "content": schema}}


async def parse_body(request: Request, model: type[Body]) -> Body:
    """Parse and validate the body as FastAPI would for a body parameter, with the same 422
    answers. The standard library parses the JSON because, unlike pydantic-core, it accepts
    lone surrogate escapes ("\\ud800"), which are valid JSON that the route scrubs."""
    try:
        data = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # RecursionError: ~1,000
        # levels of nesting (issue 13); JSONDecodeError is a ValueError
        error = {"type": "json_invalid", "loc": ("body",), "msg": "JSON decode error",
                 "input": {}, "ctx": {"error": type(exc).__name__}}
        raise RequestValidationError([error]) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False)
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in errors]) from None


@router.post(
    "/check",
    response_model=CheckResponse,
    responses=ERRORS,
    summary="Tone hints for one draft",
    openapi_extra=_json_body(CheckRequest),
)
async def check_draft(request: Request) -> Response:
    """Check a draft. **Offsets and lengths in the answer are UTF-16 code units**, as
    JavaScript strings and DOM ranges count them (an emoji such as 👋 counts 2).
    The draft is never stored or logged."""
    # The hot path, so no FastAPI dependencies and no body parameter: the same guards and the
    # same body model, called directly, in the same order (415, 401, then 422). Dependency
    # solving and response-model validation cost more per request than a 280-character
    # check (bench/README.md, "What the profiles showed").
    settings = await current_settings(request)
    await require_json(request)
    await require_token(request, settings)
    body = await parse_body(request, CheckRequest)
    if len(body.text) > settings.max_chars:
        raise ApiError(
            413,
            "text_too_long",
            f"Texten är för lång: högst {thousands(settings.max_chars)} tecken "
            f"(din har {thousands(len(body.text))}).",
        )
    text = scrub(body.text)
    book = (await current_store(request)).current
    started = perf_counter()
    args = (text, book, body.language, body.channel, frozenset(body.disabled_rules))
    try:
        # An ordinary post takes well under a millisecond: run it on the event loop, because a
        # threadpool hop costs more than the check (bench/README.md). Long texts go to the
        # threadpool so that one of them cannot hold up other requests.
        if len(text) <= INLINE_MAX_CHARS:
            report = check(*args)
        else:
            report = await run_in_threadpool(check, *args)
    except Exception as exc:  # noqa: BLE001 - an engine failure is a bug, answered calmly
        log_unexpected(exc, "check")
        raise ApiError(500, "internal_error", INTERNAL_MESSAGE) from None
    if log.isEnabledFor(logging.INFO):
        log.info(
            "check chars=%d language=%s channel=%s findings=%d strengths=%d rules=%s ms=%.1f",
            len(body.text),
            report.language,
            body.channel,
            len(report.findings),
            len(report.strengths),
            ",".join(f.rule_id for f in report.findings) or "-",
            (perf_counter() - started) * 1000,
        )
    answer = report_dict(report, text, body.text)
    # Lone surrogates came in as JSON escapes: ensure_ascii quotes them back the same way, so
    # `matched` is exactly the client's own text at the span (UTF-8 cannot carry them).
    if text != body.text:
        payload = json.dumps(answer, ensure_ascii=True).encode()
    else:
        payload = to_json(answer)  # pydantic-core's serializer: a few µs for a whole answer
    return Response(payload, media_type="application/json",
                    headers={RULES_VERSION_HEADER: book.version})


def rule_out(rule: LoadedRule) -> RuleOut:
    spec = rule.spec
    return RuleOut(
        id=rule.id,
        theme=rule.theme,
        language=rule.language,
        kind=rule.kind,
        level=rule.level,
        message=spec.message,
        explanation=spec.explanation,
        handbook=spec.handbook,
        enabled=rule.enabled,
        channels=list(spec.channels),
        examples=ExamplesOut(bad=list(spec.examples.bad), good=list(spec.examples.good),
                             corrections=[spec.examples.correction(i)
                                          for i in range(len(spec.examples.bad))]),
    )


@router.get(
    "/rules",
    response_model=RulesResponse,
    dependencies=[TokenDep],
    responses={401: ERRORS[401], 429: ERRORS[429]},
    summary="Every rule",
)
def list_rules(store: StoreDep, response: Response) -> RulesResponse:
    """Every loaded rule with its theme, level, texts, examples and enabled state."""
    book = store.current
    response.headers[RULES_VERSION_HEADER] = book.version
    return RulesResponse(
        rules_version=book.version,
        rules=[rule_out(r) for r in book.rules],
        themes=dict(book.themes),
    )


@router.get(
    "/health",
    response_model=HealthResponse,
    responses={503: {"model": HealthResponse, "description": "Stopping (after SIGTERM)."}},
    summary="Is the service well?",
)
async def health(request: Request, store: StoreDep, response: Response) -> HealthResponse:
    """`degraded` (200) when the last rule reload was refused (the last good rules still
    serve); `stopping` (503) after SIGTERM, so load balancers take the instance out before it
    stops taking connections (api/shutdown.py)."""
    book = store.current
    error = store.last_error
    response.headers[RULES_VERSION_HEADER] = book.version
    stopping = request.app.state.drain.stopping
    if stopping:
        response.status_code = 503
    return HealthResponse(
        status="stopping" if stopping else "degraded" if error else "ok",
        rules=len(book.rules),
        rules_version=book.version,
        loaded_at=store.loaded_at,
        last_error=str(error) if error else None,
    )


# One try at a time per worker process (issue 13): a try parses YAML and runs examples in a
# thread, and several at once took the GIL from every other client's check.
_TRY_SLOT = threading.Semaphore(1)


def count_examples(yaml_text: str) -> int:
    """How many bad and good examples the YAML holds (0 when it does not parse: the try then
    reports the YAML error itself)."""
    try:
        data: Any = parse_yaml_text(yaml_text, Path("prova.yml")).data
    except RuleError:
        return 0
    total, stack = 0, [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            examples = item.get("examples")
            if isinstance(examples, dict):
                total += sum(len(v) for v in examples.values() if isinstance(v, list))
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, dict | list))
    return total


def _try_in_slot(body: TryRequest) -> TryResponse:
    """The try itself, in a worker thread; waits for this worker's one try slot."""
    if not _TRY_SLOT.acquire(timeout=TRY_MAX_SECONDS):
        raise ApiError(503, "busy", "Många provar regler just nu. Försök igen om en stund.")
    try:
        if count_examples(body.yaml) > TRY_MAX_EXAMPLES:
            raise ApiError(
                413, "too_many_examples",
                f"För många exempel: högst {TRY_MAX_EXAMPLES} i ett prov.",
            )
        return try_rule(scrub(body.yaml), [scrub(s) for s in body.sentences], body.language)
    finally:
        _TRY_SLOT.release()


@router.post(
    "/rules/try",
    response_model=TryResponse,
    dependencies=[JsonDep, TokenDep],
    responses={**ERRORS, 503: {"model": ErrorOut, "description": "Too busy or too slow."}},
    summary="Try a rule before saving it",
)
async def try_rule_route(
    body: TryRequest, settings: SettingsDep, store: StoreDep, response: Response
) -> TryResponse:
    """Load a rule written in YAML (one rule, a list of rules or a whole rule file), run its
    own examples, and show what it finds in `sentences`. Nothing is written to disk.
    Offsets are UTF-16 code units. Bounded: at most 40,000 characters of YAML, 20 sentences,
    50,000 characters together, 200 examples and 5 seconds; one try at a time per worker.
    The tried rule is checked alone; the rules-version header names the book the service was
    serving beside it."""
    response.headers[RULES_VERSION_HEADER] = store.current.version
    too_long = [s for s in body.sentences if len(s) > settings.max_chars]
    if too_long:
        raise ApiError(
            413,
            "text_too_long",
            f"En mening är för lång: högst {thousands(settings.max_chars)} tecken.",
        )
    if body.total_chars() > TRY_MAX_TOTAL_CHARS:
        raise ApiError(
            413,
            "text_too_long",
            f"Provet är för stort: högst {thousands(TRY_MAX_TOTAL_CHARS)} tecken "
            "regel och meningar tillsammans.",
        )
    started = perf_counter()
    try:
        with anyio.fail_after(TRY_MAX_SECONDS):
            # abandon_on_cancel: at the deadline the client gets its answer; the thread
            # finishes its bounded work and frees the slot.
            result = await anyio.to_thread.run_sync(_try_in_slot, body, abandon_on_cancel=True)
    except TimeoutError:
        raise ApiError(
            503, "too_slow", "Provet tog för lång tid. Prova med färre regler eller meningar."
        ) from None
    except ApiError:
        raise
    except Exception as exc:  # noqa: BLE001 - a bug in the loader or engine
        log_unexpected(exc, "rules/try")
        raise ApiError(500, "internal_error", INTERNAL_MESSAGE) from None
    log.info(
        "rules/try yaml_chars=%d sentences=%d ok=%s rules=%s ms=%.1f",
        len(body.yaml),
        len(body.sentences),
        result.ok,
        ",".join(r.id for r in result.rules) or "-",
        (perf_counter() - started) * 1000,
    )
    return result
