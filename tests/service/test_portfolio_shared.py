"""The portfolio on ../shared/samples (generated) and ../shared/samples/real (published documents); skipped without.

What each red flag finds on the published documents is pinned here: the SES ISO/IEC 27017 and 27018 certificates'
scope names Slack Technologies (a copy from another client's certificate); the CertPro SOC 2 report is signed by a
person whose licence names no US state board; the firms' reports (Armanino, Deloitte) raise nothing.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from extractors import extract_bytes
from knowledge.portfolio import normalize_provider
from knowledge.rules.red_flags import read_signals, red_flags
from service.config import Settings
from service.database import forget_databases
from service.portfolio.importer import import_folder
from service.portfolio.report import build, write_csv
from service.portfolio.signals import page_texts

pytestmark = pytest.mark.shared


def _flags(path: Path) -> tuple[list[str], object]:
    data = path.read_bytes()
    x = extract_bytes(data, path.name)
    signals = read_signals(page_texts(data), x)
    return sorted(f.code for f in red_flags(x, signals)), x


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("hackerbay-fyipe_iso27017_2019_SES.pdf", ["SCOPE_OTHER_ORGANIZATION"]),
        ("hackerbay-fyipe_iso27018_2019_SES.pdf", ["SCOPE_OTHER_ORGANIZATION"]),
        ("product-fruits_soc2-type2_2024-07_2025-07_certpro.pdf", ["LICENCE_UNVERIFIED", "SIGNED_BY_PERSON"]),
        ("tembo_soc2-type1_2023-11-30_armanino.pdf", []),
        ("axisphere-mediaworx_iso27001_2025_QRO.pdf", []),
        ("kinde_iso27001-2022_2026_compass-assurance.pdf", []),
        ("hackerbay-fyipe_soc3_2018-10_2019-09_SES.pdf", []),
    ],
)
def test_red_flags_on_published_documents(shared_dir: Path, name: str, expected: list[str]) -> None:
    path = shared_dir / "samples" / "real" / name
    if not path.exists():
        pytest.skip(f"{name} is not in ../shared/samples/real")
    codes, _ = _flags(path)
    assert codes == expected


def test_fourth_parties_of_published_reports(shared_dir: Path) -> None:
    path = shared_dir / "samples" / "real" / "product-fruits_soc2-type2_2024-07_2025-07_certpro.pdf"
    if not path.exists():
        pytest.skip("the CertPro report is not in ../shared/samples/real")
    x = extract_bytes(path.read_bytes(), path.name)
    providers = sorted({normalize_provider(str(s.value)) for s in x.fields.subservice_organizations})
    assert "Amazon Web Services" in providers and "Microsoft" in providers


def test_import_the_shared_samples_twice_and_report(shared_dir: Path, tmp_path: Path) -> None:
    folder = shared_dir / "samples"
    settings = Settings(data_dir=tmp_path / "data", parse_timeout_seconds=120)
    try:
        first = import_folder(folder, settings=settings, workers=2, recursive=False)
        pdfs = len(list(folder.glob("*.pdf")))
        assert first.count("new") + first.count("failed") == pdfs and first.count("new") >= pdfs - 1
        again = import_folder(folder, settings=settings, recursive=False)
        assert again.count("new") == 0 and again.count("existing") == first.count("new")
        from service.database import get_database

        with get_database(settings).session() as s:
            report = build(db_session=s, settings=settings, as_of=date(2026, 6, 1),
                           window=(date(2026, 1, 1), date(2026, 12, 31)))
        write_csv(report, tmp_path / "r.csv")
        rows = list(csv.DictReader((tmp_path / "r.csv").open()))
        assert len({r["vendor_id"] for r in rows}) == len(rows) and all(r["verdict"] for r in rows)
        ledgerline = next(r for r in rows if r["vendor"].startswith("Ledgerline"))
        assert ledgerline["window_covered_days"].split("/")[0] != "0"
    finally:
        forget_databases()
