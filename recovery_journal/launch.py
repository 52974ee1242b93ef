"""``recovery-journal``'s first moment: the window as soon as Python and Qt allow, else the CLI.

Started from the menu, the program is given nothing, or ``--vault PATH`` and ``--background``.
Those are read here by hand, and the window opens without the command line's parser and
commands being imported (together about 20 ms, a sixth of a start). Anything else (a subcommand,
``--help``, an abbreviated option, a value that looks like an option) goes to ``cli.main``,
whose parser reads the same options the same way (a test holds the two together).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

# The options the window takes, as the parser names them (cli.build_parser).
VAULT_OPTION = "--vault"
BACKGROUND_OPTION = "--background"


def window_arguments(arguments: Sequence[str]) -> tuple[str | None, bool] | None:
    """(the --vault value or None, --background) when ``arguments`` only open the window;
    None when they need the full parser."""
    vault: str | None = None
    background = False
    given = list(arguments)
    while given:
        argument = given.pop(0)
        if argument == BACKGROUND_OPTION and not background:
            background = True
        elif argument == VAULT_OPTION and vault is None and given:
            vault = given.pop(0)
            if vault.startswith("-"):
                return None  # the parser decides whether that is a value or a mistake
        elif argument.startswith(VAULT_OPTION + "=") and vault is None:
            vault = argument.removeprefix(VAULT_OPTION + "=")
        else:
            return None
    return vault, background


def vault_at(given: str | None) -> Path:
    """The vault named on the command line, or the default one (for the parser's options too:
    ``cli_args.vault_path``)."""
    if given:
        return Path(given).expanduser()
    from recovery_journal.paths import default_vault_path

    return default_vault_path()


def open_window(vault: Path, background: bool) -> int:
    """The app's window on ``vault``, once the display is known to be usable."""
    from recovery_journal.errors import JournalError
    from recovery_journal.i18n import _, ngettext

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

    return run_gui(vault, background=background)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    window = window_arguments(arguments)
    if window is None:
        from recovery_journal.cli import main as command_line

        return command_line(arguments)
    from recovery_journal.i18n import language_from_environment, set_language
    from recovery_journal.process import harden_process

    harden_process()
    set_language(language_from_environment())
    try:
        return open_window(vault_at(window[0]), window[1])
    except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 - said as the CLI says it
        from recovery_journal.cli import failure

        return failure(error, None)
