"""Strangers with big bodies: a real ``vendor-assurance serve`` on loopback, and clients that send it large
unauthenticated bodies on every route while its resident memory is sampled.

Used by tests/service/test_memory.py (small numbers) and benchmarks/bench_memory.py (50 MB bodies, every route).
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@dataclass
class Server:
    url: str
    port: int
    proc: subprocess.Popen[bytes]
    samples: list[float] = field(default_factory=list)

    @property
    def rss_mb(self) -> float:
        return rss_mb(self.proc.pid)


@contextmanager
def serve(data_dir: Path, *, env: dict[str, str] | None = None) -> Iterator[Server]:
    """``vendor-assurance serve`` in its own process on a free loopback port, until the block ends."""
    port = free_port()
    script = Path(sys.executable).with_name("vendor-assurance")
    cmd = [str(script)] if script.exists() else [sys.executable, "-c",
                                                 "import sys; from service.cli import main; sys.exit(main())"]
    proc = subprocess.Popen(
        [*cmd, "serve", "--host", "127.0.0.1", "--port", str(port), "--data-dir", str(data_dir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})},
    )
    server = Server(f"http://127.0.0.1:{port}", port, proc)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError("the server exited at start")
            with suppress(OSError):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/health")
                if conn.getresponse().status == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def routes(server: Server) -> list[tuple[str, str]]:
    """Every (method, path) of the API's schema, ids filled in, plus the Slack endpoint."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/openapi.json")
    schema = json.loads(conn.getresponse().read())
    out = [(m.upper(), re.sub(r"\{[^}]+\}", "1", p)) for p, methods in schema["paths"].items() for m in methods]
    return [*out, ("POST", "/slack/events")]


def send(server: Server, method: str, path: str, megabytes: int, *, chunked: bool, block: bytes) -> int | None:
    """Offer ``megabytes`` of body without a token; the status, or None when the server closed on us first."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    multipart = path == "/documents" and method == "POST"
    boundary = "b0und4ry"
    head = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n'
            f"Content-Type: application/pdf\r\n\r\n%PDF-1.7\n").encode() if multipart else b'{"name": "'
    tail = f"\r\n--{boundary}--\r\n".encode() if multipart else b'"}'
    ctype = f"multipart/form-data; boundary={boundary}" if multipart else "application/json"

    def body() -> Iterator[bytes]:
        yield head
        for _ in range(megabytes):
            yield block
        yield tail

    try:
        conn.putrequest(method, path)
        conn.putheader("Content-Type", ctype)
        if chunked:
            conn.putheader("Transfer-Encoding", "chunked")
        else:
            conn.putheader("Content-Length", str(len(head) + megabytes * len(block) + len(tail)))
        conn.endheaders()
        for part in body():
            conn.send(b"%x\r\n%s\r\n" % (len(part), part) if chunked else part)
        if chunked:
            conn.send(b"0\r\n\r\n")
        return conn.getresponse().status
    except (OSError, http.client.HTTPException):
        with suppress(OSError, http.client.HTTPException):
            return conn.getresponse().status  # the answer sent before the server stopped reading
        return None
    finally:
        conn.close()


def hammer(server: Server, *, megabytes: int, clients: int, rounds: int = 1) -> dict[str, object]:
    """``clients`` threads each send every route a ``megabytes`` body (declared length, then chunked), ``rounds``
    times, while the server's resident memory is sampled every 20 ms."""
    targets = routes(server)
    block = b"x" * (1024 * 1024)
    statuses: dict[str, int] = {}
    lock = threading.Lock()
    done = threading.Event()
    peak = [server.rss_mb]

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], server.rss_mb)
            time.sleep(0.02)

    def client(offset: int) -> None:
        for _ in range(rounds):
            for i in range(len(targets)):
                method, path = targets[(i + offset) % len(targets)]
                for chunked in (False, True):
                    status = send(server, method, path, megabytes, chunked=chunked, block=block)
                    with lock:
                        key = str(status)
                        statuses[key] = statuses.get(key, 0) + 1

    before = server.rss_mb
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n * 7,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return {"routes": len(targets), "requests": sum(statuses.values()), "statuses": statuses,
            "rss_before_mb": round(before, 1), "rss_peak_mb": round(peak[0], 1),
            "rss_after_mb": round(server.rss_mb, 1), "seconds": round(seconds, 1)}
