"""Hypothesis strategies for hostile drafts: real Swedish trigger phrases mixed with emoji,
combining marks, right-to-left text, zero-width characters, NUL and arbitrary Unicode."""

from __future__ import annotations

from hypothesis import strategies as st

# Phrases that make rules fire, so spans are actually produced and checked.
TRIGGERS = [
    "Vi erhåller", "erhåller", "Malmö stad informerar", "Härmed meddelas att",
    "vi beklagar eventuella olägenheter", "inom kort", "snarast", "medborgaren",
    "genomföra en utredning", "vidta åtgärder", "Kommentarer besvaras inte.",
    "Du", "vi", "Tack!", "Vad tycker du?", "UTROPSTECKEN!!!", "#malmö #stad #sommar",
    "t.ex.", "kl. 8.30", "https://malmo.se/a?b=c", "@namn", "Hej!", "utilize", "We apologize",
]
ODD = [
    "👋", "👩\u200d👩\u200d👧", "🇸🇪", "e\u0301", "a\u0308", "\u0301", "\u200b", "\u200d",
    "\u200e", "\u200f", "\u202e", "\ufeff", "\x00", "\r\n", "\n\n", "\t", "\u2028",
    "שלום", "مرحبا", "ﷺ", "𝔘𝔫𝔦", "\U0010ffff", "\ufffd", "Å", "ß", "İ", "ǅ", "ﬀ",
]
SEPARATORS = [" ", "", "\n", ". ", "! ", "? ", "\u00a0", "\u3000"]

fragments = st.one_of(
    st.sampled_from(TRIGGERS),
    st.sampled_from(ODD),
    st.text(max_size=12),  # arbitrary code points (no surrogates)
    st.text(st.characters(codec="utf-8"), max_size=6),
)

drafts = st.lists(st.tuples(fragments, st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts))

# With lone surrogates too: JSON can carry "\ud800", and Python strings can hold it.
drafts_with_surrogates = st.lists(
    st.one_of(fragments, st.sampled_from(["\ud800", "\udfff", "a\udc00b", "\ud83d"])),
    max_size=20).map(" ".join)
