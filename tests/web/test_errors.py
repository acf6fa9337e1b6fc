"""Bad input gets a clear `{code, message}` answer, never a 500 or a hang."""

from __future__ import annotations

import json
import logging

import pytest
from fastapi.testclient import TestClient

import api.routes


def assert_error(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["message"], str) and body["message"]
    return body


def test_malformed_json_is_422(client: TestClient) -> None:
    r = client.post(
        "/v1/check", content=b'{"text": "hej', headers={"Content-Type": "application/json"}
    )
    assert_error(r, 422, "invalid_json")


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "text"),
        ({"text": 12}, "text"),
        ({"text": ["a"]}, "text"),
        ({"text": "hej", "channel": "myspace"}, "channel"),
        ({"text": "hej", "language": "de"}, "language"),
        ({"text": "hej", "disabled_rules": "klarsprak.erhalla"}, "disabled_rules"),
    ],
)
def test_wrong_fields_are_422_with_field_messages(
    client: TestClient, body: dict, field: str
) -> None:
    data = assert_error(client.post("/v1/check", json=body), 422, "invalid_request")
    assert field in [d["field"] for d in data["detail"]]
    assert all(set(d) == {"field", "message"} for d in data["detail"])


def test_422_never_echoes_the_input(client: TestClient) -> None:
    r = client.post("/v1/check", json={"text": "hemligtordett", "channel": "hemligtordtva"})
    assert r.status_code == 422
    assert "hemligtord" not in r.text


def test_json_array_body_is_422(client: TestClient) -> None:
    assert_error(client.post("/v1/check", json=["hej"]), 422, "invalid_request")


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        None,
    ],
)
def test_wrong_content_type_is_415(client: TestClient, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    r = client.post("/v1/check", content=json.dumps({"text": "hej"}).encode(), headers=headers)
    assert_error(r, 415, "unsupported_media_type")


def test_json_with_charset_is_fine(client: TestClient) -> None:
    r = client.post(
        "/v1/check",
        content=json.dumps({"text": "hej"}).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert r.status_code == 200


def test_text_over_the_limit_is_413_naming_the_limit(make_client) -> None:  # type: ignore[no-untyped-def]
    client = make_client(max_chars=1000)
    body = assert_error(client.post("/v1/check", json={"text": "a" * 1001}), 413, "text_too_long")
    assert "1\u00a0000" in body["message"]


def test_body_far_over_the_limit_is_refused_by_content_length(make_client) -> None:  # type: ignore[no-untyped-def]
    client = make_client(max_chars=100)
    big = json.dumps({"text": "a" * 1_000_000}).encode()
    body = assert_error(
        client.post("/v1/check", content=big, headers={"Content-Type": "application/json"}),
        413,
        "body_too_large",
    )
    assert "100 tecken" in body["message"]


def test_streamed_body_over_the_limit_is_refused(make_client) -> None:  # type: ignore[no-untyped-def]
    client = make_client(max_chars=100)
    sent: list[int] = []

    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"text": "'
        for _ in range(10_000):
            sent.append(1)
            yield b"a" * 1000
        yield b'"}'

    r = client.post("/v1/check", content=chunks(), headers={"Content-Type": "application/json"})
    assert_error(r, 413, "body_too_large")


def test_unknown_paths_and_methods_have_error_bodies(client: TestClient) -> None:
    assert_error(client.get("/v1/nothing"), 404, "not_found")
    assert_error(client.get("/v1/check"), 405, "method_not_allowed")


ODD_TEXTS = [
    "\x00\x00\x00",
    "👋" * 500,
    "e\u0301" * 300,
    "\u200b\u200d\ufeff" * 50,
    "مرحبا بالعالم، كيف حالك؟",
    "שלום עולם",
    "a" * 9000,
    "!!!???...",
    "\n" * 2000,
    "#hashtag #Malmö @stad https://malmo.se",
    "ÅÄÖ åäö " * 200,
    "\U0001f1f8\U0001f1ea" * 30,
    "Du erhåller\u00a0beskedet",
    "Du ERHÅLLER beskedet!!!",
    "[[erhåller]]",
    "{match}",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_odd_text_never_gives_a_server_error(client: TestClient, text: str) -> None:
    for language in ("auto", "sv", "en"):
        r = client.post("/v1/check", json={"text": text, "language": language, "channel": "x"})
        assert r.status_code == 200, r.text
        for f in r.json()["findings"] + r.json()["strengths"]:
            units = len(text.encode("utf-16-le", "surrogatepass")) // 2
            assert 0 <= f["offset"] and f["offset"] + f["length"] <= units


def test_lone_surrogates_in_json_are_handled(client: TestClient) -> None:
    raw = b'{"text": "Du erh\\u00e5ller \\ud800 beskedet \\udc00."}'
    r = client.post("/v1/check", content=raw, headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    hit = r.json()["findings"][0]
    assert (hit["offset"], hit["length"], hit["matched"]) == (3, 8, "erhåller")


def test_lone_surrogates_are_quoted_back_as_sent(client: TestClient) -> None:
    raw = (
        b'{"text": "\\ud83d Malm\\u00f6 stad informerar\\udfff om v\\u00e4gen.", "language": "sv"}'
    )
    r = client.post("/v1/check", content=raw, headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    hit = r.json()["findings"][0]
    assert hit["rule_id"] == "rost.informerar"
    assert (hit["offset"], hit["matched"]) == (2, "Malmö stad informerar")


def test_engine_failure_is_a_calm_500_without_the_draft(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(text: str, *args: object, **kwargs: object) -> None:
        raise RuntimeError(f"engine choked on {text}")

    monkeypatch.setattr(api.routes, "check", broken)
    with caplog.at_level(logging.DEBUG):
        r = client.post("/v1/check", json={"text": "hemligmarkör finns här"})
    body = assert_error(r, 500, "internal_error")
    assert "hemlig" not in body["message"]
    assert "RuntimeError" in caplog.text
    assert "hemligmarkör" not in caplog.text


def test_body_that_is_not_utf8_is_422(client: TestClient) -> None:
    r = client.post(
        "/v1/check",
        content=b'{"text": "\xff\xfe h\xe4j"}',
        headers={"Content-Type": "application/json"},
    )
    assert_error(r, 422, "invalid_json")


def test_405_names_the_allowed_methods(client: TestClient) -> None:
    r = client.put("/v1/check", json={"text": "hej"})
    assert_error(r, 405, "method_not_allowed")
    assert r.headers["allow"] == "POST"


def test_an_exception_outside_the_engine_is_a_calm_500_too(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(report: object, text: str, *rest: object) -> None:
        raise ValueError(f"cannot shape {text}")

    monkeypatch.setattr(api.routes, "report_dict", broken)
    with caplog.at_level(logging.DEBUG):
        r = client.post("/v1/check", json={"text": "hemligmarkör två"})
    assert_error(r, 500, "internal_error")
    assert "ValueError" in caplog.text
    assert "hemligmarkör" not in caplog.text
    assert client.get("/v1/health").status_code == 200
