"""Larger text that the screen has room for: the main window stays on its screen.

Each step of Larger text grows the main window's least size (its rows of controls, the
tables' rows kept in view, the docks). On a laptop's 768 pixels the second step made it
763 pixels tall and the third 865: the buttons along its bottom went off the screen, and
Normal text size then left the window that tall. So a step that would push the window
past its screen, where it fitted before, is taken back with a word why (a tooltip over
the window); and going back down gives the window the size it had before the text made
it grow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import QObject, QSize, QTimer, Signal, Slot
from PySide6.QtWidgets import QToolTip, QWidget

from gui.i18n import translate
from gui.text_size import TextSize

SETTLE_TURNS = 4  # turns of the event loop a new font takes to reach the layouts (2 here)


def pushed_past(least: QSize, least_before: QSize, room: QSize) -> bool:
    """Whether a window whose least size went from `least_before` to `least` no longer
    fits in `room`, where it did. (On a screen too small for the window already, a step
    is not refused: the person may want larger text all the same.)"""
    return (least.height() > room.height() >= least_before.height()
            or least.width() > room.width() >= least_before.width())


class TextRoom(QObject):
    """The View menu's text size steps, for `window` (its Qt parent)."""

    refused = Signal(str)  # a step taken back: why, in words

    def __init__(self, window: QWidget, text_size: TextSize) -> None:
        super().__init__(window)  # (the window is the parent, not an attribute: no cycle)
        self._text_size = text_size
        self._size_before_growth: QSize | None = None
        self._busy = False
        self._queued: Callable[[], None] | None = None

    def _window(self) -> QWidget:
        return cast(QWidget, self.parent())

    @property
    def busy(self) -> bool:
        """A step is still being taken in (the layouts take a few turns of the loop)."""
        return self._busy

    @Slot()
    def larger(self) -> None:
        self._request(self._larger)

    @Slot()
    def smaller(self) -> None:
        self._request(self._smaller)

    @Slot()
    def normal(self) -> None:
        self._request(self._normal)

    def _request(self, step: Callable[[], None]) -> None:
        # One step at a time (a held Ctrl++ repeats faster than the layouts follow): a
        # step asked for meanwhile is taken next, the last one asked for.
        if self._busy:
            self._queued = step
            return
        self._busy = True
        step()

    def _done(self) -> None:
        self._busy = False
        step, self._queued = self._queued, None
        if step is not None:
            self._request(step)

    def _larger(self) -> None:
        window = self._window()
        scale, size, least = self._text_size.scale, window.size(), window.minimumSizeHint()
        self._text_size.larger()
        self._when_settled(lambda: self._after_larger(scale, size, least))

    def _smaller(self) -> None:
        self._text_size.smaller()
        self._when_settled(self._back_down)

    def _normal(self) -> None:
        self._text_size.normal()
        self._when_settled(self._back_down)

    @Slot()
    def fit_to_screen(self) -> None:
        """A text size remembered from a larger screen (the projector's, last lesson):
        a step smaller at a time until the window fits this one, or the normal size."""
        self._request(self._fit_step)

    def _fit_step(self) -> None:
        window = self._window()
        room = window.screen().availableGeometry().size()
        least = window.minimumSizeHint()
        # Its height only: the rows at its bottom go off the screen (a window too wide
        # for a small screen at any text size is not made to fit by a smaller text).
        if self._text_size.scale <= 1.0 or least.height() <= room.height():
            self._resize_to(window.size().boundedTo(room))
            self._done()
            return
        self._text_size.smaller()
        self._when_settled(self._fit_step)

    def _when_settled(self, then: Callable[[], None], turns: int = SETTLE_TURNS) -> None:
        """`then`, once the window's least size has taken the new font in: a few turns
        of the event loop later (the tables fit their rows at the next one, the layouts
        follow at the one after; a size that looks still for a turn may not be yet)."""
        if turns <= 0:
            then()
            return
        QTimer.singleShot(0, self, lambda: self._when_settled(then, turns - 1))

    def _after_larger(self, scale: float, size: QSize, least: QSize) -> None:
        window = self._window()
        room = window.screen().availableGeometry().size()
        if pushed_past(window.minimumSizeHint(), least, room):
            self._text_size.set_scale(scale)
            why = translate("text_room", "This screen has no room for larger text: the "
                                         "window would no longer fit on it.")
            # Said over the window for a moment: a line in the window would itself make it
            # taller (and it was then past the screen by the height of that line).
            QToolTip.showText(window.mapToGlobal(window.rect().center()), why, window)
            self.refused.emit(why)
            self._when_settled(lambda: self._back_to(size))
            return
        if self._size_before_growth is None:
            # Kept whether or not the window has grown yet: the layouts may follow a turn
            # after this look, and the size to come back to is the one before any step.
            self._size_before_growth = size
        self._done()

    def _back_down(self) -> None:
        if self._size_before_growth is not None:
            self._resize_to(self._size_before_growth.boundedTo(self._window().size()))
            if self._text_size.scale <= 1.0:
                self._size_before_growth = None
        self._done()

    def _resize_to(self, size: QSize) -> None:
        window = self._window()
        if not (window.isMaximized() or window.isFullScreen()):
            window.resize(size.expandedTo(window.minimumSizeHint()))

    def _back_to(self, size: QSize) -> None:
        """After a step taken back: the window's size from before it."""
        self._resize_to(size)
        self._done()
