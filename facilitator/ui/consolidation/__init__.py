"""Consolidating the recommendations: every group's proposals in one list, merged, ordered."""

from facilitator.ui.consolidation.view import ConsolidationView

__all__ = ["ConsolidationView"]
