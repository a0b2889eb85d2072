"""For programs that run the app on Qt's offscreen platform on purpose (the benchmarks,
the screenshots, the tests of the first layout): a screen of a chosen size, and Qt's
messages less the platform's known noise.

The offscreen platform's one screen is otherwise 800 x 800 pixels, smaller than any
laptop's, and it is chosen once per process, when the QApplication is made. And it says
"does not support propagateSizeHints" whenever a window is shown: about the platform, not
the app (the tests ignore it the same way, pyproject.toml's qt_log_ignore). A benchmark
window printed it dozens of times a run, burying what mattered.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler


def offscreen_screen(folder: Path, width: int, height: int, name: str = "screen") -> str:
    """The QT_QPA_PLATFORM value for a screen of `width` x `height` at 96 dpi, described in
    a file written to `folder`. Set it before the QApplication is made."""
    screens = folder / f"screens-{name}.json"
    screens.write_text(json.dumps({"screens": [{
        "name": name, "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={screens}"


# A common laptop's screen: what a window measured offscreen is laid out for, unless told.
LAPTOP_SCREEN = (1366, 768)
_screen_folders: list[tempfile.TemporaryDirectory[str]] = []  # kept until the process ends


def offscreen_on_a_laptop_screen() -> None:
    """A window of this process will run offscreen on a LAPTOP_SCREEN, unless another
    platform (or a screen of its own) is asked for in QT_QPA_PLATFORM. Before the
    QApplication is made."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    folder = tempfile.TemporaryDirectory(prefix="tcp-lab-screen-")
    _screen_folders.append(folder)
    os.environ["QT_QPA_PLATFORM"] = offscreen_screen(Path(folder.name), *LAPTOP_SCREEN,
                                                     name="laptop")


def quiet_offscreen_noise(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Print Qt's messages as Qt would, less the offscreen platform's known noise."""
    if not message.startswith(("This plugin does not support propagateSizeHints",
                               "This plugin does not support raise")):
        print(message, file=sys.stderr)


def quiet_the_offscreen_platform() -> None:
    """From now on, Qt's messages go through quiet_offscreen_noise()."""
    qInstallMessageHandler(quiet_offscreen_noise)
