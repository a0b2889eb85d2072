"""Turning socket failures into sentences a person who has never programmed can act on."""

from __future__ import annotations

import errno
import os
import socket

from netcore.port_owner import program_listening_on


class NetError(Exception):
    """A failure with a plain-language explanation in `sentence` (also its str())."""

    def __init__(self, sentence: str, code: int | None = None) -> None:
        super().__init__(sentence)
        self.sentence = sentence
        self.code = code


def format_address(host: str, port: int) -> str:
    """`127.0.0.1:9000`, or `[::1]:9000` for IPv6 so the port stays readable."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def explain_bind_error(exc: OSError, host: str, port: int) -> str:
    """Why bind() or listen() failed on host:port, in words."""
    where = format_address(host, port)
    if exc.errno == errno.EADDRINUSE:
        return (f"Port {port} is already in use on {host}: {_who_listens(port)} is "
                f"listening there. Stop it, or choose another port (0 picks a free one).")
    if exc.errno == errno.EACCES:
        if 0 < port < 1024:
            return (f"Permission denied: ports below 1024 (you chose {port}) need "
                    f"administrator rights. Choose a port from 1024 to 65535.")
        return f"Permission denied: this computer does not allow listening on {where}."
    if exc.errno == errno.EADDRNOTAVAIL:
        return (f"This computer has no network address {host}. Use 127.0.0.1 for this "
                f"computer only, or 0.0.0.0 to let other computers connect.")
    return explain_os_error(exc, where)


def _who_listens(port: int) -> str:
    owner = program_listening_on(port)
    if owner is None:
        return "another program (or another server in TCP Lab)"
    name, pid = owner
    if pid == os.getpid():
        return "another server in this TCP Lab"
    return f"the program {name} (process {pid})"


def explain_connect_error(exc: BaseException, host: str, port: int, timeout: float) -> str:
    """Why connect() to host:port failed, in words."""
    where = format_address(host, port)
    if isinstance(exc, socket.gaierror):
        return (f"Unknown host \"{host}\": no computer with that name could be found. "
                f"Check the spelling, or use 127.0.0.1 for this computer.")
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return (f"No answer from {where} within {timeout:g} seconds: the computer may be "
                f"off, unreachable, or a firewall may be dropping the connection.")
    if isinstance(exc, ConnectionRefusedError):
        return (f"Connection refused: nothing is listening on {where}. Start the server "
                f"first, or check the port number.")
    if isinstance(exc, OSError):
        return explain_os_error(exc, where)
    return f"Could not connect to {where}: {exc}"


def explain_os_error(exc: OSError, where: str = "") -> str:
    """A sentence for a socket error met while connected (or any other OSError)."""
    at = f" ({where})" if where else ""
    if isinstance(exc, ConnectionResetError) or exc.errno == errno.ECONNRESET:
        return (f"The other side reset the connection{at}: it aborted instead of closing "
                f"normally (a TCP RST arrived). Any data still in flight is lost.")
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        return (f"The other side has already closed the connection{at}, so this data "
                f"could not be sent.")
    if exc.errno == errno.ENETUNREACH:
        return f"The network is unreachable{at}: this computer has no route there."
    if exc.errno == errno.EHOSTUNREACH:
        return f"The computer cannot be reached{at}: no route to it."
    if exc.errno == errno.EMFILE or exc.errno == errno.ENFILE:
        return (f"Too many open connections and files{at}: the limit on open files is "
                f"reached, so no new connection can be accepted right now.")
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return f"The operation timed out{at}."
    reason = exc.strerror or str(exc)
    return f"A network error happened{at}: {reason}."


def explain_accept_pause(exc: OSError) -> str:
    """accept() failed for want of a resource (descriptors, memory): the server goes on."""
    return (f"New clients cannot be accepted now. {explain_os_error(exc)} The server keeps "
            f"serving the clients it has; new ones wait in the listen queue and are accepted "
            f"as soon as some leave.")


def idle_sentence(conn_id: int, idle: float) -> str:
    """Why the idle timeout closes a connection."""
    return (f"Connection {conn_id} sent nothing and was sent nothing for {idle:g} seconds, so "
            f"the server closes it (the idle timeout: a client that connects and goes quiet "
            f"cannot hold the server's resources for ever; 0 turns it off).")
