"""The socket calls of the notes' client/server diagram, with what each one takes and
gives back, in plain words (from the course notes).

The signatures and explanations are marked for translation here (context "call_steps")
and translated where they are shown; a step's name is a key, and C, so it stays as is.
"""

from __future__ import annotations

from dataclasses import dataclass

from gui.i18n import QT_TRANSLATE_NOOP, translate


@dataclass(frozen=True, slots=True)
class CallStep:
    name: str  # how the diagram labels the step
    signature: str  # the C declaration, as in the notes
    explanation: str  # what it does, its parameters and its return value, in plain words


SERVER, CLIENT = "server", "client"

SERVER_STEPS: tuple[CallStep, ...] = (
    CallStep(
        "socket()",
        QT_TRANSLATE_NOOP("call_steps", "int socket(int domain, int type, int protocol);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Makes a socket: AF_INET for IPv4 (AF_INET6 for IPv6), SOCK_STREAM "
                          "for TCP. Returns a new descriptor, or -1 on failure.")),
    CallStep(
        "bind()",
        QT_TRANSLATE_NOOP("call_steps",
                          "int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Gives the socket its address: the IP and port clients will connect "
                          "to. 0.0.0.0 (INADDR_ANY) means every address of this computer. "
                          "Returns 0, or -1 (for example when the port is in use).")),
    CallStep(
        "listen()",
        QT_TRANSLATE_NOOP("call_steps", "int listen(int sockfd, int backlog);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Turns the socket from active to passive: the kernel now completes "
                          "handshakes by itself and keeps a queue of finished connections, "
                          "`backlog` long. Returns 0, or -1.")),
    CallStep(
        "accept()",
        QT_TRANSLATE_NOOP("call_steps",
                          "int accept(int sockfd, struct sockaddr *addr, socklen_t *addrlen);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Takes one finished connection out of the queue; if there is none, "
                          "sleeps until one arrives (it blocks). Returns a NEW socket for that "
                          "connection (the listening socket keeps listening), and fills addr "
                          "with the client's address.")),
    CallStep(
        "recv()",
        QT_TRANSLATE_NOOP("call_steps",
                          "ssize_t recv(int sockfd, void *buf, size_t len, int flags);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Waits until data arrives (it blocks), then copies up to len bytes "
                          "into buf. Returns how many bytes it read, 0 when the client closed "
                          "its side (a FIN arrived), or -1 on error (a reset).")),
    CallStep(
        "process",
        "",
        QT_TRANSLATE_NOOP("call_steps",
                          "The server's own work on the bytes it read: echo them, turn them "
                          "to upper case, relay them to the other clients, or wait for a "
                          "person to reply.")),
    CallStep(
        "send()",
        QT_TRANSLATE_NOOP("call_steps",
                          "ssize_t send(int sockfd, const void *buf, size_t len, int flags);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Copies the bytes into the kernel's send buffer; the kernel sends "
                          "them. Blocks only when that buffer is full (the client is not "
                          "reading). Returns how many bytes it took, or -1.")),
    CallStep(
        "close()",
        QT_TRANSLATE_NOOP("call_steps", "int close(int fd);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Ends this side of the connection: the kernel sends FIN. Returns 0, "
                          "or -1.")),
)

CLIENT_STEPS: tuple[CallStep, ...] = (
    CallStep(
        "socket()",
        QT_TRANSLATE_NOOP("call_steps", "int socket(int domain, int type, int protocol);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Makes a socket: AF_INET for IPv4 (AF_INET6 for IPv6), SOCK_STREAM "
                          "for TCP. Returns a new descriptor, or -1 on failure.")),
    CallStep(
        "connect()",
        QT_TRANSLATE_NOOP("call_steps", "int connect(int sockfd, const struct sockaddr *addr, "
                                        "socklen_t addrlen);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Connects to the server at addr: the kernels do the three-way "
                          "handshake (SYN, SYN+ACK, ACK) while connect() waits. Returns 0, or "
                          "-1 (refused, no answer). Unlike accept(), it makes no new socket.")),
    CallStep(
        "send()",
        QT_TRANSLATE_NOOP("call_steps",
                          "ssize_t send(int sockfd, const void *buf, size_t len, int flags);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Copies the bytes into the kernel's send buffer; the kernel sends "
                          "them. Returns how many bytes it took, or -1. A TCP send of 0 bytes "
                          "sends nothing.")),
    CallStep(
        "recv()",
        QT_TRANSLATE_NOOP("call_steps",
                          "ssize_t recv(int sockfd, void *buf, size_t len, int flags);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Like the server's: waits for data, returns how many bytes it read, "
                          "0 when the server closed its side, or -1 on error.")),
    CallStep(
        "close()",
        QT_TRANSLATE_NOOP("call_steps", "int close(int fd);"),
        QT_TRANSLATE_NOOP("call_steps",
                          "Ends the connection from this side: the kernel sends FIN. Returns "
                          "0, or -1.")),
)

STEPS: dict[str, tuple[CallStep, ...]] = {SERVER: SERVER_STEPS, CLIENT: CLIENT_STEPS}


def step_named(side: str, name: str) -> CallStep:
    return next(step for step in STEPS[side] if step.name == name)


def shown_name(name: str) -> str:
    """A step's name as shown: a call's name is C, kept as is; "process" is a word."""
    return translate("call_steps", "process") if name == "process" else name
