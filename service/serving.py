"""uvicorn with several API processes (``serve --workers N``)."""

from __future__ import annotations

import socket

import uvicorn
from uvicorn.supervisors import Multiprocess


class TcpConfig(uvicorn.Config):
    """Binds the shared socket as explicitly TCP. uvicorn creates it with protocol 0, and asyncio sets TCP_NODELAY
    only on sockets that say TCP, so every response from a worker process waited ~40 ms (Nagle's algorithm against
    the client's delayed ACK)."""

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())
        return sock


def run_processes(*, host: str, port: int, workers: int) -> None:
    """Serve ``service.api:create_app_from_env`` from ``workers`` processes sharing one socket."""
    config = TcpConfig(
        "service.api:create_app_from_env", factory=True, host=host, port=port, workers=workers, log_level="info"
    )
    Multiprocess(config, sockets=[config.bind_socket()]).run()
