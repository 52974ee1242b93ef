"""Nothing leaks: no network, no core dumps, secret clipboard copies, and no journal text in any
file outside the vault, its backups and the exports the person chose."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit

from recovery_journal.ui.clipboard import SECRET_HINT, mark_copies_secret
from tests.conftest import NetworkUsed

ROOT = Path(__file__).parent.parent
SENTENCE = "Quokka harbour lantern confession"  # words that appear nowhere else
RUSSIAN = "Сегодня я признался спонсору в обиде на брата"


def test_any_internet_connection_fails_the_test_that_made_it():
    with pytest.raises(NetworkUsed):
        socket.create_connection(("192.0.2.1", 80), timeout=0.1)
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkUsed):
            probe.connect(("192.0.2.1", 80))
    finally:
        probe.close()


def test_the_app_imports_no_network_module():
    code = (
        "import sys, recovery_journal.cli, recovery_journal.ui.app\n"
        "import recovery_journal.ui.report_pdf\n"
        "import recovery_journal.services.export, recovery_journal.services.backups\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'urllib3', 'requests', 'http', 'ftplib', 'smtplib', 'PySide6.QtNetwork'} "
        "or m == 'PySide6.QtNetwork')\n"
        "print(bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_the_process_makes_no_core_dump():
    code = (
        "import ctypes, resource\n"
        "from recovery_journal.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "libc = ctypes.CDLL(None)\n"
        "print(resource.getrlimit(resource.RLIMIT_CORE), libc.prctl(3, 0, 0, 0, 0))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == "(0, 0) 0", result.stdout + result.stderr


def test_text_copied_out_of_the_app_is_marked_secret(qapp, qtbot):
    mark_copies_secret(qapp)
    field = QLineEdit("a line from my fourth step")
    qtbot.addWidget(field)
    field.show()
    field.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is not None, timeout=2_000)
    field.selectAll()
    field.copy()
    clipboard = QApplication.clipboard()
    qtbot.waitUntil(lambda: clipboard.mimeData().hasFormat(SECRET_HINT), timeout=2_000)
    assert bytes(clipboard.mimeData().data(SECRET_HINT)) == b"secret"
    assert clipboard.text() == "a line from my fourth step"


SESSION = f"""
import sys
from pathlib import Path
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from recovery_journal.ui.app import AppController, make_application
from recovery_journal.ui.pages import Page

app = make_application(["recovery-journal"])
controller = AppController(app, Path(sys.argv[1]))
dialog = controller.start()

def wait(predicate, seconds=20.0):
    import time
    end = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > end:
            raise SystemExit("timed out")
        app.processEvents()
        time.sleep(0.01)

QTest.keyClicks(dialog.passphrase, sys.argv[2])
QTest.keyClick(dialog.passphrase, Qt.Key.Key_Return)
wait(lambda: controller.window is not None)
window = controller.window
wait(lambda: not controller.operations.busy)
editor = window.today.editor
wait(lambda: not editor.isReadOnly())
QTest.keyClicks(editor, {SENTENCE!r} + " ")
editor.insertPlainText({RUSSIAN!r})  # QTest types ASCII only
editor.selectAll()
editor.copy()
for page in Page:
    window.show_page(page)
    wait(lambda: not controller.operations.busy)
window.close()
controller.shutdown()
print("session done", flush=True)
del window, editor, dialog, controller
app.processEvents()
"""


def _files(folder: Path):
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            yield path


def test_a_whole_session_leaves_no_journal_text_outside_the_vault(tmp_path):
    home, temporary, work = tmp_path / "home", tmp_path / "tmp", tmp_path / "work"
    for folder in (home, temporary, work):
        folder.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "RECOVERY_JOURNAL"))
    }
    env.update(
        HOME=str(home),
        TMPDIR=str(temporary),
        QT_QPA_PLATFORM="offscreen",
        RECOVERY_JOURNAL_PASSPHRASE="calm words for the test",
    )
    vault = work / "journal.rjvault"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=180
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result

    run("-m", "recovery_journal", "init", "--vault", str(vault))
    session = run("-c", SESSION, str(vault), "calm words for the test")
    assert "session done" in session.stdout
    exports = work / "exports"
    exports.mkdir()
    run("-m", "recovery_journal", "export-pdf", "--vault", str(vault), "-o", str(exports / "r.pdf"))
    run("-m", "recovery_journal", "backup", "--vault", str(vault), "-o", str(exports / "b.rjvault"))
    check = run("-m", "recovery_journal", "export-json", "--vault", str(vault), "-o", "-")
    assert SENTENCE in check.stdout  # it was saved, so the scan below means something

    allowed = {vault, exports / "r.pdf"}
    needles = [
        text.encode(encoding)
        for text in (SENTENCE, RUSSIAN, "Quokka harbour")
        for encoding in ("utf-8", "utf-16-le")
    ]
    looked = 0
    for root in (home, temporary, work):
        for path in _files(root):
            if path in allowed:
                continue
            looked += 1
            data = path.read_bytes()
            leaked = [needle for needle in needles if needle in data]
            assert not leaked, f"journal text found in {path}"
    assert looked >= 2  # at least the lock file and the backup were looked at


def test_the_settings_file_is_private_from_its_first_byte(qapp, tmp_path):
    from recovery_journal.ui.ui_state import remember_backup_folder, ui_settings

    settings_file = Path(ui_settings().fileName())
    assert settings_file.exists() and settings_file.stat().st_size == 0  # made before any data
    remember_backup_folder(tmp_path / "journal.rjvault", tmp_path / "my backups")
    ui_settings().sync()
    assert "my backups" in settings_file.read_text("utf-8")  # it names the backup folder
    assert settings_file.stat().st_mode & 0o777 == 0o600
    assert settings_file.parent.stat().st_mode & 0o777 == 0o700


def test_a_settings_file_left_readable_by_an_older_version_is_tightened(qapp, tmp_path):
    from PySide6.QtCore import QSettings

    from recovery_journal.ui import ui_state

    # As the earlier versions left it: QSettings made the folder 0755 and the file 0644.
    home = tmp_path / "older"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home))
    folder = home / ui_state.ORGANISATION
    folder.mkdir(parents=True, mode=0o755)
    old = folder / f"{ui_state.APPLICATION}.ini"
    old.write_text("[backup_folders]\nabc=/home/sam/backups\n", encoding="utf-8")
    old.chmod(0o644)
    folder.chmod(0o755)
    assert ui_state.ui_settings().value("backup_folders/abc") == "/home/sam/backups"
    assert old.stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700
