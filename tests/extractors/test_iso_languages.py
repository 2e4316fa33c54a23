"""Certificates in German, French, Spanish, Italian, Dutch and Portuguese, monolingual and bilingual, read through
the real pipeline from PDFs the generator prints: every stated field's value, the page it cites and its quote."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from extractors import extract_bytes
from tests.extractors.make_pdf import text_pdf
from tests.generator import iso_local
from tests.generator.compare import evidence_problems, text_match
from tests.generator.expect import page_texts

FIELDS = ("vendor", "issuer", "accreditation_body", "certificate_number", "issue_date", "original_issue_date",
          "expiry_date", "scope")
CASES = [(lang, mode, seed) for lang in iso_local.LANGUAGES for mode in ("mono", "labels", "twin") for seed in (0, 1)]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@cache
def _extracted(lang: str, mode: str, seed: int) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    pdf, expected = iso_local.build(lang, seed, bilingual=mode)
    got = extract_bytes(pdf, expected["file"]["name"]).to_dict()
    return expected, got, page_texts(pdf)


@pytest.mark.parametrize(("lang", "mode", "seed"), CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_local_certificate_fields_with_page_and_quote(lang: str, mode: str, seed: int) -> None:
    expected, got, pages = _extracted(lang, mode, seed)
    variant = expected["x-generator"]["variant"]
    assert got["kind"] == "iso_certificate", variant
    for name in FIELDS:
        want, have = expected["fields"][name], got["fields"][name]
        if want is None:
            assert have is None, (name, have, variant)
            continue
        assert have is not None, (name, variant)
        if name in ("vendor", "issuer", "scope"):
            assert text_match(have["value"], want["value"]), (name, have, want, variant)
        else:
            assert have["value"] == want["value"], (name, have, want, variant)
        # The quote holds what the document prints for the field, and that is on the page it cites.
        assert _squash(want["quote"]) in _squash(have["quote"]), (name, have, want, variant)
        assert _squash(have["quote"]) in _squash(pages[have["page"] - 1]), (name, have, variant)
    assert [s["value"] for s in got["fields"]["standards"]] == ["ISO/IEC 27001:2022"], variant
    assert evidence_problems(got, pages) == []


def test_every_language_and_mode_is_generated() -> None:
    seen = {(c[0], _extracted(*c)[0]["x-generator"]["variant"]["bilingual"]) for c in CASES}
    assert seen == {(lang, mode) for lang in iso_local.LANGUAGES for mode in ("mono", "labels", "twin")}


def _certificate(*lines: str) -> dict[str, Any]:
    return extract_bytes(text_pdf(["\n".join(lines)]), "cert.pdf").to_dict()


def test_bilingual_certificate_number_reads_the_english_label_first() -> None:
    got = _certificate(
        "ZERTIFIKAT / CERTIFICATE",
        "Hiermit wird bescheinigt, dass / This is to certify that",
        "Ostwick Data GmbH",
        "ISO/IEC 27001:2022",
        "Registriernummer: 0451-17",
        "Certificate No.: DE-ISMS-20417",
        "Gültig bis / Valid until: 14.03.2028",
    )
    assert got["kind"] == "iso_certificate"
    assert got["fields"]["certificate_number"]["value"] == "DE-ISMS-20417"
    assert got["fields"]["vendor"]["value"] == "Ostwick Data GmbH"
    assert got["fields"]["expiry_date"]["value"] == "2028-03-14"


@pytest.mark.parametrize(
    ("lines", "issue", "expiry"),
    [
        (("Gültig vom 15. März 2025 bis 14. März 2028",), "2025-03-15", "2028-03-14"),
        (("Valable du 1er avril 2025 au 31 mars 2028",), "2025-04-01", "2028-03-31"),
        (("Vigencia: del 02/03/2025 al 01/03/2028",), "2025-03-02", "2028-03-01"),
        (("Valido dal 05/04/2025 al 04/04/2028",), "2025-04-05", "2028-04-04"),
        (("Geldig van 2 mei 2025 tot 1 mei 2028",), "2025-05-02", "2028-05-01"),
        (("Validade: de 3 de junho de 2025 a 2 de junho de 2028",), "2025-06-03", "2028-06-02"),
        (("Date d'émission : 04/02/2025", "Date d'expiration : 03/02/2028"), "2025-02-04", "2028-02-03"),
    ],
)
def test_validity_ranges_and_day_first_dates(lines: tuple[str, ...], issue: str, expiry: str) -> None:
    got = _certificate("Certificat / Certificado / Zertifikat", "Se certifica que / Nous certifions que",
                       "Fennick Cloud S.A.", "ISO/IEC 27001:2022", "Certificado nº 4471-22", *lines)
    f = got["fields"]
    assert got["kind"] == "iso_certificate"
    assert (f["issue_date"]["value"], f["expiry_date"]["value"]) == (issue, expiry)


def test_next_audit_and_statement_of_applicability_are_not_validity_dates() -> None:
    got = _certificate(
        "ZERTIFIKAT", "Hiermit wird bescheinigt, dass", "Marrowby Software AG", "ISO/IEC 27001:2022",
        "Erklärung zur Anwendbarkeit, Version 4.0 vom 02.01.2025.", "Zertifikat-Nr.: 12 345 67890 TMS",
        "Nächstes Überwachungsaudit: 20.02.2026", "Ausstellungsdatum: 03.02.2025", "Gültig bis: 02.02.2028",
    )
    f = got["fields"]
    assert (f["issue_date"]["value"], f["expiry_date"]["value"]) == ("2025-02-03", "2028-02-02")
    assert f["certificate_number"]["value"] == "12 345 67890 TMS"


def test_european_adoption_year_is_read_as_the_iso_edition() -> None:
    got = _certificate("ZERTIFIKAT", "Hiermit wird bescheinigt, dass", "Marrowby Software AG",
                       "die Anforderungen der DIN EN ISO/IEC 27001:2024 erfüllt.", "Gültig bis: 02.02.2028")
    assert [(s["value"], s["quote"]) for s in got["fields"]["standards"]] == [
        ("ISO/IEC 27001:2022", "EN ISO/IEC 27001:2024")]


@pytest.mark.parametrize(
    "lines",
    [
        ("Sicherheitsüberblick 2025", "Die Organisation hat ein ISMS nach ISO/IEC 27001:2022 eingeführt und strebt",
         "die Zertifizierung im Jahr 2026 an. Stand: 15. März 2025."),
        ("Politique de sécurité de l'information", "L'organisation applique les mesures de la norme ISO/IEC "
         "27001:2022 depuis le 1er avril 2025.", "La certification est prévue pour mars 2026."),
        ("Resumen de seguridad", "La organización aplica los controles de ISO/IEC 27001:2022 desde el 15 de marzo "
         "de 2025."),
    ],
)
def test_a_local_text_that_names_iso_27001_is_not_a_certificate(lines: tuple[str, ...]) -> None:
    got = _certificate(*lines)
    assert got["kind"] != "iso_certificate"
    assert got["fields"]["expiry_date"] is None
