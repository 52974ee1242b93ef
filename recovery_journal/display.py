"""Before Qt opens a window under X11: are the system libraries its xcb plugin needs there?

The PySide6 wheel does not bring them, and a fresh Debian desktop can lack some (libxcb-cursor0
above all). Without them Qt aborts with a long message about the "xcb" plugin that names no
package; a first-time user read it as a broken app. Each library is loaded here by its exact
name (a dlopen, about a millisecond, which Qt's plugin would do a moment later anyway), so the
person gets one sentence with the one command to run.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Mapping

# What Qt 6's xcb platform plugin links against, by library name, with Debian's package names.
XCB_LIBRARIES: Mapping[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def opens_on_xcb(environment: Mapping[str, str]) -> bool:
    """Whether Qt will use its X11 plugin: asked for, or the default outside Wayland."""
    if not sys.platform.startswith("linux"):
        return False
    chosen = environment.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.startswith("xcb")
    return not environment.get("WAYLAND_DISPLAY")


def missing_packages(libraries: Mapping[str, str] | None = None) -> list[str]:
    """The packages whose library cannot be loaded, in the order listed."""
    missing = []
    for library, package in (XCB_LIBRARIES if libraries is None else libraries).items():
        try:
            ctypes.CDLL(library)
        except OSError:
            missing.append(package)
    return missing
