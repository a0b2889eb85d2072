"""Where the conversation chart writes each arrow's label, and the label item itself.

At their arrows' middles, the labels of a busy chart are written over each other, and a
slanted arrow crossing another's label cuts through its letters: unreadable on a
projector. So each label is placed along its own arrow: above the line at its middle,
else slid toward the start or the end, else below the line; at a spot clear of every
label placed already and, where there is one, of the other arrows' lines. Only when no
spot is free is it shortened (the chart asks again), then left out (its tooltip still
tells it). A label is written on a patch of the chart's background, so a line that must
cross it passes behind the letters.

Plain geometry in scene coordinates: the chart zooms, and enlarges its text, as a whole,
so a placement holds at any zoom or text size. It is worked out when an arrow is drawn
or moved, never on a paint; an index of horizontal bands keeps each look-up to the labels
and lines near the spot, however many arrows the chart holds.

Arrows in flight are moved on at each refresh, as they grow with the rows: their lines
are not avoided (no spot stays clear of a line that grows), and their labels keep clear
of the other labels only. Under a flood there are hundreds of them, many spanning most of
the chart, and each refresh moves them all. Once an arrow arrives, its label is placed
clear of lines too where it can be, and the labels its line now crosses (placed while it
was in flight) move to a clear spot, if one is free.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette
from PySide6.QtWidgets import (QGraphicsSimpleTextItem, QStyleOptionGraphicsItem, QWidget)

Rect = tuple[float, float, float, float]  # left, top, right, bottom
Segment = tuple[float, float, float, float]  # x0, y0, x1, y1: from the start to the end

BAND_HEIGHT = 96.0  # four rows: a label touches one band or two
GAP = 1.0  # between a label and its own line
SPACING = 1.0  # each label keeps this clear of the others all round: they never touch
# Along the arrow, as a share of the room the label has to slide in: the middle first,
# then toward the start (where the reader's eye starts), then toward the end.
SLIDES = (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9, 0.0, 1.0)
SIDE_OFFSET = 3.0  # a vertical arrow's label is beside it, this far
# The lines one label's spots are tested against, at most. A chart whose lines run out
# the tests (hundreds of long arrows, a flood's) has no clear spot anyway: the first spot
# clear of labels is taken, and the patch must do. It bounds the cost of drawing it.
LINE_TESTS = 64
# An arrow that arrives may cross labels placed before it (while it was in flight): that
# many of them are moved, to a clear spot if there is one. A long arrow in a flood's
# chart crosses dozens, and no spot is clear there anyway.
MOVES_PER_LINE = 8
# A line across more bands than this (a hundred rows: a reply read long after it was sent)
# is not indexed: labels are not kept clear of it, nor moved off it.
MOST_LINE_BANDS = 25
PATCH_OPACITY = 0.85  # a line behind a label still shows where it goes, faintly
# A label with no free spot at its length is shortened to these shares of it, in turn.
SHORTER_LABELS = (0.6, 0.3)


class ArrowLabel(QGraphicsSimpleTextItem):
    """An arrow's label on a patch of the chart's background (the palette's Base, dark or
    light as it is at the paint): a line that crosses it passes behind the letters."""

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        # Rendered without a view (a picture of the scene), the scene's palette is the app's.
        palette = widget.palette() if widget is not None else self.scene().palette()
        patch = QColor(palette.color(QPalette.ColorRole.Base))
        patch.setAlphaF(PATCH_OPACITY)
        painter.fillRect(self.boundingRect(), patch)
        super().paint(painter, option, widget)


class LabelPlaces:
    """The rectangle each arrow's label was given, and the lines of arrows that arrived,
    indexed by band."""

    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.labels: dict[int, Rect] = {}  # by arrow number: the label's rectangle
        self._lines: dict[int, Segment] = {}  # arrows that arrived: their lines stay put
        self._labels_in: dict[int, set[int]] = {}  # band -> arrows with a label there
        self._lines_in: dict[int, set[int]] = {}  # band -> arrows whose line passes it

    def forget(self, number: int) -> None:
        """The arrow is gone: its label and its line free their room."""
        self._drop_label(number)
        self.forget_line(number)

    def add_line(self, number: int, line: Segment) -> list[int]:
        """The arrow arrived: its line, for the labels placed from now on to keep clear of.
        Returns the arrows whose labels it crosses (the first MOVES_PER_LINE, of the first
        LINE_TESTS labels near it), for the chart to move if a clear spot is free
        (move_clear())."""
        self.forget_line(number)
        self._lines[number] = line
        for band in _line_bands(line):
            self._lines_in.setdefault(band, set()).add(number)
        crossed: list[int] = []
        tested: set[int] = set()
        for band in _line_bands(line):
            for other in self._labels_in.get(band, ()):
                if other == number or other in tested:
                    continue
                if len(tested) == LINE_TESTS or len(crossed) == MOVES_PER_LINE:
                    return crossed
                tested.add(other)
                if crosses(line, self.labels[other]):
                    crossed.append(other)
        return crossed

    def line(self, number: int) -> Segment | None:
        """The line of an arrow that arrived (None for one in flight)."""
        return self._lines.get(number)

    def forget_line(self, number: int) -> None:
        line = self._lines.pop(number, None)
        if line is not None:
            for band in _line_bands(line):
                self._lines_in[band].discard(number)

    def move_clear(self, number: int, width: float, height: float) -> Rect | None:
        """A spot for an arrived arrow's label clear of the other labels and lines (a line
        came across it), recorded and returned; None if there is none: it stays."""
        was = self.labels.get(number)
        self._drop_label(number)
        rect, clear = self._best_spot(number, self._lines[number], width, height, LINE_TESTS)
        moved = rect if clear else None  # to a spot crossed too, a jump would gain nothing
        if moved is not None or was is not None:
            self._add_label(number, moved or was)  # type: ignore[arg-type]
        return moved

    def place(self, number: int, line: Segment, width: float, height: float,
              avoid_lines: bool = True) -> Rect | None:
        """The first spot along the arrow's line clear of the other labels and lines, else
        the first clear of the labels; recorded, and returned. None when every spot is
        taken: the label has no room at that size."""
        self._drop_label(number)
        rect, _clear = self._best_spot(number, line, width, height,
                                       LINE_TESTS if avoid_lines else 0)
        if rect is not None:
            self._add_label(number, rect)
        return rect

    def _best_spot(self, number: int, line: Segment, width: float, height: float,
                   tests_left: int) -> tuple[Rect | None, bool]:
        """The first spot clear of the labels and lines, and True; else the first clear of
        the labels, and False (also once the line tests run out); None if none is."""
        crossed: Rect | None = None  # the first spot clear of labels but crossed by a line
        for rect in spots(line, width, height):
            if self._hits_label(rect):
                continue
            if tests_left <= 0:
                return crossed or rect, False
            crossing, tests_left = self._crosses_line(rect, number, tests_left)
            if not crossing:
                return rect, True
            crossed = crossed or rect
        return crossed, False

    def _drop_label(self, number: int) -> None:
        rect = self.labels.pop(number, None)
        if rect is not None:
            for band in _bands(rect):
                self._labels_in[band].discard(number)

    def _add_label(self, number: int, rect: Rect) -> None:
        self.labels[number] = rect
        for band in _bands(rect):
            self._labels_in.setdefault(band, set()).add(number)

    def _hits_label(self, rect: Rect) -> bool:
        left, top, right, bottom = rect
        for band in _bands(rect):
            for other in self._labels_in.get(band, ()):
                o_left, o_top, o_right, o_bottom = self.labels[other]
                if (left < o_right + SPACING and o_left < right + SPACING
                        and top < o_bottom + SPACING and o_top < bottom + SPACING):
                    return True
        return False

    def _crosses_line(self, rect: Rect, own: int, tests_left: int) -> tuple[bool, int]:
        """Whether another arrow's line crosses the rectangle (True too when the tests ran
        out before all were tested), and how many tests are left."""
        for band in _bands(rect):
            for other in self._lines_in.get(band, ()):
                if tests_left <= 0:
                    return True, 0
                tests_left -= 1
                if other != own and crosses(self._lines[other], rect):
                    return True, tests_left
        return False, tests_left


def spots(line: Segment, width: float, height: float) -> Iterator[Rect]:
    """Where a width × height label may go along `line`, the best first: above the line
    (it never crosses its own line), sliding along it, then below it."""
    x0, y0, x1, y1 = line
    left_x, right_x = min(x0, x1), max(x0, x1)
    if right_x - left_x < 1:  # straight down (no two lanes are so close, but be safe)
        for beside_left in (False, True):
            for slide in SLIDES:
                y = y0 + (y1 - y0) * slide - height / 2
                left = x0 - SIDE_OFFSET - width if beside_left else x0 + SIDE_OFFSET
                yield (left, y, left + width, y + height)
        return
    # Negative when the label is wider than the arrow: it then covers all of it, sliding
    # past either end.
    room = right_x - left_x - width
    for below in (False, True):
        for slide in SLIDES:
            share = slide if x1 >= x0 else 1 - slide  # measured from the arrow's start
            left = left_x + room * share
            right = left + width
            # The line's height under the label's two ends (within the arrow): the label
            # sits just clear of the nearer one, above or below.
            a = _y_at(line, max(left, left_x))
            b = _y_at(line, min(right, right_x))
            if below:
                top = max(a, b) + GAP
            else:
                top = min(a, b) - GAP - height
            yield (left, top, right, top + height)


def crosses(line: Segment, rect: Rect) -> bool:
    """Whether the line passes through the rectangle: their bounding boxes overlap, and
    the rectangle's corners are not all on one side of the line (no axis separates them).
    Touching an edge is not crossing."""
    x0, y0, x1, y1 = line
    left, top, right, bottom = rect
    if ((x0 <= left and x1 <= left) or (x0 >= right and x1 >= right)
            or (y0 <= top and y1 <= top) or (y0 >= bottom and y1 >= bottom)):
        return False
    dx, dy = x1 - x0, y1 - y0
    # Which side of the line each corner is on (the sign of a cross product).
    sides = (dx * (top - y0) - dy * (left - x0), dx * (top - y0) - dy * (right - x0),
             dx * (bottom - y0) - dy * (left - x0), dx * (bottom - y0) - dy * (right - x0))
    return min(sides) < 0 < max(sides)


def _y_at(line: Segment, x: float) -> float:
    x0, y0, x1, y1 = line
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def _band(y: float) -> int:
    return int(y // BAND_HEIGHT)


def _line_bands(line: Segment) -> range:
    """The bands a line is indexed in; none for a line longer than MOST_LINE_BANDS: a read
    that lagged far behind its send (a flood's) would be added to hundreds of bands, a
    million set additions for a flood's chart, and no label near it has a clear spot anyway
    (its patch keeps it readable)."""
    first, last = _band(min(line[1], line[3])), _band(max(line[1], line[3]))
    if last - first >= MOST_LINE_BANDS:
        return range(0)
    return range(first, last + 1)


def _bands(rect: Rect) -> range:
    return range(_band(rect[1] - SPACING), _band(rect[3] + SPACING) + 1)


def place_label(places: LabelPlaces, label: ArrowLabel, number: int, text: str,
                start: QPointF, end: QPointF, in_flight: bool,
                label_of: Callable[[int], ArrowLabel]) -> None:
    """Place `label` along its own arrow, clear of the other labels; shortened if no spot
    is free at its full length, left out (the tooltip tells it) if none is free at all.
    Worked out once per arrow drawn or moved (the chart calls this), not at each paint:
    the chart zooms and enlarges its text as a whole, so a placement holds at any zoom or
    text size. `label_of` gives another arrow's label, moved off this line if it can."""
    line = (start.x(), start.y(), end.x(), end.y())
    crossed: list[int] = []
    if in_flight:
        places.forget_line(number)  # (not avoided: it grows with each refresh)
    else:
        crossed = places.add_line(number, line)
    label.setText(text)
    bounds = label.boundingRect()
    rect = places.place(number, line, bounds.width(), bounds.height(), not in_flight)
    if rect is None:
        metrics = QFontMetricsF(label.font())
        for share in SHORTER_LABELS:
            label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                             bounds.width() * share))
            shorter = label.boundingRect()
            rect = places.place(number, line, shorter.width(), shorter.height(),
                                not in_flight)
            if rect is not None:
                break
    label.setVisible(rect is not None)
    if rect is not None:
        label.setPos(rect[0], rect[1])
    # Labels this line crosses, placed while it was in flight: each moves to a clear
    # spot if there is one (one in flight moves at the next refresh anyway).
    for other in crossed:
        if places.line(other) is None:
            continue
        other_label = label_of(other)
        size = other_label.boundingRect()
        moved = places.move_clear(other, size.width(), size.height())
        if moved is not None:
            other_label.setPos(moved[0], moved[1])
