"""Undo and redo for restitution items: each step is one store call, already done when pushed."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from PySide6.QtGui import QUndoCommand

MERGEABLE = 1


class StoreChange(QUndoCommand):
    """A change already written; undo and redo call the store to put it back or do it again.

    Changes with the same `merge_key` pushed one after the other are one step (typing in one
    item); an `absorbing` change (adding an item) takes the later ones in without changing what
    its undo does (deleting the item undoes its text too).
    """

    def __init__(
        self,
        text: str,
        undo: Callable[[], None],
        redo: Callable[[], None],
        merge_key: Hashable | None = None,
        absorbing: bool = False,
    ) -> None:
        super().__init__(text)
        self._undo, self._redo = undo, redo
        self.merge_key = merge_key
        self.absorbing = absorbing
        self._first = True  # the change is written already

    def id(self) -> int:
        return MERGEABLE if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, StoreChange) or other.merge_key != self.merge_key:
            return False
        if not self.absorbing:
            self._redo = other._redo
        return True

    def undo(self) -> None:
        self._undo()

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._redo()
