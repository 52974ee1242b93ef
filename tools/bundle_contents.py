"""What the packaged app leaves out because no session ever loads it, what it must keep, and the
size it must stay under: read by build.spec when it builds, and by tools/check_dist.sh (``python
tools/bundle_contents.py check BUNDLE``) after.

Each group was measured, not guessed: the built app was run through whole sessions (every page,
the charts saved, the report's preview and PDFs with and without a password in both languages,
search, lock and unlock, the command line, the keychain over D-Bus, the window under X11 and
under Wayland) with strace, and tools/bundle_usage.py listed each file of the bundle as loaded,
only opened, or never touched. docs/BUILDING.md ("What is left out, and how it was measured")
has the figures. A group is left out only when no session opened it AND no path of the app can
reach it; what the person's desktop might ask for (Wayland, input methods, the portal theme,
SVG icons of an icon theme) stays even where these sessions did not load it.
"""

from __future__ import annotations

import os
import sys
from fnmatch import fnmatch
from pathlib import Path

# (why it is never loaded, the bundle paths it covers: fnmatch patterns under _internal/)
LEFT_OUT_FILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "matplotlib's sample data and its toolbar images: for examples and the interactive "
        "backends (Qt, Tk...), never for Agg or SVG, which are all the charts use",
        ("matplotlib/mpl-data/sample_data/*", "matplotlib/mpl-data/images/*"),
    ),
    (
        "matplotlib's Type 1 metrics (afm, pdfcorefonts): read only by its PDF and PostScript "
        "backends, which are not in the bundle",
        ("matplotlib/mpl-data/fonts/afm/*", "matplotlib/mpl-data/fonts/pdfcorefonts/*"),
    ),
    (
        "DejaVu Serif: only for font.family 'serif' or mathtext.fontset 'dejavuserif'; the "
        "charts set DejaVu Sans, and the fontset is never changed (mathtext in a person's own "
        "words uses DejaVu Sans, STIX and Computer Modern, which stay)",
        ("matplotlib/mpl-data/fonts/ttf/DejaVuSerif*",),
    ),
    (
        "Qt Help's translation: QtHelp is not in the bundle",
        ("PySide6/Qt/translations/qt_help_*",),
    ),
    (
        "jsonschema's benchmark data: for measuring jsonschema itself",
        ("jsonschema/benchmarks/*",),
    ),
)

# Qt plugins left out with every library only they link to (build.spec's
# _without_unused_plugins finds those with ldd), on top of build.spec's own three.
UNUSED_QT_PLUGINS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "platforms for devices without a window system (EGLFS, Linux framebuffer, Vulkan "
        "display), Qt's test platforms (minimal, minimal EGL) and the evdev input they use: "
        "a desktop session is X11 or Wayland (and offscreen for the report's drawer)",
        (
            "platforms/libqeglfs.so",
            "platforms/libqlinuxfb.so",
            "platforms/libqminimal.so",
            "platforms/libqminimalegl.so",
            "platforms/libqvkkhrdisplay.so",
            "egldeviceintegrations/*.so",
            "generic/libqevdev*.so",
        ),
    ),  # fmt: skip
    (
        "OpenGL integrations of the X11 and Wayland platforms: loaded only for an OpenGL "
        "window, and the app draws every window with the raster engine (never loaded under "
        "X11 or Wayland here; without them an OpenGL window could not open, nothing else "
        "changes)",
        ("xcbglintegrations/*.so", "wayland-graphics-integration-client/*.so"),
    ),
    (
        "Wayland shells other than xdg-shell (wl-shell, retired; IVI for car dashboards; "
        "fullscreen-shell and qt-shell for kiosk and Qt's own compositors): every desktop "
        "compositor (GNOME, KDE, sway, weston) speaks xdg-shell, which stays",
        (
            "wayland-shell-integration/libwl-shell-plugin.so",
            "wayland-shell-integration/libivi-shell.so",
            "wayland-shell-integration/libfullscreen-shell-v1.so",
            "wayland-shell-integration/libqt-shell.so",
        ),
    ),  # fmt: skip
    (
        "image formats the app never reads (JPEG, GIF, WebP, TIFF, ICO, ICNS, TGA, WBMP): its "
        "own pictures are PNG (built into Qt) and SVG, and pasted pictures are never loaded "
        "(ui/entry_editor.py); SVG stays, for the desktop's icon theme",
        (
            "imageformats/libqjpeg.so",
            "imageformats/libqgif.so",
            "imageformats/libqwebp.so",
            "imageformats/libqtiff.so",
            "imageformats/libqico.so",
            "imageformats/libqicns.so",
            "imageformats/libqtga.so",
            "imageformats/libqwbmp.so",
        ),
    ),  # fmt: skip
)

# Python modules left out (Analysis excludes), with the extension modules and libraries only
# they bring.
UNUSED_MODULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "numpy's random numbers, FFT, polynomials, test tools and Fortran wrapper generator: "
        "numpy imports them only when asked for by name, and neither the charts nor matplotlib's "
        "drawing code ever asks (matplotlib names numpy.random only in examples and boxplot "
        "bootstrapping)",
        (
            "numpy.random",
            "numpy.fft",
            "numpy.polynomial",
            "numpy.testing",
            "numpy.f2py",
            "numpy._core._multiarray_tests",
        ),
    ),  # fmt: skip
    (
        "Pillow's AVIF, WebP, colour-management and Tk extensions (and libavif, libwebp, "
        "liblcms2): matplotlib writes PNG through Pillow; the plugins that would use these "
        "stay and say 'not supported' if ever asked",
        ("PIL._avif", "PIL._webp", "PIL._imagingcms", "PIL._imagingtk"),
    ),
    (
        "matplotlib's contour and triangulation engines (contourpy, _qhull, _tri): imported "
        "only inside contour(), tricontour(), triplot() and the like, which no chart calls",
        ("contourpy", "matplotlib._qhull", "matplotlib._tri"),
    ),
    (
        "readline (and libreadline, libtinfo): line editing for Python's interactive prompt, "
        "which the packaged app never shows",
        ("readline",),
    ),
)

# What must stay, though a session here may not have loaded it (a path of the app or the
# person's desktop can): a build that lost one of these fails tools/check_dist.sh.
KEPT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("the X11, Wayland and offscreen platforms",
     ("PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqwayland.so",
      "PySide6/Qt/plugins/platforms/libqoffscreen.so")),
    ("Wayland's desktop shell and window decorations (GNOME: Adwaita; others: Bradient)",
     ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so",
      "PySide6/Qt/plugins/wayland-decoration-client/libadwaita.so",
      "PySide6/Qt/plugins/wayland-decoration-client/libbradient.so")),
    ("input methods: compose keys and IBus (typing Russian, accents)",
     ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
      "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so")),
    ("the XDG portal theme (file dialogs in Flatpak and portal desktops), SVG icons",
     ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so",
      "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
      "PySide6/Qt/plugins/imageformats/libqsvg.so")),
    ("Qt's Russian", ("PySide6/Qt/translations/qtbase_ru.qm",)),
    ("the report's and the charts' fonts, the mathtext fonts a person's words can reach, and "
     "the last-resort font matplotlib opens with every font",
     ("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf",
      "matplotlib/mpl-data/fonts/ttf/DejaVuSans-Bold.ttf",
      "matplotlib/mpl-data/fonts/ttf/DejaVuSans-Oblique.ttf",
      "matplotlib/mpl-data/fonts/ttf/DejaVuSansMono.ttf",
      "matplotlib/mpl-data/fonts/ttf/STIXGeneral.ttf", "matplotlib/mpl-data/fonts/ttf/cmsy10.ttf",
      "matplotlib/mpl-data/fonts/ttf/LastResortHE-Regular.ttf")),
    ("cryptography (the PDF's AES-256, the keychain's Secret Service session)",
     ("cryptography/hazmat/bindings/_rust.abi3.so",)),
)  # fmt: skip

# The bundle's size on Linux x86-64 (du -sb of dist/recovery-journal, PyInstaller 6.22, Debian
# 12), measured after this trimming, plus 10%: growing past it fails tools/check_dist.sh. Raise
# it on purpose, with the reason in the commit, when a new dependency earns its place.
MEASURED_BYTES = 208_685_933  # 199.0 MiB, 321 files (before: 287,540,852 bytes, 542 files)
BUDGET_BYTES = MEASURED_BYTES * 11 // 10


def left_out(destination: str) -> bool:
    """Whether a file of the bundle (its path under _internal/) is one of LEFT_OUT_FILES."""
    name = destination.replace("\\", "/")
    return any(fnmatch(name, pattern) for _why, patterns in LEFT_OUT_FILES for pattern in patterns)


def qt_plugins() -> tuple[str, ...]:
    """UNUSED_QT_PLUGINS' patterns, as paths under Qt's plugins folder."""
    return tuple(pattern for _why, patterns in UNUSED_QT_PLUGINS for pattern in patterns)


def modules() -> list[str]:
    return [name for _why, names in UNUSED_MODULES for name in names]


def _size(folder: Path) -> int:
    """What du -sb says: every file and folder, each symbolic link as itself."""
    total = folder.lstat().st_size
    for root, folders, files in os.walk(folder):
        for name in folders + files:
            total += (Path(root) / name).lstat().st_size
    return total


def left_out_groups() -> list[tuple[str, tuple[str, ...]]]:
    """Every group left out, as (why, fnmatch patterns of paths under _internal/)."""
    groups = list(LEFT_OUT_FILES)
    groups += [
        (why, tuple(f"PySide6/Qt/plugins/{pattern}" for pattern in patterns))
        for why, patterns in UNUSED_QT_PLUGINS
    ]
    groups += [
        (why, tuple(f"{name.replace('.', '/')}{tail}" for name in names for tail in ("/*", ".*")))
        for why, names in UNUSED_MODULES
    ]
    return groups


def problems(bundle: Path) -> list[str]:
    """What is wrong with a built bundle (dist/recovery-journal): over the budget, a group that
    is left out back in, a file that must stay gone."""
    internal = bundle / "_internal"
    found: list[str] = []
    size = _size(bundle)
    if size > BUDGET_BYTES:
        found.append(
            f"the bundle is {size / 2**20:.1f} MiB, over its budget of "
            f"{BUDGET_BYTES / 2**20:.1f} MiB (tools/bundle_contents.py): what grew?"
        )
    files = sorted(
        path.relative_to(internal).as_posix()
        for path in internal.rglob("*")
        if path.is_file() or path.is_symlink()
    )
    for why, patterns in left_out_groups():
        back = [name for name in files if any(fnmatch(name, p) for p in patterns)]
        if back:
            found.append(
                f"{len(back)} file(s) no session loads are in the bundle again, "
                f"e.g. {back[0]} ({why})"
            )
    present = set(files)
    for why, paths in KEPT:
        for path in paths:
            if path not in present:
                found.append(f"{path} is missing ({why})")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "check":
        print("usage: python tools/bundle_contents.py check BUNDLE", file=sys.stderr)
        return 2
    bundle = Path(argv[1])
    found = problems(bundle)
    for problem in found:
        print(f"FAIL: {problem}", file=sys.stderr)
    if not found:
        print(f"ok: {_size(bundle) / 2**20:.1f} MiB, within the budget; nothing left out is back")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
