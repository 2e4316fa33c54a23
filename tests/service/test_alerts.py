"""Alerts: what the daily scan raises, and that each alert goes out once per document, kind and threshold."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from sqlalchemy.orm import Session

from extractors import Extraction
from service.alerts import service, triggers
from service.alerts.models import AlertRead
from service.alerts.notifiers import LogNotifier, WebhookNotifier
from service.config import Settings
from service.database import Database
from service.documents import service as documents

from .docs import certificate, generated


class Recorder:
    """A notifier that remembers what it was given (and can be told to fail)."""

    def __init__(self, name: str = "recorder", fail: bool = False) -> None:
        self.name = name
        self.fail = fail
        self.sent: list[AlertRead] = []
        self.lock = threading.Lock()

    def send(self, alerts: Sequence[AlertRead]) -> None:
        if self.fail:
            raise ConnectionError("down")
        with self.lock:
            self.sent.extend(alerts)


def _store(db_session: Session, settings: Settings, pdf: bytes, expected: dict[str, Any], name: str) -> int:
    """A document recorded with its known extraction, so these tests do not depend on the extractor's accuracy."""
    doc = documents.ingest(db_session=db_session, settings=settings, data=pdf, filename=name).document
    documents.record_extraction(
        db_session=db_session, document_id=doc.id, extraction=Extraction.from_dict(expected), settings=settings
    )
    return doc.id


def _row(**kw: Any) -> triggers.DocRow:
    base: dict[str, Any] = dict(
        id=1,
        vendor_id=1,
        vendor_name="V",
        filename="f.pdf",
        status="parsed",
        kind="iso_certificate",
        standards="ISO/IEC 27001:2022",
        period_end=None,
        issue_date=date(2024, 3, 1),
        original_issue_date=None,
        expiry_date=date(2027, 2, 28),
        error_message=None,
    )
    base.update(kw)
    return triggers.DocRow(**base)


def _due(row: triggers.DocRow, today: date) -> set[tuple[str, int]]:
    return {(c.kind, c.threshold) for c in triggers.due(row, today=today, thresholds=[90, 30, 7], freshness_days=365)}


def test_rules_pick_the_nearest_expiry_threshold_only() -> None:
    row = _row()
    assert ("certificate_expiry", 90) not in _due(row, date(2026, 11, 29))
    assert ("certificate_expiry", 90) in _due(row, date(2026, 11, 30))
    near = _due(row, date(2027, 2, 10))
    assert ("certificate_expiry", 30) in near and ("certificate_expiry", 90) not in near
    assert ("certificate_expiry", 7) in _due(row, date(2027, 2, 25))
    gone = _due(row, date(2027, 3, 1))
    assert ("certificate_expired", 0) in gone and not any(k == "certificate_expiry" for k, _ in gone)


def test_rules_for_2013_editions_surveillance_soc_bridge_and_failures() -> None:
    old = _due(_row(standards="ISO/IEC 27001:2013"), date(2025, 1, 1))
    assert ("iso_2013_edition", 0) in old
    assert ("surveillance_due", 1) in _due(_row(), date(2025, 2, 15))
    assert ("surveillance_due", 1) not in _due(_row(), date(2025, 6, 1))  # long past: no stale nagging
    soc = _row(kind="soc2_type2", standards=None, period_end=date(2025, 6, 30), expiry_date=None)
    assert _due(soc, date(2026, 6, 30)) == set()
    assert _due(soc, date(2026, 7, 1)) == {("soc_report_stale", 365)}
    bridge = _row(kind="bridge_letter", standards=None, period_end=date(2026, 9, 30), expiry_date=None)
    assert _due(bridge, date(2026, 10, 1)) == {("bridge_letter_expired", 0)}
    assert _due(_row(status="failed", error_message="corrupt"), date(2026, 1, 1)) == {("parse_failed", 0)}


def test_scan_sends_each_alert_once_across_runs_and_restarts(settings: Settings, db: Database) -> None:
    expiry = date(2027, 3, 31)
    with db.session() as s:
        pdf, expected = certificate(21, expiry)
        doc_id = _store(s, settings, pdf, expected, "cert.pdf")
    recorder = Recorder()
    day = expiry - timedelta(days=80)
    for _ in range(3):  # three daily runs, each in a new session as after a restart
        with db.session() as s:
            service.run_scan(db_session=s, settings=settings, today=day, notifiers=[recorder])
    keys = [(a.document_id, a.kind, a.threshold) for a in recorder.sent]
    assert (doc_id, "certificate_expiry", 90) in keys
    assert len(keys) == len(set(keys))
    with db.session() as s:
        service.run_scan(db_session=s, settings=settings, today=expiry - timedelta(days=20), notifiers=[recorder])
    keys = [(a.document_id, a.kind, a.threshold) for a in recorder.sent]
    assert keys.count((doc_id, "certificate_expiry", 30)) == 1
    alert = next(a for a in recorder.sent if a.kind == "certificate_expiry")
    assert alert.vendor_name == expected["fields"]["vendor"]["value"]
    assert alert.url and alert.url.endswith(f"/documents/{doc_id}")


def test_concurrent_scans_send_each_alert_once(settings: Settings, db: Database) -> None:
    with db.session() as s:
        for seed in range(30, 36):
            pdf, expected = certificate(seed, date(2027, 1, 15))
            _store(s, settings, pdf, expected, f"c{seed}.pdf")
    recorder = Recorder()
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def scan() -> None:
        try:
            with db.session() as s:
                barrier.wait()
                service.run_scan(db_session=s, settings=settings, today=date(2026, 12, 1), notifiers=[recorder])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    keys = [(a.document_id, a.kind, a.threshold) for a in recorder.sent]
    assert len(keys) == len(set(keys)) and len({k[0] for k in keys}) == 6


def test_a_failing_notifier_is_retried_without_repeating_the_others(settings: Settings, db: Database) -> None:
    with db.session() as s:
        pdf, expected = certificate(40, date(2027, 1, 15))
        _store(s, settings, pdf, expected, "c.pdf")
    good, bad = Recorder("good"), Recorder("bad", fail=True)
    with db.session() as s:
        first = service.run_scan(db_session=s, settings=settings, today=date(2026, 12, 1), notifiers=[good, bad])
    assert first.failed >= 1 and first.sent == 0
    with db.session() as s:
        assert {a.status for a in service.list_alerts(db_session=s, settings=settings)} == {"pending"}
    bad.fail = False
    with db.session() as s:
        second = service.run_scan(db_session=s, settings=settings, today=date(2026, 12, 1), notifiers=[good, bad])
    assert second.sent == first.failed
    assert len(good.sent) == len(bad.sent) == first.failed


def test_acknowledge_and_snooze(settings: Settings, db: Database) -> None:
    with db.session() as s:
        pdf, expected = certificate(41, date(2027, 1, 15))
        _store(s, settings, pdf, expected, "c.pdf")
    recorder = Recorder()
    with db.session() as s:
        service.run_scan(db_session=s, settings=settings, today=date(2026, 12, 1), notifiers=[recorder])
        alerts = service.list_alerts(db_session=s, settings=settings)
        assert alerts and all(a.status == "sent" for a in alerts)
        service.acknowledge(db_session=s, alert_id=alerts[0].id, by="kim")
        if len(alerts) > 1:
            service.snooze(db_session=s, alert_id=alerts[1].id, until=date(2026, 12, 5))
        with pytest.raises(service.AlertNotFound):
            service.acknowledge(db_session=s, alert_id=999_999)
    sent_before = len(recorder.sent)
    with db.session() as s:
        service.run_scan(db_session=s, settings=settings, today=date(2026, 12, 5), notifiers=[recorder])
        statuses = {a.id: a.status for a in service.list_alerts(db_session=s, settings=settings)}
    assert statuses[alerts[0].id] == "acknowledged"
    if len(alerts) > 1:
        assert statuses[alerts[1].id] == "sent"
        assert [a.id for a in recorder.sent[sent_before:]] == [alerts[1].id]


def test_upcoming_lists_what_will_fire(settings: Settings, db_session: Session) -> None:
    pdf, expected = certificate(42, date(2027, 6, 30))
    doc_id = _store(db_session, settings, pdf, expected, "c.pdf")
    coming = service.upcoming(db_session=db_session, settings=settings, today=date(2027, 3, 1), days=60)
    assert [(u.document_id, u.kind, u.threshold, u.fires_on) for u in coming if u.kind == "certificate_expiry"] == [
        (doc_id, "certificate_expiry", 90, date(2027, 4, 1))
    ]


def test_failed_parse_raises_an_alert(settings: Settings, db_session: Session) -> None:
    doc = documents.ingest(db_session=db_session, settings=settings, data=b"%PDF-1.4\n\x00junk", filename="x.pdf")
    documents.process(db_session=db_session, settings=settings, document_id=doc.document.id)
    recorder = Recorder()
    service.run_scan(db_session=db_session, settings=settings, today=date(2026, 12, 1), notifiers=[recorder])
    assert [(a.kind, a.filename) for a in recorder.sent] == [("parse_failed", "x.pdf")]


@pytest.fixture
def webhook_server() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    server.shutdown()


def test_webhook_and_log_notifiers_deliver(
    settings: Settings,
    db_session: Session,
    webhook_server: tuple[str, list[dict[str, Any]]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    url, received = webhook_server
    pdf, expected = generated("iso_27001_2013", 3)
    _store(db_session, settings, pdf, expected, "old.pdf")
    with caplog.at_level("WARNING", logger="vendor_assurance.alerts"):
        result = service.run_scan(
            db_session=db_session,
            settings=settings,
            today=date(2026, 12, 1),
            notifiers=[LogNotifier(), WebhookNotifier(url)],
        )
    assert result.sent >= 1
    kinds = {a["kind"] for batch in received for a in batch["alerts"]}
    assert "iso_2013_edition" in kinds
    assert any("iso_2013_edition" in r.getMessage() for r in caplog.records)


def test_soc_freshness_follows_the_profile_in_months() -> None:
    soc = _row(kind="soc2_type2", standards=None, period_end=date(2025, 2, 28), expiry_date=None)
    kw: dict[str, Any] = {"thresholds": [90, 30, 7], "freshness_days": 365, "freshness_months": 18}
    assert not triggers.due(soc, today=date(2026, 8, 28), **kw)
    assert [(c.kind, c.fires_on) for c in triggers.due(soc, today=date(2026, 8, 29), **kw)] == [
        ("soc_report_stale", date(2026, 8, 29))
    ]


def test_alert_rules_agree_with_knowledge_day_by_day() -> None:
    """One definition of each rule: the alerts fire on exactly the days knowledge's rules change their answer."""
    from knowledge import soc_freshness, surveillance_due

    soc = _row(kind="soc2_type2", standards=None, period_end=date(2024, 2, 29), expiry_date=None)
    cert = _row(issue_date=date(2024, 2, 29), expiry_date=date(2027, 2, 27))
    day = date(2025, 1, 1)
    while day < date(2026, 6, 1):
        kinds = {c.kind for c in triggers.due(soc, today=day, thresholds=[7], freshness_days=365, freshness_months=12)}
        assert ("soc_report_stale" in kinds) == (not soc_freshness(date(2024, 2, 29), day, 12).fresh), day
        audits = {c.due_date for c in triggers.candidates(cert, thresholds=[90], freshness_days=365)
                  if c.kind == "surveillance_due"}
        assert surveillance_due(date(2024, 2, 29), date(2027, 2, 27), day).next_due in audits | {None}
        day += timedelta(days=1)
    assert ("iso_2013_edition", 0) in _due(_row(standards="ISO/IEC 27001:2013|ISO/IEC 27017:2015"), date(2025, 1, 1))
    assert not any(k == "iso_2013_edition" for k, _ in _due(_row(standards="ISO/IEC 27018:2019"), date(2025, 1, 1)))
