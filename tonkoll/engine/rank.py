"""Turn raw hits into findings: fold repeats into spans, rank by impact, hide echoes.

Impact (higher first): warnings before hints; whole-post issues before single words; a rule
that hits several times before one that hits once. The top PRIMARY_COUNT are ``primary``.
Every hit that does not overlap an earlier one of its rule is kept as a span, also a second
one in the same sentence ("erhålla … tillhandahålla": both are underlined, each substitution
entry its own finding). Only word-sized findings hide others (ECHO_MAX_CHARS): a hint about a
whole long sentence never swallows the word hints inside it. Praise is not given for words
that a shown hint or warning is about ("Vi beklagar eventuella …" earns no "Fint, du skriver
som vi").
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate, compress, pairwise
from operator import attrgetter, itemgetter, le, lt

from tonkoll.engine.collect import MAX_SPANS, Hit
from tonkoll.engine.kinds.registry import kind_named
from tonkoll.engine.plan import FindingText, finding_text
from tonkoll.engine.replace import follow_case, replacements_for
from tonkoll.findings import Finding, Span
from tonkoll.rulebook.model import LoadedRule, Rulebook
from tonkoll.rulebook.schema import RENDERED_MESSAGE_MAX_CHARS
from tonkoll.text.language import EN_WORDS, SV_WORDS
from tonkoll.text.segment import Segmentation

_START, _END, _ENTRY = attrgetter("start"), attrgetter("end"), attrgetter("entry")
PRIMARY_COUNT = 3
LEVEL_IMPACT = {"warning": 3000, "hint": 2000, "praise": 1000}
WHOLE_TEXT_IMPACT = 500
PER_SPAN_IMPACT = 10
MAX_SPAN_BONUS = 9
ECHO_MAX_CHARS = 60  # a covering span longer than this (a whole sentence) hides nothing
_FORMATTER = string.Formatter()


def _format_number(value: float | None, language: str) -> str:
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:.1f}"
    return text.replace(".", ",") if language == "sv" else text


def render_message(template: str, values: dict[str, str]) -> str:
    """Fill bare {match} {suggestion} {value} {limit}; never raises, never longer than
    RENDERED_MESSAGE_MAX_CHARS. A placeholder with a format spec or conversion (the schema
    refuses them) leaves the template as it is, so no rule can pad a message (issue 13)."""
    parsed = _template_parts(template)
    if parsed is None or not parsed[1].issubset(values):
        message = template
    else:
        message = "".join([literal if name is None else literal + values[name]
                           for literal, name in parsed[0]])
    if len(message) > RENDERED_MESSAGE_MAX_CHARS:
        return message[: RENDERED_MESSAGE_MAX_CHARS - 1] + "…"
    return message


Parts = tuple[tuple[str, str | None], ...]


@lru_cache(maxsize=4096)
def _template_parts(template: str) -> tuple[Parts, frozenset[str]] | None:
    """A rule's message parsed once (rule text, never a draft): its (literal, placeholder name
    or None) parts and the names; None when a placeholder has a format spec or conversion, or a
    brace is unmatched."""
    try:
        parsed = list(_FORMATTER.parse(template))
    except ValueError:
        return None
    if any(spec or conversion for _, name, spec, conversion in parsed if name is not None):
        return None
    parts = tuple((literal, name) for literal, name, _, _ in parsed)
    return parts, frozenset(name for _, name in parts if name is not None)


_COMMON_WORDS = SV_WORDS | EN_WORDS


def quoted(matched: str, language: str) -> str:
    """The matched words as a message quotes them: a capitalised common word is written as it
    would stand mid-sentence ("Man Får" → "man får", "Vi" → "vi"); names, shouting and English
    "I" keep their letters (issue 12)."""
    lower = matched.lower()
    if lower == matched:  # most matches: nothing to do (one C-level pass)
        return matched
    parts = matched.split(" ")
    changed = False
    for i, word in enumerate(parts):
        low = word.lower()
        if (low in _COMMON_WORDS and word != "I" and word[1:] == low[1:]
                and word[:1] != low[:1]):
            parts[i] = low
            changed = True
    return " ".join(parts) if changed else matched


def impact_of(rule: LoadedRule, spans: int) -> int:
    """Warnings before hints, whole-post issues before single words, repeats before one-offs."""
    impact = LEVEL_IMPACT.get(rule.level, 0) + min(spans - 1, MAX_SPAN_BONUS) * PER_SPAN_IMPACT
    return impact + WHOLE_TEXT_IMPACT if rule.whole_text else impact


def _finding(rule: LoadedRule, texts: FindingText, hits: list[Hit], seg: Segmentation,
             language: str, impact: int, primary: bool = False, replace: bool = True
             ) -> Finding:
    first = hits[0]
    text = seg.text
    suggestions = texts.suggestions(first.entry)
    start, end = first.start, first.end
    replacements: tuple[str, ...] = ()
    if replace and texts.may_replace:
        replacements, start, end = replacements_for(rule.id, texts, first.entry, seg, start,
                                                    end, language)
    # A construction rewrite may cover more words than the rule's hit ("Badet kommer att
    # öppnas" for "öppnas"): offset/length/matched are what the replacements replace, spans
    # stay the rule's hits (the underlines).
    matched = text[start:end]
    message = texts.message if replacements or not texts.message_plain else texts.message_plain
    if texts.fills:  # most messages have no placeholders: skip the dict
        numbers = texts.needs_numbers
        suggestion = suggestions[0] if suggestions else ""
        message = render_message(message, {
            # the underline, not a construction's wider region; quoted only when the message
            # says {match} (a metric's underline may be a whole paragraph)
            "match": quoted(text[first.start:first.end], language) if texts.quotes_match else "",
            "suggestion": suggestion,
            "replacement": replacements[0] if replacements else suggestion,
            "value": _format_number(first.value, language) if numbers else "",
            "limit": _format_number(first.limit, language) if numbers else "",
        })
    if len(hits) == 1:  # most findings: the one span is the match itself
        spans: tuple[Span, ...] = (Span(first.start, first.end - first.start,
                                        text[first.start:first.end]),)
    else:
        spans = tuple([Span(h.start, h.end - h.start, text[h.start:h.end]) for h in hits])
    return Finding(
        rule_id=rule.id, theme=rule.theme, level=rule.level,  # type: ignore[arg-type]
        message=message, explanation=texts.explanation, handbook=texts.handbook,
        offset=start, length=end - start, matched=matched,
        suggestions=suggestions, spans=spans, impact=impact, primary=primary,
        replacements=replacements,
    )


def _fold(hits: list[Hit]) -> dict[int, list[Hit]]:
    """Group hits by entry, dropping hits that overlap an earlier (or longer) one (at most
    MAX_SPANS per entry). A whole-text rule gives one finding anyway, with every span (each
    emoji, hashtag)."""
    if len(hits) == 1:  # the usual case: nothing to drop
        return {hits[0].entry: hits}
    if _in_order_and_apart(hits):  # each emoji, hashtag, "du" …: nothing to drop
        return {hits[0].entry: hits[:MAX_SPANS]}
    # By start, the longest first at one start: two stable C-level sorts (by end descending,
    # then by start) instead of a Python key function per hit.
    ordered = sorted(hits, key=_END, reverse=True)
    ordered.sort(key=_START)
    groups: dict[int, list[Hit]] = {}
    last_end = -1
    for hit in ordered:
        if hit.start < last_end:
            continue
        last_end = max(last_end, hit.end)
        group = groups.setdefault(hit.entry, [])
        if len(group) < MAX_SPANS:
            group.append(hit)
    return groups


def _in_order_and_apart(hits: list[Hit]) -> bool:
    """Whether the hits already come sorted, apart and of one entry, as a whole-text measure
    gives them; then folding would keep them all as they are. Checked in C-level passes."""
    starts = list(map(_START, hits))
    return (all(map(lt, starts, starts[1:])) and all(map(le, map(_END, hits), starts[1:]))
            and len(set(map(_ENTRY, hits))) == 1)


def _word_level(rule: LoadedRule) -> bool:
    return kind_named(rule.kind).finds_words


Pending = list[tuple[int, int, str, LoadedRule, list[Hit]]]


def _split_echoes(pending: Pending) -> tuple[Pending, Pending, Pending]:
    """(shown, echoes, lost parts): two hints never underline the same words (issue 12). The
    words of a post go to one finding: a warning before a hint, then the wider hit before the
    narrower one, then the higher-ranked finding. So "Beslut fattas" gives one hint, and "har
    utförts" is one hint about the passive (not also "utförts" as an empty verb), whichever of
    the two ranks first. A hit that shares a character with a hit already placed is an echo; a
    finding all of whose hits are echoes is not shown, one with some left is shown with those;
    its lost hits come back as "lost parts" (one item per hit), only so that the finding that
    took their words can carry their replacements ("har utförts" → "har gjorts" while
    "utfört" later in the post stays its own hint). Echoes still count in the scores; lost
    parts do not count twice. Only word-level findings and word-sized hits
    (ECHO_MAX_CHARS) take part: a hint about a whole long sentence neither swallows the word
    hints inside it nor is swallowed by them."""
    if not _any_overlap(pending):  # the usual case: C-level passes only
        return pending, [], []
    order: list[tuple[int, int, int, int, Hit]] = []
    for i, item in enumerate(pending):
        rule = item[3]
        if _word_level(rule):
            level = -LEVEL_IMPACT.get(rule.level, 0)
            for h in item[4]:
                if h.end - h.start <= ECHO_MAX_CHARS:
                    order.append((level, h.start - h.end, i, h.start, h))
    if len(order) < 2:
        return pending, [], []
    order.sort(key=_CLAIM_KEY)
    placed: list[tuple[int, int, int]] = []
    lost: set[tuple[int, int, int]] = set()
    for _, _, i, _, hit in order:
        start, end = hit.start, hit.end
        rule_index = pending[i][3].index
        for s, e, other in placed:
            if s < end and start < e and other != rule_index:
                lost.add((i, start, end))
                break
        else:
            placed.append((start, end, rule_index))
    if not lost:
        return pending, [], []
    kept: Pending = []
    echoes: Pending = []
    parts: Pending = []
    for i, item in enumerate(pending):
        rule, group = item[3], item[4]
        free = [h for h in group if (i, h.start, h.end) not in lost]
        if not free:
            echoes.append(item)
        elif len(free) < len(group):  # the shared words stay with the other finding
            kept.append((-impact_of(rule, len(free)), free[0].start, item[2], rule, free))
            parts.extend((item[0], h.start, item[2], rule, [h]) for h in group
                         if (i, h.start, h.end) in lost)
        else:
            kept.append(item)
    kept.sort(key=_RANK_KEY)
    return kept, echoes, parts


_CLAIM_KEY = itemgetter(0, 1, 2, 3)  # level, wider first, rank, position


def _any_overlap(pending: Pending) -> bool:
    """Whether any two word-level hits share a character (hits of one rule never do: _fold)."""
    hits = [h for item in pending if _word_level(item[3]) for h in item[4]]
    if len(hits) < 2:
        return False
    hits.sort(key=_START)
    ends = accumulate(map(_END, hits), max)  # the furthest end so far
    return any(map(lt, map(_START, hits[1:]), ends))


TARGET_WORDS_PER_SENTENCE = 20  # what the sentence-length hint asks for ("15–20 ord")


def _metric(rule: LoadedRule) -> str:
    """The measure of a metric rule ("lix", "sentence_words" …), else ""."""
    return str(getattr(rule.spec, "metric", "")) if rule.kind == "metric" else ""


def _lix_behind_long_sentences(shown: Pending, hidden: Pending, seg: Segmentation
                               ) -> tuple[Pending, Pending]:
    """The LIX hint is an echo of a shown sentence-length hint when the long sentences are the
    whole reason for the high LIX: at TARGET_WORDS_PER_SENTENCE words per sentence, with its
    own share of long words, the post would be under the LIX limit. "Prova kortare meningar"
    is then said twice about the same sentence (issue 12); with heavy words as well
    (långa ord), the LIX hint stays. It still counts in the scores."""
    lix_at = -1
    long_sentences = False
    for i, item in enumerate(shown):
        metric = _metric(item[3])
        if metric == "lix":
            lix_at = i
        elif metric == "sentence_words":
            long_sentences = True
    if lix_at < 0 or not long_sentences or seg.words <= 0:
        return shown, hidden
    item = shown[lix_at]
    limit = item[4][0].limit
    if limit is None or (TARGET_WORDS_PER_SENTENCE
                         + 100.0 * seg.long_words / seg.words) > limit:
        return shown, hidden
    return shown[:lix_at] + shown[lix_at + 1:], [*hidden, item]


_RANK_KEY = itemgetter(0, 1, 2)  # -impact, offset, rule id

# Words the writer talks about rather than uses (issue 12): ”erfordra” in quotation marks of one
# to three words, "ordet erfordra", "the word utilize", or a list after "ord som" / "words
# like" ("ord som bestrida, dröjsmål, erfordra och handha"). A hint or warning does not flag a
# mention. The places are found once per post, and only when it has a quotation mark or one of
# the naming words; a hit is then one interval test.
MENTION_MAX_WORDS = 3
_QUOTE_MARK = re.compile(r"[\"”“„«»]")
_OPENS_AFTER = " \t\n([/–-"  # what may stand before an opening quotation mark
_CLOSES_BEFORE = " \t\n)]/–-.,;:!?…"  # and after a closing one
_QUOTE_MAX_CHARS = 60
_NAMING_WORDS = frozenset({
    "ord", "ordet", "uttryck", "uttrycket", "begrepp", "begreppet", "termen", "verbet",
    "formuleringar", "word", "words", "term", "terms", "phrase", "phrases", "expression",
    "expressions", "verbs"})
_NAMED = re.compile(  # "ordet erfordra", "the word utilize": the next word is the mention
    r"(?:ordet|uttrycket|begreppet|termen|verbet|word|term|phrase|expression|verb)\s*:?\s+"
    r"([^\s,.;:!?()]+)", re.IGNORECASE)
_ENGLISH_NAMES = frozenset({"word", "term", "phrase", "expression", "verb"})  # after "the"
_LISTED = re.compile(  # "ord som A, B, C och D": two or more words after "ord som"/"words like"
    r"(?:ord|uttryck|begrepp|formuleringar|words|terms|phrases|expressions|verbs)"
    r"\s+(?:som|såsom|like|such\s+as)\s+([^\s,.;:!?()]+(?:(?:\s*,\s*(?:och\s+|eller\s+|and\s+"
    r"|or\s+)?|\s+(?:och|eller|and|or)\s+)[^\s,.;:!?()]+)+)", re.IGNORECASE)


Mentions = tuple[list[int], list[int]]  # region starts in order, the furthest end so far


def mention_regions(seg: Segmentation) -> Mentions | None:
    """Where the post quotes or names words to talk about them (see above); usually None."""
    text = seg.text
    regions = _short_quotes(text)  # [] without quotation marks (one regex pass)
    tokens = seg.tokens
    if not _NAMING_WORDS.isdisjoint(seg.keys):
        # only at the naming words (C-level selection, no loop over every token)
        for token in compress(tokens, map(_NAMING_WORDS.__contains__, seg.keys)):
            at = token.start
            named = _NAMED.match(text, at)
            if named and (token.lower not in _ENGLISH_NAMES
                          or text[max(0, at - 4):at].lower() == "the "):
                regions.append(named.span(1))
            listed = _LISTED.match(text, at)
            if listed:
                regions.append(listed.span(1))
    if not regions:
        return None
    regions.sort()
    return [r[0] for r in regions], list(accumulate((r[1] for r in regions), max))


def _short_quotes(text: str) -> list[tuple[int, int]]:
    """The insides of quotation marks around one to three words: each two marks in a row, the
    first after a space or the start, the second before a space, a stop or the end."""
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    out: list[tuple[int, int]] = []
    last = len(text) - 1
    for open_at, close_at in pairwise(marks):
        inner = text[open_at + 1:close_at]
        if (0 < len(inner) <= _QUOTE_MAX_CHARS and inner == inner.strip() and "\n" not in inner
                and (open_at == 0 or text[open_at - 1] in _OPENS_AFTER)
                and (close_at == last or text[close_at + 1] in _CLOSES_BEFORE)
                and len(inner.split()) <= MENTION_MAX_WORDS):
            out.append((open_at + 1, close_at))
    return out


def _not_mentioned(hits: list[Hit], regions: Mentions) -> list[Hit]:
    """The hits not inside a mention region: one bisect per hit (a hit lies inside some region
    that starts at or before it exactly when the furthest end among those reaches its end)."""
    starts, furthest = regions
    out: list[Hit] = []
    for hit in hits:
        i = bisect_right(starts, hit.start)
        if not i or furthest[i - 1] < hit.end:
            out.append(hit)
    return out


def build_findings(
    raw: dict[int, list[Hit]], book: Rulebook, seg: Segmentation, language: str
) -> tuple[tuple[Finding, ...], tuple[Finding, ...], tuple[Finding, ...]]:
    """(findings ranked by impact with the top three primary, strengths one per rule,
    echoes: findings not shown because another rule already covers their words)."""
    pending: Pending = []
    praised: list[tuple[LoadedRule, list[Hit]]] = []
    rules = book.rules
    plan = book.plans.get(language)
    texts = plan.texts if plan is not None else {}
    mentions = mention_regions(seg)
    for rule_index, hits in raw.items():
        rule = rules[rule_index]
        if mentions and rule.level != "praise" and _word_level(rule):
            hits = _not_mentioned(hits, mentions)
            if not hits:
                continue
        groups = _fold(hits)
        if rule.level == "praise":
            if len(groups) == 1:  # one entry: its hits are in order already
                folded = next(iter(groups.values()))
            else:
                folded = sorted((h for g in groups.values() for h in g), key=_START)
            praised.append((rule, folded))
            continue
        for group in groups.values():
            pending.append((-impact_of(rule, len(group)), group[0].start, rule.id, rule, group))
    pending.sort(key=_RANK_KEY)
    shown, hidden, parts = _split_echoes(pending) if len(pending) > 1 else (pending, [], [])
    if len(shown) > 1:
        shown, hidden = _lix_behind_long_sentences(shown, hidden, seg)

    def make(rule: LoadedRule, hits: list[Hit], impact: int, **options: bool) -> Finding:
        return _finding(rule, texts.get(rule.index) or finding_text(rule), hits, seg, language,
                        impact, **options)

    ranked = tuple([make(rule, group, -neg_impact, primary=i < PRIMARY_COUNT)
                    for i, (neg_impact, _, _, rule, group) in enumerate(shown)])
    # Only a word-level hint takes a hidden one's replacements: a whole-post or whole-sentence
    # hint ("no invitation", "long sentence") asks for something else, and so does a warning
    # ("Information angående" asks to drop the opener, not to write "Information om").
    takers = tuple([_word_level(item[3]) and item[3].level == "hint" for item in shown])
    echoes = tuple([make(rule, group, -neg_impact, replace=_may_carry(group[0], ranked, takers))
                    for neg_impact, _, _, rule, group in hidden])
    # hits of a shown finding that another one took: only to carry replacements
    carriers = echoes + tuple([make(rule, group, -neg_impact)
                               for neg_impact, _, _, rule, group in parts
                               if _may_carry(group[0], ranked, takers)])
    if carriers:
        ranked = carry_replacements(ranked, carriers, takers)
    flagged = _flagged_spans(shown, seg)
    strengths: list[Finding] = []
    for rule, folded in praised:
        if flagged:
            folded = [h for h in folded if not _overlaps(h, flagged)]
            if not folded:
                continue  # every praised word is what a hint or warning is about
        strengths.append(make(rule, folded, impact_of(rule, len(folded))))
    if len(strengths) > 1:
        strengths.sort(key=_OFFSET_AND_ID)
    return ranked, tuple(strengths), echoes


_OFFSET_AND_ID = attrgetter("offset", "rule_id")


def carry_replacements(ranked: tuple[Finding, ...], echoes: tuple[Finding, ...],
                       takers: tuple[bool, ...]) -> tuple[Finding, ...]:
    """A shown word-level hint (takers[i]) without replacements takes those of a hidden one
    inside its span, in place: "ska erläggas" (no rewrite of its own) -> "ska betalas"
    (erläggs -> betalas)."""
    out = list(ranked)
    for i, f in enumerate(ranked):
        if f.replacements or not takers[i]:
            continue
        for echo in echoes:
            inner = echo.offset - f.offset
            if (echo.replacements and inner >= 0
                    and echo.offset + echo.length <= f.offset + f.length):
                head, tail = f.matched[:inner], f.matched[inner + echo.length:]
                values = tuple(head + v + tail for v in echo.replacements)
                if inner == 0:
                    values = tuple(follow_case(f.matched, v) for v in values)
                out[i] = f._replace(replacements=values)
                break
    return tuple(out)


def _may_carry(hit: Hit, ranked: tuple[Finding, ...], takers: tuple[bool, ...]) -> bool:
    """Whether a shown word-level hint without replacements covers an echo's first hit:
    only then can it take the echo's replacements (carry_replacements; a rewrite's region
    covers its hit), so only then are they worked out."""
    return any(take and not f.replacements
               and f.offset <= hit.start and hit.end <= f.offset + f.length
               for f, take in zip(ranked, takers, strict=True))


def _flagged_spans(shown: Pending, seg: Segmentation) -> list[tuple[int, int]]:
    """Where praise is not given: the words of every shown word-level hint, and the whole
    sentence of a warning ("Vi beklagar eventuella olägenheter": the "vi" belongs to it)."""
    spans: list[tuple[int, int]] = []
    sentences = seg.sentences
    for _, _, _, rule, group in shown:
        if not _word_level(rule):
            continue
        for h in group:
            if rule.level == "warning" and sentences:
                sentence = sentences[seg.sentence_at(h.start)]
                spans.append((min(sentence.start, h.start), max(sentence.end, h.end)))
            else:
                spans.append((h.start, h.end))
    return spans


def _overlaps(hit: Hit, spans: list[tuple[int, int]]) -> bool:
    start, end = hit.start, hit.end
    for s, e in spans:
        if s < end and start < e:
            return True
    return False
