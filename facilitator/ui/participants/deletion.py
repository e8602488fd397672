"""What the participants screen says before deleting someone who is checked in or in a group."""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.core.dates import format_date
from facilitator.i18n import _, ngettext, number
from facilitator.store.participants import ParticipantTies

TIES_SHOWN = 8  # people listed by name in the question; the others are counted


def _groups(places: Sequence[tuple[str, str]]) -> str:
    return ", ".join(
        _("« {group} » ({round})").format(group=group, round=round_name)
        for round_name, group in places
    )


def ties_text(ties: ParticipantTies) -> str:
    """What deleting one person takes away: « présent le 11 mars 2025 ; groupe « G2 » (Tour 1) »."""
    parts: list[str] = []
    if ties.days:
        days = ", ".join(format_date(day) for day in ties.days)
        parts.append(
            ngettext("checked in on {days}", "checked in on {days}", len(ties.days)).format(
                days=days
            )
        )
    if ties.groups:
        parts.append(
            ngettext("in the group {groups}", "in the groups {groups}", len(ties.groups)).format(
                groups=_groups(ties.groups)
            )
        )
    if ties.leads:
        parts.append(
            ngettext(
                "moderator or rapporteur of {groups}",
                "moderator or rapporteur of {groups}",
                len(ties.leads),
            ).format(groups=_groups(ties.leads))
        )
    text = parts[0] if parts else ""
    for part in parts[1:]:
        text = _("{first}; {then}").format(first=text, then=part)  # French spaces its « ; »
    return text


def deletion_question(tied: Sequence[ParticipantTies], selected: int) -> str:
    """The question asked before deleting `selected` people, `tied` of whom are present or in
    a group; it names who and why, and says how to get them back."""
    if selected == 1 and len(tied) == 1:
        lines = [_("« {name} » is {ties}.").format(name=tied[0].name, ties=ties_text(tied[0]))]
    else:
        lines = [
            ngettext(
                "{n} of the {total} selected participants is checked in or in a group:",
                "{n} of the {total} selected participants are checked in or in a group:",
                len(tied),
            ).format(n=number(len(tied)), total=number(selected))
        ]
        lines += [
            "• " + _("{name}: {ties}").format(name=t.name, ties=ties_text(t))
            for t in tied[:TIES_SHOWN]
        ]
        if len(tied) > TIES_SHOWN:
            more = len(tied) - TIES_SHOWN
            lines.append(ngettext("…and {n} other.", "…and {n} others.", more).format(n=more))
    lines += [
        "",
        _("Delete anyway? Ctrl+Z puts them back, with their presence and their groups."),
    ]
    return "\n".join(lines)
