"""One translation system for everything a person reads: windows, command line and documents.

Messages are written in English in the code and wrapped in ``_()``; French catalogues (gettext
``.po`` files, one per area) live in ``resources/translations/<lang>/``. French is the default.
"""

from __future__ import annotations

import ast
import os
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from facilitator.resources import resource_path

DEFAULT_LANGUAGE = "fr"
LANGUAGES = ("fr", "en")

_catalogue: dict[str, str | list[str]] = {}
_language = "en"
# A document written in another language than the windows' (an English report exported from
# the French app, in a worker thread) speaks it in that thread only.
_local = threading.local()


def parse_po(text: str) -> dict[str, str | list[str]]:
    """Read a gettext .po file into {msgid: msgstr} (plural entries map to a list of forms).

    Entries are separated by blank lines, as gettext writes them; fuzzy entries are left out.
    """
    entries: dict[str, str | list[str]] = {}
    for block in re.split(r"\n\s*\n", text):
        fields: dict[str, str] = {}
        current: str | None = None
        fuzzy = False
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#"):
                fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
            elif line.startswith('"') and current is not None:
                fields[current] += ast.literal_eval(line)
            elif line:
                current, _sep, rest = line.partition(" ")
                fields[current] = ast.literal_eval(rest.strip())
        msgid = fields.get("msgid")
        if not msgid or fuzzy:
            continue
        if "msgid_plural" in fields:
            forms = [fields[k] for k in sorted(k for k in fields if k.startswith("msgstr["))]
            if all(forms):
                entries[msgid] = forms
        elif fields.get("msgstr"):
            entries[msgid] = fields["msgstr"]
    return entries


@cache
def _cached_catalogue(language: str) -> dict[str, str | list[str]]:
    return {} if language == "en" else load_catalogue(language)


def load_catalogue(language: str) -> dict[str, str | list[str]]:
    """Merge every .po file of a language's folder into one catalogue."""
    folder = resource_path("translations") / language
    merged: dict[str, str | list[str]] = {}
    if folder.is_dir():
        for po in sorted(folder.glob("*.po")):
            merged.update(parse_po(po.read_text(encoding="utf-8")))
    return merged


def set_language(language: str | None) -> str:
    """Switch every later message to `language` (fr or en); returns the language in force."""
    global _catalogue, _language
    lang = (language or os.environ.get("FACILITATOR_LANG") or DEFAULT_LANGUAGE).lower()[:2]
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    _language = lang
    _catalogue = _cached_catalogue(lang)  # read once: parsing every .po takes some 25 ms
    return lang


def current_language() -> str:
    """The language messages are shown in (in this thread)."""
    return getattr(_local, "language", None) or _language


def _in_force() -> dict[str, str | list[str]]:
    override: dict[str, str | list[str]] | None = getattr(_local, "catalogue", None)
    return override if override is not None else _catalogue


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Translate into `language` inside the block, in this thread only; the windows (and other
    threads) keep the language in force."""
    lang = language.lower()[:2] if language.lower()[:2] in LANGUAGES else DEFAULT_LANGUAGE
    before = (getattr(_local, "language", None), getattr(_local, "catalogue", None))
    _local.language, _local.catalogue = lang, _cached_catalogue(lang)
    try:
        yield
    finally:
        _local.language, _local.catalogue = before


def _(message: str) -> str:
    """Translate one message."""
    found = _in_force().get(message)
    return found if isinstance(found, str) and found else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count."""
    found = _in_force().get(singular)
    if isinstance(found, list) and found:
        # French and English plural rule alike for our purpose: French puts 0 and 1 in the singular.
        index = 0 if (n <= 1 if current_language() == "fr" else n == 1) else 1
        return found[min(index, len(found) - 1)]
    return singular if n == 1 else plural


def number(value: int) -> str:
    """A whole number as the language writes it: « 10 000 » in French, « 10,000 » in English.

    French groups thousands with a narrow no-break space (U+202F), which never breaks a line.
    """
    text = f"{value:,}"
    return text.replace(",", "\u202f") if current_language() == "fr" else text


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a message for translation without translating it now (translated where shown)."""
    return message


def catalogue_files(language: str) -> Iterable[Path]:
    """The .po files of one language."""
    folder = resource_path("translations") / language
    return sorted(folder.glob("*.po")) if folder.is_dir() else []


set_language(None)
