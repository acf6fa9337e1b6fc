"""POST /v1/check through TestClient on the small fixture rules."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from tonkoll.channels import CHANNELS

DATA_RULES = Path(__file__).resolve().parent / "data" / "rules"


def post(client: TestClient, **body: object) -> dict:
    response = client.post("/v1/check", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def finding(report: dict, rule_id: str) -> dict:
    return next(f for f in report["findings"] if f["rule_id"] == rule_id)


def test_check_finds_a_hint_with_its_span(client: TestClient) -> None:
    text = "Du erhåller beskedet i morgon."
    report = post(client, text=text, language="sv")
    hit = finding(report, "klarsprak.erhalla")
    assert text[hit["offset"] : hit["offset"] + hit["length"]] == "erhåller"
    assert hit["matched"] == "erhåller"
    assert hit["suggestions"][0] == "få"
    assert hit["theme"] == "klarsprak" and hit["level"] == "hint"
    assert hit["message"] and hit["explanation"] and hit["handbook"]
    assert report["language"] == "sv"
    assert set(report["scores"]) >= {"overall"}
    assert report["rules_version"]
    assert set(report["readability"]) == {
        "lix",
        "band",
        "words",
        "sentences",
        "words_per_sentence",
        "long_words",
    }


def utf16_slice(text: str, offset: int, length: int) -> str:
    units = text.encode("utf-16-le")
    return units[offset * 2 : (offset + length) * 2].decode("utf-16-le")


def test_offsets_are_utf16_code_units(client: TestClient) -> None:
    text = "Hej 👋 👋! Du erhåller beskedet. 👋 Malmö stad informerar om vägarbetet."
    report = post(client, text=text, language="sv")
    hit = finding(report, "klarsprak.erhalla")
    # In code points "erhåller" starts at 12; each 👋 before it adds one UTF-16 unit.
    assert text.index("erhåller") == 12
    assert hit["offset"] == 14
    assert utf16_slice(text, hit["offset"], hit["length"]) == "erhåller"
    warn = finding(report, "rost.informerar")
    assert utf16_slice(text, warn["offset"], warn["length"]) == "Malmö stad informerar"
    for span in warn["spans"]:
        assert utf16_slice(text, span["offset"], span["length"]) == span["text"]


def test_emoji_inside_a_span_counts_twice() -> None:
    from api.convert import Utf16Offsets

    units = Utf16Offsets("a👋b👋👋c")
    assert units.offset(0) == 0
    assert units.offset(2) == 3
    assert units.span(1, 3) == (1, 5)
    assert units.offset(6) == 9


def test_strengths_are_reported(client: TestClient) -> None:
    report = post(client, text="Vad tycker du om parken?", language="sv")
    assert [s["rule_id"] for s in report["strengths"]] == ["dialog.fraga"]
    assert report["strengths"][0]["level"] == "praise"


def test_disabled_rules_are_skipped(client: TestClient) -> None:
    text = "Du erhåller beskedet i morgon."
    report = post(client, text=text, language="sv", disabled_rules=["klarsprak.erhalla"])
    assert "klarsprak.erhalla" not in [f["rule_id"] for f in report["findings"]]


def test_english_rules_for_english_posts(client: TestClient) -> None:
    report = post(client, text="We utilize the new park every day.", language="en")
    assert report["language"] == "en"
    assert [f["rule_id"] for f in report["findings"]] == ["klarsprak.en-utilize"]


def test_every_channel_is_accepted(client: TestClient) -> None:
    for channel in CHANNELS:
        post(client, text="Du erhåller beskedet.", channel=channel)


def test_empty_or_blank_text_has_no_findings(client: TestClient) -> None:
    for text in ("", "   ", "\n\t \n"):
        report = post(client, text=text)
        assert report["findings"] == []


def test_text_at_the_limit_is_accepted(make_client) -> None:  # type: ignore[no-untyped-def]
    client = make_client(max_chars=50)
    post(client, text="a" * 50)


def test_a_later_rules_dir_tunes_the_bundled_set(make_client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    local = tmp_path / "avdelning"
    local.mkdir()
    (local / "justeringar.yml").write_text(
        "overrides:\n  - id: klarsprak.erhalla\n    enabled: false\n"
        "  - id: rost.informerar\n    level: hint\n",
        encoding="utf-8",
    )
    client = make_client(rules_dirs=[DATA_RULES, local])
    report = post(client, text="Malmö stad informerar: du erhåller beskedet.", language="sv")
    assert [(f["rule_id"], f["level"]) for f in report["findings"]] == [("rost.informerar", "hint")]
    rules = {r["id"]: r for r in client.get("/v1/rules").json()["rules"]}
    assert rules["klarsprak.erhalla"]["enabled"] is False


@given(text=st.text(max_size=60), data=st.data())
def test_utf16_offsets_slice_the_same_text(text: str, data: st.DataObject) -> None:
    from api.convert import Utf16Offsets

    start = data.draw(st.integers(0, len(text)))
    length = data.draw(st.integers(0, len(text) - start))
    offset16, length16 = Utf16Offsets(text).span(start, length)
    units = text.encode("utf-16-le", "surrogatepass")
    piece = units[offset16 * 2 : (offset16 + length16) * 2].decode("utf-16-le", "surrogatepass")
    assert piece == text[start : start + length]


def test_answers_match_the_documented_schema_exactly(client: TestClient) -> None:
    """The route serialises plain dicts (faster than building pydantic models), so check that
    real answers are exactly `CheckResponse`: every field, nothing extra, right types."""
    from api.schemas import CheckResponse, FindingOut, ReadabilityOut, SpanOut

    def keys_match(data: dict, model: type) -> None:
        assert set(data) == set(model.model_fields), (sorted(data), model.__name__)

    texts = [
        "Malmö stad informerar: du erhåller beskedet i dag 👋. Vad tycker du?",
        "Hej! Vi ses på torget i morgon. Berätta gärna vad du tycker.",
        "",
        "Man erhåller beskedet. Man erhåller det igen.",
    ]
    for text in texts:
        report = post(client, text=text, language="sv", channel="facebook")
        CheckResponse.model_validate(report, strict=True)
        keys_match(report, CheckResponse)
        keys_match(report["readability"], ReadabilityOut)
        for f in report["findings"] + report["strengths"]:
            keys_match(f, FindingOut)
            for span in f["spans"]:
                keys_match(span, SpanOut)


def test_replacements_put_in_place_by_utf16_offsets(make_client) -> None:  # type: ignore[no-untyped-def]
    """`replacements` (LanguageTool's shape) replace exactly `offset`/`length` in UTF-16 code
    units, also after emoji and when a construction rewrite covers more than the underline."""
    from api.schemas import ReplacementOut

    bundled = Path(__file__).resolve().parents[2] / "rules"
    client = make_client(rules_dirs=[bundled])
    text = "👋👋 Föreningen erhöll bidrag. Badet kommer att öppnas på måndag."
    report = post(client, text=text, language="sv")
    units = text.encode("utf-16-le")

    def put(f: dict, value: str) -> str:
        start, end = 2 * f["offset"], 2 * (f["offset"] + f["length"])
        return (units[:start] + value.encode("utf-16-le") + units[end:]).decode("utf-16-le")

    by_rule = {f["rule_id"]: f for f in report["findings"]}
    verb = by_rule["klarsprak.stela-verb"]
    assert verb["replacements"] == [{"value": "fick"}]
    ReplacementOut.model_validate(verb["replacements"][0])
    assert put(verb, "fick") == text.replace("erhöll", "fick")
    # whichever passive rule ranks highest shows it; the others are echoes (docs/engine.md)
    passive = next(f for f in report["findings"] if f["rule_id"].startswith("klarsprak.passiv"))
    assert passive["matched"] == "Badet kommer att öppnas"
    assert passive["spans"][0]["text"] == "kommer att öppnas"  # the underline stays the hit
    assert (put(passive, passive["replacements"][0]["value"])
            == "👋👋 Föreningen erhöll bidrag. Vi öppnar badet på måndag.")
    assert "”Vi öppnar badet”" in passive["message"]  # the message quotes the replacement
