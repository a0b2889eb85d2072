"""The commands that open the app: `tcp-lab` and `python -m gui`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from gui.offscreen import offscreen_screen

OFFSCREEN = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _check_picture(path: Path) -> None:
    image = QImage(str(path))
    assert not image.isNull()
    assert image.width() >= 600 and image.height() >= 400


def test_python_m_gui_opens_the_window(tmp_path: Path) -> None:
    picture = tmp_path / "window.png"
    result = subprocess.run([sys.executable, "-m", "gui", "--screenshot", str(picture)],
                            capture_output=True, text=True, timeout=60, env=OFFSCREEN)
    assert result.returncode == 0, result.stderr
    _check_picture(picture)


def test_tcp_lab_command_opens_the_window(tmp_path: Path) -> None:
    command = shutil.which("tcp-lab", path=os.path.dirname(sys.executable))
    if command is None:
        pytest.skip("the tcp-lab command is not installed next to this Python")
    picture = tmp_path / "window.png"
    result = subprocess.run([command, "--screenshot", str(picture)], capture_output=True,
                            text=True, timeout=60, env=OFFSCREEN)
    assert result.returncode == 0, result.stderr
    _check_picture(picture)


def test_tcp_lab_help_lists_the_headless_commands() -> None:
    result = subprocess.run([sys.executable, "-m", "gui", "--help"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0
    assert "serve" in result.stdout and "connect" in result.stdout


def test_interrupt_signal_closes_the_window_cleanly(qtbot) -> None:
    """Ctrl+C (SIGINT) or SIGTERM in the terminal closes the app the normal way."""
    import signal

    from gui.interrupts import InterruptWatcher
    from gui.main_window import MainWindow
    from tests.gui.conftest import start_server

    window = MainWindow()
    qtbot.addWidget(window)
    window.port_spin.setValue(0)
    window.show()
    start_server(qtbot, window)
    watcher = InterruptWatcher(window.close)
    try:
        with qtbot.waitSignal(window.server.stopped, timeout=5000):
            signal.raise_signal(signal.SIGTERM)
        assert not window.isVisible()
    finally:
        watcher.uninstall()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_the_window_is_drawn_at_the_screen_s_own_scale(tmp_path: Path) -> None:
    """Crisp at high DPI: at a scale of 2, the window is drawn with twice the pixels
    (text and the SVG icons rendered at that size), not a small picture stretched."""
    sizes = []
    for scale in ("1", "2"):
        picture = tmp_path / f"window-{scale}.png"
        # A screen as large, in the window's own units, at either scale: the window's
        # first size is the screen's (gui/first_layout.py).
        screen = offscreen_screen(tmp_path, 1400 * int(scale), 900 * int(scale), f"x{scale}")
        result = subprocess.run([sys.executable, "-m", "gui", "--screenshot", str(picture)],
                                capture_output=True, text=True, timeout=60,
                                env={**OFFSCREEN, "QT_SCALE_FACTOR": scale,  # each from defaults
                                     "QT_QPA_PLATFORM": screen,
                                     "TCP_LAB_SETTINGS_FILE": str(tmp_path / f"{scale}.ini")})
        assert result.returncode == 0, result.stderr
        image = QImage(str(picture))
        sizes.append((image.width(), image.height()))
    (width, height), (width_2, height_2) = sizes
    assert abs(width_2 - 2 * width) <= 2 and abs(height_2 - 2 * height) <= 2


def test_window_titles_end_with_the_app_name_so_the_desktop_does_not_add_it_again(
        qtbot, main_window) -> None:
    # X11 and Windows append the application's display name to a title that does not
    # already end with it ("TCP Lab — server — TCP Lab" before).
    from gui.app import APP_NAME
    from gui.i18n import translate
    name = translate("app", APP_NAME)
    main_window.open_client_window()
    titles = [main_window.windowTitle()] + [client.windowTitle()
                                            for client in main_window.client_windows]
    assert len(titles) == 2
    assert all(title.endswith(" — " + name) for title in titles), titles


def test_the_docks_leave_rows_of_the_connections_and_the_log_in_view(
        qtbot, main_window) -> None:
    # At the default size the diagrams' dock squeezed the table and the log to a row or
    # two: a new connection or line was out of sight below.
    from gui.main_window import CONNECTION_ROWS_IN_VIEW, LOG_ROWS_IN_VIEW
    main_window.docks.call_flow_dock.raise_()
    qtbot.waitExposed(main_window)
    for table, rows in ((main_window.connections_table, CONNECTION_ROWS_IN_VIEW),
                        (main_window.log_view.table, LOG_ROWS_IN_VIEW)):
        row_height = table.verticalHeader().defaultSectionSize()
        assert table.viewport().height() >= rows * row_height, table.objectName()
    # And the log's own rows of controls are not drawn over by its table.
    log = main_window.log_view
    assert log.table.geometry().bottom() < log.hex_box.geometry().top()
