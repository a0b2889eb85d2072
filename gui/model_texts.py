"""Plain-language explanations shown next to the server's choices.

Marked for translation here; shown with translate("model_texts", text).
"""

from __future__ import annotations

from gui.i18n import QT_TRANSLATE_NOOP
from netcore.config import Behaviour, ServerModel

MODEL_LABELS: dict[ServerModel, str] = {
    ServerModel.ITERATIVE: QT_TRANSLATE_NOOP("model_texts", "Iterative (one client at a time)"),
    ServerModel.THREAD: QT_TRANSLATE_NOOP("model_texts", "Thread per client"),
    ServerModel.PROCESS: QT_TRANSLATE_NOOP("model_texts", "Process per client"),
    ServerModel.SELECT: QT_TRANSLATE_NOOP("model_texts", "One thread, select/epoll (all clients)"),
}

MODEL_EXPLANATIONS: dict[ServerModel, str] = {
    ServerModel.ITERATIVE: QT_TRANSLATE_NOOP(
        "model_texts",
        "One loop: accept() a client, serve it until it leaves, then accept() the next. "
        "A second client still connects (the kernel finishes its handshake and queues it) "
        "but gets no answer until the first one leaves."),
    ServerModel.THREAD: QT_TRANSLATE_NOOP(
        "model_texts",
        "The accept loop gives each accepted connection its own thread (pthread_create in "
        "the notes), so all clients are served at once. The Worker column names each thread."),
    ServerModel.PROCESS: QT_TRANSLATE_NOOP(
        "model_texts",
        "The accept loop gives each accepted connection its own child process (fork in the "
        "notes), so all clients are served at once. The Worker column shows each child's "
        "pid, which the system's process list shows too."),
    ServerModel.SELECT: QT_TRANSLATE_NOOP(
        "model_texts",
        "One thread serves every client (I/O multiplexing): it asks the kernel which "
        "sockets are ready with select() (epoll on Linux), then accepts, reads or writes "
        "only those, so it never blocks on one client. The Worker column shows the same "
        "one loop for every connection."),
}

BEHAVIOUR_LABELS: dict[Behaviour, str] = {
    Behaviour.ECHO: QT_TRANSLATE_NOOP("model_texts", "Echo (send it back)"),
    Behaviour.UPPER: QT_TRANSLATE_NOOP("model_texts", "Uppercase (send it back in capitals)"),
    Behaviour.CHAT: QT_TRANSLATE_NOOP("model_texts", "Chat (relay to every other client)"),
    Behaviour.MANUAL: QT_TRANSLATE_NOOP("model_texts", "Manual (you type the replies)"),
}
