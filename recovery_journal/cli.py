"""``recovery-journal``: the GUI by default, and subcommands for scripts, backups and power users.

Exit codes: 0 ok, 1 other error, 2 usage, 3 wrong passphrase, 4 not a vault / damaged / tampered,
5 vault from a newer version. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_journal import APP_NAME, __version__
from recovery_journal.errors import (
    JournalError,
    NotAVault,
    PassphraseRejected,
    VaultBusy,
    VaultDamaged,
    VaultExists,
    VaultTooNew,
    WrongPassphrase,
    os_error_sentence,
)
from recovery_journal.i18n import (
    LANGUAGES,
    N_,
    _,
    current_language,
    language_from_environment,
    ngettext,
    set_language,
)
from recovery_journal.paths import default_vault_path
from recovery_journal.process import harden_process

# The GUI starts from here too, and what is imported at the top is paid for before its first
# window: the domain, the services and the store are imported where they are used.
if TYPE_CHECKING:
    from recovery_journal.domain.ports import Vault

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_WRONG_PASSPHRASE = 3
EXIT_NOT_A_VAULT = 4
EXIT_TOO_NEW = 5

PASSPHRASE_VARIABLE = "RECOVERY_JOURNAL_PASSPHRASE"
NEW_PASSPHRASE_VARIABLE = "RECOVERY_JOURNAL_NEW_PASSPHRASE"
PROGRAM = "recovery-journal"


class UsageError(JournalError):
    pass


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


# --- passphrases ---------------------------------------------------------------------------------


def _read_passphrase_file(path: Path, *, pdf: bool = False) -> str:
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
    return _passphrase(
        args.passphrase_file,
        PASSPHRASE_VARIABLE,
        new=new,
        missing=_(
            "No passphrase given: type it at a terminal, or set {variable}, or use "
            "--passphrase-file FILE."
        ),
    )


def _passphrase(file: str | None, variable: str, *, new: bool, missing: str) -> str:
    import getpass

    from recovery_journal.passphrase import problem_with_new_passphrase

    passphrase: str | None = None
    if file:
        passphrase = _read_passphrase_file(Path(file))
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


# --- subcommands ---------------------------------------------------------------------------------


def _vault_path(args: argparse.Namespace) -> Path:
    return Path(args.vault).expanduser() if args.vault else default_vault_path()


def _open_vault(store: Any, path: Path, passphrase: str, *, reading: bool = False) -> Vault:
    """``reading``: the command only reads (see ``_opened``)."""
    access = store.Access.READ if reading else store.Access.WRITE
    try:
        vault: Vault = store.open_vault(path, passphrase, backup_before_upgrade=True, access=access)
    except WrongPassphrase as error:
        raise _with_damage_hint(error, path) from error
    return vault


def _with_damage_hint(error: WrongPassphrase, path: Path) -> WrongPassphrase:
    """A wrong passphrase, said with the chance that the file is damaged instead and the newest
    restore point that can be found without opening the vault. Each run of a command is one
    try, and scripts have no second one."""
    from recovery_journal.domain.backups import BackupReason
    from recovery_journal.ui.ui_state import known_restore_points

    points = known_restore_points(path)
    if not points:
        return error.with_damage_hint()
    newest = points[0]
    return error.with_damage_hint(
        newest.made_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        newest.path,
        before_change=newest.reason is BackupReason.PASSPHRASE,
    )


@contextlib.contextmanager
def _opened(
    args: argparse.Namespace, *, create_if_missing: bool = False, reading: bool = False
) -> Iterator[Vault]:
    """The unlocked vault for one command; storage failures become their one-line sentences.

    ``reading``: the command only reads. It then works in a read-only folder, on a full disk
    and while the app holds the vault (it reads the last committed state), and writes nothing.
    """
    from recovery_journal.store_access import load_store

    store = load_store()
    path = _vault_path(args)
    if create_if_missing and not os.path.lexists(path):
        vault = store.create_vault(path, get_passphrase(args, new=True))
    else:
        vault = _open_vault(store, path, get_passphrase(args), reading=reading)
    _say_interrupted_restore(vault)
    try:
        with _in_sentences(vault):
            yield vault
    finally:
        vault.close()


@contextlib.contextmanager
def _in_sentences(vault: Vault) -> Iterator[None]:
    """A storage failure met while working on ``vault`` becomes its one-line sentence."""
    try:
        yield
    except Exception as error:
        translated = vault.translate_error(error)
        if translated is error:
            raise
        raise translated from error


def _say_interrupted_restore(vault: Vault) -> None:
    from recovery_journal.services.backups import interrupted_restore_sentence

    if sentence := interrupted_restore_sentence(vault):
        print(sentence, file=sys.stderr)


def cmd_init(args: argparse.Namespace) -> int:
    from recovery_journal.store_access import load_store

    store = load_store()
    path = _vault_path(args)
    if os.path.lexists(path):
        raise VaultExists(path)
    store.create_vault(path, get_passphrase(args, new=True)).close()
    print(_("Created a new vault at {path}.").format(path=path))
    print(
        _("Keep your passphrase safe: if it is forgotten, nobody can open this vault, not even us.")
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    path = _vault_path(args)
    with _opened(args, reading=True) as vault:
        problems = vault.integrity_problems()
        if problems:
            raise VaultDamaged(path, problems[0])
        version = vault.schema_version()
        notes = vault.notes.count()
    print(
        _("ok: {path}: schema {version}, {notes} daily notes, integrity checks passed").format(
            path=path, version=version, notes=notes
        )
    )
    return EXIT_OK


def _refuse_vault_as_output(vault_path: Path, output: Path) -> None:
    """An export written over the vault (or its WAL) would replace the journal with plain text."""
    from recovery_journal.services.files import is_the_vault

    if is_the_vault(vault_path, output):
        raise UsageError(
            _("{path} is the vault itself; choose another file for the export.").format(path=output)
        )


def cmd_export_json(args: argparse.Namespace) -> int:
    from recovery_journal.services.export import dumps, export_document, export_to_file

    if args.output != "-":
        _refuse_vault_as_output(_vault_path(args), Path(args.output))
    with _opened(args, reading=True) as vault:
        if args.output == "-":
            sys.stdout.write(dumps(export_document(vault)))
        else:
            export_to_file(vault, Path(args.output))
    if args.output != "-":
        print(
            _("Exported to {path}. The file is not encrypted: keep it somewhere private.").format(
                path=args.output
            ),
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from recovery_journal.domain.backups import BackupReason, backup_name

    output = Path(args.output)
    _refuse_vault_as_output(_vault_path(args), output)
    with _opened(args, reading=True) as vault:
        if output.is_dir():
            # A folder: a restore point's name inside it, never one already taken.
            wanted = output / backup_name(vault.path, BackupReason.BY_HAND)
            output = vault.backup_to(wanted)
        else:
            # A file named by the person is never written over: it may be another backup.
            output = vault.backup_to(output, other_name_if_taken=False)
    print(_("Backup written to {path}; it opens with the vault's passphrase.").format(path=output))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from recovery_journal.domain.backups import BackupReason, backup_name, default_folder
    from recovery_journal.store_access import load_store

    store = load_store()
    path = _vault_path(args)
    backup = Path(args.backup)
    if path.exists() and backup.resolve() == path.resolve():
        raise UsageError(_("{path} is the vault itself; choose a backup.").format(path=backup))
    if store.in_use(path):
        raise VaultBusy(path)
    # The vault being replaced is kept as a restore point of its own, never thrown away.
    aside = default_folder(path) / backup_name(path, BackupReason.RESTORE)
    kept = store.restore_backup(
        backup,
        path,
        get_passphrase(args),
        kdf_iterations=store.KDF_ITERATIONS,
        set_aside=aside if path.exists() else None,
    )
    print(_("Restored {backup} to {path}.").format(backup=backup, path=path))
    if kept is not None:
        print(_("The vault that was there is kept as {aside}.").format(aside=kept))
    return EXIT_OK


def _new_passphrase(args: argparse.Namespace) -> str:
    return _passphrase(
        args.new_passphrase_file,
        NEW_PASSPHRASE_VARIABLE,
        new=True,
        missing=_(
            "No new passphrase given: type it at a terminal, or set {variable}, or use "
            "--new-passphrase-file FILE."
        ),
    )


def cmd_change_passphrase(args: argparse.Namespace) -> int:
    from recovery_journal.domain.backups import BackupReason
    from recovery_journal.services.backups import make_backup
    from recovery_journal.store_access import load_store

    store = load_store()
    path = _vault_path(args)
    current = get_passphrase(args)
    new = _new_passphrase(args)
    vault = _open_vault(store, path, current)
    try:
        store.ensure_room_to_rekey(vault)
        with _in_sentences(vault):
            point = make_backup(vault, BackupReason.PASSPHRASE)
        vault, changed = store.change_passphrase(vault, current, new)
    finally:
        vault.close()
    if not changed:
        raise JournalError(
            _("The passphrase was not changed; the vault still opens with the old one.")
        )
    print(_("The passphrase is changed; the vault opened with the new one."))
    print(
        _("The backup made just before ({path}) still opens with the old passphrase.").format(
            path=point.path
        )
    )
    if _follow_in_keychain(path, lambda: store.derive_raw_key(path, new)):
        print(_("The passphrase remembered on this computer is updated too."))
    return EXIT_OK


def _follow_in_keychain(path: Path, derive: Any) -> bool:
    """Replace a remembered key of this vault with the new passphrase's (off by default)."""
    from recovery_journal.services.keychain import KeychainProblem, find_keychain, in_background

    def job() -> bool:
        keychain = find_keychain()
        if keychain is None or keychain.recall(path) is None:
            return False
        keychain.remember(path, derive())
        return True

    try:
        return in_background(job).result()
    except KeychainProblem:
        return False


def cmd_import_json(args: argparse.Namespace) -> int:
    from recovery_journal.services.export import (
        import_document,
        import_summary,
        read_export_file,
    )

    # Read and validate the whole file before the vault is even opened.
    document = read_export_file(Path(args.file))
    with _opened(args) as vault:
        import_document(vault, document)
    counts = import_summary(document)
    print(_("Imported {notes} daily notes.").format(notes=counts["daily_notes"]))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from recovery_journal.services.demo import DEFAULT_DAYS, fill_demo

    days = DEFAULT_DAYS if args.days is None else args.days
    if days < 1 or days > 36500:
        raise UsageError(_("--days must be between 1 and 36500."))
    path = _vault_path(args)
    language = args.language or _window_language()
    with _opened(args, create_if_missing=True) as vault:
        written = fill_demo(vault, days, language)
    print(
        ngettext(
            "Filled {path} with {days} day of demo history {language} ({notes} daily notes).",
            "Filled {path} with {days} days of demo history {language} ({notes} daily notes).",
            days,
        ).format(path=path, days=days, language=_(WRITTEN_IN[language]), notes=written)
    )
    return EXIT_OK


# The language a demo is written in, said inside a sentence of the window's language.
WRITTEN_IN = {"en": N_("in English"), "ru": N_("in Russian")}


def _window_language() -> str:
    """The language the app's window opens in (chosen in Settings, else the system's), so a demo
    made for it reads in the same language as the window around it."""
    from recovery_journal.ui.ui_state import preferred_language

    return preferred_language()


def cmd_summary(args: argparse.Namespace) -> int:
    from recovery_journal.services.programme_words import programme_words
    from recovery_journal.services.settings import load_settings
    from recovery_journal.services.summary import build_summary, summary_text

    with _opened(args, reading=True) as vault:
        summary = build_summary(vault)
        words = programme_words(load_settings(vault).programme)
    if args.json:
        import json

        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    else:
        sys.stdout.write(summary_text(summary, words))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from recovery_journal.i18n import current_language
    from recovery_journal.services.search import kind_heading, search

    if args.limit < 1:
        raise UsageError(_("--limit must be 1 or more."))
    # "-" reads the words from standard input, so they stay out of shell history and `ps`.
    query = sys.stdin.read().strip() if args.query == ["-"] else " ".join(args.query)
    with _opened(args, reading=True) as vault:
        results = search(vault, query, current_language(), limit=args.limit)
    if args.json:
        import json

        found = [
            {
                "kind": hit.kind,
                "ref": hit.ref,
                "day": hit.day.isoformat() if hit.day else None,
                "title": hit.title,
                "snippet": hit.snippet.text,
                "matches": [part for part, matched in hit.snippet.parts if matched],
            }
            for hit in results.hits
        ]
        document = {"query": query, "count": results.count, "results": found}
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    if not results.count:
        print(_("Nothing found for {query}.").format(query=query))
        return EXIT_OK
    for kind, hits in results.groups:
        print(f"{kind_heading(kind)} ({len(hits)})")
        for hit in hits:
            day = f"{hit.day.isoformat()}  " if hit.day else ""
            print(f"  {day}{hit.title}".rstrip())
            # The matching words stand out between [ ] in a terminal without colour.
            text = "".join(f"[{part}]" if matched else part for part, matched in hit.snippet.parts)
            before = "…" if hit.snippet.cut_before else ""
            after = "…" if hit.snippet.cut_after else ""
            if text:
                print(f"    {before}{text}{after}")
    return EXIT_OK


def _report_choices(args: argparse.Namespace, saved: Any) -> Any:
    """The choices saved in the vault (or the defaults), with the options given on top."""
    from dataclasses import replace
    from datetime import date

    from recovery_journal.services.report import Paper, Section

    changes: dict[str, Any] = {}
    for option, key in (("date_from", "first"), ("date_to", "last")):
        value = getattr(args, option)
        if value:
            try:
                changes[key] = date.fromisoformat(value)
            except ValueError as error:
                raise UsageError(
                    _("{value} is not a date; write it as YYYY-MM-DD.").format(value=value)
                ) from error
    if args.sections:
        names = [name.strip() for name in ",".join(args.sections).split(",") if name.strip()]
        known = {section.value: section for section in Section}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise UsageError(
                _("Unknown section {name}; the sections are: {known}.").format(
                    name=unknown[0], known=", ".join(known)
                )
            )
        changes["sections"] = frozenset(known[name] for name in names)
    if args.lang:
        changes["language"] = args.lang
    if args.paper:
        changes["paper"] = Paper(args.paper)
    return replace(saved, **changes)


def cmd_export_pdf(args: argparse.Namespace) -> int:
    output = Path(args.output)
    _refuse_vault_as_output(_vault_path(args), output)
    password = None
    if args.pdf_password_file:
        password = _read_passphrase_file(Path(args.pdf_password_file), pdf=True)
        if not password:
            raise UsageError(_("The PDF password file is empty."))
    from recovery_journal.services.report import build_report, load_choices
    from recovery_journal.ui.report_pdf import write_report_without_window

    with _opened(args, reading=True) as vault:
        choices = _report_choices(args, load_choices(vault, current_language()))
        report = build_report(vault, choices)
    write_report_without_window(report, output, password=password)
    print(
        _("The report is in {path}.").format(path=output)
        + " "
        + (
            _("It opens only with its password.")
            if password
            else _("The PDF itself is not encrypted: send it only to someone you trust.")
        ),
        file=sys.stderr,
    )
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        raise JournalError(
            _(
                "No display found (DISPLAY is not set); run the app in a desktop session, "
                "or use a subcommand (see --help)."
            )
        )
    from recovery_journal.display import missing_packages, opens_on_xcb

    missing = missing_packages() if opens_on_xcb(os.environ) else []
    if missing:
        raise JournalError(
            ngettext(
                "The window cannot open: the system library {packages} is missing. Install it "
                "with: sudo apt install {packages}",
                "The window cannot open: the system libraries {packages} are missing. Install "
                "them with: sudo apt install {packages}",
                len(missing),
            ).format(packages=" ".join(missing))
        )
    from recovery_journal.ui.app import run_gui

    return run_gui(_vault_path(args))


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
    parser.set_defaults(handler=cmd_gui)
    sub = parser.add_subparsers(title=_("subcommands"), metavar="COMMAND")

    def add(
        name: str, help_text: str, handler: Callable[[argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        _common_options(command, suppress=True)
        command.set_defaults(handler=handler)
        return command

    add("init", _("create a new, empty vault"), cmd_init)
    add("check", _("unlock the vault and run the integrity checks"), cmd_check)
    export = add("export-json", _("write the whole vault as JSON (not encrypted)"), cmd_export_json)
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help=_("the file to write, or - for standard output"),
    )
    backup = add("backup", _("write an encrypted, checked copy of the vault"), cmd_backup)
    backup.add_argument(
        "-o", "--output", required=True, metavar="FILE", help=_("the copy to write")
    )
    restore = add(
        "restore",
        _("put a backup in the vault's place (the vault there is kept aside)"),
        cmd_restore,
    )
    restore.add_argument(
        "backup", metavar="BACKUP", help=_("the backup; its own passphrase opens it")
    )
    rekey = add(
        "change-passphrase",
        _("change the vault's passphrase (a backup is made first)"),
        cmd_change_passphrase,
    )
    rekey.add_argument(
        "--new-passphrase-file",
        metavar="FILE",
        help=_("read the new passphrase from the first line of FILE (or set {variable})").format(
            variable=NEW_PASSPHRASE_VARIABLE
        ),
    )
    importer = add("import-json", _("import a JSON export into an empty vault"), cmd_import_json)
    importer.add_argument("file", metavar="FILE", help=_("the JSON export to import"))
    demo = add("demo", _("fill a new or empty vault with realistic sample history"), cmd_demo)
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
        cmd_summary,
    )
    summary.add_argument(
        "--json",
        action="store_true",
        help=_("print a machine-readable object (resources/schema/summary-v1.schema.json)"),
    )
    finder = add("search", _("search everything written in the vault"), cmd_search)
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
        cmd_export_pdf,
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
    return parser


def _sweep_leftovers(args: argparse.Namespace) -> None:
    """Remove what earlier runs killed half-way left on disk, before anything else is written,
    and say so on stderr. The window does this itself as it opens the journal (ui/app.py)."""
    if args.handler is cmd_gui:
        return
    from recovery_journal.domain.backups import default_folder
    from recovery_journal.temporaries import leftover_sentences, sweep_leftovers

    vault = _vault_path(args) if hasattr(args, "vault") else default_vault_path()
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
    except JournalError as error:
        _fail(error.message())
        return exit_code_for(error)
    except BrokenPipeError:
        # The reader went away (``search ... | head``): nothing is wrong and nothing to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        _fail(_("Interrupted; nothing more was changed."))
        return EXIT_ERROR
    except OSError as error:
        from recovery_journal.errors import disk_problem

        # A write's own error carries no file name: the disk is named by the output asked for.
        problem = disk_problem(error, getattr(args, "output", None))
        _fail(problem.message() if problem is not None else os_error_sentence(error))
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - the promise is one line, never a traceback
        _fail(
            _(
                "Something unexpected went wrong ({kind}). What was saved before is safe; "
                "please try again."
            ).format(kind=type(error).__name__)
        )
        return EXIT_ERROR
