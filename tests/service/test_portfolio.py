"""The portfolio on generated reports: import a folder, fourth parties, audit window, CUEC owners, red flags, report.

Four PDFs printed by tests/generator: Acme's SOC 2 Type 2 report carving out "Amazon Web Services, Inc.", the same
report copied for another vendor (a template mill's work: names changed, text kept) naming "AWS", a third vendor's
three-month Type 2 report including "Amazon.com Services LLC", and Acme's bridge letter. All go through the real
import (extractor child processes, SQLite file), the real assessment and the real API.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from service.alerts.models import Alert
from service.alerts.scheduled import run_daily
from service.api import create_app
from service.assessments import service as assessments
from service.assessments.models import FindingRead
from service.config import Settings
from service.database import forget_databases, get_database, utcnow
from service.portfolio import report as report_mod
from service.portfolio import service as portfolio
from service.portfolio.importer import import_folder
from service.vendors.models import Vendor
from tests.generator import bridge, soc
from tests.generator import soc_text as t
from tests.generator import words as w

from .conftest import BACKENDS, PG_URL, _pg_schema_url, bearer, make_token

CONTROLS = """
controls:
  - id: IAM-01
    title: Access provisioning
    owner: identity@buyer.example
    criteria: [CC6.2, CC6.3]
    keywords: [provisioning, deprovisioning, access]
  - id: SOC-02
    title: Incident notification to vendors
    owner: soc@buyer.example
    criteria: [CC7.3]
    keywords: [incident]
"""


@dataclasses.dataclass
class Portfolio:
    settings: Settings
    folder: Path
    plans: dict[str, Any]
    first: Any
    ids: dict[str, int]


def _plan(seed: int, **changes: Any) -> Any:
    plan = soc.make_plan("soc2_type2", seed)
    return dataclasses.replace(plan, **changes)


@pytest.fixture(scope="module", params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Portfolio]:
    if request.param == "sqlite":
        yield from _world(tmp_path_factory, None)
        return
    assert PG_URL is not None
    for url in _pg_schema_url(PG_URL):
        yield from _world(tmp_path_factory, url)


def _world(tmp_path_factory: pytest.TempPathFactory, database_url: str | None) -> Iterator[Portfolio]:
    root = tmp_path_factory.mktemp("portfolio")
    folder = root / "in"
    (folder / "nested").mkdir(parents=True)
    cuecs = [(t.CUECS[0][0].format(system="the Platform", short="Acme"), t.CUECS[0][1]),
             (t.CUECS[5][0].format(system="the Platform", short="Acme"), t.CUECS[5][1])]
    start, end = date(2025, 4, 1), date(2026, 3, 31)
    acme = _plan(11, vendor=w.Org("Acmeridge Analytics, Inc.", "Acmeridge"), opinion="unqualified", start=start,
                 end=end, report_date=end + timedelta(days=30), categories=["security"],
                 subservice=[("Amazon Web Services, Inc.", "cloud infrastructure hosting", "carve-out")], cuecs=cuecs,
                 cuec_style="table",
                 exceptions=[])
    copy = dataclasses.replace(acme, vendor=w.Org("Brindlecove Software, LLC", "Brindlecove"),
                               subservice=[("AWS", "cloud infrastructure hosting", "carve-out")])
    short = _plan(23, vendor=w.Org("Corvidale Health, Inc.", "Corvidale"), opinion="unqualified",
                  start=date(2026, 1, 1), end=date(2026, 3, 31), report_date=date(2026, 5, 2),
                  subservice=[("Amazon.com Services LLC", "infrastructure-as-a-service hosting", "inclusive")])
    plans = {"acme": acme, "copy": copy, "short": short}
    for name, plan in plans.items():
        data, _ = soc.render_plan(plan, 11 if name != "short" else 23)
        (folder / ("nested" if name == "copy" else ".") / f"{name}.pdf").write_bytes(data)
    letter, _ = bridge.build(5, vendor=acme.vendor, auditor=acme.auditor, system=acme.system, report=(start, end),
                             letter_date=date(2026, 6, 30))
    (folder / "acme-bridge.PDF").write_bytes(letter)
    (folder / "notes.pdf").write_bytes(b"these are meeting notes, not a PDF")
    controls = root / "controls.yaml"
    controls.write_text(CONTROLS)
    settings = Settings(data_dir=root / "data", parse_timeout_seconds=60, controls_file=controls,
                        critical_tiers=["critical"], concentration_share=0.5, database_url=database_url)
    first = import_folder(folder, settings=settings, workers=2)
    with get_database(settings).session() as s:
        ids = {v.name: v.id for v in s.query(Vendor).all()}
    yield Portfolio(settings, folder, plans, first, ids)
    forget_databases()


def _vendor(world: Portfolio, name: str) -> int:
    return next(i for n, i in world.ids.items() if n.startswith(name))


def test_import_stores_every_pdf_once_and_a_second_run_adds_nothing(world: Portfolio) -> None:
    assert world.first.line() == "4 new, 0 already there, 1 failed"
    assert "notes.pdf" in world.first.failed[0].path and "not a PDF" in str(world.first.failed[0].reason)
    again = import_folder(world.folder, settings=world.settings)
    assert again.line() == "0 new, 4 already there, 1 failed"
    kinds = sorted(r.kind or "" for r in world.first.results if r.outcome == "new")
    assert kinds == ["bridge_letter", "soc2_type2", "soc2_type2", "soc2_type2"]
    with get_database(world.settings).session() as s:  # as after an upload: the vendors' answers are stored
        kept = assessments.stored_answers(db_session=s, settings=world.settings, today=utcnow().date())
    assert sorted(kept) == sorted(world.ids.values())


def test_fourth_parties_are_one_provider_whatever_the_report_calls_it(world: Portfolio) -> None:
    with get_database(world.settings).session() as s:
        parties = portfolio.fourth_parties(db_session=s)
        aws = portfolio.who_depends_on(db_session=s, provider="aws")
    top = parties[0]
    assert top.provider == "Amazon Web Services"
    methods = {v.name.split()[0]: v.method for v in top.vendors}
    assert methods == {"Acmeridge": "carve-out", "Brindlecove": "carve-out", "Corvidale": "inclusive"}
    assert aws is not None and aws.provider == "Amazon Web Services" and len(aws.vendors) == 3


def test_concentration_alert_when_a_provider_carries_most_critical_vendors(world: Portfolio) -> None:
    with get_database(world.settings).session() as s:
        assert portfolio.concentration(db_session=s, settings=world.settings) == []  # no vendor is critical yet
        for vid in (_vendor(world, "Acmeridge"), _vendor(world, "Brindlecove")):
            s.get_one(Vendor, vid).tier = "Critical"
        s.commit()
        alerts = portfolio.concentration(db_session=s, settings=world.settings)
    assert [(a.provider, a.critical_vendors, a.of_critical) for a in alerts] == [("Amazon Web Services", 2, 2)]
    # the daily job raises it as an alert like any other: sent through the notifiers, once
    first = run_daily(world.settings)
    again = run_daily(world.settings)
    with get_database(world.settings).session() as s:
        raised = s.scalars(select(Alert).where(Alert.kind == "provider_concentration")).all()
        assert len(raised) == 1 and raised[0].status == "sent"
        assert "Amazon Web Services carries 2 of 2 critical vendors" in raised[0].message
        assert "Acmeridge" in raised[0].message and "Brindlecove" in raised[0].message
    assert first.created >= 0 and again.created == 0


def test_audit_window_coverage_and_gaps(world: Portfolio) -> None:
    acme = _vendor(world, "Acmeridge")
    with get_database(world.settings).session() as s:
        cov = portfolio.coverage(db_session=s, vendor_id=acme, start=date(2026, 1, 1), end=date(2026, 12, 31))
    kinds = [c.kind for c in cov.covered]
    assert kinds == ["soc_report", "bridge_letter"]
    assert cov.covered[0].end == date(2026, 3, 31) and cov.covered[1].start == date(2026, 4, 1)
    assert [(g.start, g.end) for g in cov.gaps] == [(date(2026, 7, 1), date(2026, 12, 31))]
    assert cov.covered_days == 181 and not cov.complete


def test_cuecs_go_to_the_buyers_control_owners(world: Portfolio) -> None:
    acme = _vendor(world, "Acmeridge")
    with get_database(world.settings).session() as s:
        answer = portfolio.vendor_cuecs(db_session=s, settings=world.settings, vendor_id=acme)
    owners = {c.text.split(" for ")[1][:20]: (c.control.id if c.control else None) for c in answer.cuecs}
    assert owners == {"provisioning and dep": "IAM-01", "the accuracy and com": None}
    owned = next(c for c in answer.cuecs if c.control)
    assert owned.control is not None and owned.control.owner == "identity@buyer.example"
    assert owned.page and owned.quote and "CC6.2" in owned.criteria and "criterion CC6.2" in owned.matched


def _findings(world: Portfolio, vendor: str) -> tuple[FindingRead, ...]:
    with get_database(world.settings).session() as s:
        a = assessments.assess_vendor(db_session=s, settings=world.settings, vendor_id=_vendor(world, vendor),
                                      today=date(2026, 6, 1))
    return a.result.findings


def test_red_flags_on_generated_reports(world: Portfolio) -> None:
    acme = _findings(world, "Acmeridge")
    dup = [f for f in acme if f.code == "NEAR_DUPLICATE"]
    assert len(dup) == 1 and "Brindlecove Software, LLC" in dup[0].reason and "copy.pdf" in dup[0].reason
    unowned = [f for f in acme if f.code == "CUECS_UNOWNED"]
    assert unowned and unowned[0].severity == "medium" and "accuracy" in (unowned[0].evidence[0].quote or "")
    short = _findings(world, "Corvidale")
    flags = {f.code for f in short}
    assert "TYPE2_SHORT_PERIOD" in flags and "NEAR_DUPLICATE" not in flags
    flag = next(f for f in short if f.code == "TYPE2_SHORT_PERIOD")
    assert flag.severity == "high" and "90 days" in flag.reason and flag.evidence[0].page


def test_api_fourth_parties_coverage_and_cuecs(world: Portfolio) -> None:
    app = create_app(world.settings, immediate=True)
    token = make_token(world.settings, "read")
    acme = _vendor(world, "Acmeridge")
    with TestClient(app) as client:
        parties = client.get("/fourth-parties", headers=bearer(token)).json()
        assert parties[0]["provider"] == "Amazon Web Services"
        assert {"id", "name", "method"} == set(parties[0]["vendors"][0])
        only = client.get("/fourth-parties", params={"provider": "Amazon.com"}, headers=bearer(token)).json()
        assert len(only) == 1 and len(only[0]["vendors"]) == 3
        cov = client.get(f"/vendors/{acme}/coverage", params={"from": "2026-01-01", "to": "2026-12-31"},
                         headers=bearer(token))
        assert cov.status_code == 200
        assert cov.json()["gaps"] == [{"start": "2026-07-01", "end": "2026-12-31", "days": 184, "certificate": None}]
        bad = client.get(f"/vendors/{acme}/coverage", params={"from": "2026-12-31", "to": "2026-01-01"},
                         headers=bearer(token))
        assert bad.status_code == 422
        cuecs = client.get(f"/vendors/{acme}/cuecs", headers=bearer(token)).json()
        assert cuecs["owned"] == 1 and cuecs["unowned"] == 1
        assert client.get("/vendors/999/cuecs", headers=bearer(token)).status_code == 404
        assert client.get("/fourth-parties").status_code == 401


def test_report_csv_and_workbook_hold_one_row_per_vendor(world: Portfolio, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    with get_database(world.settings).session() as s:
        built = report_mod.build(db_session=s, settings=world.settings, as_of=date(2026, 6, 1),
                                 window=(date(2026, 1, 1), date(2026, 12, 31)))
        # the answers were stored: the next report (and the API) reads them in three queries
        kept = assessments.stored_answers(db_session=s, settings=world.settings, today=date(2026, 6, 1))
        assert sorted(kept) == sorted(world.ids.values())
    report_mod.write_csv(built, tmp_path / "r.csv")
    report_mod.write_xlsx(built, tmp_path / "r.xlsx")
    rows = list(csv.DictReader((tmp_path / "r.csv").open()))
    assert len(rows) == len(world.ids) == 3
    acme = next(r for r in rows if r["vendor"].startswith("Acmeridge"))
    assert acme["verdict"] in ("meets_with_findings", "does_not_meet")
    assert acme["fourth_parties"] == "Amazon Web Services" and acme["open_cuecs"] == "1"
    assert acme["window_gaps"] == "2026-07-01..2026-12-31" and int(acme["red_flags"]) >= 1
    assert acme["next_date"] == "2026-06-30"  # the bridge letter runs out before the report goes stale
    wb = load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames[:3] == ["Vendors", "Findings", "Documents"]
    vendors, findings = wb["Vendors"], wb["Findings"]
    assert vendors.max_row == 4 and vendors["A1"].font.bold and vendors.freeze_panes == "C2"
    assert vendors.auto_filter.ref and findings.auto_filter.ref
    header = [c.value for c in findings[1]]
    assert header[-3:] == ["document", "page", "quote"]
    dup = [r for r in findings.iter_rows(min_row=2, values_only=True) if r[3] == "NEAR_DUPLICATE"]
    assert dup and all(r[4] == "yes" for r in dup)
    assert wb["Documents"].max_row == 5  # the four documents stored; a refused file is never stored


def test_cli_import_report_and_cuecs(
    world: Portfolio, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from cli import main

    if world.settings.database_url:
        monkeypatch.setenv("DATABASE_URL", world.settings.database_url)
    data_dir = str(world.settings.data_dir)
    assert main(["import", str(world.folder), "--data-dir", data_dir]) == 1  # the refused file is a failure
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == "0 new, 4 already there, 1 failed" and "notes.pdf: the file is not a PDF" in out
    assert "already there (soc2_type2, Acmeridge Analytics, Inc.)" in err  # plain progress lines off a terminal
    assert main(["import", str(tmp_path / "nowhere"), "--data-dir", data_dir]) == 2
    target = tmp_path / "portfolio.xlsx"
    assert main(["report", "--data-dir", data_dir, "--as-of", "2026-06-01", "-o", str(target)]) == 0
    assert target.exists() and "3 vendors" in capsys.readouterr().out
    assert main(["report", "--data-dir", data_dir, "-o", str(tmp_path / "r.txt")]) == 2
    controls = world.settings.controls_file
    assert controls is not None
    assert main(["cuecs", "acmeridge", "--controls", str(controls), "--data-dir", data_dir, "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["vendor_name"].startswith("Acmeridge") and answer["owned"] == 1 and answer["unowned"] == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("controls: [{id: A}]")
    assert main(["cuecs", "acmeridge", "--controls", str(bad), "--data-dir", data_dir]) == 2
    assert "'title' is required" in capsys.readouterr().err


def _read_flags(data: bytes) -> tuple[list[str], dict[str, Any]]:
    from extractors import extract_bytes
    from knowledge.rules.red_flags import read_signals, red_flags
    from service.portfolio.signals import page_texts

    x = extract_bytes(data, "generated.pdf")
    signals = read_signals(page_texts(data), x)
    return sorted(f.code for f in red_flags(x, signals)), signals


def test_a_report_signed_by_a_person_is_flagged_and_firms_reports_are_not() -> None:
    plan = dataclasses.replace(soc.make_plan("soc2_type2", 12), auditor="Dana R. Whitcombe, CPA")
    person, _ = soc.render_plan(plan, 12)
    codes, signals = _read_flags(person)
    assert codes == ["SIGNED_BY_PERSON"] and signals["signature"]["name"] == "Dana R. Whitcombe"
    assert signals["signature"]["page"] and "Whitcombe" in signals["signature"]["quote"]
    from tests.generator import build

    for name in ("soc2_type2", "soc3", "bridge_letter", "iso_27001_2022"):
        for seed in (1, 2):
            data, _ = build(name, seed)
            codes, signals = _read_flags(data)
            assert codes == [], (name, seed, codes)
            if name.startswith("soc"):
                assert signals["signature"]["by"] == "firm"


def test_two_copies_stored_at_the_same_moment_still_find_each_other(sqlite_settings: Settings) -> None:
    import threading

    import numpy as np
    from sqlalchemy import insert

    from knowledge.portfolio.fingerprint import PERMUTATIONS, Fingerprint
    from service.documents.models import Document
    from service.portfolio import signals
    from service.portfolio.models import NearDuplicate

    db = get_database(sqlite_settings)
    now = utcnow()
    with db.engine.begin() as conn:
        conn.execute(insert(Vendor), [{"id": i, "name": f"Vendor {i}", "normalized_name": f"vendor {i}",
                                       "aliases": [], "services": [], "created_at": now, "updated_at": now}
                                      for i in (1, 2)])
        conn.execute(insert(Document), [{"id": i, "sha256": f"{i:064x}", "filename": f"r{i}.pdf", "size": 1,
                                         "content_type": "application/pdf", "status": "parsed", "attempts": 1,
                                         "uploaded_at": now, "updated_at": now, "vendor_id": i,
                                         "kind": "soc2_type2"} for i in (1, 2)])
    template = Fingerprint(np.arange(PERMUTATIONS, dtype=np.uint64) * np.uint64(7919), 3000)
    start = threading.Barrier(2)

    def store(doc_id: int) -> None:
        with db.session() as s:
            start.wait()
            signals.store(db_session=s, document_id=doc_id, signals={}, fp=template)

    threads = [threading.Thread(target=store, args=(i,)) for i in (1, 2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    with db.session() as s:
        pairs = sorted((p.document_id, p.other_document_id) for p in s.query(NearDuplicate).all())
    assert pairs == [(1, 2), (2, 1)]
