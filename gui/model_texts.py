"""Plain-language explanations shown next to the server's choices."""

from __future__ import annotations

from netcore.config import Behaviour, ServerModel

MODEL_LABELS: dict[ServerModel, str] = {
    ServerModel.ITERATIVE: "Iterative (one client at a time)",
    ServerModel.THREAD: "Thread per client",
    ServerModel.PROCESS: "Process per client",
    ServerModel.SELECT: "One thread, select/epoll (all clients)",
}

MODEL_EXPLANATIONS: dict[ServerModel, str] = {
    ServerModel.ITERATIVE: (
        "One loop: accept() a client, serve it until it leaves, then accept() the next. "
        "A second client still connects (the kernel finishes its handshake and queues it) "
        "but gets no answer until the first one leaves."),
    ServerModel.THREAD: (
        "The accept loop gives each accepted connection its own thread (pthread_create in "
        "the notes), so all clients are served at once. The Worker column names each thread."),
    ServerModel.PROCESS: (
        "The accept loop gives each accepted connection its own child process (fork in the "
        "notes), so all clients are served at once. The Worker column shows each child's "
        "pid, which the system's process list shows too."),
    ServerModel.SELECT: (
        "One thread serves every client (I/O multiplexing): it asks the kernel which "
        "sockets are ready with select() (epoll on Linux), then accepts, reads or writes "
        "only those, so it never blocks on one client. The Worker column shows the same "
        "one loop for every connection."),
}

BEHAVIOUR_LABELS: dict[Behaviour, str] = {
    Behaviour.ECHO: "Echo (send it back)",
    Behaviour.UPPER: "Uppercase (send it back in capitals)",
    Behaviour.CHAT: "Chat (relay to every other client)",
    Behaviour.MANUAL: "Manual (you type the replies)",
}
