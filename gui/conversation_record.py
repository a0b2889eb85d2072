"""What the conversation chart keeps: lanes, rows and arrows, and how the sends of a
stream meet the recv() calls that read them. Plain Python; gui/conversation.py works out
from both sides' events which arrows to draw, and the chart widget draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gui.i18n import translate
from netcore.events import Event

CLIENT, SERVER = "client", "server"
DATA, HANDSHAKE, TEARDOWN, RESET = "data", "handshake", "teardown", "reset"
MAX_ARROWS = 2000  # the chart keeps the latest ones; older ones scroll away for good
MAX_LANES = 48  # then the rest share a lane: a chart of thousands of lanes says nothing
# In a stream's in-flight list, the end offset of a FIN or an RST, which carry no bytes.
FIN_MARK, RST_MARK = -1, -2


@dataclass(slots=True)
class Lane:
    key: str
    title: str
    side: str
    index: int
    explanation: str = ""  # more than the title says, told in its tooltip


@dataclass(slots=True)
class Arrow:
    number: int
    kind: str  # DATA, HANDSHAKE, TEARDOWN, RESET
    label: str
    from_lane: int
    from_row: int
    to_lane: int | None = None  # None: not known until it arrives
    to_row: int | None = None  # None: sent, not read yet
    inferred: bool = False  # the kernels' work, not seen by any socket call
    data: bytes = b""
    size: int = 0
    short: str = ""  # a shorter label, for the chart where room is short ("SYN")


@dataclass(slots=True)
class Stream:
    """One direction of one connection: bytes sent and read, and the arrows in flight."""

    sent: int = 0
    read: int = 0
    in_flight: list[tuple[int, Arrow]] = field(default_factory=list)  # (end offset, arrow)


class ChartRecord:
    """Lanes, rows and arrows; Conversation adds to them from events."""

    def __init__(self) -> None:
        self.clear_record()

    def clear_record(self) -> None:
        self.lanes: list[Lane] = []
        self.arrows: list[Arrow] = []
        self.rows = 0
        self._lane_of: dict[str, Lane] = {}
        self._streams: dict[tuple[str, str], Stream] = {}
        self._numbers = 0
        self.changed: set[int] = set()  # arrows added or completed since the chart last drew

    def take_changes(self) -> set[int]:
        changed, self.changed = self.changed, set()
        return changed

    # ---- lanes and rows ----

    def _lane(self, key: str, title: str, side: str) -> Lane:
        lane = self._lane_of.get(key)
        if lane is None:
            explanation = ""
            if len(self.lanes) >= MAX_LANES:
                # A load test's thousands of connections: the rest share one lane a side.
                key = f"overflow:{side}"
                # One a side: each says which (two lanes of one title puzzled a reader).
                title = (translate("conversation", "all other clients (Clear to follow new ones)")
                         if side == CLIENT else
                         translate("conversation", "all other server workers (Clear to follow "
                                                   "new ones)"))
                lane = self._lane_of.get(key)
                if lane is not None:
                    return lane
                explanation = translate(
                    "conversation", "The chart has room for {count} lanes: the connections "
                    "after them share this one. Clear the chart, and the next connections "
                    "get lanes of their own.").format(count=MAX_LANES)
            lane = self._lane_of[key] = Lane(key, title, side, len(self.lanes), explanation)
            self.lanes.append(lane)
        return lane

    def _row(self) -> int:
        self.rows += 1
        return self.rows

    def _arrow(self, kind: str, label: str, from_lane: Lane, to_lane: Lane | None,
               arrived: bool, inferred: bool = False, data: bytes = b"", size: int = 0,
               short: str = "") -> Arrow:
        row = self._row()
        self._numbers += 1
        arrow = Arrow(self._numbers, kind, label, from_lane.index, row,
                      to_lane.index if to_lane else None, row if arrived else None,
                      inferred, data, size, short)
        self.arrows.append(arrow)
        self.changed.add(arrow.number)
        if len(self.arrows) > MAX_ARROWS:
            del self.arrows[:len(self.arrows) - MAX_ARROWS]
        return arrow

    def _arrive(self, arrow: Arrow, lane: Lane, row: int | None = None) -> None:
        arrow.to_lane = lane.index
        arrow.to_row = self._row() if row is None else row
        self.changed.add(arrow.number)

    # ---- streams: matching sends to the recv() that read them ----

    def _stream(self, pair: str, direction: str) -> Stream:
        stream = self._streams.get((pair, direction))
        if stream is None:
            stream = self._streams[(pair, direction)] = Stream()
        return stream

    def _send(self, stream: Stream, event: Event, source: Lane, target: Lane | None) -> None:
        stream.sent += event.size
        arrow = self._arrow(DATA, data_label(event), source, target, arrived=False,
                            data=event.data, size=event.size)
        if stream.read >= stream.sent and target is not None:
            # The other side's batch came first: it was read already.
            self._arrive(arrow, target)
        else:
            stream.in_flight.append((stream.sent, arrow))
            if len(stream.in_flight) > MAX_ARROWS:  # older than anything the chart keeps
                del stream.in_flight[0]

    def _read(self, stream: Stream, size: int, lane: Lane) -> None:
        stream.read += size
        still: list[tuple[int, Arrow]] = []
        row: int | None = None  # one recv(), one moment: what it read arrives together
        for end, arrow in stream.in_flight:
            if 0 <= end <= stream.read:
                row = row or self._row()
                self._arrive(arrow, lane, row)
            else:
                still.append((end, arrow))
        stream.in_flight = still

    def _take_in_flight(self, pair: str, direction: str, mark: int) -> Arrow | None:
        """The FIN or RST (by its mark) in flight in that direction, taken off the stream."""
        stream = self._stream(pair, direction)
        for end, arrow in stream.in_flight:
            if end == mark:
                stream.in_flight.remove((end, arrow))
                return arrow
        return None


def data_label(event: Event) -> str:
    if event.count > 1:
        return translate("conversation", "{size} B ×{count}").format(
            size=f"{event.size:,}", count=f"{event.count:,}")
    return translate("conversation", "{size} B").format(size=f"{event.size:,}")
