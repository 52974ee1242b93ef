"""The subcommands of ``recovery-journal`` (the parser and the exit codes are ``cli``'s); imported
only when one runs, so the window's start never pays for them."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recovery_journal.cli_args import (
    EXIT_OK,
    NEW_PASSPHRASE_VARIABLE,
    get_passphrase,
    passphrase_from,
    read_passphrase_file,
    vault_path,
)
from recovery_journal.errors import (
    JournalError,
    PassphraseRejected,
    UsageError,
    VaultBusy,
    VaultDamaged,
    VaultExists,
    WrongPassphrase,
)
from recovery_journal.i18n import N_, _, current_language, ngettext

if TYPE_CHECKING:
    from recovery_journal.domain.ports import Vault


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
    path = vault_path(args)
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


def _refuse_easy_to_guess(
    args: argparse.Namespace, passphrase: str, names: tuple[str, ...]
) -> None:
    """A new passphrase a guesser would find quickly is refused with the reason, unless the
    person insists (--allow-weak-passphrase)."""
    from recovery_journal.passphrase import Strength, rate

    if args.allow_weak_passphrase:
        return
    rating = rate(passphrase, names)
    if rating.strength is Strength.WEAK:
        raise PassphraseRejected(
            " ".join(
                (
                    rating.reason(),
                    _(
                        "Choose a few unrelated words, or add --allow-weak-passphrase to use it "
                        "anyway."
                    ),
                )
            )
        )


def cmd_init(args: argparse.Namespace) -> int:
    from recovery_journal.passphrase import names_to_try
    from recovery_journal.store_access import load_store

    store = load_store()
    path = vault_path(args)
    if os.path.lexists(path):
        raise VaultExists(path)
    passphrase = get_passphrase(args, new=True)
    _refuse_easy_to_guess(args, passphrase, names_to_try(path))
    store.create_vault(path, passphrase).close()
    print(_("Created a new vault at {path}.").format(path=path))
    print(
        _("Keep your passphrase safe: if it is forgotten, nobody can open this vault, not even us.")
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    path = vault_path(args)
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
        _refuse_vault_as_output(vault_path(args), Path(args.output))
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
    _refuse_vault_as_output(vault_path(args), output)
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
    path = vault_path(args)
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
        set_aside=aside if path.exists() else None,
    )
    print(_("Restored {backup} to {path}.").format(backup=backup, path=path))
    if kept is not None:
        print(_("The vault that was there is kept as {aside}.").format(aside=kept))
    return EXIT_OK


def _new_passphrase(args: argparse.Namespace) -> str:
    return passphrase_from(
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
    from recovery_journal.passphrase import names_to_try
    from recovery_journal.services.backups import make_backup
    from recovery_journal.services.settings import names_in_journal
    from recovery_journal.store_access import load_store

    store = load_store()
    path = vault_path(args)
    current = get_passphrase(args)
    new = _new_passphrase(args)
    vault = _open_vault(store, path, current)
    try:
        with _in_sentences(vault):
            names = names_in_journal(vault)
        _refuse_easy_to_guess(args, new, names_to_try(path, *names))
        store.ensure_room_to_rekey(vault)
        with _in_sentences(vault):
            point = make_backup(vault, BackupReason.PASSPHRASE)
        vault, changed = store.change_passphrase(vault, current, new)
        if changed:
            from recovery_journal.services.sync import follow_passphrase

            with _in_sentences(vault):
                follow_passphrase(vault, store, new)
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
    path = vault_path(args)
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

    from recovery_journal.services.report_choices import Paper, Section

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
    _refuse_vault_as_output(vault_path(args), output)
    password = None
    if args.pdf_password_file:
        password = read_passphrase_file(Path(args.pdf_password_file), pdf=True)
        if not password:
            raise UsageError(_("The PDF password file is empty."))
    from recovery_journal.services.report import build_report
    from recovery_journal.services.report_choices import load_choices
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


def cmd_import_reply(args: argparse.Namespace) -> int:
    from recovery_journal.services.review import review_day
    from recovery_journal.services.sponsor_reply import (
        ReplyProblem,
        keep_reply,
        kept_text,
        left_out_text,
        read_reply_file,
    )

    password = None
    if args.pdf_password_file:
        password = read_passphrase_file(Path(args.pdf_password_file), pdf=True) or None
    language = current_language()
    with _opened(args) as vault:
        try:
            preview = read_reply_file(vault, Path(args.file), password, review_day(vault), language)
        except ReplyProblem as problem:
            if problem.needs_password and password is None:
                raise UsageError(
                    _(
                        "This reply is protected by the report's password: give it with "
                        "--pdf-password-file FILE."
                    )
                ) from None
            raise
        for note in preview.notes:
            name = preview.names[note.about].text
            if note.uid in preview.changed:
                name += " " + _("(changed since it was kept)")
            elif note.uid not in preview.new:
                name += " " + _("(already kept)")
            print(name)
            for line in note.text.splitlines():
                print(f"    {line}")
        kept = 0 if args.dry_run else keep_reply(vault, preview).value
    if preview.unknown:
        print(left_out_text(preview.unknown), file=sys.stderr)
    waiting = len(preview.new) + len(preview.changed)
    if not preview.notes:
        print(_("Nothing is written in this report yet."), file=sys.stderr)
    elif args.dry_run:
        print(
            ngettext(
                "{count} note to keep; nothing was kept (--dry-run).",
                "{count} notes to keep; nothing was kept (--dry-run).",
                waiting,
            ).format(count=waiting),
            file=sys.stderr,
        )
    elif kept:
        print(kept_text(kept), file=sys.stderr)
    else:
        print(_("Everything in this reply is already in your journal."), file=sys.stderr)
    return EXIT_OK


def _say_exchange(exchange: Any) -> None:
    """What an exchange or a merge did, for the person: on stdout, and what was skipped on
    stderr."""
    for problem in exchange.skipped:
        print(problem.message(), file=sys.stderr)
    if exchange.arrived:
        print(
            ngettext(
                "{count} record came from your other computers.",
                "{count} records came from your other computers.",
                exchange.arrived,
            ).format(count=exchange.arrived)
        )
    else:
        print(_("Nothing new came from your other computers."))
    if exchange.to_choose:
        print(
            ngettext(
                "{count} record was written on two computers at once: both versions are kept. "
                "Choose one in the app (Journal ▸ Written on two computers).",
                "{count} records were written on two computers at once: both versions are kept. "
                "Choose in the app (Journal ▸ Written on two computers).",
                exchange.to_choose,
            ).format(count=exchange.to_choose)
        )


def cmd_sync(args: argparse.Namespace) -> int:
    from recovery_journal.domain.clock import utc_now
    from recovery_journal.services.sync import exchange, share_through, shared_folder
    from recovery_journal.store_access import load_store

    store = load_store()
    folder = Path(args.folder).expanduser().absolute()
    if not folder.is_dir():
        raise UsageError(_("There is no folder at {path}.").format(path=folder))
    path = vault_path(args)
    passphrase = get_passphrase(args)
    joining = not os.path.lexists(path) and any(folder.glob("*.rjsync"))
    if joining:
        vault = store.create_vault(path, passphrase)
    else:
        vault = _open_vault(store, path, passphrase)
    _say_interrupted_restore(vault)
    try:
        with _in_sentences(vault):
            if shared_folder(vault) == folder:
                done = exchange(vault, store, utc_now())
                if done.other_passphrase:
                    # Changed on another computer: the passphrase given here may be the new one.
                    done = share_through(vault, store, folder, passphrase, utc_now())
            else:
                done = share_through(vault, store, folder, passphrase, utc_now())
    finally:
        vault.close()
    if joining:
        print(_("The journal was made from the shared folder at {path}.").format(path=path))
    _say_exchange(done)
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from recovery_journal.domain.clock import utc_now
    from recovery_journal.services.sync import merge_vault
    from recovery_journal.store_access import load_store

    store = load_store()
    path = vault_path(args)
    other_path = Path(args.other).expanduser()
    if other_path.absolute() == path.absolute():
        raise UsageError(_("That is this journal itself; choose the other copy."))
    passphrase = get_passphrase(args)
    vault = _open_vault(store, path, passphrase)
    try:
        # Only read: the other copy is left exactly as it was.
        other = _open_vault(store, other_path, passphrase, reading=True)
        try:
            with _in_sentences(vault):
                done = merge_vault(vault, other, utc_now())
        finally:
            other.close()
    finally:
        vault.close()
    _say_exchange(done)
    return EXIT_OK
