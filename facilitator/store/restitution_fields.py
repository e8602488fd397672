"""Kinds, types and horizons of restitution items and recommendations: their stored keys,
labels and checks, shared by restitutions.py and recommendations.py.

Text is stored exactly as typed (any length, any script, markup included); only NUL, which
PostgreSQL refuses, becomes U+FFFD.
"""

from __future__ import annotations

import enum
from typing import Final, Literal

from facilitator.core.text import fold
from facilitator.i18n import N_, _

# Kinds of restitution item, as stored (the demo loader stores the same keys).
CHALLENGE: Final = "challenge"
OPPORTUNITY: Final = "opportunity"
GOOD_PRACTICE: Final = "good_practice"
RECOMMENDATION: Final = "recommendation"
KIND_NAMES: dict[str, str] = {
    CHALLENGE: N_("Challenge"),
    OPPORTUNITY: N_("Opportunity"),
    GOOD_PRACTICE: N_("Good practice"),
    RECOMMENDATION: N_("Recommendation"),
}
KIND_HEADINGS: dict[str, str] = {
    CHALLENGE: N_("Challenges"),
    OPPORTUNITY: N_("Opportunities"),
    GOOD_PRACTICE: N_("Good practices"),
    RECOMMENDATION: N_("Recommendations"),
}
KINDS: tuple[str, ...] = tuple(KIND_NAMES)

# Types of recommendation, as stored.
POLICY: Final = "policy"
OPERATIONAL: Final = "operational"
REC_TYPE_NAMES: dict[str, str] = {POLICY: N_("Policy"), OPERATIONAL: N_("Operational")}
REC_TYPES: tuple[str, ...] = tuple(REC_TYPE_NAMES)

# Suggested horizons, as stored; any other text (up to HORIZON_MAX characters) is kept as typed.
IMMEDIATE: Final = "immediate"
UNDER_1_YEAR: Final = "under_1_year"
ONE_TO_2_YEARS: Final = "1_to_2_years"
TWO_TO_5_YEARS: Final = "2_to_5_years"
OVER_5_YEARS: Final = "over_5_years"
HORIZON_NAMES: dict[str, str] = {
    IMMEDIATE: N_("Immediate"),
    UNDER_1_YEAR: N_("Under 1 year"),
    ONE_TO_2_YEARS: N_("1 to 2 years"),
    TWO_TO_5_YEARS: N_("2 to 5 years"),
    OVER_5_YEARS: N_("Over 5 years"),
}
HORIZONS: tuple[str, ...] = tuple(HORIZON_NAMES)
HORIZON_MAX = 40  # the column's size


class RestitutionsInvalid(ValueError):
    """A request about restitutions or notes cannot be done; the message says what is wrong."""


class _Keep(enum.Enum):
    KEEP = "keep"


# « Leave this field as it is » for updates where None means « clear it ».
KEEP: Final = _Keep.KEEP
Keep = Literal[_Keep.KEEP]


# Labels ---------------------------------------------------------------------------------------


def kind_label(kind: str) -> str:
    """The name of an item's kind in the current language (the stored key when unknown)."""
    name = KIND_NAMES.get(kind)
    return _(name) if name else kind.replace("_", " ")


def kind_heading(kind: str) -> str:
    """The heading of a kind's section (« Défis », « Recommandations »...)."""
    name = KIND_HEADINGS.get(kind)
    return _(name) if name else kind.replace("_", " ")


def rec_type_label(rec_type: str | None) -> str:
    """The name of a recommendation's type ("" when not set)."""
    if not rec_type:
        return ""
    name = REC_TYPE_NAMES.get(rec_type)
    return _(name) if name else rec_type


def horizon_label(horizon: str | None) -> str:
    """A horizon as shown: a suggested one translated, free text as typed ("" when not set)."""
    if not horizon:
        return ""
    name = HORIZON_NAMES.get(horizon)
    return _(name) if name else horizon


def horizon_from_text(text: str) -> str | None:
    """What to store for a horizon typed or picked in a list: a suggested key when the text is
    one of the labels (in any case or accents), else the text itself (None when blank)."""
    stripped = text.strip()
    if not stripped:
        return None
    wanted = fold(stripped)
    for key, name in HORIZON_NAMES.items():
        if wanted in (fold(key), fold(name), fold(_(name))):
            return key
    return stripped


# Checks ---------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """The text to store: as typed, but for NUL (refused by PostgreSQL), stored as U+FFFD."""
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


def check_kind(kind: str) -> str:
    if kind not in KIND_NAMES:
        raise RestitutionsInvalid(_("Unknown kind of item: « {kind} ».").format(kind=kind))
    return kind


def check_rec_type(rec_type: str | None) -> str | None:
    if rec_type in (None, ""):
        return None
    if rec_type not in REC_TYPE_NAMES:
        raise RestitutionsInvalid(
            _("Unknown type of recommendation: « {type} ».").format(type=rec_type)
        )
    return rec_type


def check_horizon(horizon: str | None) -> str | None:
    if horizon is None or not horizon.strip():
        return None
    horizon = clean_text(horizon.strip())
    if len(horizon) > HORIZON_MAX:
        raise RestitutionsInvalid(
            _("The horizon is too long ({max} characters at most).").format(max=HORIZON_MAX)
        )
    return horizon


def check_priority(priority: int | None) -> int | None:
    if priority is not None and not 0 <= priority < 2**31:
        raise RestitutionsInvalid(_("The priority must be a positive whole number."))
    return priority
