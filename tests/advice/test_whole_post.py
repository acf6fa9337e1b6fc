"""Item 8: whole-post hints attach to the post's first words, and a message quotes the matched
words as they stand mid-sentence, not with a heading's capitals."""

from __future__ import annotations

from advice_helpers import run

from tonkoll.rulebook.model import Rulebook

# A real municipal notice (Vindeln, tests/data/eval/sv-public.jsonl): no "vi" or "du", no
# question or invitation.
VINDELN = ("Simhallen får användas till den 1 juli 2018, med möjlighet till förlängning av "
           "tillståndet ett år i taget.\n\nI december 2015 beslutade miljö- och byggnadsnämnden "
           "om användningsförbud för simhallen från och med den 1 juli 2017. Nu har nämnden "
           "beslutat att ge uppskov så att simhallen kan användas drygt ett år till, fram till "
           "den 1 juli 2018. Förutsättningen är att kommunen åtgärdar brister i simhallen för att "
           "det ska vara säkert att använda den.")


def test_whole_post_hints_attach_to_the_first_words(bundled: Rulebook) -> None:
    report = run(bundled, VINDELN)
    whole = {f.rule_id: f for f in report.findings
             if f.rule_id in ("rost.ingen-du-eller-vi", "dialog.ingen-inbjudan")}
    assert set(whole) == {"rost.ingen-du-eller-vi", "dialog.ingen-inbjudan"}
    for f in whole.values():
        assert (f.offset, f.matched) == (0, "Simhallen får användas")


def test_matched_words_are_quoted_without_heading_capitals(bundled: Rulebook) -> None:
    report = run(bundled, "Vad Man Får Göra I Parken\nMan Får grilla på grillplatserna.")
    man = [f for f in report.findings if f.rule_id == "rost.man"]
    assert man and "”man får”" in man[0].message and "”Man Får”" not in man[0].message
    assert man[0].matched == "Man Får"  # the finding still names the text as written


def test_names_keep_their_capitals(bundled: Rulebook) -> None:
    report = run(bundled, "Malmö stad informerar om att badet stänger.")
    f = next(f for f in report.findings if f.rule_id == "dialog.utsandning")
    assert "”Malmö stad informerar om att”" in f.message
