"""HTML pages: the playground at / and the rule reference at /regler. Both stay open when
API tokens are set; their forms send the key the user types. They load nothing but their own
assets, and a Content-Security-Policy says so to the browser."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

from api.deps import StoreDep
from api.reference import reference_html
from api.schemas import RULES_VERSION_HEADER

STATIC = Path(__file__).resolve().parent / "static"

PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

router = APIRouter(include_in_schema=False)


@router.get("/")
def playground() -> FileResponse:
    return FileResponse(
        STATIC / "index.html", media_type="text/html; charset=utf-8", headers=PAGE_HEADERS
    )


@router.get("/regler", response_class=HTMLResponse)
def rule_reference(store: StoreDep) -> HTMLResponse:
    book = store.current
    return HTMLResponse(
        reference_html(book), headers={**PAGE_HEADERS, RULES_VERSION_HEADER: book.version}
    )
