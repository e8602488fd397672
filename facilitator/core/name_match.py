"""Is this walk-in already on the list? Likely matches for a name as it is typed at the desk.

A match ignores accents, case, apostrophes and hyphens (« N'DIAYE » is « ndiaye »), takes the
words in any order (first and last names swapped) and each typed word as the start of a name
word (« Awa Mba » finds « Awa Mbaye »). The organisation only ranks: « Croix-Rouge » is the same
as « Croix-Rouge sénégalaise ». Built once per participant list (off the UI thread), an index
answers each keystroke by looking words up, not by reading every participant.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass

from facilitator.core.text import fold

MIN_LETTERS = 3  # fewer typed letters match too many people to help
SHORTEST_LOOKUP = 2  # a one-letter word only narrows what longer words found


@dataclass(frozen=True)
class NameMatch:
    """One participant who may be the person being registered."""

    participant_id: int
    exact_name: bool  # every typed word is one of their name's words, and nothing is missing
    same_organisation: bool  # the typed organisation is theirs, or a part of it, or the reverse
    score: int  # higher is likelier


@dataclass(frozen=True)
class _Entry:
    name_words: tuple[str, ...]
    organisation_words: frozenset[str]


def _words(text: str) -> list[str]:
    return fold(text).split()


def _covers(short: Iterable[str], long: Iterable[str]) -> bool:
    """Every word of `short` begins a word of `long` (« croix rouge » in « croix rouge sen »)."""
    pool = list(long)
    return all(any(word.startswith(part) for word in pool) for part in short)


class NameIndex:
    """Participants' name words, sorted, each with who bears it: words looked up by prefix."""

    def __init__(self, people: Iterable[tuple[int, str, str, str]]) -> None:
        """`people`: (participant id, first name, last name, organisation) of each participant."""
        self._entries: dict[int, _Entry] = {}
        bearers: dict[str, set[int]] = {}
        for participant_id, first_name, last_name, organisation in people:
            name_words = tuple(_words(f"{first_name} {last_name}"))
            self._entries[participant_id] = _Entry(name_words, frozenset(_words(organisation)))
            for word in name_words:
                bearers.setdefault(word, set()).add(participant_id)
        self._words = sorted(bearers)
        self._bearers = [bearers[word] for word in self._words]

    def __len__(self) -> int:
        return len(self._entries)

    def _bearing_prefix(self, prefix: str) -> set[int]:
        """Who has a name word starting with `prefix`."""
        start = bisect.bisect_left(self._words, prefix)
        found: set[int] = set()
        for index in range(start, len(self._words)):
            if not self._words[index].startswith(prefix):
                break
            found |= self._bearers[index]
        return found

    def likely(
        self, first_name: str, last_name: str, organisation: str = "", limit: int = 5
    ) -> tuple[list[NameMatch], int]:
        """The `limit` likeliest participants for what was typed, and how many match in all."""
        typed = _words(f"{first_name} {last_name}")
        if sum(len(word) for word in typed) < MIN_LETTERS:
            return [], 0
        lookups = sorted({w for w in typed if len(w) >= SHORTEST_LOOKUP}, key=len, reverse=True)
        if not lookups:
            return [], 0
        candidates: set[int] | None = None
        for word in lookups:  # the longest first: the fewest bearers, the cheapest intersections
            bearing = self._bearing_prefix(word)
            candidates = bearing if candidates is None else candidates & bearing
            if not candidates:
                return [], 0
        assert candidates is not None
        typed_organisation = _words(organisation)
        matches = [
            self._match(participant_id, typed, typed_organisation) for participant_id in candidates
        ]
        kept = [m for m in matches if m is not None]
        kept.sort(
            key=lambda m: (m.exact_name, m.same_organisation, m.score, -m.participant_id),
            reverse=True,
        )
        return kept[:limit], len(kept)

    def _match(
        self, participant_id: int, typed: list[str], typed_organisation: list[str]
    ) -> NameMatch | None:
        entry = self._entries[participant_id]
        free = list(entry.name_words)
        score = 0
        for word in sorted(typed, key=len, reverse=True):  # each typed word uses one name word
            if word in free:
                free.remove(word)
                score += 3
                continue
            begun = next((name for name in free if name.startswith(word)), None)
            if begun is None:
                return None
            free.remove(begun)
            score += 1
        exact = not free and score == 3 * len(typed)
        organisation = entry.organisation_words
        same = bool(typed_organisation and organisation) and (
            _covers(typed_organisation, organisation) or _covers(organisation, typed_organisation)
        )
        return NameMatch(participant_id, exact, same, score + (2 if same else 0))
