"""Who may read /statistik: holders of an admin key (TONKOLL_ADMIN_TOKENS, separate from the
staff's API keys), by `Authorization: Bearer <key>` (scripts, the CSV) or by a session cookie
that the login form sets.

The cookie never holds the key: it is `<expiry>.<HMAC-SHA256(key, expiry)>`, HttpOnly,
SameSite=Strict, Secure over HTTPS, path /statistik, valid 8 hours. Removing a key from the
setting ends its sessions.
"""

from __future__ import annotations

import hashlib
import hmac
import time

from fastapi import Request, Response

from api.deps import token_matches
from tonkoll.config import Settings

COOKIE = "tonkoll_admin"
COOKIE_PATH = "/statistik"
SESSION_SECONDS = 8 * 3600


def _mac(token: str, expires: int) -> str:
    message = f"tonkoll-statistik:{expires}".encode()
    return hmac.new(token.encode("utf-8"), message, hashlib.sha256).hexdigest()


def session_value(token: str, now: float | None = None) -> str:
    expires = int((now or time.time()) + SESSION_SECONDS)
    return f"{expires}.{_mac(token, expires)}"


def session_valid(value: str, tokens: list[str], now: float | None = None) -> bool:
    expiry, _, mac = value.partition(".")
    if not expiry.isdigit() or len(expiry) > 12 or int(expiry) < (now or time.time()):
        return False
    found = False
    for token in tokens:  # every key, in constant time, like the API keys
        found |= hmac.compare_digest(mac.encode(), _mac(token, int(expiry)).encode())
    return found


def is_admin(request: Request, settings: Settings) -> bool:
    if not settings.admin_tokens:
        return False
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and given.strip():
        return token_matches(given.strip(), settings.admin_tokens)
    cookie = request.cookies.get(COOKIE, "")
    return bool(cookie) and session_valid(cookie, settings.admin_tokens)


def start_session(response: Response, request: Request, token: str) -> None:
    response.set_cookie(
        COOKIE, session_value(token), max_age=SESSION_SECONDS, path=COOKIE_PATH,
        httponly=True, samesite="strict", secure=request.url.scheme == "https",
    )


def end_session(response: Response, request: Request) -> None:
    response.delete_cookie(COOKIE, path=COOKIE_PATH, httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")
