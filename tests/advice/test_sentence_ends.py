"""Item 2: an emoji used as a full stop ends a sentence ("…i Folkets park 🛝 Barnen på…", the
issue's example), and a heading on its own line ends at the line break also when the editor
uses a Unicode line or paragraph separator."""

from __future__ import annotations

from advice_helpers import run

from tonkoll.rulebook.model import Rulebook
from tonkoll.text.segment import segment

POST = ("Sommarlovet är här och vi har fyllt lådorna med spel i Folkets park 🛝 Barnen på "
        "fritids har redan testat allt 🌞 Kom förbi!")


def sentences(text: str) -> list[str]:
    seg = segment(text)
    return [text[s.start:s.end] for s in seg.sentences]


def test_emoji_before_a_capital_ends_the_sentence() -> None:
    assert sentences(POST) == [
        "Sommarlovet är här och vi har fyllt lådorna med spel i Folkets park 🛝",
        "Barnen på fritids har redan testat allt 🌞",
        "Kom förbi!",
    ]


def test_emoji_inside_a_sentence_does_not_end_it() -> None:
    assert sentences("Vi ses 😀 i parken på lördag.") == ["Vi ses 😀 i parken på lördag."]
    assert sentences("Tack 😀, Anna") == ["Tack 😀, Anna"]


def test_warm_post_is_not_one_long_first_sentence(bundled: Rulebook) -> None:
    ending = ("Kom förbi och spela med oss i eftermiddag, vi finns vid dammen hela dagen och "
              "bjuder på saft till alla som vill vara med!")
    long_post = POST.replace("Kom förbi!", ending)
    report = run(bundled, long_post, channel="instagram")
    assert report.readability.sentences == 3
    assert "kanal.forsta-meningen-lang" not in {f.rule_id for f in report.findings}
    glued = long_post.replace(" 🛝 Barnen", " 🛝 barnen").replace(" 🌞 Kom", " 🌞 kom")
    glued_report = run(bundled, glued, channel="instagram")
    assert "kanal.forsta-meningen-lang" in {f.rule_id for f in glued_report.findings}


def test_unicode_line_separators_end_a_heading() -> None:
    for sep in ("\u2028", "\u2029", "\x85"):
        assert sentences(f"Nya öppettider{sep}Nu öppnar vi klockan sju.") == [
            "Nya öppettider", "Nu öppnar vi klockan sju."]
