"""The main window's remembered settings (gui/settings.py has the file and its values):
the server form, the window's size and place, its docks, and the text size."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray

from gui.first_layout import default_size
from gui.settings import (forget_everything, open_settings, read_float, read_int,
                          restore_geometry, save_geometry)
from gui.text_size import LARGEST, SMALLEST

if TYPE_CHECKING:  # the window imports this module
    from gui.main_window import MainWindow


def save_main_window(window: MainWindow) -> None:
    """At close, after a running demo has put the form back."""
    settings = open_settings()
    window.server_form.save_to(settings)
    save_geometry(settings, "mainWindow/geometry", window)
    settings.setValue("mainWindow/docks", window.saveState())
    # Whether the demos are still in the first layout's tabs: a demo brings them out then.
    settings.setValue("mainWindow/firstTabsKept", int(window.docks.first_tabs_kept))
    settings.setValue("view/textScale", round(window.text_size.scale, 3))
    settings.sync()


def restore_main_window(window: MainWindow) -> None:
    """When the window is made, before it is shown."""
    settings = open_settings()
    window.server_form.restore_from(settings)
    # The text first: a larger text makes the window's smallest size larger.
    scale = read_float(settings, "view/textScale", SMALLEST, LARGEST)
    if scale is not None and abs(scale - 1.0) > 0.01:
        window.text_size.set_scale(scale)
    restore_geometry(settings, "mainWindow/geometry", window)
    docks = settings.value("mainWindow/docks")
    if isinstance(docks, QByteArray):
        with window.docks.arranging():
            restored = window.restoreState(docks)
        if restored:
            window.docks.first_tabs_kept = read_int(settings, "mainWindow/firstTabsKept",
                                                    0, 1) == 1


def reset_main_window(window: MainWindow, first_dock_layout: QByteArray) -> None:
    """Forget every setting, and put this window back as it first started."""
    forget_everything()
    window.language_menu.show_chosen()  # the system's language again, from the next start
    window.server_form.restore_defaults()
    window.text_size.normal()
    if not window.isMaximized() and not window.isFullScreen():
        # The first size and place first: the docks' sizes are restored within the
        # window's size, and what a larger window adds would go to the server's controls.
        free_area = window.screen().availableGeometry()
        window.move(free_area.topLeft())
        window.resize(default_size(free_area))
    with window.docks.arranging():
        window.restoreState(first_dock_layout)
    window.docks.first_tabs_kept = window.docks.demos_tabbed_first
