"""Operations: every change of data, by any writer (windows, command line, phones), goes here.

An operation runs in one write transaction, returns its result, and says what it changed with a
`Changes` record; whoever started it is passed along, so that a screen can tell its own changes
from others'. Reads go through here too: nothing above this layer sees SQLAlchemy or the store.
"""
