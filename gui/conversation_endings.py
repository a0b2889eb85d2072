"""The conversation chart's endings: each side's FIN (close(), shutdown()) and the resets
(RST), drawn from the side that sent them to where they arrive. A part of Conversation
(gui/conversation.py), which builds on it and says who is who (which lane is whose).
"""

from __future__ import annotations

from gui.conversation_record import (CLIENT, FIN_MARK, HANDSHAKE, RESET, RST_MARK, SERVER,
                                     TEARDOWN, ChartRecord, Lane)
from gui.i18n import translate


class ConversationEndings(ChartRecord):
    """FIN and RST arrows, between the lanes Conversation names."""

    _closed: dict[str, set[str]]  # pair -> the sides that called close() (Conversation's)

    # Who is who: Conversation's answers.
    def _client_lane(self, pair: str) -> Lane:
        raise NotImplementedError

    def _server_lane_of(self, client: str) -> Lane | None:
        raise NotImplementedError

    def _outside_server_lane(self, client: str) -> Lane:
        raise NotImplementedError

    def _handshake_lane(self, client: str) -> Lane:
        raise NotImplementedError

    def _queue_lane(self, client: str) -> Lane:
        raise NotImplementedError

    def _close(self, pair: str, side: str, lane: Lane, other: Lane | None, direction: str,
               other_reports: bool, half: bool = False) -> None:
        """close() (or shutdown) on one side: its kernel sends FIN. It arrives when the
        other side's recv() returns 0; if that side is gone already, or outside the app,
        no call will report it, and it is drawn as arrived at once."""
        closed = self._closed.setdefault(pair, set())
        if "reset" in closed:
            return  # after a reset there is no FIN
        if not half:
            closed.add(f"{side} gone")
            # Its own kernel takes whatever FIN was still on the way to it.
            back = "down" if side == CLIENT else "up"
            self._arrive_fin(pair, back, lane)
        if side in closed:
            return  # one FIN per side (a half-close, then close)
        closed.add(side)
        other_side = CLIENT if side == SERVER else SERVER
        arrives_unseen = not other_reports or f"{other_side} gone" in closed
        if half:
            label = translate("conversation", "FIN  (kernel, at shutdown(SHUT_WR))")
        else:
            label = translate("conversation", "FIN  (kernel, at close())")
        arrow = self._arrow(TEARDOWN, label, lane, other,
                            arrived=arrives_unseen and other is not None, inferred=True)
        if arrow.to_row is not None and other is not None:
            self._arrow(TEARDOWN, translate("conversation", "ACK  (kernel)"), other, lane,
                        arrived=True, inferred=True)
        else:
            self._stream(pair, direction).in_flight.append((FIN_MARK, arrow))

    def _fin_arrived(self, pair: str, direction: str, lane: Lane) -> None:
        """recv() returned 0: the other side's FIN arrived, and this kernel ACKs it. If its
        close() has not reached the window yet (or it is outside the app), the FIN is
        drawn from here: it was certainly sent."""
        if self._arrive_fin(pair, direction, lane):
            return
        sender_side = CLIENT if direction == "up" else SERVER
        closed = self._closed.setdefault(pair, set())
        if sender_side in closed:
            return
        closed.add(sender_side)
        if direction == "up":
            source = self._client_lane(pair)
        else:
            source = self._server_lane_of(pair) or self._outside_server_lane(pair)
        self._arrow(TEARDOWN, translate("conversation", "FIN  (kernel)"), source, lane,
                    arrived=True, inferred=True)
        self._arrow(TEARDOWN, translate("conversation", "ACK  (kernel)"), lane, source,
                    arrived=True, inferred=True)

    def _arrive_fin(self, pair: str, direction: str, lane: Lane) -> bool:
        """The FIN in flight in that direction reaches `lane`, which ACKs it; True if
        there was one."""
        arrow = self._take_in_flight(pair, direction, FIN_MARK)
        if arrow is None:
            return False
        self._arrive(arrow, lane)
        self._arrow(TEARDOWN, translate("conversation", "ACK  (kernel)"), lane,
                    self.lanes[arrow.from_lane], arrived=True, inferred=True)
        return True

    # A reset goes from the side that sent it. The client's abort is seen where it is sent
    # (its ABORTED) and where it arrives (the server's recv() fails with ECONNRESET); an
    # RST from the server's side is seen only where it arrives, the client's recv() or
    # connect() failing: it is drawn there, from the server's lane that sent it.

    def _client_aborted(self, name: str, lane: Lane, ours: bool) -> None:
        """close() with SO_LINGER 0: the client's kernel sends RST instead of FIN."""
        self._closed.setdefault(name, set()).add("reset")
        target = None if ours else self._outside_server_lane(name)
        arrow = self._arrow(RESET, translate("conversation", "RST  (close() with SO_LINGER 0)"),
                            lane, target, arrived=not ours)
        if ours:
            self._stream(name, "up").in_flight.append((RST_MARK, arrow))

    def _reset_at_server(self, pair: str, lane: Lane) -> None:
        """The server's recv() or send() failed with ECONNRESET: the client's RST arrived."""
        self._closed.setdefault(pair, set()).add("reset")
        arrow = self._take_in_flight(pair, "up", RST_MARK)
        if arrow is not None:
            self._arrive(arrow, lane)
            return
        self._arrow(RESET, translate("conversation", "RST  (the connection was reset)"),
                    self._client_lane(pair), lane, arrived=True)

    def _reset_at_client(self, name: str, lane: Lane, ours: bool) -> None:
        """The client's recv() or send() failed with ECONNRESET: the server's side sent RST."""
        closed = self._closed.setdefault(name, set())
        if "reset" in closed:
            return  # one reset per connection
        closed.add("reset")
        server = self._server_lane_of(name) if ours else self._outside_server_lane(name)
        if server is not None:
            label = translate("conversation", "RST  (from the server's side: the connection "
                                              "was reset)")
        else:
            # Never accepted: the server's kernel held the connection in the listen queue,
            # and reset it (the listening socket was closed with it still queued).
            server = self._queue_lane(name)
            label = translate("conversation", "RST  (the server's kernel: no accept() took "
                                              "this connection)")
        self._arrow(RESET, label, server, lane, arrived=True)

    def _refused(self, name: str, lane: Lane, ours: bool) -> None:
        """connect() was refused: the kernel at the server's address answered its SYN with
        RST, as nothing listens on that port."""
        server = self._handshake_lane(name) if ours else self._outside_server_lane(name)
        self._arrow(HANDSHAKE, translate("conversation", "SYN  (kernel, while connect() waited)"),
                    lane, server, arrived=True, inferred=True, short="SYN")
        self._arrow(RESET, translate("conversation", "RST  (kernel: nothing listens on that "
                                                     "port, so connect() is refused)"),
                    server, lane, arrived=True)
