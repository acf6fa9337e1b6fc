"""Hostile drafts: whatever Unicode arrives, spans stay valid and the service never fails."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robust_helpers import RULES_DIR, assert_spans_in_text, assert_utf16_spans
from unicode_strategies import drafts, drafts_with_surrogates

from tonkoll.channels import CHANNELS
from tonkoll.engine import check
from tonkoll.rulebook.loader import load_rulebook

BOOK = None


def bundled_book() -> Any:
    global BOOK
    if BOOK is None:
        BOOK = load_rulebook([RULES_DIR])
    return BOOK


def assert_report_sane(text: str, report: Any) -> None:
    for item in (*report.findings, *report.strengths):
        assert_spans_in_text(text, item)
    assert sum(1 for f in report.findings if f.primary) <= 3
    for theme, score in report.scores.items():
        assert 0 <= score <= 100, theme
    assert report.language in ("sv", "en")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=drafts, language=st.sampled_from(["auto", "sv", "en"]),
       channel=st.sampled_from(CHANNELS))
def test_engine_spans_are_inside_the_text(text: str, language: str, channel: str) -> None:
    assert_report_sane(text, check(text, bundled_book(), language=language, channel=channel))


@settings(max_examples=100, deadline=None)
@given(text=drafts_with_surrogates)
def test_engine_survives_lone_surrogates(text: str) -> None:
    assert_report_sane(text, check(text, bundled_book()))


# --- the HTTP API, in process ------------------------------------------------------------

@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    from api.app import create_app
    from tonkoll.config import Settings

    # Many requests from one client: the rate limit is not what this tests.
    app = create_app(Settings(rules_dirs=[RULES_DIR], api_tokens=[], rate_limit_per_minute=0))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def assert_answer_ok(text: str, response: Any) -> None:
    assert response.status_code < 500, response.text[:300]
    body = response.json()
    if response.status_code == 200:
        assert_utf16_spans(text, body)
    else:
        assert isinstance(body.get("code"), str) and body["code"]
        assert isinstance(body.get("message"), str) and body["message"]


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=drafts, channel=st.sampled_from(CHANNELS))
def test_api_spans_are_valid_utf16(client: TestClient, text: str, channel: str) -> None:
    response = client.post("/v1/check", json={"text": text, "channel": channel})
    assert_answer_ok(text, response)
    assert response.status_code == 200


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=drafts_with_surrogates)
def test_api_lone_surrogates_never_fail(client: TestClient, text: str) -> None:
    body = json.dumps({"text": text})  # ensure_ascii: lone surrogates become \udXXX escapes
    response = client.post("/v1/check", content=body,
                           headers={"Content-Type": "application/json"})
    assert_answer_ok(text, response)


RAW_BODIES = {
    "lone-high-surrogate": b'{"text": "Hej \\ud800 du"}',
    "lone-low-surrogate": b'{"text": "\\udfff"}',
    "surrogate-before-finding": b'{"text": "\\ud83d Vi erh\\u00e5ller svar."}',
    "nul-escape": b'{"text": "Hej\\u0000 vi erh\\u00e5ller"}',
    "invalid-utf8": b'{"text": "Hej \xff\xfe du"}',
    "utf8-encoded-surrogate": b'{"text": "\xed\xa0\x80"}',
    "overlong-utf8": b'{"text": "\xc0\xaf"}',
    "truncated-json": b'{"text": "Hej',
    "not-an-object": b'["Hej"]',
    "text-is-number": b'{"text": 12}',
    "text-is-null": b'{"text": null}',
    "deep-json": b'{"text": "a", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "huge-number": b'{"text": "a", "disabled_rules": [1' + b"0" * 5000 + b"]}",
    "bom-prefixed": b'\xef\xbb\xbf{"text": "Hej"}',
    "utf16-body": '{"text": "Hej"}'.encode("utf-16"),
    "empty": b"",
    "unknown-channel": b'{"text": "Hej", "channel": "myspace"}',
    "disabled-not-list": b'{"text": "Hej", "disabled_rules": "klarsprak.erhalla"}',
}


@pytest.mark.parametrize("name", sorted(RAW_BODIES))
def test_raw_hostile_bodies(client: TestClient, name: str) -> None:
    response = client.post("/v1/check", content=RAW_BODIES[name],
                           headers={"Content-Type": "application/json"})
    assert response.status_code < 500, f"{name}: {response.status_code} {response.text[:300]}"
    body = response.json()
    if response.status_code == 200:
        assert set(body) >= {"findings", "strengths", "scores", "readability", "rules_version"}
    else:
        assert body.get("code") and body.get("message"), body


def test_emoji_before_finding_counts_utf16(client: TestClient) -> None:
    text = "👋👩‍👩‍👧 Vi erhåller ditt svar."
    response = client.post("/v1/check", json={"text": text, "language": "sv"})
    assert response.status_code == 200
    body = response.json()
    assert body["findings"], "expected at least one finding after the emoji"
    assert_utf16_spans(text, body)


@pytest.mark.parametrize("yaml_text", [
    "theme: klarsprak\nrules: []\n# \x00 NUL\n",
    "- id: klarsprak.x\x01\n",
    "\ufeff\x7f",
    "a: &a [1]\nb: *a\n",
    "[" * 10_000,
])
def test_rules_try_with_hostile_yaml_never_fails(client: TestClient, yaml_text: str) -> None:
    response = client.post("/v1/rules/try", json={"yaml": yaml_text, "sentences": ["Hej!"]})
    assert response.status_code < 500, response.text[:300]
