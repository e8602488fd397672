"""Name and text normalisation for search-as-you-type and de-duplication of participants."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar, cast

from facilitator.i18n import _, number

T = TypeVar("T")

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


# French puts a non-breaking space before « : ; ! ? % » and inside guillemets, so that a line never
# starts with a lone « ? ». Only existing spaces are replaced: « 08:30 » and « http:// » stay as
# they are.
_SPACE_BEFORE = re.compile(r"[ \u00a0\u202f]+([?!:;»%])")
_SPACE_AFTER = re.compile(r"«[ \u00a0\u202f]*")
_NBSP_BEFORE_CLOSE = re.compile(r"(?<=\S)»")  # \S: not after a space of any kind


def french_spacing(text: str) -> str:
    """`text` with non-breaking spaces where French typography wants them."""
    text = _SPACE_BEFORE.sub("\u00a0\\1", text)
    text = _SPACE_AFTER.sub("«\u00a0", text)
    return _NBSP_BEFORE_CLOSE.sub("\u00a0»", text)


# What a French report does to text typed in a hurry, on top of french_spacing: « crédit: cher »
# gets its space, "quoted" words their guillemets, l'heure its typographic apostrophe. Addresses
# (http://…?id=1, name@host) and times (08:30) are left as typed.
# An address ends before the punctuation that ends its sentence (« écrire à a@b.sn ! »).
_ADDRESS = re.compile(
    r"(?:\b[a-zA-Z][\w+.-]*://|\bwww\.)\S*?(?=[.,;:!?)»]*(?:\s|$))"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_TIGHT_MARK = re.compile(r"(?<=[^\s\u00a0\u202f?!;:«(\[])([?!;]|:(?=[\s»)\]]|$))")
_STRAIGHT_QUOTES = re.compile(r'"\s*([^"\n]*?\w[^"\n]*?)\s*"')  # around words only
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")


def _typeset_words(text: str) -> str:
    text = _APOSTROPHE.sub("\u2019", text)
    quoted = _STRAIGHT_QUOTES.sub("«\u00a0\\1\u00a0»", text)
    text = quoted if '"' not in quoted else text  # all paired, or left as typed
    return _TIGHT_MARK.sub(" \\1", text)


def french_typography(text: str) -> str:
    """`text` set as French prints it: french_spacing, plus the spaces, guillemets and
    apostrophes a hurried typist leaves out; addresses are kept exactly."""
    if not any(mark in text for mark in "?!;:'\""):
        return french_spacing(text)
    # Addresses stand aside as private-use placeholders while the rest is set, then come back.
    addresses: list[str] = []

    def aside(match: re.Match[str]) -> str:
        addresses.append(match.group())
        return f"\ue000{len(addresses) - 1}\ue001"

    text = _typeset_words(_ADDRESS.sub(aside, text))
    text = re.sub("\ue000(\\d+)\ue001", lambda m: addresses[int(m.group(1))], text)
    return french_spacing(text)


# Control characters that no document format carries (XML 1.0, hence DOCX and XLSX, refuses
# them): a page or line tabulation pasted from a PDF becomes a line break, the others go.
_PRINTABLE = str.maketrans(
    {
        **{chr(c): None for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c"},
        "\x0b": "\n",
        "\x0c": "\n",
        "\ufffe": None,
        "\uffff": None,
    }
)
_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """`text` as a document can hold it (see _PRINTABLE); unchanged in the usual case."""
    return text.translate(_PRINTABLE) if _NOT_PRINTABLE.search(text) else text


def printable_fields(value: T) -> T:
    """A copy of a tree of frozen dataclasses and tuples with every string made printable."""
    return map_text_fields(value, printable)


def map_text_fields(value: T, change: Callable[[str], str]) -> T:
    """A copy of a tree of frozen dataclasses and tuples with `change` applied to every string."""
    if isinstance(value, str):
        return cast(T, change(value))
    if isinstance(value, tuple):
        return cast(T, tuple(map_text_fields(item, change) for item in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {
            f.name: map_text_fields(getattr(value, f.name), change)
            for f in dataclasses.fields(value)
            if f.init
        }
        return cast(T, dataclasses.replace(value, **changed))
    return value


def too_long(label: str, value: str, limit: int) -> str | None:
    """Why `value` cannot be kept in a field of `limit` characters, or None when it fits.

    `label` is the field's name as the form shows it (translated by the caller).
    """
    if len(value) <= limit:
        return None
    return _("« {field} » is too long: {length} characters, {limit} at most.").format(
        field=label, length=number(len(value)), limit=number(limit)
    )
