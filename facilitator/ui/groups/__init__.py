"""The groups screen (Ctrl+3): rounds of breakout groups."""
