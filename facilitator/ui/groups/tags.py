"""The short tag of a participant type on a group card: the whole name when it fits, else
the usual French abbreviations (« Org. internationales », « Soc. civile »), never a word cut
anywhere (« Organi. ») or a first word alone that says something else (« Société »)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# Little words left out of initials and abbreviations (« Secteur privé », « Société civile »).
_LITTLE = frozenset({"de", "des", "du", "d", "la", "le", "les", "l", "et", "en", "of", "and"})
_VOWELS = frozenset("aeiouy")


def _vowel(letter: str) -> bool:
    base = unicodedata.normalize("NFKD", letter.casefold())[:1]
    return base in _VOWELS


def abbreviate(word: str) -> str:
    """« Organisations » → « Org. », « Société » → « Soc. », « Migrants » → « Migr. »: the
    word up to its first vowels and the consonants after them, as French abbreviations cut.
    A word of five letters or fewer, or one the rule would barely shorten, stays whole."""
    if len(word) <= 5 or not word.isalpha():
        return word
    index = 0
    while index < len(word) and not _vowel(word[index]):
        index += 1  # leading consonants
    while index < len(word) and _vowel(word[index]):
        index += 1  # the first vowels
    start = index
    while index < len(word) and not _vowel(word[index]):
        index += 1  # the consonants that close the syllable
    if index == start or index >= len(word) - 1:
        return word  # no syllable to cut at, or nothing saved
    return word[:index] + "."


def _little(word: str) -> bool:
    return word.casefold().strip("’'") in _LITTLE


def tag_forms(type_name: str) -> list[str]:
    """The ways to write a type on a tag, from the whole name to the shortest, without repeats."""
    words = type_name.split()
    if not words:
        return []
    significant = [w for w in words if not _little(w)] or words
    forms = [" ".join(words)]
    if len(significant) > 1:
        head, rest = words[0], words[1:]
        forms.append(" ".join([abbreviate(head), *rest]))  # « Org. internationales »
        forms.append(" ".join([head, *(abbreviate(w) for w in rest)]))  # « Migrants circ. »
        forms.append(" ".join(abbreviate(w) for w in words))  # « Org. int. »
        # The first words only (« Coll. terr. » for « Collectivités territoriales et ARD »):
        # still read as words, where initials (« CTA ») need knowing the workshop's list. Never
        # the first word alone: « Soc. » for « Société civile » reads as a company.
        for count in range(len(significant) - 1, 1, -1):
            forms.append(" ".join(abbreviate(w) for w in significant[:count]))
        forms.append("".join(w[0].upper() for w in significant))  # « OI », last resort
    else:
        forms.append(abbreviate(words[0]))
    unique: list[str] = []
    for form in sorted(forms, key=len, reverse=True):
        if form not in unique:
            unique.append(form)
    return unique


def fitting_tag(type_name: str, room: int, width_of: Callable[[str], int]) -> str:
    """The longest way of writing the type that is at most `room` wide (as `width_of` measures
    it); the shortest one when none is."""
    forms = tag_forms(type_name)
    for form in forms:
        if width_of(form) <= room:
            return form
    return forms[-1] if forms else ""
