"""The check-in desk screen (Ctrl+1): scanning, finding a name, walk-ins, live counts."""
