"""Plain-language explanations shown next to the server's choices."""

from __future__ import annotations

from netcore.config import Behaviour, ServerModel

MODEL_LABELS: dict[ServerModel, str] = {
    ServerModel.ITERATIVE: "Iterative (one client at a time)",
    ServerModel.THREAD: "Thread per client",
    ServerModel.PROCESS: "Process per client",
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
}

BEHAVIOUR_LABELS: dict[Behaviour, str] = {
    Behaviour.ECHO: "Echo (send it back)",
    Behaviour.UPPER: "Uppercase (send it back in capitals)",
    Behaviour.CHAT: "Chat (relay to every other client)",
    Behaviour.MANUAL: "Manual (you type the replies)",
}
