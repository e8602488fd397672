"""The synthesis screen (Ctrl+5): the end-of-day report, previewed, chosen and exported."""
