"""The main window's first layout, chosen for the screen it opens on (the size, place and
docks a person leaves win over it at the next start: gui/window_settings.py).

The window fills the screen's free area. The server's controls keep the left, as narrow
as they can be; the diagrams take the right, tabbed, with room for the call flow at its
own size: its calls' names as large as the app's text, its smallest words 13/17 of that
(9 px at the usual 12 px, about the smallest held readable on a laptop). The guided demos
go below the diagrams where the screen is tall enough for both (a desktop, a 1920 x 1080
projector). On a shorter one (a 1366 x 768 laptop) they are a tab beside the diagrams, and
a demo brings them out in the place of the server's controls (bring_out_demos; its end
puts them back): the demo's client windows cover the form and the log anyway
(gui/demos/context.py), and the diagrams keep the whole height they need to be read. A
layout the person made is left as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QMainWindow, QStyle, QTabBar, QToolBar

if TYPE_CHECKING:  # the docks import nothing of this module's
    from gui.main_docks import MainDocks

# What a desktop adds around a window (title bar, borders), at most: the window's frame
# must fit the screen too.
FRAME_ALLOWANCE = QSize(16, 48)
SERVER_SIDE_SHARE = 0.45  # of the window at most: a wide screen's room is the diagrams'
DEMOS_HEIGHT_WANTED = 300  # their list, their buttons and a few lines of narration
CALL_FLOW_SPARE = 8  # pixels over what the call flow needs: estimates are not exact


def default_size(free_area: QRect) -> QSize:
    """The window's first size (its frame's, with FRAME_ALLOWANCE): the screen's free area."""
    return free_area.size() - FRAME_ALLOWANCE


def lay_out(window: QMainWindow, docks: MainDocks) -> None:
    """Share the window (at its first size, not shown yet) between the server's controls,
    the diagrams and the demos."""
    separator = window.style().pixelMetric(QStyle.PixelMetric.PM_DockWidgetSeparatorExtent,
                                           None, window)
    needed = call_flow_room(window, docks)
    narrowest = window.centralWidget().minimumSizeHint().width()
    # The diagrams get the room the call flow needs, the server's controls the rest up to
    # their share (the log's columns use it), the diagrams what is left over.
    server_width = max(narrowest, min(round(window.width() * SERVER_SIDE_SHARE),
                                      window.width() - separator - needed.width()))
    diagrams_width = window.width() - separator - server_width
    window.resizeDocks([docks.call_flow_dock], [diagrams_width], Qt.Orientation.Horizontal)
    column = window.height() - _bars_height(window)
    if diagrams_width < needed.width() or column < needed.height():
        # A small screen (1024 x 768): the whole call flow, smaller, rather than part of it
        # with scroll bars (Fit to pane, kept as the window settles).
        docks.call_flow_pane.view.zoom_to_fit()
    demos = docks.demo_dock.minimumSizeHint().height()
    if column - separator - needed.height() >= demos:
        demos = max(demos, min(DEMOS_HEIGHT_WANTED, column - separator - needed.height()))
        window.resizeDocks([docks.call_flow_dock, docks.demo_dock],
                           [column - separator - demos, demos], Qt.Orientation.Vertical)
    else:
        window.tabifyDockWidget(docks.kernel_dock, docks.demo_dock)  # the last tab
        docks.call_flow_dock.raise_()
        docks.demos_tabbed_first = docks.first_tabs_kept = True


def bring_out_demos(window: QMainWindow, docks: MainDocks) -> None:
    """The demos out of the diagrams' tabs, in the place of the server's controls: a demo
    shows the diagrams, the whole height of the window, while its narration is read. Only
    from the first layout's own tabs: docks the person arranged stay where they are."""
    dock = docks.demo_dock
    if not docks.first_tabs_kept or not window.tabifiedDockWidgets(dock) or dock.isFloating():
        return
    controls = window.centralWidget()
    width = controls.width()
    with docks.arranging():
        # The demo's client windows cover the form and the log (gui/demos/context.py),
        # and below them there is no room for a narration (the controls keep a few rows
        # of each table in view).
        controls.hide()
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        dock.show()
        window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)
    docks.demos_brought_out = True


def put_back_demos(window: QMainWindow, docks: MainDocks) -> None:
    """At a demo's end: the server's controls back, and the demos in their tab again if
    the person has not moved a dock meanwhile."""
    if not docks.demos_brought_out:
        return
    docks.demos_brought_out = False
    window.centralWidget().show()
    if docks.first_tabs_kept:
        with docks.arranging():
            window.tabifyDockWidget(docks.kernel_dock, docks.demo_dock)
        docks.demo_dock.raise_()  # the narration just read, and the next demo to pick


def call_flow_room(window: QMainWindow, docks: MainDocks) -> QSize:
    """The size of the diagrams' dock that shows the whole call flow at its own size."""
    pane, dock = docks.call_flow_pane, docks.call_flow_dock
    drawn = pane.diagram.drawn_size()
    width = drawn.width() + pane.width_beside_view()
    # Around the dock: its title and the tabs of the docks tabbed with it.
    title = dock.fontMetrics().height() + 2 * dock.style().pixelMetric(
        QStyle.PixelMetric.PM_DockWidgetTitleMargin, None, dock) + 4
    tabs = max((bar.sizeHint().height() for bar in window.findChildren(
        QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)), default=0)
    height = drawn.height() + pane.height_beside_view(width) + title + tabs
    return QSize(width, height) + QSize(CALL_FLOW_SPARE, CALL_FLOW_SPARE)


def _bars_height(window: QMainWindow) -> int:
    """The menu bar's and the tool bars' height: what the docks and the controls share
    the rest of."""
    toolbars = window.findChildren(QToolBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return window.menuBar().sizeHint().height() + sum(bar.sizeHint().height() for bar in toolbars)
