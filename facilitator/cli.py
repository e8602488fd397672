"""The `facilitator` command line (CONTRACT.md); Qt is imported only by gui, demo, screenshots."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from facilitator.i18n import _, ngettext, set_language

EXIT_OK, EXIT_USAGE, EXIT_ALREADY, EXIT_REJECTED, EXIT_DATABASE = 0, 2, 3, 4, 5
COMMANDS = (
    "gui",
    "demo",
    "init",
    "new",
    "workshops",
    "participants",
    "import",
    "backup",
    "restore",
    "badges",
    "scan",
    "attendance",
    "agenda",
    "groups",
    "report",
    "screenshots",
)


class UsageError(Exception):
    """Bad usage or an unusable input file: exit 2, nothing written."""


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help, with the language's colon after section headings (« options : »).

    Python 3.11 writes the colon itself; from 3.13 on it asks for "%(heading)s:" by gettext,
    and the heading is then left as it is.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._headings: list[str] = []

    def start_section(self, heading: str | None) -> None:
        if heading:
            self._headings.append(heading)
        super().start_section(heading)

    def format_help(self) -> str:
        text = super().format_help()
        for heading in self._headings:
            line = _argparse_gettext("%(heading)s:") % {"heading": heading}
            text = text.replace(f"\n{heading}:\n", f"\n{line}\n")
        return text


def _global_options(*, top: bool) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    default = None if top else argparse.SUPPRESS
    parent.add_argument(
        "--db",
        default=default,
        metavar="DB",
        help=_(
            "SQLite file or SQLAlchemy URL (default: $FACILITATOR_DB, else the user's data folder)"
        ),
    )
    parent.add_argument(
        "--lang",
        default=default,
        choices=("fr", "en"),
        help=_("language of messages, and of the reports written"),
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    """The whole command line, with --db and --lang accepted before or after the command."""
    parser = argparse.ArgumentParser(
        prog="facilitator",
        parents=[_global_options(top=True)],
        formatter_class=_HelpFormatter,
        description=_(
            "Run an in-person workshop: registration desk, agenda, groups and synthesis."
        ),
    )
    common = _global_options(top=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            parents=[common],
            help=help_text,
            description=help_text,
            formatter_class=_HelpFormatter,
        )

    p = add("gui", _("open the desktop app (on workshop W if given)"))
    p.add_argument("workshop", nargs="?", metavar="W")
    add("demo", _("add the demo workshops if absent, then open the app on them"))
    p = add("init", _("create the database"))
    p.add_argument("--demo", action="store_true", help=_("add the demo workshops"))
    p = add("new", _("create a workshop"))
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--date", required=True, type=_iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--days", type=_positive, default=1, metavar="N")
    p.add_argument("--venue", default="")
    p.add_argument("--city", default="")
    p.add_argument("--json", action="store_true")
    p = add("workshops", _("list workshops"))
    p.add_argument("--json", action="store_true")
    p = add("participants", _("list the participants of a workshop"))
    p.add_argument("workshop", metavar="W")
    p.add_argument("--json", action="store_true")
    p = add("import", _("import a participant list (.csv or .xlsx)"))
    p.add_argument("workshop", metavar="W")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=_("show what would happen, save nothing"))
    p.add_argument("--json", action="store_true")
    p = add("backup", _("write a consistent copy of the database"))
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    p = add("restore", _("put a backup back (after backing up the current database)"))
    p.add_argument("file", type=Path, metavar="FILE")
    p = add("badges", _("print badges with their QR codes to a PDF"))
    p.add_argument("workshop", metavar="W")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.pdf")
    p.add_argument("--layout", choices=("a4-8", "a6-4", "cr80"), default="a4-8")
    p.add_argument("--only", nargs="+", type=_positive, metavar="ID", help=_("participant ids"))
    p = add("scan", _("record a check-in exactly as the desk does"))
    p.add_argument("workshop", metavar="W")
    p.add_argument("payload", metavar="PAYLOAD")
    p.add_argument("--desk", default="", metavar="NAME")
    p.add_argument("--json", action="store_true")
    p = add("attendance", _("write the attendance sheet (émargement)"))
    p.add_argument("workshop", metavar="W")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="OUT")
    p.add_argument("--day", type=_iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--blank-rows", type=_not_negative, default=0, metavar="N")
    p = add("agenda", _("the agenda: planned and actual start and end of each item"))
    p.add_argument("workshop", metavar="W")
    p.add_argument("--json", action="store_true")
    p = add("groups", _("assign breakout groups, print them and their balance"))
    p.add_argument("workshop", metavar="W")
    p.add_argument(
        "--count", required=True, type=_positive, metavar="N", help=_("number of groups")
    )
    p.add_argument(
        "--round", default="", metavar="NAME", help=_("round name (an existing round is redone)")
    )
    p.add_argument(
        "--present-only", action="store_true", help=_("only participants checked in today")
    )
    p.add_argument(
        "--seed", type=_integer, metavar="S", help=_("seed, to get the same groups again")
    )
    p.add_argument("--json", action="store_true")
    from facilitator.exports.synthesis_snapshot import SECTIONS  # plain data, no reportlab

    p = add("report", _("write the end-of-day synthesis (.pdf, .docx, .xlsx or .md)"))
    p.add_argument("workshop", metavar="W", help=_("the workshop: its number or its slug"))
    p.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="OUT",
        help=_("the file to write; its extension gives the format: .pdf, .docx, .xlsx or .md"),
    )
    p.add_argument(
        "--sections",
        nargs="+",
        metavar="SECTION",
        help=_("sections to include (default: all): {sections}").format(
            sections=", ".join(SECTIONS)
        ),
    )
    p.add_argument("--contacts", action="store_true", help=_("include phone numbers and e-mails"))
    p = add("screenshots", _("render each screen to DIR/NAME.png"))
    p.add_argument("workshop", metavar="W")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    return parser


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("« {value} » is not a date like 2025-03-25").format(value=text)
        ) from None


def _not_negative(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(
            _("« {value} » is not a whole number of 0 or more").format(value=text)
        )
    return int(text)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            _("« {value} » is not a whole number of 1 or more").format(value=text)
        )
    return int(text)


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("« {value} » is not a whole number").format(value=text)
        ) from None


def _prepare_argv(argv: Sequence[str]) -> list[str]:
    """`facilitator [W]` means `facilitator gui [W]`: insert gui where no command is named."""
    args = list(argv)
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in ("--db", "--lang"):
            index += 2
            continue
        if arg.startswith("-"):
            return args  # --help, --version and the like go to argparse as they are
        if arg in COMMANDS:
            return args
        return [*args[:index], "gui", *args[index:]]
    return [*args, "gui"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `facilitator` command; returns the exit code."""
    raw = list(sys.argv[1:] if argv is None else argv)
    set_language(_early_language(raw))
    with argparse_in_our_language():
        parser = build_parser()
        args = parser.parse_args(_prepare_argv(raw))
    set_language(getattr(args, "lang", None))
    handler = HANDLERS[args.command]
    from facilitator.store.database import DatabaseRefused
    from facilitator.store.workshops import WorkshopNotFound

    try:
        return handler(args)
    except BrokenPipeError:
        # The reader stopped reading (`facilitator agenda W | head`): not an error of ours, and
        # Python must not print a second one when it flushes stdout at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except DatabaseRefused as exc:
        _error(str(exc))
        return EXIT_DATABASE
    except (UsageError, WorkshopNotFound) as exc:
        _error(str(exc).strip("'\""))
        return EXIT_USAGE


def _argparse_gettext(message: str) -> str:
    """argparse's own words (usage, error, options...) from our catalogue, English if absent."""
    return _(message)


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    return ngettext(singular, plural, n)


@contextmanager
def argparse_in_our_language() -> Iterator[None]:
    """Make argparse speak the language in force while our parser is built and used.

    argparse looks its messages up through its module-level `_` and `ngettext` (the gettext
    functions) each time it shows one; they are routed to our catalogue, then put back.
    """
    module: Any = argparse
    saved = module._, module.ngettext
    module._, module.ngettext = _argparse_gettext, _argparse_ngettext
    try:
        yield
    finally:
        module._, module.ngettext = saved


def _early_language(raw: list[str]) -> str | None:
    """The --lang value, read before argparse so that its help and errors are translated."""
    for index, arg in enumerate(raw):
        if arg == "--lang" and index + 1 < len(raw):
            return raw[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _error(message: str) -> None:
    print(_("facilitator: {message}").format(message=message), file=sys.stderr)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=1, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _lazy(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """A handler imported on first use, so that headless commands never import Qt."""

    def run(args: argparse.Namespace) -> int:
        import importlib

        handler: Callable[[argparse.Namespace], int] = getattr(
            importlib.import_module(module), name
        )
        return handler(args)

    return run


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "gui": _lazy("facilitator.ui.app", "run_gui"),
    "demo": _lazy("facilitator.ui.app", "run_demo"),
    "screenshots": _lazy("facilitator.ui.screenshots", "run_screenshots"),
    "init": _lazy("facilitator.commands.workshops", "init"),
    "new": _lazy("facilitator.commands.workshops", "new"),
    "workshops": _lazy("facilitator.commands.workshops", "workshops"),
    "participants": _lazy("facilitator.commands.workshops", "participants"),
    "import": _lazy("facilitator.commands.workshops", "import_list"),
    "backup": _lazy("facilitator.commands.workshops", "backup"),
    "restore": _lazy("facilitator.commands.workshops", "restore"),
    "badges": _lazy("facilitator.commands.badges", "badges"),
    "scan": _lazy("facilitator.commands.scan", "scan"),
    "attendance": _lazy("facilitator.commands.attendance", "attendance"),
    "agenda": _lazy("facilitator.commands.agenda", "agenda"),
    "groups": _lazy("facilitator.commands.groups", "groups"),
    "report": _lazy("facilitator.commands.report", "report"),
}


if __name__ == "__main__":
    sys.exit(main())
