"""The framework's ceiling: a FastAPI endpoint that only parses the check body.

Same URL and request-body shape as Tonkoll's `POST /v1/check` (see docs/architecture.md),
but no engine, no middleware: it validates the body with pydantic and returns `{}`.
Run by the benchmark as `uvicorn bench.minimal_app:create_app --factory`.
"""

from __future__ import annotations

from typing import Literal

from fastapi import FastAPI
from pydantic import BaseModel, Field

from tonkoll.channels import Channel


class CheckRequest(BaseModel):
    text: str
    language: Literal["auto", "sv", "en"] = "auto"
    channel: Channel = "generic"
    disabled_rules: list[str] = Field(default_factory=list)


def create_app() -> FastAPI:
    app = FastAPI(title="minimal", openapi_url=None, docs_url=None, redoc_url=None)

    @app.post("/v1/check")
    async def check(body: CheckRequest) -> dict[str, object]:
        return {}

    @app.get("/v1/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
