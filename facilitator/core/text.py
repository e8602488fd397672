"""Name and text normalisation for search-as-you-type and de-duplication of participants."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Every way an apostrophe gets typed in a name (N'DIAYE, N’Diaye, Nʼdiaye...): removed, not spaced,
# so that all spellings of one name fold to the same word.
APOSTROPHES = "'’‘ʼʻ`´′＇"
_DROP_APOSTROPHES = str.maketrans("", "", APOSTROPHES)
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l"})


def _fold_once(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.translate(_DROP_APOSTROPHES))
    # Case folding can itself produce composed letters or new marks, hence a second decomposition.
    text = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    text = text.translate(_DROP_APOSTROPHES).lower()
    kept = []
    for char in text:
        if unicodedata.category(char).startswith("M"):
            continue
        kept.append(char if char.isalnum() else " ")
    return " ".join("".join(kept).split())


# ASCII text, the common case, folds with one translate: apostrophes dropped, punctuation and
# control characters spaced, letters lowered.
_ASCII_FOLD = str.maketrans(
    {
        **{chr(c): " " for c in range(128) if not chr(c).isalnum()},
        **{c: None for c in APOSTROPHES if c.isascii()},
        **{chr(c): chr(c).lower() for c in range(ord("A"), ord("Z") + 1)},
    }
)


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Lower-case unaccented words of a text, for matching ("N'DIAYE Cissé" → "ndiaye cisse")."""
    if text.isascii():
        return " ".join(text.translate(_ASCII_FOLD).split())
    folded = _fold_once(text)
    # A few exotic characters need more than one pass to settle; this keeps fold idempotent.
    for _attempt in range(3):
        again = _fold_once(folded)
        if again == folded:
            break
        folded = again
    return folded


def name_key(first_name: str, last_name: str) -> str:
    """The identity of a person's name for de-duplication, whatever the order of its parts."""
    return " ".join(sorted(fold(first_name).split() + fold(last_name).split()))


def email_key(email: str) -> str:
    """The identity of an e-mail address for de-duplication."""
    return email.strip().lower()


def search_text(*parts: str) -> str:
    """The folded text a search-as-you-type filter matches a folded query against."""
    return fold(" ".join(parts))


# French puts a non-breaking space before « : ; ! ? » and inside guillemets, so that a line never
# starts with a lone « ? ». Only existing spaces are replaced: « 08:30 » and « http:// » stay as
# they are.
_SPACE_BEFORE = re.compile(r"[ \u00a0\u202f]+([?!:;»])")
_SPACE_AFTER = re.compile(r"«[ \u00a0\u202f]*")
_NBSP_BEFORE_CLOSE = re.compile(r"(?<=\S)»")  # \S: not after a space of any kind


def french_spacing(text: str) -> str:
    """`text` with non-breaking spaces where French typography wants them."""
    text = _SPACE_BEFORE.sub("\u00a0\\1", text)
    text = _SPACE_AFTER.sub("«\u00a0", text)
    return _NBSP_BEFORE_CLOSE.sub("\u00a0»", text)
