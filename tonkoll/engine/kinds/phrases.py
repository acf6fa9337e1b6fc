"""The plan shared by the kinds that fire where their phrases occur (substitution, existence):
the shared phrase lookup has already found them, so running is handing over its hits."""

from __future__ import annotations

from dataclasses import dataclass

from tonkoll.engine.kinds.base import Hits, KindPlan, Post


@dataclass(frozen=True, slots=True)
class PhrasePlan(KindPlan):
    indexes: tuple[int, ...]  # the rules of this kind

    def run(self, post: Post, hits: Hits) -> None:
        found = post.phrases
        for index in self.indexes:
            mine = found.get(index)
            if mine:
                hits[index] = mine
