"""Issue 13, item 5: /regler renders rule text as text. A hostile rule file (HTML, Markdown
that breaks out of code spans, a lone \\r before a heading) adds no element to the page."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

HOSTILE = (
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
    "<script>alert(1)</script><img src=x onerror=alert(1)> "
    "`` </code><b>fet</b> ``` </code><i>x</i> "
    "\r# Rubrik\r\n## Under\n\n<h1>stor</h1> [klick](javascript:alert(1)) "
    "![bild](https://evil.example/x.png) <https://evil.example/> &lt;u&gt;"
)
PLAIN = "vanlig text"


def hostile_file(value: str) -> str:
    escaped = "".join("\\" + c if c in "()[]{}*+?.|^$\\" else c for c in value)
    common = {"message": value, "explanation": value, "handbook": value}
    rules = [
        {"id": "arlighet.monster", "kind": "pattern", "level": "hint", **common,
         "pattern": f"qqq(?:{escaped})?", "suggest": [value],
         "examples": {"bad": ["[[qqq]] här"], "good": [f"här {value}"]}},
        {"id": "arlighet.saknas", "kind": "absence", "level": "hint", **common,
         "absent": ["zzz"], "also_absent_pattern": f"yyy(?:{escaped})?",
         "examples": {"bad": [f"Här {value}"], "good": ["Här zzz."]}},
    ]
    return yaml.safe_dump({"theme": "arlighet", "title": value, "rules": rules},
                          allow_unicode=True)


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, tuple(attrs)))


def elements(page: str) -> list[tuple[str, tuple[tuple[str, str | None], ...]]]:
    parser = Elements()
    parser.feed(page)
    return parser.found


def page_with(make_client: Callable[..., TestClient], rules_dir: Path, value: str) -> str:
    (rules_dir / "sv" / "arlighet.yml").write_text(hostile_file(value), encoding="utf-8")
    client = make_client()
    assert client.get("/v1/health").json()["rules"] == 6  # the file loaded
    response = client.get("/regler")
    assert response.status_code == 200
    return response.text


def test_a_hostile_rule_file_adds_no_element(make_client: Callable[..., TestClient],
                                              rules_dir: Path) -> None:
    hostile = page_with(make_client, rules_dir, HOSTILE)
    plain = page_with(make_client, rules_dir, PLAIN)
    # Same elements, same attributes: the values changed only text.
    assert elements(hostile) == elements(plain)
    tags = [tag for tag, _ in elements(hostile)]
    assert "meta" in tags and not any(
        ("http-equiv", "refresh") in attrs for tag, attrs in elements(hostile) if tag == "meta")
    assert tags.count("script") == 1 and tags.count("h1") == 1
    assert not {"img", "b", "i", "iframe", "style"} & set(tags)
    hrefs = [v for _, attrs in elements(hostile) for k, v in attrs if k == "href"]
    assert all(h and (h.startswith("#") or h.startswith("/")) for h in hrefs), hrefs
    # the text itself is still there, as text
    assert "&lt;meta http-equiv=" in hostile and "Rubrik" in hostile
    assert '<h2 id="arlighet">' in hostile and '<a href="#arlighet">' in hostile


def test_the_page_is_rendered_once_per_rule_book(make_client: Callable[..., TestClient],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from api import reference

    calls: list[int] = []
    real = reference.render
    monkeypatch.setattr(reference, "render", lambda book: (calls.append(1), real(book))[1])
    client = make_client()
    pages = {client.get("/regler").text for _ in range(5)}
    assert len(pages) == 1 and len(calls) == 1
    store = client.app.state.store  # type: ignore[attr-defined]
    assert store.reload() is True  # a new book object
    assert client.get("/regler").status_code == 200 and len(calls) == 2
    assert re.search(r"\d+ regler, version", client.get("/regler").text)
