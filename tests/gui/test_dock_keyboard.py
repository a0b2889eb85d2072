"""The keyboard alone through the main window and its docks: Tab goes round every control
in sight in reading order and back to the start, never into a dock tabbed out of sight;
the tabs of the tabbed docks choose one with the arrow keys and the next Tab goes into
it; and View's shortcut brings a dock behind a tab to the front.

(The call-flow and TCP-state diagrams are left out: whether they take the focus is
being decided elsewhere.)"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QTabBar, QWidget

from gui.call_flow_diagram import CallFlowDiagram
from gui.main_window import MainWindow
from gui.refresh_throttle import on_screen
from gui.tcp_state_diagram import TcpStateDiagram
from tests.gui.conftest import SIGNAL_TIMEOUT_MS
from tests.gui.test_keyboard import tab_walk

LEFT_TO_THEIR_ENGINEER = (CallFlowDiagram, TcpStateDiagram)


def name(widget: QWidget) -> str:
    return widget.objectName() or type(widget).__name__


def docks_tab_bar(window: MainWindow) -> QTabBar:
    (bar,) = [bar for bar in window.findChildren(
        QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly) if bar.isVisible()]
    return bar


def mouse_usable_controls(window: MainWindow) -> list[QWidget]:
    """What a mouse can click into the focus of: in sight, enabled, taking focus (but
    not a label whose text a mouse can select: words, not a control)."""
    found = []
    for widget in window.findChildren(QWidget):
        if (widget.window() is window and on_screen(widget) and widget.isEnabled()
                and not isinstance(widget, QLabel)
                and widget.focusPolicy() != Qt.FocusPolicy.NoFocus
                and widget.focusProxy() is None  # its owner takes the focus for it
                and not isinstance(widget, LEFT_TO_THEIR_ENGINEER)):
            found.append(widget)
    return found


def in_dock(widget: QWidget, dock: QDockWidget) -> bool:
    return dock.isAncestorOf(widget)


def walk_round(qtbot: QtBot, window: MainWindow) -> list[QWidget]:
    """Tab from the first field until the focus is back on it; it must come back."""
    visited = tab_walk(qtbot, window, window.host_edit)
    assert QApplication.focusWidget() is window.host_edit, "Tab did not come back round"
    return visited


def test_tab_goes_round_every_control_in_sight_in_reading_order(
        qtbot: QtBot, main_window: MainWindow) -> None:
    window, docks = main_window, main_window.docks
    visited = walk_round(qtbot, window)

    hidden = [name(w) for w in visited if not on_screen(w)]
    assert not hidden, f"Tab went into controls nobody can see: {hidden}"
    unreached = [name(w) for w in mouse_usable_controls(window) if w not in visited]
    assert not unreached, f"a mouse can use these, the keyboard cannot reach them: {unreached}"

    # The window's own controls, then the tabs of the diagrams' docks beside them and the
    # dock chosen, then the demos below those (on a screen too short for both, as this
    # one, the demos are one of the tabs: gui/first_layout.py).
    def in_(dock: QDockWidget) -> list[int]:
        return [i for i, w in enumerate(visited) if in_dock(w, dock)]

    own = [i for i, w in enumerate(visited)
           if not any(in_dock(w, d) for d in (docks.demo_dock, docks.call_flow_dock,
                                                docks.conversation_dock, docks.kernel_dock))
           and not isinstance(w, QTabBar)]
    bar = visited.index(docks_tab_bar(window))
    chosen, demos = in_(docks.call_flow_dock), in_(docks.demo_dock)
    assert max(own) < bar < min(chosen)
    assert chosen == list(range(min(chosen), max(chosen) + 1)), "the dock's controls together"
    assert not demos or max(chosen) < min(demos)
    log = window.log_view
    order = [visited.index(w) for w in (log.filter_edit, log.save_button, log.table,
                                        log.hex_box, log.encoding_combo, log.waits_box)]
    assert order == sorted(order), "the log's controls are not in reading order"


def test_the_docks_tabs_choose_a_dock_and_the_next_tab_goes_into_it(
        qtbot: QtBot, main_window: MainWindow) -> None:
    window, docks = main_window, main_window.docks
    bar = docks_tab_bar(window)
    for dock, first_control in ((docks.conversation_dock, docks.conversation_pane.chart),
                                (docks.kernel_dock, docks.kernel_pane.table)):
        visited = walk_round(qtbot, window)
        assert bar in visited
        assert first_control not in visited, "its tab is not chosen: out of reach"
        bar.setFocus()
        wanted = [bar.tabText(i) for i in range(bar.count())].index(dock.windowTitle())
        for _ in range(bar.count()):  # bounded: the arrow keys go along the tabs
            if bar.currentIndex() == wanted:
                break
            qtbot.keyClick(bar, Qt.Key.Key_Right)
        assert bar.currentIndex() == wanted
        # In sight, and in reach once the docks are laid out.
        qtbot.waitUntil(lambda: on_screen(first_control) and first_control.isEnabled(),
                        timeout=SIGNAL_TIMEOUT_MS)
        qtbot.keyClick(bar, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is first_control
        bar.setCurrentIndex(0)  # the call flow in front again, for the next dock's walk
        qtbot.waitUntil(lambda: not on_screen(first_control), timeout=SIGNAL_TIMEOUT_MS)


def test_view_s_shortcut_brings_a_dock_behind_a_tab_to_the_front(
        qtbot: QtBot, main_window: MainWindow) -> None:
    window, dock = main_window, main_window.kernel_dock
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=SIGNAL_TIMEOUT_MS)
    window.host_edit.setFocus()
    assert not on_screen(dock), "the kernel's view starts behind the call flow's tab"
    action = window.docks.view_actions["kernelDock"]
    for in_sight_after in (True, False, True):  # to the front, closed, open again
        qtbot.keyClick(window.host_edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: on_screen(dock) == in_sight_after, timeout=SIGNAL_TIMEOUT_MS)
        assert action.isChecked() == in_sight_after
