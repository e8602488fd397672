"""The agenda screens: the facilitator's run-of-show timer."""
