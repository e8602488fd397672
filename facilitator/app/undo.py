"""One undo log of named steps for the whole app.

Every screen that offers undo pushes its steps here; Ctrl+Z on a screen takes back the newest step
of that screen's scope (a workshop's participants, one group's restitution, a desk), so that an
undo never reaches into what another screen, or another group, was doing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass

DEFAULT_LIMIT = 200  # steps kept in all; the oldest go first


@dataclass(frozen=True)
class UndoStep:
    """A change that can be taken back: its name as a person reads it, and how."""

    name: str  # « Ajout de Awa NDIAYE »: shown as « Annuler : Ajout de Awa NDIAYE »
    scope: Hashable  # whose Ctrl+Z reaches it
    undo: Callable[[], object]
    redo: Callable[[], object] | None = None


class UndoLog:
    """Steps done and undone, newest last, each with its scope."""

    def __init__(self, limit: int = DEFAULT_LIMIT) -> None:
        self.limit = limit
        self._done: list[UndoStep] = []
        self._undone: list[UndoStep] = []
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call `listener` after every change of the log (to enable « Annuler » menu entries)."""
        self._listeners.append(listener)

    def push(self, step: UndoStep) -> None:
        """Record a step just done; what was undone in its scope can no longer be redone."""
        with self._lock:
            self._done.append(step)
            self._undone = [s for s in self._undone if s.scope != step.scope]
            if len(self._done) > self.limit:
                del self._done[: len(self._done) - self.limit]
        self._notify()

    def next_undo(self, scope: Hashable) -> UndoStep | None:
        with self._lock:
            return next((s for s in reversed(self._done) if s.scope == scope), None)

    def next_redo(self, scope: Hashable) -> UndoStep | None:
        with self._lock:
            return next(
                (s for s in reversed(self._undone) if s.scope == scope and s.redo is not None),
                None,
            )

    def undo(self, scope: Hashable) -> UndoStep | None:
        """Take back the newest step of `scope`; None if there is none.

        If taking it back fails, the step stays where it was and the error goes to the caller.
        """
        step = self.next_undo(scope)
        if step is None:
            return None
        step.undo()
        with self._lock:
            self._done.remove(step)
            self._undone.append(step)
        self._notify()
        return step

    def redo(self, scope: Hashable) -> UndoStep | None:
        """Do again the newest step of `scope` that was undone; None if there is none."""
        step = self.next_redo(scope)
        if step is None or step.redo is None:
            return None
        step.redo()
        with self._lock:
            self._undone.remove(step)
            self._done.append(step)
        self._notify()
        return step

    def forget(self, scope: Hashable) -> None:
        """Drop every step of `scope` (what they would take back is gone, say)."""
        with self._lock:
            self._done = [s for s in self._done if s.scope != scope]
            self._undone = [s for s in self._undone if s.scope != scope]
        self._notify()

    def clear(self) -> None:
        """Drop every step (another event file was opened, or restored)."""
        with self._lock:
            self._done.clear()
            self._undone.clear()
        self._notify()

    def _notify(self) -> None:
        for listener in list(self._listeners):
            listener()
