"""The service's FastAPI dependencies, all in one place: the settings and the rule store the app
was built with (`app.state`, set by `create_app`), and the request guards: bearer tokens
(compared in constant time) and JSON only.

They are `async def` on purpose: they never block, and a plain `def` dependency would cost a
threadpool round trip per request each. The hot `POST /v1/check` calls the guards directly
instead of declaring them (api/routes.py says why)."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from api.errors import ApiError
from tonkoll.config import Settings
from tonkoll.rulebook.store import RuleStore


async def current_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(current_settings)]


async def current_store(request: Request) -> RuleStore:
    store: RuleStore = request.app.state.store
    return store


StoreDep = Annotated[RuleStore, Depends(current_store)]


def token_matches(given: str, tokens: list[str]) -> bool:
    """True when `given` equals one of `tokens`; every token is compared, in constant time."""
    found = False
    for token in tokens:
        found |= hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))
    return found


async def require_token(request: Request, settings: SettingsDep) -> None:
    """When TONKOLL_API_TOKENS is set, demand `Authorization: Bearer <one of them>`."""
    if not settings.api_tokens:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token_matches(given.strip(), settings.api_tokens):
        raise ApiError(401, "unauthorized", "Ange en giltig API-nyckel (Authorization: Bearer …).")


async def require_json(request: Request) -> None:
    """Bodies are JSON: anything else is 415 (a missing Content-Type too)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json" and not (
        media.startswith("application/") and media.endswith("+json")
    ):
        raise ApiError(
            415, "unsupported_media_type", "Skicka JSON (Content-Type: application/json)."
        )


TokenDep = Depends(require_token)
JsonDep = Depends(require_json)
