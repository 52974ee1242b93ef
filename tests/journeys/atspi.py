"""What is on screen, read the way a screen reader reads it: the AT-SPI tree over D-Bus.

A small client of the AT-SPI 2 D-Bus protocol on jeepney (already a pinned dependency, through
keyring), rather than Debian's pyatspi: pyatspi lives in the system Python's dist-packages and
needs PyGObject, while the tests run in the project's venv on whichever Python made it. The
protocol is small: the registry lists applications, each accessible object has a role, a name,
a state set, children, and optional interfaces (Text, Value, Component, Action).

Nothing here reaches into the program: everything comes over the accessibility bus, as it would
for Orca.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from jeepney import DBusAddress, MessageType, Properties, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection

ACCESSIBLE = "org.a11y.atspi.Accessible"
REGISTRY = ("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")

# AtspiStateType, in the order of the enum (at-spi2-core's atspi-constants.h).
STATES = (
    "invalid active armed busy checked collapsed defunct editable enabled expandable expanded "
    "focusable focused has_tooltip horizontal iconified modal multi_line multiselectable opaque "
    "pressed resizable selectable selected sensitive showing single_line stale transient "
    "vertical visible manages_descendants indeterminate required truncated animated "
    "invalid_entry supports_autocompletion selectable_text is_default visited checkable "
    "has_popup read_only"
).split()


ITEM_ROLES = frozenset({"list item", "table cell", "tree item", "cell", "page tab"})
CONTAINER_ROLES = frozenset({"list", "table", "tree", "tree table", "page tab list"})


class AtspiError(RuntimeError):
    pass


class Bus:
    """One connection to the accessibility bus, found through the session bus."""

    def __init__(self, session_address: str) -> None:
        session = open_dbus_connection(bus=session_address)
        try:
            a11y = DBusAddress("/org/a11y/bus", bus_name="org.a11y.Bus", interface="org.a11y.Bus")
            reply = session.send_and_get_reply(new_method_call(a11y, "GetAddress"), timeout=10)
        finally:
            session.close()
        self.address: str = reply.body[0]
        self.connection: DBusConnection = open_dbus_connection(bus=self.address)

    def close(self) -> None:
        self.connection.close()

    def call(
        self, name: str, path: str, interface: str, method: str, signature: str | None = None,
        body: tuple[Any, ...] = (),
    ) -> tuple[Any, ...]:  # fmt: skip
        address = DBusAddress(path, bus_name=name, interface=interface)
        reply = self.connection.send_and_get_reply(
            new_method_call(address, method, signature, body), timeout=10
        )
        if reply.header.message_type is MessageType.error:
            raise AtspiError(f"{interface}.{method} on {path}: {reply.body!r}")
        return tuple(reply.body)

    def get(self, name: str, path: str, interface: str, prop: str) -> Any:
        address = DBusAddress(path, bus_name=name, interface=interface)
        reply = self.connection.send_and_get_reply(Properties(address).get(prop), timeout=10)
        if reply.header.message_type is MessageType.error:
            raise AtspiError(f"{interface}.{prop} on {path}: {reply.body!r}")
        return reply.body[0][1]

    def pid_of(self, name: str) -> int:
        address = DBusAddress(
            "/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
            interface="org.freedesktop.DBus",
        )  # fmt: skip
        reply = self.connection.send_and_get_reply(
            new_method_call(address, "GetConnectionUnixProcessID", "s", (name,)), timeout=10
        )
        if reply.header.message_type is MessageType.error:
            return -1
        return int(reply.body[0])

    def applications(self) -> list[Node]:
        children = self.call(*REGISTRY, ACCESSIBLE, "GetChildren")[0]
        return [Node(self, name, path) for name, path in children]

    def application_of(self, pid: int) -> Node | None:
        for app in self.applications():
            if self.pid_of(app.bus_name) == pid:
                return app
        return None


@dataclass(frozen=True)
class Node:
    """One accessible object; every property is read afresh (the screen may have changed)."""

    bus: Bus
    bus_name: str
    path: str

    def _call(self, interface: str, method: str, signature: str | None = None, *body: Any) -> Any:
        return self.bus.call(self.bus_name, self.path, interface, method, signature, body)

    @property
    def name(self) -> str:
        return str(self.bus.get(self.bus_name, self.path, ACCESSIBLE, "Name"))

    @property
    def description(self) -> str:
        return str(self.bus.get(self.bus_name, self.path, ACCESSIBLE, "Description"))

    @property
    def role(self) -> str:
        return str(self._call(ACCESSIBLE, "GetRoleName")[0])

    @property
    def states(self) -> frozenset[str]:
        words = self._call(ACCESSIBLE, "GetState")[0]
        found = set()
        for index, word in enumerate(words):
            for bit in range(32):
                if word & (1 << bit) and index * 32 + bit < len(STATES):
                    found.add(STATES[index * 32 + bit])
        return frozenset(found)

    @property
    def interfaces(self) -> tuple[str, ...]:
        return tuple(self._call(ACCESSIBLE, "GetInterfaces")[0])

    @property
    def text(self) -> str:
        """What a text field or a label holds (its name, for objects without text)."""
        if "org.a11y.atspi.Text" in self.interfaces:
            return str(self._call("org.a11y.atspi.Text", "GetText", "ii", 0, -1)[0])
        return self.name

    @property
    def value(self) -> float | None:
        if "org.a11y.atspi.Value" not in self.interfaces:
            return None
        return float(self.bus.get(self.bus_name, self.path, "org.a11y.atspi.Value", "CurrentValue"))

    @property
    def extents(self) -> tuple[int, int, int, int]:
        """x, y, width, height on the screen."""
        x, y, width, height = self._call("org.a11y.atspi.Component", "GetExtents", "u", 0)[0]
        return int(x), int(y), int(width), int(height)

    @property
    def center(self) -> tuple[int, int]:
        x, y, width, height = self.extents
        return x + width // 2, y + height // 2

    def children(self) -> list[Node]:
        try:
            found = self._call(ACCESSIBLE, "GetChildren")[0]
        except AtspiError:
            return []  # gone while we looked: a closed dialog
        return [Node(self.bus, name, path) for name, path in found]

    def walk(self, showing_only: bool = True) -> Iterator[Node]:
        """This node and everything under it; hidden branches are skipped unless asked for."""
        try:
            if showing_only and self.role != "application" and "showing" not in self.states:
                return
        except AtspiError:
            return
        yield self
        for child in self.children():
            yield from child.walk(showing_only)

    def find_all(
        self, role: str | None = None, name: str | Callable[[str], bool] | None = None,
        showing_only: bool = True,
    ) -> list[Node]:  # fmt: skip
        found = []
        for node in self.walk(showing_only):
            try:
                if role is not None and node.role != role:
                    continue
                if name is not None:
                    label = node.name
                    if callable(name) and not name(label):
                        continue
                    if isinstance(name, str) and label != name:
                        continue
            except AtspiError:
                continue
            found.append(node)
        return found

    def find(
        self, role: str | None = None, name: str | Callable[[str], bool] | None = None
    ) -> Node | None:
        found = self.find_all(role, name)
        return found[0] if found else None

    def focused(self) -> Node | None:
        """The node with the keyboard focus under this one.

        Qt marks the current item of a list or table "focused" even while the keyboard is
        elsewhere, so an item counts only where nothing else holds the focus.
        """
        widgets, items = [], []
        for node in self.walk():
            try:
                if "focused" in node.states:
                    (items if node.role in ITEM_ROLES else widgets).append(node)
            except AtspiError:
                continue
        # The outermost: a text editor's viewport is marked focused inside the editor.
        outer = [node for node in widgets if node.role not in CONTAINER_ROLES]
        if outer:
            return outer[0]
        if items:
            return items[-1]
        return widgets[-1] if widgets else None

    def do_action(self, index: int = 0) -> None:
        self._call("org.a11y.atspi.Action", "DoAction", "i", index)

    def dump(self, depth: int = 0, showing_only: bool = True) -> str:
        """The tree as indented lines (role, name, text, states): for a failed journey's report."""
        try:
            if showing_only and self.role != "application" and "showing" not in self.states:
                return ""
            text = self.text if "org.a11y.atspi.Text" in self.interfaces else ""
            states = ",".join(
                sorted(self.states & {"focused", "checked", "enabled", "editable", "selected"})
            )
            line = f"{'  ' * depth}{self.role} {self.name!r}"
            if text and text != self.name:
                line += f" text={text[:80]!r}"
            lines = [f"{line} [{states}]"]
        except AtspiError:
            return ""
        for child in self.children():
            below = child.dump(depth + 1, showing_only)
            if below:
                lines.append(below)
        return "\n".join(lines)


def wait_for(what: Callable[[], Any], seconds: float = 15.0, describe: str = "") -> Any:
    """Poll until ``what()`` gives something true; its value (AssertionError after ``seconds``)."""
    deadline = time.monotonic() + seconds
    last_error: BaseException | None = None
    while True:
        try:
            value = what()
            if value:
                return value
        except AtspiError as error:  # an object went away between two calls: look again
            last_error = error
        if time.monotonic() > deadline:
            detail = f" (last error: {last_error})" if last_error else ""
            raise AssertionError(f"not seen within {seconds:.0f} s: {describe}{detail}")
        time.sleep(0.1)
