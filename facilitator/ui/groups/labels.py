"""How the groups screen words people, groups and the balance of a round."""

from __future__ import annotations

from collections.abc import Mapping

from facilitator.core.groups_report import RULES, BalanceReport, RuleBalance
from facilitator.i18n import _, ngettext
from facilitator.store.group_documents import room_name
from facilitator.store.groups import GroupView, MemberRow

PIN_MARK = "\N{BLACK FLAG}"


def rule_labels() -> dict[str, str]:
    """Each rule's name, as the balance panel shows it."""
    return {
        "sizes": _("Group sizes"),
        "types": _("Participant types"),
        "organisations": _("Colleagues from one organisation"),
        "genders": _("Women and men"),
        "constraints": _("Pinned and « keep apart »"),
        "met_again": _("People meeting again"),
    }


def figure(rule: str, value: int) -> str:
    """A rule's figure in words: « écart 1 », « 3 paires », « 0 non respecté »."""
    if rule in ("sizes", "types", "genders"):
        return _("difference {n}").format(n=value)
    if rule == "constraints":
        return ngettext("{n} not respected", "{n} not respected", value).format(n=value)
    return ngettext("{n} pair", "{n} pairs", value).format(n=value)


def best_text(rule: str, balance: RuleBalance) -> str:
    """The best possible figure, or that it is not known."""
    if balance.best_possible is None:
        return _("unknown")
    return figure(rule, balance.best_possible)


def verdict(balance: RuleBalance, rule: str = "") -> str:
    """Whether the rule holds, in a sign and in words (never colour alone)."""
    if balance.best_possible is None:
        return _("? best possible unknown")
    if balance.holds:
        return _("✓ as good as possible")
    if rule == "met_again":  # above a lower bound, which may be out of reach
        return _("≈ perhaps unavoidable")
    return _("✗ could be better")


def member_name(member: MemberRow) -> str:
    """« DIOP Awa »."""
    return " ".join(part for part in (member.last_name.upper(), member.first_name) if part)


def member_text(member: MemberRow) -> str:
    """« DIOP Awa — OIM Sénégal », with the pin mark for a pinned member."""
    text = member_name(member)
    if member.organisation:
        text = f"{text} — {member.organisation}"
    return f"{PIN_MARK} {text}" if member.pinned else text


def member_tooltip(member: MemberRow) -> str:
    lines = [member_name(member)]
    if member.organisation:
        lines.append(member.organisation)
    if member.type_name:
        lines.append(member.type_name)
    if member.pinned:
        lines.append(_("Pinned to this group: a new assignment keeps them here."))
    return "\n".join(lines)


def group_details(group: GroupView) -> str:
    """« Salle Gorée · 10 participants »."""
    size = ngettext("{n} participant", "{n} participants", len(group.members)).format(
        n=len(group.members)
    )
    if group.room:
        if room_name(group.room) != group.room:  # « Salle Gorée » typed whole: shown as typed
            return f"{group.room} · {size}"
        return _("Room: {room} · {size}").format(room=group.room, size=size)
    return size


def effect_text(rule: str, change: int) -> str:
    """What a change did to one rule, in the organiser's words: « tailles des groupes plus
    proches », « 1 paire de collègues en plus dans un même groupe ». `change` is how much the
    rule's figure grew (negative: it improved)."""
    n = abs(change)
    better = change < 0
    if rule == "sizes":
        return _("group sizes closer") if better else _("group sizes further apart")
    if rule == "types":
        return _("participant types better mixed") if better else _("participant types less mixed")
    if rule == "genders":
        return _("women and men better mixed") if better else _("women and men less mixed")
    if rule == "organisations":
        return (
            ngettext(
                "{n} pair of colleagues fewer in one group",
                "{n} pairs of colleagues fewer in one group",
                n,
            )
            if better
            else ngettext(
                "{n} more pair of colleagues in one group",
                "{n} more pairs of colleagues in one group",
                n,
            )
        ).format(n=n)
    if rule == "constraints":
        return (
            ngettext(
                "{n} pin or « keep apart » respected again",
                "{n} pins or « keep apart » respected again",
                n,
            )
            if better
            else ngettext(
                "{n} pin or « keep apart » no longer respected",
                "{n} pins or « keep apart » no longer respected",
                n,
            )
        ).format(n=n)
    return (
        ngettext("{n} pair fewer meeting again", "{n} pairs fewer meeting again", n)
        if better
        else ngettext("{n} more pair meeting again", "{n} more pairs meeting again", n)
    ).format(n=n)


def delta_text(delta: Mapping[str, int]) -> str:
    """What a change did to the rules it changed: « tailles des groupes plus proches, types de
    participants moins bien répartis »."""
    changed = [effect_text(rule, delta[rule]) for rule in RULES if delta.get(rule)]
    if not changed:
        return _("the balance does not change")
    return ", ".join(changed)


def arrival_effects(delta: Mapping[str, int], after: BalanceReport | None) -> str:
    """What placing one more person does to the balance, in a sentence: the rules that got
    better, and those that got worse, marked « inévitable » when the rule is still as good as
    it can be with one more person. The group sizes, said with the group's new size, are left
    out when their change was unavoidable."""
    rules = after.rules() if after is not None else {}
    effects = []
    unavoidable_sizes = False
    for rule in RULES:
        change = delta.get(rule, 0)
        if not change:
            continue
        unavoidable = change > 0 and rule in rules and rules[rule].holds
        if rule == "sizes" and unavoidable:
            unavoidable_sizes = True
            continue
        text = effect_text(rule, change)
        effects.append(_("{effect} (unavoidable)").format(effect=text) if unavoidable else text)
    if effects:
        return _("Balance: {effects}.").format(effects=", ".join(effects))
    if unavoidable_sizes:
        return _("Nothing else changes in the balance.")
    return _("The balance does not change.")


def suggestion_text(
    group: str, size: int, delta: Mapping[str, int], after: BalanceReport | None
) -> str:
    """The late arrivals panel's advice: « Groupe conseillé : « Groupe 2 », qui aura alors
    13 participants. » and, on its own line, what it does to the balance."""
    where = ngettext(
        "Suggested group: « {group} », which will then have {n} participant.",
        "Suggested group: « {group} », which will then have {n} participants.",
        size,
    ).format(group=group, n=size)
    return f"{where}\n{arrival_effects(delta, after)}"


def balance_summary(report: BalanceReport) -> str:
    """« 5 rules of 6 as good as possible »."""
    held = sum(1 for rule in report.rules().values() if rule.holds)
    return ngettext(
        "{n} rule of {total} as good as possible",
        "{n} rules of {total} as good as possible",
        held,
    ).format(n=held, total=len(RULES))
