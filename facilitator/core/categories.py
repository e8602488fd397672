"""Which participant type a list's « Catégorie » value means, whatever its spelling.

Organisers write the same kind of participant many ways: « Ministère », « MINISTÈRES », « Min. »,
« ministry »; « ONG », « OSC », « Société civile »; « Représentation diplomatique » for embassies.
A value and a type's name are compared as normalised words (folded, singular, without little
words), then by meaning: both stand for one of the standard kinds of participant below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from facilitator.core.text import fold

# The kinds of participant the concept notes list, by the key their default type has, with the
# words (normalised: folded, singular, no little words) and abbreviations that name them.
VOCABULARY: dict[str, tuple[str, ...]] = {
    "ministry": (
        "ministere", "ministry", "ministerial", "ministeriel", "ministeriele", "min",
        "gouvernement", "government", "gouv", "gvt", "gouvernemental", "gouvernementale",
        "governmental", "administration", "administration publique", "public administration",
        "etat", "state", "secteur public", "public sector", "departement ministeriel",
    ),
    "embassy": (
        "ambassade", "embassy", "amb", "diplomatique", "diplomatic", "diplomate", "diplomat",
        "representation diplomatique", "corps diplomatique", "mission diplomatique",
        "consulat", "consulate", "chancellerie",
    ),
    "international": (
        "organisation internationale", "organization internationale",
        "international organisation", "international organization", "org int", "oi", "io",
        "international", "internationale", "intl", "onu", "nation unie", "united nation",
        "systeme nation unie", "agence nation unie", "bailleur", "bailleur fond", "donor",
        "donateur", "partenaire technique financier", "partenaire technique",
        "partenaire developpement", "development partner", "ptf", "cooperation",
        "cooperation internationale", "cooperation bilaterale", "cooperation multilaterale",
        "union europeenne", "european union", "ue", "eu",
    ),
    "civil_society": (
        "societe civile", "civil society", "soc civ", "osc", "cso", "ong", "ngo",
        "organisation non gouvernementale", "non governmental organisation",
        "non governmental organization", "association", "asso", "ong internationale",
        "organisation societe civile", "organisation communautaire", "oca", "ocb",
        "mouvement associatif", "syndicat",
    ),
    "private_sector": (
        "secteur prive", "private sector", "prive", "privee", "private", "entreprise",
        "company", "business", "patronat", "employeur", "chambre commerce", "societe privee",
    ),
    "media": (
        "media", "medium", "presse", "press", "journaliste", "journalist", "radio",
        "television", "tv", "tele", "mass media",
    ),
    "migrant": (
        "migrant", "migrant circulaire", "circular migrant", "migration", "diaspora",
        "migrant retour", "returnee", "returning migrant", "travailleur migrant",
        "beneficiaire", "beneficiary",
    ),
}  # fmt: skip

# Little words that change nothing to what a value means.
_LITTLE_WORDS = frozenset(
    {"de", "des", "du", "d", "la", "le", "les", "l", "et", "ou", "of", "the", "and", "or",
     "en", "a", "au", "aux", "pour", "for", "in", "dans", "sur", "on"}
)  # fmt: skip


def _singular(word: str) -> str:
    """One word in the singular: « ministères » → « ministere », « internationaux » → «
    international », « ONGs » → « ong »."""
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 4 and word.endswith("eaux"):
        return word[:-1]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def category_words(text: str) -> tuple[str, ...]:
    """The words that carry a category's meaning: folded, singular, without little words."""
    return tuple(_singular(word) for word in fold(text).split() if word not in _LITTLE_WORDS)


def category_key(text: str) -> str:
    """The identity of a category value (« Ministères », « ministère » and « MINISTERE »: one)."""
    return " ".join(category_words(text))


def _phrases() -> list[tuple[str, tuple[str, ...]]]:
    found: list[tuple[str, tuple[str, ...]]] = []
    for kind, phrases in VOCABULARY.items():
        found.extend((kind, category_words(phrase)) for phrase in phrases)
    return found


_PHRASES = _phrases()


@lru_cache(maxsize=4096)
def kind_of(text: str) -> str | None:
    """The standard kind of participant a text names (a VOCABULARY key), or None.

    The longest phrase found wins (« organisation non gouvernementale » is civil society, not
    government); between phrases as long, the one that comes first (« ONG internationale » is an
    NGO).
    """
    words = category_words(text)
    best: tuple[int, int, str] | None = None  # (-length, position, kind)
    for kind, phrase in _PHRASES:
        size = len(phrase)
        for start in range(len(words) - size + 1):
            if words[start : start + size] == phrase:
                candidate = (-size, start, kind)
                if best is None or candidate < best:
                    best = candidate
                break
    return best[2] if best else None


@dataclass(frozen=True)
class TypeName:
    """A workshop's participant type as the matching sees it."""

    id: int
    key: str
    name: str


def type_kind(participant_type: TypeName) -> str | None:
    """The standard kind a workshop's type stands for: its key when it is one, else its name's."""
    if participant_type.key in VOCABULARY:
        return participant_type.key
    return kind_of(participant_type.name) or kind_of(participant_type.key.replace("_", " "))


def match_type(category: str, types: Sequence[TypeName]) -> tuple[TypeName | None, str]:
    """The type a category value means, and how it was found: "name" (the same words as the
    type's name), "meaning" (the same kind of participant), or "" (no type: None)."""
    key = category_key(category)
    if not key:
        return None, ""
    for candidate in types:
        if key in (category_key(candidate.name), category_key(candidate.key.replace("_", " "))):
            return candidate, "name"
    kind = kind_of(category)
    if kind is not None:
        for candidate in types:
            if type_kind(candidate) == kind:
                return candidate, "meaning"
    return None, ""
