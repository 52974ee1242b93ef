"""``recovery-journal``: the GUI by default, and subcommands for scripts, backups and power users.

Exit codes: 0 ok, 1 other error, 2 usage, 3 wrong passphrase, 4 not a vault / damaged / tampered,
5 vault from a newer version. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from recovery_journal import APP_NAME, __version__
from recovery_journal.cli_args import (
    EXIT_ERROR,
    EXIT_NOT_A_VAULT,
    EXIT_OK,
    EXIT_TOO_NEW,
    EXIT_USAGE,
    EXIT_WRONG_PASSPHRASE,
    NEW_PASSPHRASE_VARIABLE,
    PASSPHRASE_VARIABLE,
    vault_path,
)
from recovery_journal.errors import (
    JournalError,
    NotAVault,
    PassphraseRejected,
    UsageError,
    VaultDamaged,
    VaultTooNew,
    WrongPassphrase,
    os_error_sentence,
)
from recovery_journal.i18n import (
    LANGUAGES,
    _,
    language_from_environment,
    set_language,
)
from recovery_journal.paths import default_vault_path
from recovery_journal.process import harden_process

# The GUI starts from here too, and what is imported at the top is paid for before its first
# window: the domain, the services and the store are imported where they are used.

PROGRAM = "recovery-journal"


def exit_code_for(error: BaseException) -> int:
    if isinstance(error, WrongPassphrase):
        return EXIT_WRONG_PASSPHRASE
    if isinstance(error, NotAVault | VaultDamaged):
        return EXIT_NOT_A_VAULT
    if isinstance(error, VaultTooNew):
        return EXIT_TOO_NEW
    if isinstance(error, UsageError | PassphraseRejected):
        return EXIT_USAGE
    return EXIT_ERROR


def _fail(message: str) -> None:
    print(f"{PROGRAM}: {message}", file=sys.stderr)


def cmd_gui(args: argparse.Namespace) -> int:
    from recovery_journal.launch import open_window

    return open_window(vault_path(args), args.background)


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """A subcommand, imported only when it runs (``cli_commands``)."""

    def run(args: argparse.Namespace) -> int:
        from recovery_journal import cli_commands

        return int(getattr(cli_commands, f"cmd_{name}")(args))

    return run


# --- the parser ----------------------------------------------------------------------------------


def _common_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--vault",
        metavar="PATH",
        default=default,
        help=_("the vault file (default: {path})").format(path=default_vault_path()),
    )
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=default,
        help=_("read the passphrase from the first line of FILE"),
    )


def _allow_weak_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-weak-passphrase",
        action="store_true",
        help=_(
            "use the new passphrase even if a guesser would find it quickly (without this, "
            "such a passphrase is refused with the reason)"
        ),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description=_(
            "{app}: a private, encrypted notebook for working the twelve steps. "
            "Without a subcommand, the app opens."
        ).format(app=APP_NAME),
        epilog=_(
            "For scripts, the passphrase can come from {variable} or --passphrase-file. "
            "Exit codes: 0 ok, 1 error, 2 usage, 3 wrong passphrase, 4 not a vault or damaged, "
            "5 vault from a newer version."
        ).format(variable=PASSPHRASE_VARIABLE),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _common_options(parser, suppress=False)
    parser.add_argument(
        "--background",
        action="store_true",
        help=_("open no window: wait for the evening reminder (as when started with the computer)"),
    )
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(title=_("subcommands"), metavar="COMMAND")

    def add(
        name: str, help_text: str, handler: Callable[[argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        _common_options(command, suppress=True)
        command.set_defaults(handler=handler)
        return command

    init = add("init", _("create a new, empty vault"), _command("init"))
    _allow_weak_option(init)
    add("check", _("unlock the vault and run the integrity checks"), _command("check"))
    export = add(
        "export-json", _("write the whole vault as JSON (not encrypted)"), _command("export_json")
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help=_("the file to write, or - for standard output"),
    )
    backup = add("backup", _("write an encrypted, checked copy of the vault"), _command("backup"))
    backup.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=_("the copy to write")
    )
    restore = add(
        "restore",
        _("put a backup in the vault's place (the vault there is kept aside)"),
        _command("restore"),
    )
    restore.add_argument(
        "backup", metavar="BACKUP", help=_("the backup; its own passphrase opens it")
    )
    rekey = add(
        "change-passphrase",
        _("change the vault's passphrase (a backup is made first)"),
        _command("change_passphrase"),
    )
    rekey.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=_("read the new passphrase from the first line of FILE (or set {variable})").format(
            variable=NEW_PASSPHRASE_VARIABLE
        ),
    )
    _allow_weak_option(rekey)
    importer = add(
        "import-json", _("import a JSON export into an empty vault"), _command("import_json")
    )
    importer.add_argument("file", metavar="FILE", help=_("the JSON export to import"))
    demo = add(
        "demo", _("fill a new or empty vault with realistic sample history"), _command("demo")
    )
    demo.add_argument(
        "--days", type=int, help=_("how many days of history (default: a little over a year)")
    )
    demo.add_argument(
        "--language",
        choices=sorted(LANGUAGES),
        help=_("language of the sample text (default: the app window's language)"),
    )
    summary = add(
        "summary",
        _("the counted days, review streaks, today's ratings and the next milestone"),
        _command("summary"),
    )
    summary.add_argument(
        "--json",
        action="store_true",
        help=_(
            "print a machine-readable object"
            " (recovery_journal/resources/schema/summary-v1.schema.json)"
        ),
    )
    finder = add("search", _("search everything written in the vault"), _command("search"))
    finder.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        help=_(
            'words to find; "a phrase" in quotes, word* for a start, -word to leave out; '
            "- alone reads them from standard input (kept out of shell history)"
        ),
    )
    finder.add_argument("--json", action="store_true", help=_("print the results as JSON"))
    finder.add_argument(
        "--limit", type=int, default=200, help=_("at most this many results (default 200)")
    )
    pdf = add(
        "export-pdf",
        _("write the progress report for a sponsor as a PDF"),
        _command("export_pdf"),
    )
    pdf.add_argument("-o", "--output", required=True, metavar="FILE", help=_("the PDF to write"))
    pdf.add_argument("--from", dest="date_from", metavar="DATE", help=_("first day (YYYY-MM-DD)"))
    pdf.add_argument("--to", dest="date_to", metavar="DATE", help=_("last day (YYYY-MM-DD)"))
    pdf.add_argument(
        "--sections",
        nargs="+",
        metavar="SECTION",
        help=_(
            "what goes in (cover steps answers worksheets amends reviews charts meetings "
            "practice gratitude); without it, the choices saved in the vault or the defaults"
        ),
    )
    pdf.add_argument("--lang", choices=sorted(LANGUAGES), help=_("language of the report"))
    pdf.add_argument("--paper", choices=["a4", "letter"], help=_("paper size"))
    pdf.add_argument(
        "--pdf-password-file",
        metavar="FILE",
        help=_("protect the PDF (AES-256) with the password on the first line of FILE"),
    )
    reply = add(
        "import-reply",
        _("keep what your sponsor wrote in a progress report (its boxes and notes on its pages)"),
        _command("import_reply"),
    )
    reply.add_argument("file", metavar="FILE", help=_("the report your sponsor sent back"))
    reply.add_argument(
        "--pdf-password-file",
        metavar="FILE",
        help=_("the report's password, on the first line of FILE, if it has one"),
    )
    reply.add_argument(
        "--dry-run",
        action="store_true",
        help=_("show what came back without keeping it"),
    )
    sync = add(
        "sync",
        _(
            "exchange changes with your other computers through a folder that a sync program "
            "(Syncthing, Nextcloud, Dropbox) keeps in step; on a new computer, this makes the "
            "journal from the folder"
        ),
        _command("sync"),
    )
    sync.add_argument(
        "--folder",
        required=True,
        metavar="DIR",
        help=_("the shared folder (the same one on every computer)"),
    )
    merge = add(
        "merge",
        _(
            "merge another copy of this journal into it (a copy from another computer, or "
            "a sync program's conflicted copy), losing nothing from either"
        ),
        _command("merge"),
    )
    merge.add_argument(
        "other", metavar="OTHER_VAULT", help=_("the other copy; the same passphrase opens it")
    )
    return parser


def _sweep_leftovers(args: argparse.Namespace) -> None:
    """Remove what earlier runs killed half-way left on disk, before anything else is written,
    and say so on stderr. The window does this itself as it opens the journal (ui/app.py)."""
    if args.handler is cmd_gui:
        return
    from recovery_journal.domain.backups import default_folder
    from recovery_journal.temporaries import leftover_sentences, sweep_leftovers

    vault = vault_path(args) if hasattr(args, "vault") else default_vault_path()
    removed = sweep_leftovers((vault.parent, default_folder(vault)))
    for sentence in leftover_sentences(removed, plain_only=False):
        print(sentence, file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    harden_process()
    set_language(language_from_environment())
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _sweep_leftovers(args)
        return int(args.handler(args))
    except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 - one line, never a traceback
        return failure(error, getattr(args, "output", None))


def failure(error: BaseException, output: str | None) -> int:
    """Say what went wrong in one line on stderr; the exit code for it."""
    if isinstance(error, JournalError):
        _fail(error.message())
        return exit_code_for(error)
    if isinstance(error, BrokenPipeError):
        # The reader went away (``search ... | head``): nothing is wrong and nothing to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    if isinstance(error, KeyboardInterrupt):
        _fail(_("Interrupted; nothing more was changed."))
        return EXIT_ERROR
    if isinstance(error, OSError):
        from recovery_journal.errors import disk_problem

        # A write's own error carries no file name: the disk is named by the output asked for.
        problem = disk_problem(error, output)
        _fail(problem.message() if problem is not None else os_error_sentence(error))
        return EXIT_ERROR
    # The promise is one line, never a traceback.
    _fail(
        _(
            "Something unexpected went wrong ({kind}). What was saved before is safe; "
            "please try again."
        ).format(kind=type(error).__name__)
    )
    return EXIT_ERROR
