"""Headless commands, one module per area; cli.py parses and dispatches to them."""
