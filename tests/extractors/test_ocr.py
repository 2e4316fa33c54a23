"""Scanned pages are read with Tesseract: only the pages that need it, marked, and named in a warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors import document, ocr
from extractors.reader import extract_bytes

from . import make_pdf

needs_tesseract = pytest.mark.skipif(not ocr.available(), reason="tesseract-ocr is not installed")

AUDITOR_LETTER = [
    "Independent Service Auditor's Report",
    "To the Management of Corvane Systems, Inc.",
    "Ernst & Young LLP",
    "for the period April 1, 2025 to March 31, 2026",
    "In our opinion, management's assertion is fairly stated,",
    "in all material respects.",
    "May 14, 2026",
]


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@needs_tesseract
def test_a_scanned_page_is_read_with_ocr() -> None:
    doc = document.load(make_pdf.scanned_pdf([AUDITOR_LETTER]))
    page = doc.page(1)
    assert page.ocr is True
    text = _fold(page.text)
    for line in AUDITOR_LETTER:
        assert line in text
    assert doc.ocr_pages == [1]


@needs_tesseract
def test_only_the_pages_without_a_text_layer_are_ocred() -> None:
    data = make_pdf.mixed_pdf(make_pdf.LOREM * 3, AUDITOR_LETTER, logo_page="Corvane Systems SOC 3 Report")
    doc = document.load(data)
    assert [p.ocr for p in doc.pages] == [False, True, False]
    assert doc.page(1).text.startswith("The service organization is responsible")
    assert doc.page(3).text.strip() == "Corvane Systems SOC 3 Report"  # a logo and a few words: a real text layer
    assert "Ernst & Young LLP" in doc.page(2).text
    assert doc.warnings == [
        "page 2: no text layer, read with OCR (Tesseract); check quotes taken from OCR against the PDF"
    ]


@needs_tesseract
@pytest.mark.skipif(ocr.page_mode() != "1", reason="needs Tesseract's orientation data (osd)")
def test_a_page_scanned_sideways_is_read() -> None:
    doc = document.load(make_pdf.scanned_pdf([AUDITOR_LETTER], rotate=90))
    text = _fold(doc.page(1).text)
    assert "Ernst & Young LLP" in text and "April 1, 2025 to March 31, 2026" in text


@needs_tesseract
def test_a_scan_with_a_few_stamped_words_is_still_ocred() -> None:
    """Scanning software stamps "Scanned by ... page 2"; the page's words are still only in the image."""
    data = make_pdf.mixed_pdf(make_pdf.LOREM * 3, AUDITOR_LETTER, stamp="Scanned with OfficeScan 4.2 - page 2 of 2")
    doc = document.load(data)
    assert [p.ocr for p in doc.pages] == [False, True]
    assert "Ernst & Young LLP" in doc.page(2).text


@needs_tesseract
def test_the_warning_reaches_the_extraction() -> None:
    data = make_pdf.scanned_pdf([AUDITOR_LETTER, AUDITOR_LETTER[:3]])
    result = extract_bytes(data, "scan.pdf")
    assert result.error is None and result.file.pages == 2
    assert any(w.startswith("pages 1-2: no text layer, read with OCR") for w in result.warnings)


def test_ocr_rejoins_a_sentence_tesseract_split_into_blocks() -> None:
    assert ocr.tidy("effective throughout the period April 1, 2023 to March\n\n31, 2024, to provide") == (
        "effective throughout the period April 1, 2023 to March\n31, 2024, to provide"
    )
    assert ocr.tidy("Opinion\n\nIn our opinion") == "Opinion\n\nIn our opinion"


def test_page_ranges_name_pages_compactly() -> None:
    assert ocr.page_ranges([9, 2, 3, 4]) == "2-4, 9"
    assert ocr.pages_phrase([7]) == "page 7"


@needs_tesseract
@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "period", "report_date"),
    [
        ("aws_soc3_2023-04_2024-03_EY.pdf", "April 1, 2023 to March 31, 2024", "May 14, 2024"),
        ("aws_soc3_2022-04_2022-09_EY.pdf", "April 1, 2022 to September 30, 2022", "November 14, 2022"),
    ],
)
def test_real_image_only_auditor_pages_become_readable(
    shared_dir: Path, name: str, period: str, report_date: str
) -> None:
    """AWS SOC 3: the EY opinion letter (pages 2-3) exists only as an image."""
    path = shared_dir / "samples" / "real" / name
    doc = document.load(path.read_bytes())
    assert doc.ocr_pages == [2, 3]
    letter = _fold(doc.page(2).text + "\n" + doc.page(3).text)
    assert "Ernst & Young LLP" in letter
    assert "We have examined management’s assertion" in letter
    assert "In our opinion, AWS’ controls over the system were effective throughout the period" in letter
    assert period in letter
    assert report_date in letter


@needs_tesseract
def test_tesseract_processes_stop_when_the_document_runs_out_of_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A wrapper records each Tesseract's pid; after the timeout none of them may still be running."""
    import os
    import shutil
    import time

    from extractors.limits import Limits

    pids = tmp_path / "pids"
    wrapper = tmp_path / "tesseract"
    wrapper.write_text(f'#!/bin/sh\necho $$ >> "{pids}"\nexec "{shutil.which("tesseract")}" "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("VA_TESSERACT", str(wrapper))
    ocr.tesseract_path.cache_clear()
    try:
        data = make_pdf.scanned_pdf([AUDITOR_LETTER * 3] * 6)
        result = extract_bytes(data, "slow-scan.pdf", limits=Limits(timeout_seconds=0.8))
    finally:
        ocr.tesseract_path.cache_clear()
    assert result.error is not None and result.error.code == "timeout"
    started = [int(p) for p in pids.read_text().split()]
    assert started
    time.sleep(0.2)
    alive = []
    for pid in started:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        with open(f"/proc/{pid}/stat") as fh:  # a killed child not yet reaped is a zombie: fine
            if fh.read().split()[2] != "Z":
                alive.append(pid)
    assert alive == []


GERMAN_CERTIFICATE = [
    "ZERTIFIKAT",
    "Hiermit wird bescheinigt, dass",
    "Grünwald Datenverarbeitung GmbH",
    "ein Managementsystem für Informationssicherheit",
    "nach ISO/IEC 27001:2022 eingeführt hat.",
    "Gültig bis: 14. März 2028",
]


@needs_tesseract
@pytest.mark.skipif("deu" not in ocr.installed_languages(), reason="tesseract-ocr-deu is not installed")
def test_ocr_languages_come_from_va_ocr_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    """A German certificate read in German keeps its umlauts; languages not installed are left out."""
    monkeypatch.setenv("VA_OCR_LANG", "deu+xyz+eng")
    assert ocr.languages() == "deu+eng"
    from tests.generator.scan import scanned

    # drawn with reportlab's Helvetica, which has the umlauts (the bitmap font of the other scans does not)
    doc = document.load(scanned(make_pdf.text_pdf(["\n".join(GERMAN_CERTIFICATE)]), seed=1))
    assert doc.page(1).ocr is True
    text = _fold(doc.page(1).text)
    assert "Grünwald Datenverarbeitung GmbH" in text and "14. März 2028" in text and "Gültig bis" in text
    monkeypatch.delenv("VA_OCR_LANG")
    assert ocr.languages() == "eng"
    english = _fold(document.load(scanned(make_pdf.text_pdf(["\n".join(GERMAN_CERTIFICATE)]), seed=1)).page(1).text)
    assert "14. März 2028" not in english  # what the setting is for: English alone loses the umlauts


@needs_tesseract
def test_ocr_falls_back_to_english_when_no_wanted_language_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VA_OCR_LANG", "xyz+abc")
    assert ocr.languages() == "eng"
