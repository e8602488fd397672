"""`facilitator groups W --count N`: assign breakout groups, print them and their balance."""

from __future__ import annotations

import argparse

from facilitator.cli import EXIT_OK, UsageError, _print_json
from facilitator.commands.workshops import open_from
from facilitator.core.groups import BalanceReport
from facilitator.core.groups_report import RuleBalance
from facilitator.i18n import _, ngettext
from facilitator.store.group_rounds import create_round, reassign_round
from facilitator.store.groups import (
    GroupsInvalid,
    MemberRow,
    RoundView,
    default_round_name,
    find_round,
    people_for,
    round_view,
)
from facilitator.store.workshops import find_workshop

INDENT = "  "


def member_line(member: MemberRow) -> str:
    """« NOM Prénom (Organisation) », as lists on the wall show a person."""
    name = " ".join(part for part in (member.last_name.upper(), member.first_name) if part)
    if member.organisation:
        name = _("{name} ({organisation})").format(name=name, organisation=member.organisation)
    return f"{name} · {_('pinned')}" if member.pinned else name


def _figure(rule: str, value: int) -> str:
    if rule in ("sizes", "types", "genders"):
        return _("difference {n}").format(n=value)
    if rule == "constraints":
        return ngettext("{n} not respected", "{n} not respected", value).format(n=value)
    return ngettext("{n} pair", "{n} pairs", value).format(n=value)


def _labels() -> dict[str, str]:
    return {
        "sizes": _("Group sizes"),
        "types": _("Participant types"),
        "organisations": _("Colleagues of one organisation together"),
        "genders": _("Women and men"),
        "constraints": _("Pins and « keep apart » pairs"),
        "met_again": _("People meeting again"),
    }


def _mark(rule: str, balance: RuleBalance) -> str:
    if balance.best_possible is None:
        return "?"
    if balance.holds:
        return "✓"
    return "≈" if rule == "met_again" else "✗"


def balance_line(rule: str, balance: RuleBalance) -> str:
    """One rule as a line: « Types de participants : écart 1 (meilleur possible 1) ✓ »."""
    best = str(balance.best_possible) if balance.best_possible is not None else _("unknown")
    line = (
        _("{rule}: {figure} (theoretical minimum {best}) {mark}")
        if rule == "met_again"  # a lower bound, which may be out of reach
        else _("{rule}: {figure} (best possible {best}) {mark}")
    )
    return (
        line.format(
            rule=_labels()[rule],
            figure=_figure(rule, balance.obtained),
            best=best,
            mark=_mark(rule, balance),
        )
        .rstrip()
    )


def balance_lines(report: BalanceReport) -> list[str]:
    """The balance, one line per rule."""
    return [balance_line(rule, balance) for rule, balance in report.rules().items()]


def _print_text(view: RoundView) -> None:
    people = sum(len(group.members) for group in view.groups)
    print(
        _("{round}: {people}, {groups} (draw no. {seed})").format(
            round=view.round.name,
            people=ngettext("{n} participant", "{n} participants", people).format(n=people),
            groups=ngettext("{n} group", "{n} groups", len(view.groups)).format(n=len(view.groups)),
            seed=view.round.seed if view.round.seed is not None else "—",
        )
    )
    for group in view.groups:
        print()
        size = ngettext("{n} participant", "{n} participants", len(group.members))
        print(
            _("{group} ({size})").format(group=group.name, size=size.format(n=len(group.members)))
        )
        for member in group.members:
            print(INDENT + member_line(member))
    if view.balance is not None:
        print()
        print(_("Balance"))
        for line in balance_lines(view.balance):
            print(INDENT + line)


def groups(args: argparse.Namespace) -> int:
    db = open_from(args)
    try:
        with db.read() as session:
            workshop_id = find_workshop(session, args.workshop).id
            name = " ".join((args.round or "").split()) or default_round_name(session, workshop_id)
            existing = find_round(session, workshop_id, name)
            people = len(people_for(session, workshop_id, args.present_only))
        if 0 < people < args.count:  # before the backup a reassignment would take
            raise UsageError(
                _(
                    "{count} groups for {people} people: there cannot be more groups than people."
                ).format(count=args.count, people=people)
            )
        try:
            if existing is None:
                round_id = create_round(
                    db,
                    workshop_id,
                    name,
                    count=args.count,
                    present_only=args.present_only,
                    seed=args.seed,
                )
            else:
                round_id = existing
                reassign_round(
                    db,
                    round_id,
                    seed=args.seed,
                    present_only=args.present_only,
                    count=args.count,
                )
        except GroupsInvalid as exc:
            raise UsageError(str(exc)) from exc
        with db.read() as session:
            view = round_view(session, round_id)
    finally:
        db.dispose()
    if args.json:
        _print_json(view.to_json())
    else:
        _print_text(view)
    return EXIT_OK
