"""Where client windows that remember no place open: apart from each other, on the screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize

from gui.cascade import CASCADE_DEPTH, cascade_position

PROJECTOR = QRect(0, 0, 1920, 1040)
LAPTOP = QRect(0, 0, 1366, 728)
CLIENT_WINDOW = QSize(760, 520)


def test_fifty_windows_on_a_projector_all_open_in_places_of_their_own() -> None:
    places = [cascade_position(n, QPoint(0, 0), CLIENT_WINDOW, PROJECTOR) for n in range(50)]
    assert len({(p.x(), p.y()) for p in places}) == 50  # window 11 no longer over window 1
    assert places[1] - places[0] == QPoint(32, 32)  # each a step down and right of the last
    assert places[CASCADE_DEPTH].y() == places[0].y() and places[CASCADE_DEPTH].x() > places[0].x()
    for place in places:
        assert PROJECTOR.contains(QRect(place, CLIENT_WINDOW))


def test_on_a_laptop_every_window_opens_on_the_screen_and_apart_from_the_last() -> None:
    origin = QPoint(600, 300)  # the main window moved toward the bottom right
    places = [cascade_position(n, origin, CLIENT_WINDOW, LAPTOP) for n in range(30)]
    for place in places:
        assert LAPTOP.contains(QRect(place, CLIENT_WINDOW))
    assert all(a != b for a, b in zip(places, places[1:]))


def test_a_window_larger_than_the_screen_opens_at_its_corner() -> None:
    tiny = QRect(100, 50, 640, 400)
    assert cascade_position(3, QPoint(0, 0), CLIENT_WINDOW, tiny) == QPoint(100, 50)
