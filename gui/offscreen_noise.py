"""Qt's messages, less the offscreen platform's known noise, for programs that run the app
offscreen on purpose (the benchmarks, the screenshots).

The offscreen platform says these whenever a window is shown or raised: they are about the
platform, not the app (the tests ignore the first one the same way, pyproject.toml's
qt_log_ignore). A benchmark window printed it dozens of times a run, burying what mattered.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler


def quiet_offscreen_noise(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Print Qt's messages as Qt would, less the offscreen platform's known noise."""
    if not message.startswith(("This plugin does not support propagateSizeHints",
                               "This plugin does not support raise")):
        print(message, file=sys.stderr)


def quiet_the_offscreen_platform() -> None:
    """From now on, Qt's messages go through quiet_offscreen_noise()."""
    qInstallMessageHandler(quiet_offscreen_noise)
