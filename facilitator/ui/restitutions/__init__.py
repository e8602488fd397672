"""The restitutions screen (Ctrl+4): each group's rapporteur, notes and items."""
