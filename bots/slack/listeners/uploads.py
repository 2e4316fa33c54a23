"""Upload triage: a PDF shared in a channel the bot is in, or in a DM, answered in its thread with the triage card.

A shared file reaches the app twice (a ``message`` with subtype ``file_share`` and a ``file_shared`` event, plus an
``app_mention`` when the message names the bot); each (file, channel) is triaged once. The file is downloaded with
the bot token from ``url_private_download``, ingested through the service (content-addressed, so a second upload
of the same bytes is a duplicate with its first uploader and date), parsed in this thread, and answered.
"""

from __future__ import annotations

import logging
import time
from typing import Any
from urllib.parse import urlsplit

import httpx
from slack_bolt import Ack, App
from slack_sdk import WebClient
from sqlalchemy.orm import Session

from service.documents import intake
from service.documents import service as documents
from service.documents.models import Document
from service.documents.service import UnsupportedContent, sniff

from ... import memory
from ...brain.triage import triage_answer
from ..blocks import answer_blocks, escape, status_blocks, text_fallback
from ..deps import Deps
from ..errors import polite

log = logging.getLogger("vendor_assurance.slack")

# What a channel member shares all day (images, video, audio) is not a document for us; in a channel the bot stays
# quiet about those. In a DM every file gets an answer.
_DOCUMENT_TYPES = {"pdf", "doc", "docx", "odt", "rtf", "zip", "binary", "text", "txt", "xls", "xlsx"}
SLACK_FILE_HOSTS = {"files.slack.com", "slack-files.com"}
WAIT_FOR_OTHER_PARSER = 0.2


class DownloadFailed(RuntimeError):
    """The file could not be fetched from Slack."""


def _is_document(file: dict[str, Any]) -> bool:
    filetype = (file.get("filetype") or "").lower()
    mimetype = (file.get("mimetype") or "").lower()
    name = (file.get("name") or "").lower()
    return filetype in _DOCUMENT_TYPES or mimetype.startswith("application/") or name.endswith(".pdf")


def _allowed_download(url: str, deps: Deps) -> bool:
    """The bot token is only ever sent to Slack's file hosts (or the configured API host, for the stand-in)."""
    host = urlsplit(url).hostname or ""
    api_host = urlsplit(deps.settings.slack_api_base_url).hostname or ""
    return host in SLACK_FILE_HOSTS or host.endswith(".slack.com") or host == api_host


def download(url: str, deps: Deps) -> bytes:
    """The file's bytes, fetched with the bot token; a login page instead of the file means a missing scope."""
    if not _allowed_download(url, deps):
        raise DownloadFailed(f"refusing to send the bot token to {urlsplit(url).hostname}")
    limit = deps.settings.max_upload_bytes
    with httpx.Client(timeout=60, follow_redirects=True) as http, http.stream(
        "GET", url, headers={"Authorization": f"Bearer {deps.token}"}
    ) as response:
        if response.status_code != 200:
            raise DownloadFailed(f"Slack answered {response.status_code} for the file")
        if "text/html" in response.headers.get("content-type", ""):
            raise DownloadFailed("Slack sent a login page instead of the file (the app needs the files:read scope)")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise DownloadFailed(f"the file is over the {limit // (1024 * 1024)} MB limit")
            chunks.append(chunk)
    return b"".join(chunks)


def _share_ts(file: dict[str, Any], channel: str) -> str | None:
    """The ts of the message that shared ``file`` in ``channel`` (files.info lists shares per channel)."""
    shares = file.get("shares") or {}
    for scope in ("public", "private"):
        for entry in (shares.get(scope) or {}).get(channel) or []:
            if entry.get("ts"):
                return str(entry["ts"])
    return None


class Triage:
    """One file shared in one conversation, from the first reply to the card."""

    def __init__(self, deps: Deps, client: WebClient, channel: str, thread_ts: str | None, user: str | None,
                 channel_type: str | None) -> None:
        self.deps = deps
        self.client = client
        self.channel = channel
        self.thread_ts = thread_ts
        self.user = user
        self.channel_type = channel_type
        self.started = time.perf_counter()

    @property
    def dm(self) -> bool:
        return self.channel_type == "im" or self.channel.startswith("D")

    def say(self, text: str) -> str | None:
        resp = self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=text,
                                            blocks=status_blocks(text))
        return str(resp.get("ts")) if resp.get("ts") else None

    def run(self, file: dict[str, Any]) -> None:
        if not self.deps.settings.slack_bot_token:
            return
        if file.get("file_access") == "check_file_info" or not file.get("url_private_download"):
            file = self.client.files_info(file=file["id"])["file"]
        if not self.dm and not _is_document(file):
            return
        raw_name = str(file.get("name") or file.get("title") or "file")
        name = escape(raw_name)  # the messages below are mrkdwn: a file name must not become a mention or a link
        size = int(file.get("size") or 0)
        if size > self.deps.settings.max_upload_bytes:
            self.say(f":warning: *{name}* is {size // (1024 * 1024)} MB; I read files up to "
                     f"{self.deps.settings.max_upload_bytes // (1024 * 1024)} MB.")
            return
        try:
            data = download(file.get("url_private_download") or file.get("url_private") or "", self.deps)
        except (DownloadFailed, httpx.HTTPError) as exc:
            self.say(f":warning: I could not download *{name}*: {escape(str(exc))}")
            return
        try:
            sniff(data)
        except UnsupportedContent as exc:
            self.say(self._unsupported(name, exc))
            return
        pages = documents.count_pages(data)
        what = f"{pages} page{'s' if pages != 1 else ''}" if pages else "the PDF"
        progress_ts = self.say(f":hourglass_flowing_sand: Reading {what} of *{name}*…")
        with self.deps.session() as session:
            try:
                result = intake.receive(db_session=session, settings=self.deps.settings, data=data,
                                        filename=raw_name, uploaded_by=f"slack:{self.user}" if self.user else None,
                                        parse="now")
            except UnsupportedContent as exc:
                self._finish(progress_ts, self._unsupported(name, exc))
                return
            except documents.UploadTooLarge as exc:
                self._finish(progress_ts, f":no_entry_sign: *{name}* is too large: {escape(str(exc))}.")
                return
            doc = self._parsed(session, result.document)
        seconds = time.perf_counter() - self.started
        with self.deps.context(self.channel) as ctx:
            fresh = documents.get(db_session=ctx.db_session, document_id=doc.id) or doc
            answer = triage_answer(fresh, ctx, duplicate=not result.created, seconds=None if not result.created
                                   else seconds)
        full = self.deps.may_show_details(self.channel, self.channel_type)
        self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=text_fallback(answer),
                                     blocks=answer_blocks(answer, full=full))
        done = (f":white_check_mark: Read {what} of *{name}* in {seconds:.1f} s." if result.created
                else f":repeat: *{name}* was uploaded before; here is what I read then.")
        if answer.kind == "triage_failed":
            done = f":no_entry_sign: I could not read *{name}*."
        self._finish(progress_ts, done, post_if_missing=False)

    @staticmethod
    def _unsupported(name: str, exc: Exception) -> str:
        return (f":no_entry_sign: *{name}* is not something I can read: {escape(str(exc))}. Share the vendor's "
                "SOC 2 report, bridge letter or ISO certificate as a PDF.")

    def _parsed(self, session: Session, doc: Document) -> Document:
        """The document as parsed: ``intake`` parsed it now unless another worker holds it; then wait for that
        worker's result (bounded by the timeout)."""
        deadline = time.monotonic() + self.deps.settings.parse_timeout_seconds
        while doc.status in ("queued", "parsing") and time.monotonic() < deadline:
            time.sleep(WAIT_FOR_OTHER_PARSER)
            session.expire_all()
            found = documents.get(db_session=session, document_id=doc.id)
            if found is None:
                break
            doc = found
            session.commit()
        return doc

    def _finish(self, ts: str | None, text: str, post_if_missing: bool = True) -> None:
        if ts:
            self.client.chat_update(channel=self.channel, ts=ts, text=text, blocks=status_blocks(text))
        elif post_if_missing:
            self.say(text)


def register(app: App, deps: Deps) -> None:
    def _ack(ack: Ack) -> None:
        ack()

    def _once(file_id: str, channel: str) -> bool:
        return memory.first_time(deps.db, f"file:{file_id}:{channel}")

    @polite
    def from_message(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        channel = event["channel"]
        for file in event.get("files") or []:
            if not file.get("id") or not _once(file["id"], channel):
                continue
            thread = event.get("thread_ts") or event.get("ts")
            Triage(deps, client, channel, thread, event.get("user"), event.get("channel_type")).run(file)

    @polite
    def from_file_shared(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        channel = event.get("channel_id") or ""
        file_id = event.get("file_id") or (event.get("file") or {}).get("id")
        if not channel or not file_id or not _once(file_id, channel):
            return
        file = client.files_info(file=file_id)["file"]
        thread = _share_ts(file, channel)
        channel_type = "im" if channel.startswith("D") else None
        Triage(deps, client, channel, thread, event.get("user_id"), channel_type).run(file)

    app.event({"type": "message", "subtype": "file_share"})(ack=_ack, lazy=[from_message])
    app.event("app_mention", matchers=[lambda event: bool(event.get("files"))])(ack=_ack, lazy=[from_message])
    app.event("file_shared")(ack=_ack, lazy=[from_file_shared])
