"""What the command line was given (the vault's path, the passphrases from a file, the
environment or typed at a terminal without echo) and what it answers with (its exit codes).
Light: the window's start reads it too."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from recovery_journal.errors import PassphraseRejected, UsageError
from recovery_journal.i18n import _
from recovery_journal.launch import vault_at

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_NOT_A_VAULT = 4
EXIT_TOO_NEW = 5

PASSPHRASE_VARIABLE = "RECOVERY_JOURNAL_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "RECOVERY_JOURNAL_NEW_PASSPHRASE"


def vault_path(args: argparse.Namespace) -> Path:
    return vault_at(args.vault)


def read_passphrase_file(path: Path, *, pdf: bool = False) -> str:
    """The first line of a passphrase file (``pdf``: of the PDF's password file)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        unreadable = (
            _("The PDF password file {path} cannot be read.")
            if pdf
            else _("The passphrase file {path} cannot be read.")
        )
        raise UsageError(unreadable.format(path=path)) from error
    except UnicodeDecodeError as error:
        not_text = (
            _("The PDF password file {path} is not UTF-8 text.")
            if pdf
            else _("The passphrase file {path} is not UTF-8 text.")
        )
        raise UsageError(not_text.format(path=path)) from error
    # Only the line ending is removed: spaces may be part of a passphrase.
    first_line = text.split("\n", 1)[0]
    return first_line.removesuffix("\r")


def get_passphrase(args: argparse.Namespace, *, new: bool = False) -> str:
    """From --passphrase-file, then the environment, then a prompt without echo on a terminal."""
    return passphrase_from(
        args.passphrase_file,
        PASSPHRASE_VARIABLE,
        new=new,
        missing=_(
            "No passphrase given: type it at a terminal, or set {variable}, or use "
            "--passphrase-file FILE."
        ),
    )


def passphrase_from(file: str | None, variable: str, *, new: bool, missing: str) -> str:
    import getpass

    from recovery_journal.passphrase import problem_with_new_passphrase

    passphrase: str | None = None
    if file:
        passphrase = read_passphrase_file(Path(file))
        if not passphrase:
            # SQLCipher takes an empty key as "no encryption" and fails on the vault with its
            # own words; the file is what the person has to fix.
            raise UsageError(
                _(
                    "The passphrase file {path} is empty; put the passphrase on its first line."
                ).format(path=file)
            )
    elif os.environ.get(variable):
        passphrase = os.environ[variable]
    elif sys.stdin is not None and sys.stdin.isatty():
        try:
            passphrase = getpass.getpass(_("Passphrase: ") if not new else _("New passphrase: "))
            if new:
                repeated = getpass.getpass(_("The same passphrase again: "))
                problem = problem_with_new_passphrase(passphrase, repeated)
                if problem:
                    raise PassphraseRejected(problem)
        except EOFError:
            passphrase = None
        if passphrase == "" and not new:
            raise UsageError(_("No passphrase was typed; nothing was opened."))
    if passphrase is None:
        raise UsageError(missing.format(variable=variable))
    if new:
        problem = problem_with_new_passphrase(passphrase, passphrase)
        if problem:
            raise PassphraseRejected(problem)
    return passphrase
