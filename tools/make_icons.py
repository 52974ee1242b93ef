"""Render recovery_journal/resources/icons/recovery-journal.svg into the icon files the app and
the installers use.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_icons.py

writes recovery_journal/resources/icons/hicolor/NxN/apps/recovery-journal.png for every size in
SIZES (the Linux icon theme layout, which packaging/linux/install.sh copies and the app loads,
ui/reminder.py), recovery-journal.ico (Windows, build.spec) and recovery-journal.icns (macOS,
build.spec). Run it again after changing the SVG, and commit what it writes;
tests/test_packaging.py checks that the PNGs are still what the SVG renders to.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "recovery_journal" / "resources" / "icons"
NAME = "recovery-journal"
SVG = ICONS / f"{NAME}.svg"
# The hicolor sizes desktops ask for; 16..48 for menus and trays, 256 and 512 for docks and HiDPI.
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # Windows reads at most 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def png_path(size: int, folder: Path = ICONS) -> Path:
    return folder / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"


def render(size: int, svg: Path = SVG) -> QImage:
    """The SVG drawn into a transparent ``size`` x ``size`` image."""
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # str at run time
        raise SystemExit("Qt could not write a PNG")
    buffer.close()
    return bytes(data.data())


def write_platform_icons(images: dict[int, QImage]) -> list[Path]:
    """The .ico and .icns, through Pillow (matplotlib's dependency, so already installed)."""
    from PIL import Image

    def pil(size: int) -> Image.Image:
        return Image.open(io.BytesIO(png_bytes(images[size]))).convert("RGBA")

    ico = ICONS / f"{NAME}.ico"
    largest, *rest = (pil(size) for size in sorted(ICO_SIZES, reverse=True))
    largest.save(ico, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=rest)

    icns = ICONS / f"{NAME}.icns"
    biggest, *others = (pil(size) for size in sorted(ICNS_SIZES, reverse=True))
    biggest.save(icns, format="ICNS", append_images=others)
    return [ico, icns]


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {size: render(size) for size in sorted({*SIZES, *ICO_SIZES, *ICNS_SIZES})}
    written: list[Path] = []
    for size in SIZES:
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png_bytes(images[size]))
        written.append(path)
    written += write_platform_icons(images)
    for path in written:
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size} bytes")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
