"""How consolidated recommendations are numbered and named on screen."""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.i18n import _, ngettext
from facilitator.store.recommendations import CandidateItem, RecommendationRow

GOAL_LOW, GOAL_HIGH = 10, 15  # the « 10 à 15 actions clés » a closing session asks for


def final_numbers(recs: Sequence[RecommendationRow]) -> dict[int, int]:
    """Recommendation id → its number in the final list (kept ones only, from 1)."""
    kept = [rec.id for rec in recs if rec.kept]
    return {rec_id: number for number, rec_id in enumerate(kept, start=1)}


def used_in(item: CandidateItem, numbers: dict[int, int]) -> str:
    """Where a group's item went: « n° 3 », « n° 3, n° 7 », « non retenue », or ""."""
    if not item.recommendation_ids:
        return ""
    shown = [
        _("No. {n}").format(n=numbers[rec_id]) if rec_id in numbers else _("not kept")
        for rec_id in item.recommendation_ids
    ]
    return ", ".join(dict.fromkeys(shown))


def counter_text(kept: int) -> str:
    """« 10 recommandations retenues (objectif : 10 à 15) »."""
    return ngettext(
        "{n} recommendation kept (goal: {low} to {high})",
        "{n} recommendations kept (goal: {low} to {high})",
        kept,
    ).format(n=kept, low=GOAL_LOW, high=GOAL_HIGH)


def on_target(kept: int) -> bool:
    return GOAL_LOW <= kept <= GOAL_HIGH
