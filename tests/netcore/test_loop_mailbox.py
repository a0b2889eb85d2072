"""The select loop's mailbox: a command posted from another thread wakes the loop's
select() and runs in the loop's thread, in the order posted; after the loop ends, posts
and wake-ups do nothing."""

from __future__ import annotations

import selectors
import threading

from netcore.loop_mailbox import LoopMailbox

WAIT_SECONDS = 5.0


def test_a_command_posted_from_another_thread_wakes_select_and_runs_in_the_loop() -> None:
    mailbox = LoopMailbox()
    selector = selectors.DefaultSelector()
    selector.register(mailbox.reader, selectors.EVENT_READ)
    ran_in: list[tuple[str, int]] = []
    try:
        poster = threading.Thread(target=lambda: [
            mailbox.post(lambda n=n: ran_in.append((threading.current_thread().name, n)))
            for n in range(3)])
        poster.start()
        poster.join(WAIT_SECONDS)
        assert selector.select(WAIT_SECONDS), "select() was woken"
        for command in mailbox.take():
            command()
        assert ran_in == [(threading.current_thread().name, n) for n in range(3)]
        assert not selector.select(0), "every wake-up byte was read: select() waits again"
        assert mailbox.take() == []
    finally:
        selector.close()
        mailbox.close()


def test_after_close_posts_and_wake_ups_do_nothing() -> None:
    mailbox = LoopMailbox()
    mailbox.close()
    mailbox.wake()  # a stop() racing the loop's end: no error, no write to a closed socket
    mailbox.post(lambda: None)
    assert mailbox.reader.fileno() == -1
