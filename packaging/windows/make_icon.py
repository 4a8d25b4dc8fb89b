"""Draw kccdesk's Windows icon (``kccdesk.ico``, 256 × 256) from its SVG,
with Qt, for the frozen app and the installer. Run from the repository
root: ``python packaging/windows/make_icon.py OUT.ico``."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent.parent
SIZE = 256


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: python packaging/windows/make_icon.py OUT.ico", file=sys.stderr)
        return 2
    _app = QGuiApplication(["make_icon", "-platform", "offscreen"])
    renderer = QSvgRenderer(str(ROOT / "resources" / "icons" / "kccdesk.svg"))
    image = QImage(SIZE, SIZE, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if not image.save(sys.argv[1], "ICO"):
        print(f"{sys.argv[1]} cannot be written as an icon", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
