"""The token pattern of ``segment``: one compiled (stdlib) regular expression and its groups.

Our own fixed pattern, never user input; built once at import. segment.py reads the group
names below to tell the kind of each match.
"""

from __future__ import annotations

import re

# Abbreviations that never end a sentence (lower case, with their dots).
_ABBREVIATIONS = (
    "t.ex.", "bl.a.", "m.m.", "m.fl.", "osv.", "o.s.v.", "dvs.", "d.v.s.", "fr.o.m.", "t.o.m.",
    "s.k.", "ev.", "resp.", "kl.", "nr.", "tel.", "ca.", "etc.", "jfr.", "p.g.a.", "pga.",
    "f.d.", "o.d.", "e.d.", "inkl.", "exkl.", "obs.", "st.", "mfl.", "e.g.", "i.e.", "approx.",
    "no.", "mr.", "mrs.", "ms.", "dr.", "vs.", "ang.", "adr.", "forts.", "tfn.", "bet.",
)
# Abbreviations that may close a sentence: they end one when the next word starts with a capital.
CLOSING = frozenset({"osv.", "o.s.v.", "m.m.", "m.fl.", "mfl.", "etc."})


def _abbr_pattern(abbr: str) -> str:
    # "t.ex." may also be written "t.ex": the final dot is optional when there is an inner one.
    body = re.escape(abbr[:-1])
    return body + (r"\.?" if "." in abbr[:-1] else r"\.")


_ABBR_ALT = "|".join(_abbr_pattern(a) for a in sorted(_ABBREVIATIONS, key=len, reverse=True))
_TLDS = "se|nu|com|org|net|eu|io|info|fi|no|dk|de|uk|gov|edu"
_EMOJI = (
    "[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u2300-\u23FF\u2190-\u21FF"
    "\u3030\u303D\u3297\u3299\u00A9\u00AE\u203C\u2049\u2122\u2139\u24C2\u25AA-\u25FE"
    "\U0001F1E6-\U0001F1FF]"
)
_EMOJI_TAIL = "[\uFE0F\uFE0E\u20E3\U0001F3FB-\U0001F3FF\U000E0020-\U000E007F]"


# The emoji class as the old case-insensitive pattern matched it (ⓜ too): the pattern below
# is case-sensitive except where it says (?i:), as case-folded classes are slower to test.
_EMOJI_CS = _EMOJI[:-1] + "\u24DC]"
_URL_REST = r"[^\s<>\"]*[^\s<>\".,!?;:)\]}'”’…]"
_BREAKS = r"(?:[ \t\r\f\v]*+\n)*+"  # line breaks (and blanks before them) that change nothing


def _token_pattern(letter: str) -> re.Pattern[str]:
    # Speed: most branches start with a one-character class outside their group (the token
    # starts one character before the group), so that a branch that cannot match at this
    # character is skipped without being entered. The order of the branches decides as before.
    # One plain word; possessive, as giving back letters or a -'’ part could not help: the
    # character after any shorter end is a letter, mark or -'’, which the lookahead rejects.
    word = rf"{letter}++(?:[-'’]{letter}++)*+"
    return re.compile(
        # Linear time on any input: the blank prefix is possessive and the last two branches
        # (any other whitespace, end of text) mean a match never fails after it.
        r"[ \t\r\f\v]*+(?:"  # skipping blanks here is cheaper than failing every branch on them
        # First: no other branch can start with a line break. A line break right after an end
        # token or another line break ends no group (the group is already closed): the end and
        # line-break branches take such breaks along, to save a match each.
        rf"\n{_BREAKS}(?P<nl>)"
        # Fast path, most of a post: plain words, each but the last followed by one space, the
        # last not followed by - ' : . @ + (those may be abbreviations, URLs, e-mail addresses
        # and fall through to the full list below, which decides as before). A word followed by
        # a space passes that test, so when the last word fails only it is given back: the run
        # holds exactly the words that matches word by word would give. segment splits it.
        rf"|{letter}(?P<w>{letter}*+(?:[-'’]{letter}++)*+(?: {word})*)"
        # The sentence end right after the run, as the full list would take it: ! ? … always
        # start an end token there; so does a dot not followed by a word character, . + - or @
        # (e-mail), unless the word is www (a URL); when the word is an abbreviation (osv.),
        # segment makes it one, dot included (it has at most six letters, so rarely checks).
        rf"(?:(?![-'’:.@+\w\u0300-\u036f])(?:(?P<we>[!?…][.!?…]*+){_BREAKS}"
        # Or the punctuation mark or emoji right after the run, which only the other and emoji
        # branches below could match there: taken along to save a match (segment makes them).
        rf"|[ \t\r\f\v]*+(?:(?P<wo>[,;()”“\"])|(?P<wm>{_EMOJI_CS}{_EMOJI_TAIL}*"
        rf"(?:\u200D?{_EMOJI_CS}{_EMOJI_TAIL}*)*)))?"
        rf"|(?<![wW]{{3}})(?P<wd>\.[.!?…]*+)(?![\w.+@-]){_BREAKS})"
        rf"|[hH](?P<url>(?i:ttps?://){_URL_REST})"
        rf"|[wW](?P<www>(?i:ww\.){_URL_REST})"
        # A bare domain such as malmo.se or malmo.se/bad (its dot must not end a sentence).
        rf"|[\w-](?P<domain>(?<![\w@.-].)[\w-]*(?:\.[\w-]+)*\.(?:{_TLDS})(?![\w-])"
        rf"(?:/{_URL_REST})?)"
        r"|@(?P<mention>(?<![\w@]@)\w+(?:[._]\w+)*)"
        r"|\#(?P<hashtag>(?<![\w#&]\#)\w+)"
        rf"|(?P<abbr>{_ABBR_TOKEN})"  # the only branch whose group holds its first character
        r"|\d(?P<number>\d*(?:[.,:]\d+)*)"
        rf"|{letter}(?P<word>{letter}*(?:[-'’:]{letter}+)*)(?![\w.+-]{{0,64}}@)"
        r"|[\w.+-](?P<email>[\w.+-]{0,63}@[\w-]+(?:\.[\w-]+)+)"  # bounded: no quadratic rescans
        rf"|[.!?…](?P<end>[.!?…]*){_BREAKS}"
        # A run of emoji is one token, as a run of ! or ? is: "😭😭😭" (kanal.emoji still
        # counts each emoji in it); a zero-width joiner makes one emoji of several (👨‍👩‍👧).
        rf"|{_EMOJI_CS}(?P<emoji>{_EMOJI_TAIL}*(?:\u200D?{_EMOJI_CS}{_EMOJI_TAIL}*)*)"
        r"|\S(?P<other>)"
        r"|\s(?P<ws>)"
        r"|(?P<tail>\Z))"
    )


_ABBR_TOKEN = rf"(?<![\w.])(?=[^\W\d_]{{1,6}}\.)(?i:{_ABBR_ALT})(?![\w])"
ABBR_RE = re.compile(_ABBR_TOKEN)  # is the last word of a run, with its dot, an abbreviation?
TOKEN_RE = _token_pattern(r"[^\W\d_]")
# Text typed on some systems spells å as a + U+030A: then a letter may carry combining accents,
# and token keys are NFC-normalised so they still match the rules' words.
COMBINING = re.compile("[\u0300-\u036f]")
TOKEN_RE_MARKS = _token_pattern("(?:[^\\W\\d_]|[\u0300-\u036f])")

# What each named group of the pattern is (segment.py dispatches on ``match.lastgroup``).
# Every branch has exactly one group, which starts one character after its token except abbr.
LINE_BREAK = "nl"
# A run of plain words (group "w"), alone or with what the same match took along after it:
# a sentence end ("we": ! ? …; "wd": a dot), a punctuation mark ("wo") or an emoji ("wm").
WORD_RUN = "w"
RUN_END, RUN_DOT, RUN_OTHER, RUN_EMOJI = "we", "wd", "wo", "wm"
RUN_GROUPS = frozenset({WORD_RUN, RUN_END, RUN_DOT, RUN_OTHER, RUN_EMOJI})
BLANK_GROUPS = frozenset({"ws", "tail"})  # other whitespace, end of text: no token
# The token kind of every other group: one token per match.
KIND_OF_GROUP = {"www": "url", "domain": "url"} | {
    g: g for g in ("url", "mention", "hashtag", "abbr", "number", "word", "email", "end",
                   "emoji", "other")
}
assert set(TOKEN_RE.groupindex) == (
    {LINE_BREAK} | RUN_GROUPS | BLANK_GROUPS | set(KIND_OF_GROUP)
) == set(TOKEN_RE_MARKS.groupindex)
