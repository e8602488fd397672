"""What the desk says when a scan is refused or a check-in fails: plain words, and what to do.

A desk agent is not the organiser: no file names, no database words, no install commands. Each
message says what happened in one sentence, then what to do next at the desk.
"""

from __future__ import annotations

import logging
from pathlib import Path

from facilitator.i18n import _
from facilitator.store.checkin import (
    NO_LONGER_REGISTERED,
    NOT_A_BADGE,
    OTHER_WORKSHOP,
    UNKNOWN_BADGE,
    ScanResult,
)

log = logging.getLogger(__name__)

# Causes the desk adds to the store's: a check-in that could not be saved (its reason is the
# sentence, a line break, then what to do), and a scan with no workshop open.
FAILURE = "failure"
NO_WORKSHOP = "no_workshop"


def refusal(result: ScanResult) -> tuple[str, str]:
    """Why a scan was refused, and what to do, for the desk's panel."""
    cause = result.cause
    if cause == NOT_A_BADGE:
        return (
            _("This code is not a badge of this workshop."),
            _("Scan the square code printed on the badge, or find the person by name."),
        )
    if cause == UNKNOWN_BADGE:
        return (
            _("This badge is not on this workshop's list."),
            _(
                "Find the person by name on the right; if they are not on the list, register "
                "them as a walk-in (Ctrl+N)."
            ),
        )
    if cause == OTHER_WORKSHOP:
        return (
            result.reason,
            _(
                "Check that this desk is on the right workshop (the « Workshop » list at the "
                "top), or find the person by name."
            ),
        )
    if cause == NO_LONGER_REGISTERED:
        return (
            _("This person was removed from the list."),
            _("If they take part, register them again as a walk-in (Ctrl+N)."),
        )
    if cause == NO_WORKSHOP:
        return (_("No workshop is open at this desk."), _("Open the day's workshop first."))
    what, _newline, advice = result.reason.partition("\n")
    return what, advice


def failure(error: BaseException, path: Path | None) -> tuple[str, str]:
    """Why a check-in could not be saved, and what to do; the details go to the log.

    `path` is the workshop's file, shown when it cannot be changed: where to copy it from.
    """
    log.error("desk: the check-in could not be saved", exc_info=error)
    text = str(getattr(error, "orig", None) or error).lower()
    if "readonly" in text or "read-only" in text or "permission" in text:
        if path is None:
            return (
                _("This computer cannot save the workshop's data: nothing was recorded."),
                _("Call the organiser."),
            )
        return (
            _(
                "The workshop's file cannot be changed (a locked USB stick or a protected "
                "file): nothing was recorded. Copy it to Documents and open the copy: {path}"
            ).format(path=path),
            _("Call the organiser if you do not know how."),
        )
    if "disk i/o error" in text or "unable to open" in text or "no such file" in text:
        return (
            _("The workshop's data could not be saved: nothing was recorded."),
            _("Was the USB stick removed? Put it back, then scan the badge again."),
        )
    if "is full" in text or "no space" in text:
        return (
            _("The computer's disk is full: nothing was recorded."),
            _("Call the organiser to free some space, then scan the badge again."),
        )
    if "locked" in text or "busy" in text:
        return (
            _("The workshop's data is busy for a moment: nothing was recorded."),
            _("Scan the badge again in a few seconds."),
        )
    return (
        _("The arrival could not be recorded."),
        _("Scan the badge again; if it happens again, call the organiser."),
    )
