from __future__ import annotations

import pytest

from tonkoll.text.language import detect_language, resolve_language


def words(text: str) -> list[str]:
    return text.replace("!", " ").replace("?", " ").replace(".", " ").split()


@pytest.mark.parametrize(
    "text",
    ["Hej!", "Tack för i dag!", "Nu öppnar badet igen", "Vad tycker du?", "Välkommen till oss",
     "Malmö stad informerar", "Läs mer här", "Det är kul", "#malmö 😀", "", "Grattis Anna!",
     "Vi ses i morgon kl 8"],
)
def test_short_swedish_posts(text: str) -> None:
    assert detect_language(words(text)) == "sv"


@pytest.mark.parametrize(
    "text",
    ["Thank you for coming!", "We apologize for any inconvenience.", "Read more here",
     "What do you think?", "The pool is open today", "Welcome to our new library",
     "Thanks @anna for the photo", "Please utilize the form prior to Friday"],
)
def test_short_english_posts(text: str) -> None:
    assert detect_language(words(text)) == "en"


def test_unsure_defaults_to_swedish() -> None:
    assert detect_language(["Anna", "Malmö", "2024"]) == "sv"
    assert detect_language(["OK"]) == "sv"


def test_override() -> None:
    assert resolve_language("en", words("Hej på dig")) == "en"
    assert resolve_language("sv", words("Thank you")) == "sv"
    assert resolve_language("auto", words("Thank you for this")) == "en"


def test_accuracy_on_the_projects_labelled_texts() -> None:
    import json
    from pathlib import Path

    from tonkoll.text.segment import segment

    root = Path(__file__).resolve().parents[2] / "tests" / "data" / "eval"
    rows = [json.loads(line) for f in sorted(root.glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r.get("lang") in ("sv", "en")]
    assert len(rows) >= 20
    right = sum(
        detect_language(t.text for t in segment(r["text"]).tokens if t.kind == "word") == r["lang"]
        for r in rows
    )
    assert right / len(rows) >= 0.98
