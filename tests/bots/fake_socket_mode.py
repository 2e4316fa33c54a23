"""A loopback stand-in for Slack's Socket Mode WebSocket server: just enough RFC 6455 for slack_sdk's client.

It accepts one connection, says ``hello`` as Slack does, answers pings, records every message the app sends (the
acks carrying ``envelope_id``), and lets a test push envelopes (``events_api``, ``slash_commands``, ...).
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from typing import Any

_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class FakeSocketMode:
    def __init__(self) -> None:
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(1)
        self._conn: socket.socket | None = None
        self._send_lock = threading.Lock()
        self.received: list[dict[str, Any]] = []
        self.connected = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="fake-socket-mode", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._listener.getsockname()
        return f"ws://{host}:{port}/link/?ticket=test"

    def start(self) -> FakeSocketMode:
        self._thread.start()
        return self

    def stop(self) -> None:
        for s in (self._conn, self._listener):
            if s is not None:
                try:
                    s.close()
                except OSError:
                    pass

    def send(self, message: dict[str, Any]) -> None:
        self._frame(0x1, json.dumps(message).encode())

    def wait_for(self, where: Callable[[dict[str, Any]], bool], timeout: float = 15.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in list(self.received):
                if where(message):
                    return message
            time.sleep(0.02)
        raise AssertionError(f"no such message from the app within {timeout}s: {self.received}")

    # --- the protocol -----------------------------------------------------------------------------------------

    def _frame(self, opcode: int, payload: bytes) -> None:
        head = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            head += bytes([n])
        elif n < 65536:
            head += bytes([126]) + struct.pack(">H", n)
        else:
            head += bytes([127]) + struct.pack(">Q", n)
        assert self._conn is not None
        with self._send_lock:
            self._conn.sendall(head + payload)

    def _read(self, n: int) -> bytes:
        assert self._conn is not None
        data = b""
        while len(data) < n:
            chunk = self._conn.recv(n - len(data))
            if not chunk:
                raise ConnectionError("closed")
            data += chunk
        return data

    def _serve(self) -> None:
        try:
            conn, _addr = self._listener.accept()
        except OSError:
            return
        self._conn = conn
        request = b""
        while b"\r\n\r\n" not in request:
            request += conn.recv(1024)
        key = next(line.split(":", 1)[1].strip() for line in request.decode().split("\r\n")
                   if line.lower().startswith("sec-websocket-key:"))
        accept = base64.b64encode(hashlib.sha1((key + _GUID).encode()).digest()).decode()
        conn.sendall(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Accept: {accept}\r\n\r\n").encode())
        self.send({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"},
                   "connection_info": {"app_id": "A0TEST"}})
        self.connected.set()
        try:
            while True:
                b0, b1 = self._read(2)
                opcode = b0 & 0x0F
                length = b1 & 0x7F
                if length == 126:
                    length = struct.unpack(">H", self._read(2))[0]
                elif length == 127:
                    length = struct.unpack(">Q", self._read(8))[0]
                mask = self._read(4) if b1 & 0x80 else b"\0\0\0\0"
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(self._read(length)))
                if opcode == 0x9:  # ping
                    self._frame(0xA, payload)
                elif opcode == 0x1:
                    self.received.append(json.loads(payload))
                elif opcode == 0x8:
                    return
        except (ConnectionError, OSError):
            return
