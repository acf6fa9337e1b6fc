"""One list of channels (tonkoll/channels.py). Python derives from it; the pages, the extension
and the docs cannot import it, so they are compared with it here."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tonkoll.channels import CHANNELS
from tonkoll.cli import build_parser
from tonkoll.config import Settings
from tonkoll.engine.kinds.metric import MetricRule

ROOT = Path(__file__).resolve().parent.parent


class _Options(HTMLParser):
    """The option values of the <select id="channel"> in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "select":
            self.inside = dict(attrs).get("id") == "channel"
        elif tag == "option" and self.inside:
            self.values.append(dict(attrs).get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.inside = False


def channel_options(page: Path) -> list[str]:
    parser = _Options()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.values


def test_the_list() -> None:
    assert CHANNELS == ("generic", "facebook", "x", "instagram", "linkedin", "reply")


@pytest.mark.parametrize("page", ["api/static/index.html", "extension/popup/popup.html"])
def test_channel_pickers_offer_every_channel(page: str) -> None:
    assert channel_options(ROOT / page) == list(CHANNELS)


def test_extension_knows_the_same_channels() -> None:
    messages = (ROOT / "extension" / "lib" / "messages.js").read_text(encoding="utf-8")
    found = re.search(r"Tonkoll\.CHANNELS = Object\.freeze\(\[([^\]]*)\]\)", messages)
    assert found, "extension/lib/messages.js defines Tonkoll.CHANNELS"
    assert re.findall(r'"([^"]+)"', found.group(1)) == list(CHANNELS)
    settings = (ROOT / "extension" / "lib" / "settings.js").read_text(encoding="utf-8")
    site_channels = re.findall(r'channel: "([^"]+)"', settings)
    assert site_channels and set(site_channels) <= set(CHANNELS)


def test_docs_name_every_channel() -> None:
    listed = "|".join(CHANNELS)
    for doc in ("README.md", "docs/architecture.md"):
        text = (ROOT / doc).read_text(encoding="utf-8").replace("\\|", "|")
        assert listed in text, f"{doc} names the channels as {listed}"


def test_service_cli_and_rule_schema_take_exactly_these_channels() -> None:
    with TestClient(create_app(Settings(rules_dirs=[ROOT / "rules"], reload_interval=0))) as client:
        check = client.get("/openapi.json").json()["paths"]["/v1/check"]["post"]
        body = check["requestBody"]["content"]["application/json"]["schema"]
        assert tuple(body["properties"]["channel"]["enum"]) == CHANNELS
        refused = client.post("/v1/check", json={"text": "Hej", "channel": "myspace"})
        assert refused.status_code == 422  # tests/web/test_check.py: every channel is accepted
    parser = build_parser()
    for channel in CHANNELS:
        assert parser.parse_args(["check", "-", "--channel", channel]).channel == channel
    with pytest.raises(SystemExit):
        parser.parse_args(["check", "-", "--channel", "myspace"])
    items = MetricRule.model_json_schema()["properties"]["channels"]["items"]
    assert tuple(items["enum"]) == CHANNELS
