"""One place that turns every failure into `{code, message}` with a short Swedish message.

Nothing here echoes what the client sent: validation details name fields, never values,
and an unexpected exception is logged by type and location only (its message could quote
the draft).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("tonkoll.web")

BODY_PARSE_ERROR = "There was an error parsing the body"  # FastAPI's own wording
INTERNAL_MESSAGE = "Något gick fel hos oss. Försök igen om en stund."

STATUS_MESSAGES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Förfrågan gick inte att läsa."),
    401: ("unauthorized", "Ange en giltig API-nyckel (Authorization: Bearer …)."),
    403: ("forbidden", "Du har inte behörighet till det här."),
    404: ("not_found", "Sidan eller adressen finns inte."),
    405: ("method_not_allowed", "Metoden stöds inte för den här adressen."),
    413: ("body_too_large", "Förfrågan är för stor."),
    415: ("unsupported_media_type", "Skicka JSON (Content-Type: application/json)."),
    429: ("rate_limited", "För många förfrågningar. Vänta en stund och försök igen."),
    500: ("internal_error", INTERNAL_MESSAGE),
}

FIELD_MESSAGES: dict[str, str] = {
    "missing": "Fältet saknas.",
    "string_type": "Ska vara text.",
    "list_type": "Ska vara en lista.",
    "bool_type": "Ska vara true eller false.",
    "int_type": "Ska vara ett heltal.",
    "literal_error": "Ogiltigt värde.",
    "enum": "Ogiltigt värde.",
    "json_invalid": "Ogiltig JSON.",
    "json_type": "Ogiltig JSON.",
    "model_attributes_type": "Ska vara ett JSON-objekt.",
    "dict_type": "Ska vara ett JSON-objekt.",
    "extra_forbidden": "Okänt fält.",
    "string_too_long": "Texten är för lång.",
    "too_long": "Listan är för lång.",
    "string_unicode": "Ska vara giltig text (UTF-8).",
    "string_pattern_mismatch": "Har fel format.",
    "string_too_short": "Får inte vara tom.",
    "too_short": "Listan får inte vara tom.",
    "int_parsing": "Ska vara ett heltal.",
    "int_from_float": "Ska vara ett heltal.",
    "greater_than_equal": "Talet är för litet.",
    "greater_than": "Talet är för litet.",
    "less_than_equal": "Talet är för stort.",
    "less_than": "Talet är för stort.",
}


class ApiError(Exception):
    """A failure with an HTTP status, a machine code and a short Swedish message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, **extra}


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None, **extra: Any
) -> JSONResponse:
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse(error_body(code, message, **extra), status_code=status, headers=headers)


def describe_field_error(err: dict[str, Any]) -> dict[str, str]:
    """One validation error as {field, message}, without the offending input."""
    loc = [str(part) for part in err.get("loc", ()) if part != "body"]
    kind = str(err.get("type", ""))
    message = FIELD_MESSAGES.get(kind, str(err.get("msg", "Ogiltigt värde.")))
    if kind == "value_error":  # our own validators write Swedish; drop pydantic's prefix
        message = message.removeprefix("Value error, ")
    expected = (err.get("ctx") or {}).get("expected")
    if kind in ("literal_error", "enum") and expected:
        message = f"Ogiltigt värde. Tillåtna: {expected}."
    return {"field": ".".join(loc) or "body", "message": message}


def log_unexpected(exc: BaseException, where: str) -> None:
    """Log an unexpected exception by type and frames only; its message may quote a draft."""
    frames = traceback.extract_tb(exc.__traceback__)
    trail = " <- ".join(f"{f.filename}:{f.lineno} {f.name}" for f in reversed(frames[-6:]))
    log.error("unexpected %s in %s at %s", type(exc).__name__, where, trail or "?")


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = [describe_field_error(dict(e)) for e in exc.errors()]
    if any(f["message"] == "Ogiltig JSON." for f in fields):
        return error_response(422, "invalid_json", "Förfrågan är inte giltig JSON.", detail=fields)
    return error_response(
        422, "invalid_request", "Förfrågan har fel eller saknade fält.", detail=fields
    )


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400 and exc.detail == BODY_PARSE_ERROR:
        # FastAPI's answer to a body that is not UTF-8: malformed JSON like any other.
        return error_response(422, "invalid_json", "Förfrågan är inte giltig JSON i UTF-8.")
    code, message = STATUS_MESSAGES.get(exc.status_code, ("error", "Förfrågan misslyckades."))
    return error_response(exc.status_code, code, message, headers=exc.headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
