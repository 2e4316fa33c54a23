"""A loopback stand-in for Slack's Web API, like bolt-python's tests/mock_web_api_server.

A real ``http.server`` on 127.0.0.1 in a thread. It records every call with its parsed body and the token it
carried, answers the methods the bot uses (auth.test, chat.postMessage, chat.update, chat.postEphemeral,
files.info, views.publish, conversations.open, and response_url posts), and serves registered files at the
``url_private_download`` it hands out, only to requests bearing the bot token (otherwise, like Slack, a login page).
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TEAM = "T0TEST"
BOT_USER = "UBOT"


@dataclass
class Call:
    method: str  # "chat.postMessage", "files.download", "response_url"
    path: str
    token: str | None
    body: dict[str, Any]
    at: float = field(default_factory=time.perf_counter)
    response: dict[str, Any] = field(default_factory=dict)  # what the stand-in answered (e.g. the message ts)

    @property
    def ts(self) -> str | None:
        return self.response.get("ts") or self.response.get("message_ts")

    def text(self) -> str:
        """Everything a person would read in the message: the text and every text inside the blocks."""
        parts: list[str] = [str(self.body.get("text") or "")]

        def walk(node: Any) -> None:
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "text" and isinstance(value, str):
                        parts.append(value)
                    else:
                        walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(self.body.get("blocks") or [])
        walk((self.body.get("view") or {}).get("blocks") or [])
        return "\n".join(parts)

    def action_ids(self) -> list[str]:
        out: list[str] = []
        blocks = self.body.get("blocks") or (self.body.get("view") or {}).get("blocks") or []
        for block in blocks:
            for element in block.get("elements") or []:
                if element.get("action_id"):
                    out.append(element["action_id"])
        return out


@dataclass
class FakeFile:
    id: str
    name: str
    data: bytes
    filetype: str
    mimetype: str
    user: str
    shares: dict[str, Any]


class FakeSlack:
    def __init__(self, token: str = "xoxb-test-token") -> None:
        self.token = token
        self.calls: list[Call] = []
        self.files: dict[str, FakeFile] = {}
        self.socket_url: str | None = None  # what apps.connections.open hands out (tests/bots/fake_socket_mode.py)
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-slack", daemon=True)

    # --- lifecycle ------------------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def base_url(self) -> str:
        return f"{self.url}/api/"

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # --- test helpers ---------------------------------------------------------------------------------------------

    def next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._ts)}.000100"

    def add_file(self, file_id: str, name: str, data: bytes, *, channel: str, ts: str, user: str = "U1",
                 filetype: str = "pdf", mimetype: str = "application/pdf", private: bool = False) -> dict[str, Any]:
        """Register a file shared in ``channel`` by the message ``ts``; returns its files.info object."""
        scope = "private" if private or channel.startswith(("D", "G")) else "public"
        self.files[file_id] = FakeFile(file_id, name, data, filetype, mimetype, user,
                                       {scope: {channel: [{"ts": ts, "channel_name": channel}]}})
        return self.file_object(file_id)

    def file_object(self, file_id: str) -> dict[str, Any]:
        f = self.files[file_id]
        return {
            "id": f.id, "name": f.name, "title": f.name, "mimetype": f.mimetype, "filetype": f.filetype,
            "size": len(f.data), "user": f.user, "is_external": False,
            "url_private": f"{self.url}/files-pri/{TEAM}-{f.id}/{f.name}",
            "url_private_download": f"{self.url}/files-pri/{TEAM}-{f.id}/download/{f.name}",
            "shares": f.shares,
        }

    def calls_to(self, method: str, where: Callable[[Call], bool] | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method and (where is None or where(c))]

    def wait_for(self, method: str, where: Callable[[Call], bool] | None = None, timeout: float = 15.0,
                 count: int = 1) -> list[Call]:
        """The first ``count`` calls to ``method`` matching ``where``, waiting up to ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls_to(method, where)
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                seen = [(c.method, c.body.get("channel"), c.text()[:80]) for c in self.calls]
                raise AssertionError(f"no {count} x {method} within {timeout}s; calls so far: {seen}")
            time.sleep(0.02)

    # --- the server -------------------------------------------------------------------------------------------------

    def _record(self, call: Call) -> None:
        with self._lock:
            self.calls.append(call)

    def _answer(self, method: str, body: dict[str, Any], token: str | None) -> tuple[int, dict[str, Any]]:
        if method == "apps.connections.open":  # Socket Mode: called with the app-level token, not the bot's
            if not (token or "").startswith("xapp-") or not self.socket_url:
                return 200, {"ok": False, "error": "invalid_auth"}
            return 200, {"ok": True, "url": self.socket_url}
        if token != self.token:
            return 200, {"ok": False, "error": "invalid_auth"}
        if method == "auth.test":
            return 200, {"ok": True, "url": "https://test.slack.com/", "team": "Test", "user": "vendor-bot",
                         "team_id": TEAM, "user_id": BOT_USER, "bot_id": "BBOT", "is_enterprise_install": False}
        if method in ("chat.postMessage", "chat.postEphemeral"):
            ts = self.next_ts()
            message = {"type": "message", "text": body.get("text"), "blocks": body.get("blocks"), "ts": ts,
                       "bot_id": "BBOT", "user": BOT_USER}
            key = "message_ts" if method == "chat.postEphemeral" else "ts"
            return 200, {"ok": True, "channel": body.get("channel"), key: ts, "message": message}
        if method == "chat.update":
            return 200, {"ok": True, "channel": body.get("channel"), "ts": body.get("ts"), "text": body.get("text")}
        if method == "files.info":
            file_id = str(body.get("file") or "")
            if file_id not in self.files:
                return 200, {"ok": False, "error": "file_not_found"}
            return 200, {"ok": True, "file": self.file_object(file_id)}
        if method == "views.publish":
            return 200, {"ok": True, "view": {"id": "V1", **(body.get("view") or {})}}
        if method == "conversations.open":
            users = str(body.get("users") or "U0")
            return 200, {"ok": True, "channel": {"id": "D" + users.split(",")[0].lstrip("U")}}
        return 200, {"ok": False, "error": "unknown_method"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
                return

            def _token(self) -> str | None:
                auth = self.headers.get("Authorization") or ""
                return auth[7:] if auth.startswith("Bearer ") else None

            def _body(self, path: str) -> dict[str, Any]:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body: dict[str, Any] = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
                ctype = self.headers.get("Content-Type") or ""
                if raw and "json" in ctype:
                    body.update(json.loads(raw))
                elif raw:
                    for key, values in parse_qs(raw.decode()).items():
                        value: Any = values[0]
                        if key in ("blocks", "view", "attachments"):
                            try:
                                value = json.loads(value)
                            except ValueError:
                                pass
                        body[key] = value
                if isinstance(body.get("view"), str):
                    body["view"] = json.loads(body["view"])
                return body

            def _send(self, status: int, payload: bytes, ctype: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                self._send(status, json.dumps(payload).encode(), "application/json; charset=utf-8")

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                self._dispatch()

            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                self._dispatch()

            def _dispatch(self) -> None:
                path = urlsplit(self.path).path
                token = self._token()
                body = self._body(self.path)
                if path.startswith("/files-pri/"):
                    file_id = path.split("/")[2].split("-", 1)[1]
                    fake._record(Call("files.download", path, token, {"file": file_id}))
                    f = fake.files.get(file_id)
                    if f is None:
                        self._send(404, b"not found", "text/plain")
                    elif token != fake.token:
                        self._send(200, b"<html><body>Sign in to Slack</body></html>", "text/html")
                    else:
                        self._send(200, f.data, f.mimetype)
                    return
                if path.startswith("/response/"):
                    fake._record(Call("response_url", path, token, body))
                    self._json(200, {"ok": True})
                    return
                method = path.removeprefix("/api/")
                status, payload = fake._answer(method, body, token)
                fake._record(Call(method, path, token, body, response=payload))
                self._json(status, payload)

        return Handler
