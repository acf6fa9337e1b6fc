"""What every kind of rule provides (the `Kind` class) and what its compiled plan sees of a post.

A kind is one module in this package: its spec model (the YAML keys), how it compiles its rules
once at load time (`compile` -> a `KindPlan`), how that plan runs on a segmented post (`run`), its
Swedish label, whether its bad examples must mark a span, and the languages it knows.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, NamedTuple, Protocol

from tonkoll.engine.lookup import PhraseLookup
from tonkoll.engine.pattern import CompiledPattern, compile_pattern, plain_literal
from tonkoll.engine.replace import Context, Readings
from tonkoll.rulebook.schema import RuleBase
from tonkoll.text.segment import Segmentation


class RuleRef(Protocol):
    """What a kind reads of a loaded rule (rulebook.model.LoadedRule is one)."""

    @property
    def index(self) -> int: ...  # its position in the rule book
    @property
    def id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def enabled(self) -> bool: ...
    @property
    def spec(self) -> RuleBase: ...
    @property
    def language(self) -> str: ...  # "sv" or "en": verb entries inflect in it


class Hit(NamedTuple):
    """One place a rule fires; a NamedTuple because every post makes many and they must be cheap."""

    start: int
    end: int
    entry: int = -1  # substitution entry index
    value: float | None = None
    limit: float | None = None


# Hit(...) goes through a Python-level __new__; hot loops build the tuple directly, with every
# field in order: new_hit(Hit, (start, end, entry, value, limit)).
new_hit = tuple.__new__
Hits = dict[int, list[Hit]]  # rule index -> where it fires
MAX_SPANS = 100  # per finding: more underlines help nobody, and a hostile post stays cheap
Payload = tuple[int, int]  # what the shared phrase lookup finds: (rule index, entry or -1)


@dataclass(frozen=True, slots=True)
class Post:
    """One segmented post as every kind's plan sees it; read once per check."""

    seg: Segmentation
    keys: tuple[str, ...]  # the tokens' lower-case keys (Segmentation.keys)
    data: bytes  # the text UTF-8 encoded (RE2 matches bytes, see pattern.py)
    channel: str
    live: frozenset[int]  # indexes of the rules that run on this post
    phrases: Hits  # rule index -> where its phrases occur (the shared lookup, live rules only)


OPENING_WORDS = 3


def opening_span(seg: Segmentation) -> tuple[int, int]:
    """Where a finding about the whole post attaches: its first words (up to OPENING_WORDS),
    not a whole sentence, which would say that sentence is at fault (issue 12). (0, 0) for a
    post without words."""
    words = [t for t in seg.tokens[:40] if t.kind in ("word", "abbr", "number")][:OPENING_WORDS]
    if not words:
        return (0, 0)
    return (words[0].start, words[-1].end)


class PlanError(ValueError):
    """A rule that cannot be compiled; carries the rule so the loader can name its line."""

    def __init__(self, rule: RuleRef, message: str, key: str = "") -> None:
        super().__init__(message)
        self.rule = rule
        self.key = key


class Shared:
    """What the kinds of one language share at load time: one phrase lookup for every phrase, so
    a post's tokens are walked once however many phrase rules there are."""

    def __init__(self) -> None:
        self.lookup: PhraseLookup[Payload] = PhraseLookup()
        self.empty: list[tuple[str, str]] = []  # (rule id, phrase) that can never match
        # Rules that only ask whether one of their phrases occurs (absence): their first hit
        # is enough, so the others are not collected.
        self.presence_only: set[int] = set()

    def add_phrase(self, rule: RuleRef, phrase: str, entry: int = -1,
                   presence_only: bool = False) -> None:
        if not self.lookup.add(phrase, (rule.index, entry)):
            self.empty.append((rule.id, phrase))
        if presence_only:
            self.presence_only.add(rule.index)


def compile_rule_pattern(rule: RuleRef, source: str, case_sensitive: bool, group: int,
                         key: str) -> CompiledPattern:
    """One of a rule's regular expressions, compiled; PlanError names the key when it fails."""
    try:
        regex = compile_pattern(source, case_sensitive)
    except ValueError as exc:
        raise PlanError(rule, str(exc), key) from exc
    if group > regex.groups:
        raise PlanError(rule, f"group: {group} finns inte; mönstret har {regex.groups} grupper",
                        "group")
    return CompiledPattern(rule.index, regex, group, r"\b" in source, plain_literal(source))


class KindPlan(ABC):
    """The compiled rules of one kind in one language."""

    @abstractmethod
    def run(self, post: Post, hits: Hits) -> None:
        """Add the hits of the live rules of this kind to ``hits``."""


Suggestions = tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]  # (per entry, for every hit)


class Kind(ABC):
    """One kind of rule. Subclasses set the class attributes and `compile`."""

    name: ClassVar[str]  # the YAML `kind:` value
    spec: ClassVar[type[RuleBase]]  # the pydantic model of such a rule
    label: ClassVar[str]  # Swedish, for the rule reference
    # It points at words (not sentences or the whole post): its bad examples must mark what it
    # finds with [[…]], and ranking folds a finding inside another rule's words into it.
    finds_words: ClassVar[bool]
    languages: ClassVar[frozenset[str] | None] = None  # None: every language
    language_note: ClassVar[str] = ""  # the loader's message for any other language

    @abstractmethod
    def compile(self, rules: Sequence[RuleRef], shared: Shared) -> KindPlan:
        """Compile this kind's enabled rules of one language (in book order)."""

    def whole_text(self, spec: RuleBase) -> bool:
        """Whether a finding is about the whole post rather than some words."""
        return False

    def suggestions(self, spec: RuleBase) -> Suggestions:
        return (), ()

    def phrases(self, spec: RuleBase, language: str = "sv") -> list[str]:
        """The words or phrases it looks up (for `tonkoll rules lint`)."""
        return []

    def replacements(self, spec: RuleBase, language: str) -> tuple[dict[str, Readings], ...]:
        """What to put in place of a match, per substitution entry (one table otherwise):
        lower-case matched text -> readings (engine/replace.py); () when the kind has none."""
        return ()

    def contexts(self, spec: RuleBase, language: str) -> tuple[tuple[Context, ...], ...]:
        """Per substitution entry, the contexts that switch its replacements (an entry's
        `when:`); () when no entry has any (engine/replace.py)."""
        return ()

    def lint(self, spec: RuleBase) -> list[str]:
        """Problems the loader accepts but `tonkoll rules lint` reports (Swedish, one line each)."""
        return []

    @abstractmethod
    def details(self, spec: RuleBase) -> list[str]:
        """Its own lines in the rule reference (Markdown)."""
