"""API tokens, CORS for the extension's origins, and the optional rate limit."""

from __future__ import annotations

from fastapi.testclient import TestClient

from api.deps import token_matches

CHECK = {"text": "Du erhåller beskedet."}


def test_token_match_is_exact() -> None:
    assert token_matches("abc", ["zzz", "abc"])
    assert not token_matches("ab", ["abc"])
    assert not token_matches("", ["abc"])
    assert not token_matches("abc", [])


def test_tokens_guard_the_api_but_not_health_or_pages(make_client) -> None:  # type: ignore[no-untyped-def]
    client: TestClient = make_client(api_tokens=["hemlig-nyckel-1", "nyckel-2"])
    for headers in (
        {},
        {"Authorization": "Bearer fel"},
        {"Authorization": "hemlig-nyckel-1"},
        {"Authorization": "Basic hemlig-nyckel-1"},
    ):
        r = client.post("/v1/check", json=CHECK, headers=headers)
        assert r.status_code == 401
        assert r.json()["code"] == "unauthorized"
        assert r.headers["www-authenticate"] == "Bearer"
    assert client.get("/v1/rules").status_code == 401
    assert client.post("/v1/rules/try", json={"yaml": "x: 1"}).status_code == 401
    ok = {"Authorization": "Bearer nyckel-2"}
    assert client.post("/v1/check", json=CHECK, headers=ok).status_code == 200
    assert client.get("/v1/rules", headers=ok).status_code == 200
    assert client.get("/v1/health").status_code == 200
    assert client.get("/").status_code == 200
    assert client.get("/regler").status_code == 200
    assert client.get("/static/playground.js").status_code == 200


def test_no_tokens_means_open(client: TestClient) -> None:
    assert client.post("/v1/check", json=CHECK).status_code == 200


def preflight(client: TestClient, origin: str):  # type: ignore[no-untyped-def]
    return client.options(
        "/v1/check",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )


def test_extension_origins_are_allowed_by_default(client: TestClient) -> None:
    for origin in (
        "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
        "moz-extension://6f0e5c2a-1d3b-4c55-9a0e-0123456789ab",
    ):
        r = preflight(client, origin)
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == origin
        r = client.post("/v1/check", json=CHECK, headers={"Origin": origin})
        assert r.headers["access-control-allow-origin"] == origin


def test_web_origins_are_not_allowed(client: TestClient) -> None:
    r = preflight(client, "https://evil.example")
    assert "access-control-allow-origin" not in r.headers
    r = client.post("/v1/check", json=CHECK, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_explicit_origins_only(make_client) -> None:  # type: ignore[no-untyped-def]
    client: TestClient = make_client(
        allowed_origins=["chrome-extension://onlythisone"], allowed_origin_regex=None
    )
    assert preflight(client, "chrome-extension://onlythisone").status_code == 200
    assert (
        "access-control-allow-origin" not in preflight(client, "chrome-extension://other").headers
    )


def test_error_answers_carry_cors_headers(make_client) -> None:  # type: ignore[no-untyped-def]
    client: TestClient = make_client(api_tokens=["k"])
    origin = "chrome-extension://abc"
    r = client.post("/v1/check", json=CHECK, headers={"Origin": origin})
    assert r.status_code == 401
    assert r.headers["access-control-allow-origin"] == origin


def test_rate_limit_is_on_by_default(client: TestClient) -> None:
    codes = [client.post("/v1/check", json=CHECK).status_code for _ in range(301)]
    assert codes == [200] * 300 + [429]
    assert client.get("/v1/health").status_code == 200


def test_rate_limit_can_be_turned_off(make_client) -> None:  # type: ignore[no-untyped-def]
    client: TestClient = make_client(rate_limit_per_minute=0)
    assert all(client.post("/v1/check", json=CHECK).status_code == 200 for _ in range(310))


def test_rate_limit_per_token_or_address(make_client) -> None:  # type: ignore[no-untyped-def]
    client: TestClient = make_client(rate_limit_per_minute=3, api_tokens=["a", "b"])
    a, b = {"Authorization": "Bearer a"}, {"Authorization": "Bearer b"}
    assert [client.post("/v1/check", json=CHECK, headers=a).status_code for _ in range(3)] == [
        200
    ] * 3
    r = client.post("/v1/check", json=CHECK, headers=a)
    assert r.status_code == 429
    assert r.json()["code"] == "rate_limited"
    assert "Vänta" in r.json()["message"]
    assert r.headers["retry-after"]
    assert client.post("/v1/check", json=CHECK, headers=b).status_code == 200
    assert all(client.get("/v1/health").status_code == 200 for _ in range(10))


def test_try_has_its_own_lower_limit(make_client) -> None:  # type: ignore[no-untyped-def]
    client: TestClient = make_client(try_rate_limit_per_minute=2)
    tries = [client.post("/v1/rules/try", json={"yaml": "x"}).status_code for _ in range(3)]
    assert tries == [200, 200, 429]
    assert client.post("/v1/check", json=CHECK).status_code == 200  # checks go on


def test_rate_limit_by_address_without_token(make_client) -> None:  # type: ignore[no-untyped-def]
    client: TestClient = make_client(rate_limit_per_minute=2)
    codes = [client.post("/v1/check", json=CHECK).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
