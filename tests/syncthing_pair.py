"""Two real Syncthing instances on loopback that share one folder (issue 24's integration test).

Each instance has its own home (keys, config, database, log) and its own data folder; both
folders are one Syncthing folder, so what is written in one arrives in the other, as between two
computers. Nothing leaves the machine: no discovery (global or local), no relays, no NAT or STUN,
no usage or crash reporting, no upgrades, no browser. Each knows the other's device ID; each
listens on ``tcp://127.0.0.1:<port>`` and the first dials the second there (one dialler: see
``_configure``). The REST API listens on 127.0.0.1 with an API key.

The config is written before start: ``syncthing generate`` makes the keys and a config.xml, and
the options, the other device and the shared folder are then set in that file, so both start
already paired (as Syncthing's own integration tests do with their h1, h2 homes). Changes move
within seconds: the filesystem watcher is on with a 1-second delay and rescans come every 5
seconds.

``wait_until_in_sync`` asks both for a scan first (a change the watcher has not yet reported is
then counted), then waits until each side is idle, needs nothing, and the other side has its
latest index and reports it 100 % complete (the check of Syncthing's lib/rc ``InSync``, over
REST), and finally until both folders hold the same files with the same bytes.
"""

from __future__ import annotations

import _socket
import contextlib
import functools
import hashlib
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import quote

import pytest

FOLDER_ID = "journal-exchange"
API_KEY = "recovery-journal-test-key"
# What Syncthing keeps in a folder for itself, never synced: its marker, its versions, the
# temporary files of a transfer under way.
OWN_NAMES = (".stfolder", ".stversions", ".stignore")
TEMPORARY_PREFIX = ".syncthing."


def syncthing_binary() -> str:
    """The syncthing program; outside CI the test is skipped where it is missing (CI installs it,
    tools/system-packages.sh test), in CI it fails."""
    found = shutil.which("syncthing")
    if found:
        return found
    message = (
        "Syncthing is not installed, so two real instances cannot be run: "
        "`bash tools/system-packages.sh test` installs it."
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_ports(count: int) -> list[int]:
    """``count`` different free ports on 127.0.0.1 (all probes held open until each is known,
    so no two are the same)."""
    with contextlib.ExitStack() as held:
        ports = []
        for _ in range(count):
            probe = held.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
            probe.bind(("127.0.0.1", 0))
            ports.append(int(probe.getsockname()[1]))
        return ports


class _Loopback(http.client.HTTPConnection):
    """An HTTP connection to 127.0.0.1 only. The tests refuse every Internet connection
    (conftest's _no_network patches socket.socket.connect); the instances' REST API on loopback
    is the test's own, so this one connects through the unpatched C method."""

    def connect(self) -> None:
        assert self.host == "127.0.0.1", self.host
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        _socket.socket.connect(sock, (self.host, self.port))
        self.sock = sock


class RestError(RuntimeError):
    pass


@dataclass
class Instance:
    """One Syncthing: its home, its data folder, its ports and, once started, its process."""

    name: str
    home: Path
    folder: Path
    gui_port: int
    listen_port: int
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None
    log_path: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log_path = self.home / "syncthing.log"

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.listen_port}"

    def rest(self, method: str, path: str, body: Any = None, timeout: float = 30) -> Any:
        connection = _Loopback("127.0.0.1", self.gui_port, timeout=timeout)
        try:
            payload = None if body is None else json.dumps(body).encode()
            headers = {"X-API-Key": API_KEY, "Content-Type": "application/json"}
            connection.request(method, path, body=payload, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        if response.status != 200:
            raise RestError(f"{self.name}: {method} {path}: {response.status} {data[:300]!r}")
        if not data.strip():
            return None
        try:
            return json.loads(data)
        except ValueError:
            return data.decode(errors="replace")

    def log(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"


def _set(parent: ET.Element, tag: str, text: str) -> None:
    element = parent.find(tag)
    if element is None:
        element = ET.SubElement(parent, tag)
    element.text = text


def _generate(binary: str, instance: Instance) -> None:
    subprocess.run(
        [
            binary,
            "generate",
            f"--home={instance.home}",
            "--no-default-folder",
            "--skip-port-probing",
        ],
        check=True,
        capture_output=True,
        timeout=60,
        env=_environment(),
    )
    local = ET.parse(instance.home / "config.xml").getroot().find("device")
    assert local is not None, "syncthing generate wrote no device of its own"
    instance.device_id = local.attrib["id"]


def _configure(me: Instance, other: Instance, *, dials: bool) -> None:
    """Offline options, the GUI on loopback with our key, the other device and the shared
    folder, written into config.xml before the first start.

    Only one of the two dials (``dials``); the other knows its peer's ID and accepts it, with
    the address "dynamic", which without discovery is never dialled. When both dialled each
    other at the same moment (at start, or after a pause), each waited for the other's Hello
    on its own connection until Syncthing's 20-second timeout: 1 run in 5 or so took 20 s
    longer (Syncthing 1.19.2, logged "Failed to exchange Hello messages ... i/o timeout")."""
    path = me.home / "config.xml"
    tree = ET.parse(path)
    root = tree.getroot()
    for device in root.findall("device"):
        device.set("name", me.name)
        for address in device.findall("address"):
            device.remove(address)
        ET.SubElement(device, "address").text = "dynamic"
    peer = ET.SubElement(
        root,
        "device",
        {
            "id": other.device_id,
            "name": other.name,
            "compression": "metadata",
            "introducer": "false",
        },
    )
    ET.SubElement(peer, "address").text = other.address if dials else "dynamic"
    _set(peer, "autoAcceptFolders", "false")

    gui = root.find("gui")
    assert gui is not None
    gui.set("enabled", "true")
    gui.set("tls", "false")
    _set(gui, "address", f"127.0.0.1:{me.gui_port}")
    _set(gui, "apikey", API_KEY)

    options = root.find("options")
    assert options is not None
    for address in options.findall("listenAddress"):
        options.remove(address)
    ET.SubElement(options, "listenAddress").text = me.address
    for tag, value in {
        "globalAnnounceEnabled": "false",
        "localAnnounceEnabled": "false",
        "relaysEnabled": "false",
        "natEnabled": "false",
        "stunKeepaliveStartS": "0",
        "stunKeepaliveMinS": "0",
        "startBrowser": "false",
        "urAccepted": "-1",  # usage reporting declined
        "urSeen": "3",
        "crashReportingEnabled": "false",
        "autoUpgradeIntervalH": "0",
        "restartOnWakeup": "false",
        "reconnectionIntervalS": "1",
        "announceLANAddresses": "false",
        "progressUpdateIntervalS": "1",
        "setLowPriority": "false",
    }.items():
        _set(options, tag, value)
    for notice in options.findall("unackedNotificationID"):
        options.remove(notice)

    folder = ET.SubElement(
        root,
        "folder",
        {
            "id": FOLDER_ID,
            "label": "journal exchange",
            "path": str(me.folder),
            "type": "sendreceive",
            "rescanIntervalS": "5",
            "fsWatcherEnabled": "true",
            "fsWatcherDelayS": "1",
            "ignorePerms": "false",
            "autoNormalize": "true",
        },
    )
    ET.SubElement(folder, "filesystemType").text = "basic"
    for device_id in (me.device_id, other.device_id):
        ET.SubElement(folder, "device", {"id": device_id, "introducedBy": ""})
    ET.SubElement(folder, "minDiskFree", {"unit": "%"}).text = "0"
    ET.SubElement(folder, "markerName").text = ".stfolder"
    # Syncthing's own default; a missing element reads as 0, which keeps no conflict copies.
    ET.SubElement(folder, "maxConflicts").text = "10"
    # Move the folder element before <gui>, where Syncthing itself writes folders.
    root.remove(folder)
    root.insert(0, folder)
    tree.write(path, encoding="utf-8", xml_declaration=False)


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment.update(
        STNORESTART="1",  # a crash or a restart request ends the process; the test sees it
        STNOUPGRADE="1",
        STNODEFAULTFOLDER="1",
        GOMAXPROCS="2",
    )
    return environment


def listing(folder: Path) -> dict[str, str]:
    """Every file in a synced folder, by its path inside it, with the SHA-256 of its bytes;
    Syncthing's own marker, versions and transfer temporaries left out."""
    files: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] in OWN_NAMES or path.name.startswith(TEMPORARY_PREFIX):
            continue
        if path.is_file():
            files[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


class SyncthingPair:
    """``with SyncthingPair(tmp_path) as pair:`` two paired, running instances, ``pair.a`` and
    ``pair.b``, whose folders ``pair.a.folder`` and ``pair.b.folder`` are kept in step.

    On leaving, both are shut down (REST shutdown, then killed if still running); if the block
    failed, both logs are printed, which pytest shows with the failure.
    """

    def __init__(self, root: Path, names: tuple[str, str] = ("laptop", "desktop")) -> None:
        self.binary = syncthing_binary()
        ports = free_ports(4)
        self.a, self.b = (
            Instance(
                name,
                root / f"syncthing-{name}",
                root / f"folder-{name}",
                gui_port=ports[2 * index],
                listen_port=ports[2 * index + 1],
            )
            for index, name in enumerate(names)
        )

    @property
    def instances(self) -> tuple[Instance, Instance]:
        return (self.a, self.b)

    def __enter__(self) -> SyncthingPair:
        try:
            self.start()
        except BaseException:
            self._print_logs("starting")
            self.stop()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if error is not None:
            self._print_logs(f"the test failed: {kind.__name__ if kind else 'error'}")
        self.stop()

    # --- starting and stopping ----------------------------------------------------------------

    def start(self, timeout: float = 30) -> None:
        for instance in self.instances:
            instance.home.mkdir(parents=True, exist_ok=True)
            instance.folder.mkdir(parents=True, exist_ok=True)
            (instance.folder / ".stfolder").mkdir(exist_ok=True)
            _generate(self.binary, instance)
        _configure(self.a, self.b, dials=True)
        _configure(self.b, self.a, dials=False)
        # The one that is dialled first, listening before the dialler starts: a dial that finds
        # no listener is tried again only 5 seconds later, whatever reconnectionIntervalS says.
        deadline = time.monotonic() + timeout
        for instance in (self.b, self.a):
            with instance.log_path.open("wb") as log:
                instance.process = subprocess.Popen(
                    [
                        self.binary,
                        "serve",
                        f"--home={instance.home}",
                        "--no-browser",
                        "--no-restart",
                        "--no-upgrade",
                        "--logflags=3",
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    env=_environment(),
                )
            self._until(deadline, f"{instance.name} is up", functools.partial(_up, instance))
        self._until(deadline, "the two are connected", self._connected)

    def stop(self) -> None:
        for instance in self.instances:
            if instance.process is not None and instance.process.poll() is None:
                with contextlib.suppress(OSError, RestError, http.client.HTTPException):
                    instance.rest("POST", "/rest/system/shutdown", timeout=5)
        for instance in self.instances:
            process = instance.process
            if process is None:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)

    @contextlib.contextmanager
    def apart(self, timeout: float = 30) -> Iterator[None]:
        """The two cut off from each other for the block (each pauses the other, as two
        computers off the network); as it ends each scans its folder, then they meet again.
        What the block changed on both sides was changed on each before it heard of the
        other's change."""
        for me, other in ((self.a, self.b), (self.b, self.a)):
            me.rest("POST", f"/rest/system/pause?device={quote(other.device_id)}")
        yield
        for instance in self.instances:
            instance.rest("POST", f"/rest/db/scan?folder={quote(FOLDER_ID)}", timeout=timeout)
        # The dialled one first: a dial it refused as paused is tried again 5 seconds later.
        for me, other in ((self.b, self.a), (self.a, self.b)):
            me.rest("POST", f"/rest/system/resume?device={quote(other.device_id)}")
        self._until(time.monotonic() + timeout, "the two are connected again", self._connected)

    # --- waiting --------------------------------------------------------------------------------

    def _until(self, deadline: float, what: str, check: Callable[[], bool | str]) -> None:
        last = ""
        while True:
            for instance in self.instances:
                process = instance.process
                if process is not None and process.poll() is not None:
                    raise AssertionError(
                        f"syncthing {instance.name} ended (exit {process.returncode}) while "
                        f"waiting until {what}"
                    )
            try:
                answer = check()
            except (OSError, RestError, http.client.HTTPException) as error:
                answer = f"{type(error).__name__}: {error}"
            if answer is True:
                return
            last = str(answer)
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting until {what}; last seen: {last}")
            time.sleep(0.2)

    def _connected(self) -> bool | str:
        for me, other in ((self.a, self.b), (self.b, self.a)):
            connections = me.rest("GET", "/rest/system/connections")["connections"]
            if not connections.get(other.device_id, {}).get("connected"):
                return f"{me.name} is not connected to {other.name}"
        return True

    def _in_sync_once(self) -> bool | str:
        connected = self._connected()
        if connected is not True:
            return connected
        folder = quote(FOLDER_ID)
        for me, other in ((self.a, self.b), (self.b, self.a)):
            status = me.rest("GET", f"/rest/db/status?folder={folder}")
            if status["state"] != "idle" or status["needTotalItems"] or status.get("pullErrors"):
                return f"{me.name}: {_brief(status)}"
            # What the other side knows of this side: its latest index, and nothing it needs.
            seen = other.rest(
                "GET", f"/rest/db/completion?folder={folder}&device={quote(me.device_id)}"
            )
            if seen["completion"] < 100 or seen["needItems"] or seen["needDeletes"]:
                return f"{other.name} sees {me.name} at {_brief(seen)}"
            if "sequence" in seen and seen["sequence"] != status["sequence"]:
                return (
                    f"{other.name} has {me.name}'s index up to {seen['sequence']}, "
                    f"{me.name} is at {status['sequence']}"
                )
        a_files, b_files = listing(self.a.folder), listing(self.b.folder)
        if a_files != b_files:
            return f"the folders differ: {self.a.name} {a_files}, {self.b.name} {b_files}"
        return True

    def wait_until_in_sync(self, timeout: float = 30) -> None:
        """Until both sides hold the same files: a scan of both first, then Syncthing's own
        account (idle, nothing needed, the other side's index current and 100 % complete) and
        the same files with the same bytes, seen twice in a row."""
        folder = quote(FOLDER_ID)
        for instance in self.instances:
            instance.rest("POST", f"/rest/db/scan?folder={folder}", timeout=timeout)
        deadline = time.monotonic() + timeout
        passes = 0

        def settled() -> bool | str:
            nonlocal passes
            answer = self._in_sync_once()
            passes = passes + 1 if answer is True else 0
            return True if passes >= 2 else answer

        self._until(deadline, "both folders are in sync", settled)

    # --- on failure ---------------------------------------------------------------------------

    def _print_logs(self, why: str) -> None:
        for instance in self.instances:
            lines = instance.log().splitlines()[-150:]
            print(
                f"\n--- syncthing {instance.name} ({instance.device_id[:7]}) log, last "
                f"{len(lines)} lines ({why}) ---",
                file=sys.stderr,
            )
            print("\n".join(lines), file=sys.stderr)


def _up(instance: Instance) -> bool | str:
    status = instance.rest("GET", f"/rest/db/status?folder={quote(FOLDER_ID)}", timeout=5)
    return True if status["state"] == "idle" else f"{instance.name}: {_brief(status)}"


def _brief(answer: dict[str, Any]) -> str:
    keys = (
        "state",
        "needTotalItems",
        "pullErrors",
        "sequence",
        "completion",
        "needItems",
        "needDeletes",
        "error",
    )
    return ", ".join(f"{key}={answer[key]}" for key in keys if key in answer)
