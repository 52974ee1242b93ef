"""A desktop for the journeys: an X server, a window manager, a session bus with AT-SPI.

Xvfb (a real X server without a screen), openbox (a light window manager: focus, stacking and
window decorations as a person has them), a private D-Bus session bus with the accessibility bus
launched on it. The program is started the way a person starts it and driven only from outside:
keys and clicks through the X server's XTEST extension (xdotool), what is shown read back over
AT-SPI (tests/journeys/atspi.py). Nothing reaches into the process.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.journeys.atspi import Bus, Node, wait_for

ROOT = Path(__file__).resolve().parents[2]
SCREEN = (1280, 800)
TOOLS = {
    "Xvfb": "xvfb",
    "openbox": "openbox",
    "xdotool": "xdotool",
    "xwd": "x11-apps",
    "xprop": "x11-utils",
    "xwininfo": "x11-utils",
    "setxkbmap": "x11-xkb-utils",
    "dbus-daemon": "dbus-daemon",
}
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")


def missing_tools() -> list[str]:
    """Debian packages the journeys need that this machine lacks."""
    missing = [package for tool, package in TOOLS.items() if shutil.which(tool) is None]
    if not BUS_LAUNCHER.exists():
        missing.append("at-spi2-core")
    return missing


class Desktop:
    """The X server, window manager and buses; one for the whole run of journeys."""

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.processes: list[subprocess.Popen[bytes]] = []
        self.env: dict[str, str] = {}
        self.bus: Bus | None = None

    def start(self) -> None:
        self.scratch.mkdir(parents=True, exist_ok=True)
        log = (self.scratch / "desktop.log").open("ab")
        # -displayfd: Xvfb picks a free display itself and says which, so runs never collide.
        read, write = os.pipe()
        width, height = SCREEN
        xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24",
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,), stdout=log, stderr=log,
        )  # fmt: skip
        os.close(write)
        self.processes.append(xvfb)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError(f"Xvfb did not start (see {self.scratch / 'desktop.log'})")
        runtime = self.scratch / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "DISPLAY": f":{number}",
            "XDG_RUNTIME_DIR": str(runtime),
            "HOME": str(self.scratch / "desktop-home"),
            # xdotool reads what it types as the locale says: UTF-8 for Cyrillic.
            "LANG": "C.UTF-8",
        }
        Path(env["HOME"]).mkdir(exist_ok=True)
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1", "--nopidfile"],
            stdout=subprocess.PIPE, stderr=log, env=env,
        )  # fmt: skip
        self.processes.append(bus)
        assert bus.stdout is not None
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().decode().strip()
        self.processes.append(
            subprocess.Popen(
                [str(BUS_LAUNCHER), "--launch-immediately"], stdout=log, stderr=log, env=env
            )
        )
        self.processes.append(
            subprocess.Popen(["openbox", "--sm-disable"], stdout=log, stderr=log, env=env)
        )
        self.env = env
        # English and Russian keyboards, as a Russian-speaking person has: xdotool then finds
        # every Cyrillic letter on a key. A character on no key is typed by remapping a spare
        # key for a moment, which races with the program reading the keymap (letters lost).
        subprocess.run(["setxkbmap", "-layout", "us,ru"], env=env, check=True, timeout=30)
        self.bus = wait_for(lambda: self._connect(), 15, "the accessibility bus")
        wait_for(self._window_manager_running, 15, "the window manager")

    def _connect(self) -> Bus | None:
        try:
            return Bus(self.env["DBUS_SESSION_BUS_ADDRESS"])
        except Exception:  # noqa: BLE001 - not up yet
            return None

    def _window_manager_running(self) -> bool:
        # openbox sets _NET_SUPPORTING_WM_CHECK on the root window once it manages the screen.
        result = subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=self.env, capture_output=True,
            text=True,
        )  # fmt: skip
        return "window id" in result.stdout

    def stop(self) -> None:
        if self.bus is not None:
            self.bus.close()
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    # --- from outside: the keyboard, the mouse, the screen -------------------------------------

    def xdotool(self, *args: str) -> str:
        result = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=60
        )
        if result.returncode != 0:
            raise RuntimeError(f"xdotool {shlex.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def key(self, *keys: str) -> None:
        """Key presses by X key names: ``key("ctrl+l")``, ``key("Tab", "Tab", "Return")``."""
        self.xdotool("key", "--delay", "40", *keys)

    def type(self, text: str) -> None:
        """Typed as a person types, a character at a time (Cyrillic too)."""
        on_keys = all(char.isascii() or "а" <= char.lower() <= "я" or char in "ёЁ" for char in text)
        self.xdotool("type", "--delay", "15" if on_keys else "60", "--", text)

    def click(self, node: Node) -> None:
        x, y = node.center
        where = self.xdotool("getmouselocation", "--shell")
        if f"X={x}\nY={y}\n" in where:
            # Already there (the same button of the program before, say): mousemove --sync
            # waits for a move that never comes, 15 s.
            self.xdotool("click", "1")
        else:
            self.xdotool("mousemove", "--sync", str(x), str(y), "click", "1")

    def screenshot(self, target: Path) -> Path:
        """The whole screen as a PNG: the root window, then each window on it from the bottom
        up, each read by itself (a dialog read through the root came out black)."""
        from PIL import Image

        def grab(*where: str) -> Image.Image:
            dump = subprocess.run(
                ["xwd", "-silent", *where], env=self.env, capture_output=True, timeout=30
            ).stdout
            return Image.open(xwd_to_png(dump, target))

        screen = grab("-root").copy()
        stacking = subprocess.run(
            ["xprop", "-root", "_NET_CLIENT_LIST_STACKING"], env=self.env, capture_output=True,
            text=True, timeout=30,
        ).stdout  # fmt: skip
        for window in re.findall(r"0x[0-9a-f]+", stacking):
            info = subprocess.run(
                ["xwininfo", "-id", window], env=self.env, capture_output=True, text=True,
                timeout=30,
            ).stdout  # fmt: skip
            if "IsViewable" not in info:
                continue
            x = int(re.search(r"Absolute upper-left X:\s+(-?\d+)", info).group(1))  # type: ignore[union-attr]
            y = int(re.search(r"Absolute upper-left Y:\s+(-?\d+)", info).group(1))  # type: ignore[union-attr]
            screen.paste(grab("-id", window), (x, y))
        screen.save(target)
        return target

    def send_screen_locked(self) -> None:
        """What a desktop's screen saver says on the session bus when the screen locks."""
        from jeepney import DBusAddress, new_signal
        from jeepney.io.blocking import open_dbus_connection

        connection = open_dbus_connection(bus=self.env["DBUS_SESSION_BUS_ADDRESS"])
        try:
            emitter = DBusAddress(
                "/org/freedesktop/ScreenSaver", interface="org.freedesktop.ScreenSaver"
            )
            connection.send(new_signal(emitter, "ActiveChanged", "b", (True,)))
            time.sleep(0.2)  # let the daemon pass it on before the connection closes
        finally:
            connection.close()


def xwd_to_png(dump: bytes, target: Path) -> Path:
    """An xwd dump of a TrueColor screen, 24 or 32 bits a pixel (as Xvfb gives), as a PNG."""
    from PIL import Image

    fields = [int.from_bytes(dump[i : i + 4], "big") for i in range(0, 100, 4)]
    header_size, width, height = fields[0], fields[4], fields[5]
    byte_order, bits_per_pixel, bytes_per_line = fields[7], fields[11], fields[12]
    colours = fields[19]
    start = header_size + colours * 12
    pixels = dump[start : start + bytes_per_line * height]
    modes = {(32, 0): "BGRX", (32, 1): "XRGB", (24, 0): "BGR", (24, 1): "RGB"}
    raw = modes.get((bits_per_pixel, byte_order))
    if raw is None:
        raise ValueError(f"xwd dump with {bits_per_pixel} bits per pixel")
    image = Image.frombytes("RGB", (width, height), pixels, "raw", raw, bytes_per_line)
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target)
    return target


class App:
    """The program, started as a person starts it, with its own home folder and output log."""

    def __init__(
        self, desktop: Desktop, home: Path, vault: Path, log: Path, language: str = "en",
        command: list[str] | None = None, extra_env: dict[str, str] | None = None,
    ) -> None:  # fmt: skip
        self.desktop = desktop
        self.vault = vault
        self.log_path = log
        env = dict(desktop.env)
        home.mkdir(parents=True, exist_ok=True)
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_DATA_HOME=str(home / ".local" / "share"),
            LANG={"en": "en_US.UTF-8", "ru": "ru_RU.UTF-8"}[language],
            # Qt puts its widgets on the accessibility bus only when asked, or when a screen
            # reader says it runs (org.a11y.Status); this is the asking.
            QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
            QT_QPA_PLATFORM="xcb",
            PYTHONUNBUFFERED="1",
            RECOVERY_JOURNAL_NO_KEYCHAIN="1",
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        )
        if os.environ.get("PYTHONPATH"):
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        env.update(extra_env or {})
        self.env = env
        self.command = (command or program_command()) + ["--vault", str(vault)]
        self.process: subprocess.Popen[bytes] | None = None
        self._root: Node | None = None

    def start(self) -> App:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        log.write(f"$ {shlex.join(self.command)}\n".encode())
        log.flush()
        self.process = subprocess.Popen(
            self.command, env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=self.env["HOME"]
        )
        self._root = None
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    @property
    def root(self) -> Node:
        """The program's application object in the accessibility tree."""
        if self._root is None:
            bus = self.desktop.bus
            assert bus is not None
            self._root = wait_for(
                lambda: self._alive() and bus.application_of(self.pid), 20, "the app on AT-SPI"
            )
        return self._root

    def _alive(self) -> bool:
        if not self.running:
            raise AssertionError(f"the app ended with exit code {self.process.returncode}")  # type: ignore[union-attr]
        return True

    def windows(self) -> list[Node]:
        return [node for node in self.root.children() if "showing" in node.states]

    def window(self, role: str = "frame", seconds: float = 20) -> Node:
        """The first showing top-level of that role: 'frame' (the main window) or 'dialog'."""
        return wait_for(
            lambda: self._alive() and next((w for w in self.windows() if w.role == role), None),
            seconds, f"a showing {role}",
        )  # fmt: skip

    def wait_for_node(
        self, role: str | None = None, name: str | None = None, seconds: float = 15,
        within: Node | str | None = None, contains: str | None = None,
    ) -> Node:  # fmt: skip
        """A showing node of that role and name (or whose name holds ``contains``), anywhere
        on screen, under a node, or in the showing window of a role ("frame", "dialog"), looked
        up afresh each time (a window rebuilt after a lock or a restore is a new one)."""

        def look() -> Node | None:
            self._alive()
            if isinstance(within, Node):
                where = [within]
            else:
                where = [w for w in self.windows() if within is None or w.role == within]
            matcher = (lambda label: contains in label) if contains is not None else name
            for top in where:
                found = top.find(role, matcher)
                if found is not None:
                    return found
            return None

        return wait_for(look, seconds, f"{role or 'a node'} {name or contains!r}")

    def focused(self) -> Node | None:
        """What has the keyboard: the focused node of the active window (each window keeps one)."""
        windows = self.windows()
        windows.sort(key=lambda window: "active" not in window.states)
        for window in windows:
            node = window.focused()
            if node is not None:
                return node
        return None

    def wait_for_focus(self, role: str | None = None, name: str | None = None) -> Node:
        def look() -> Node | None:
            node = self.focused()
            if node is None:
                return None
            if role is not None and node.role != role:
                return None
            if name is not None and node.name != name:
                return None
            return node

        return wait_for(look, 15, f"focus on {role or ''} {name or ''}")

    def texts(self) -> str:
        """Every showing name and text, one per line: what a person could read on screen."""
        lines = []
        for window in self.windows():
            for node in window.walk():
                try:
                    label = node.name
                    text = node.text if "org.a11y.atspi.Text" in node.interfaces else ""
                except Exception:  # noqa: BLE001 - gone while read
                    continue
                lines.extend(part for part in (label, text) if part)
        return "\n".join(lines)

    def wait_exit(self, seconds: float = 30) -> int:
        assert self.process is not None
        return self.process.wait(seconds)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")


def program_command() -> list[str]:
    """How the program is started: `python -m recovery_journal`, or JOURNEY_PROGRAM (the packaged
    app in `make dist-check`)."""
    chosen = os.environ.get("JOURNEY_PROGRAM")
    if chosen:
        return shlex.split(chosen)
    return [sys.executable, "-m", "recovery_journal"]


@contextmanager
def running_desktop(scratch: Path) -> Iterator[Desktop]:
    desktop = Desktop(scratch)
    try:
        desktop.start()
        yield desktop
    finally:
        desktop.stop()
