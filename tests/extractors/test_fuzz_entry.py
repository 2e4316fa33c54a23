"""Fuzz the entry point: random bytes, truncated and mutated PDFs. Whatever comes in, no exception comes out.

Every result must be either a reading (no error) or the contract's error object with a known code and a message.
"""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.limits import Limits
from extractors.model import Extraction
from extractors.reader import extract_bytes

from . import make_pdf

CODES = {"not_pdf", "encrypted", "corrupt", "empty", "too_large", "no_text_layer", "timeout"}
LIMITS = Limits(timeout_seconds=20)
FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@cache
def sample() -> bytes:
    return make_pdf.text_pdf([f"Page {i}\n{make_pdf.LOREM}" for i in range(1, 4)])


def _well_formed(result: Extraction, data: bytes) -> None:
    assert result.file.bytes == len(data)
    if result.error is not None:
        assert result.error.code in CODES
        assert result.error.message.strip()
    else:
        assert result.file.pages is not None and result.file.pages >= 1
    result.to_dict()  # serializes


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    _well_formed(extract_bytes(data, "random.pdf", limits=LIMITS), data)


@FUZZ
@given(st.binary(max_size=2048))
def test_random_bytes_behind_a_pdf_header(body: bytes) -> None:
    data = b"%PDF-1.7\n" + body + b"\n%%EOF\n"  # past the sniffing, into the parser
    _well_formed(extract_bytes(data, "header.pdf", limits=LIMITS), data)


@FUZZ
@given(st.data())
def test_truncated_prefixes_of_a_real_pdf(draw: st.DataObject) -> None:
    pdf = sample()
    cut = draw.draw(st.integers(min_value=0, max_value=len(pdf)))
    data = pdf[:cut]
    result = extract_bytes(data, "cut.pdf", limits=LIMITS)
    _well_formed(result, data)
    if cut < len(pdf.rstrip()) - 1024:
        assert result.error is not None


@FUZZ
@given(st.data())
def test_mutated_pdfs(draw: st.DataObject) -> None:
    pdf = bytearray(sample())
    for _ in range(draw.draw(st.integers(min_value=1, max_value=20))):
        pos = draw.draw(st.integers(min_value=0, max_value=len(pdf) - 1))
        pdf[pos] = draw.draw(st.integers(min_value=0, max_value=255))
    data = bytes(pdf)
    _well_formed(extract_bytes(data, "mutated.pdf", limits=LIMITS), data)


@FUZZ
@given(st.data())
def test_spliced_pdfs(draw: st.DataObject) -> None:
    """Chunks of a real PDF deleted or duplicated: broken xref offsets, objects cut mid-stream."""
    pdf = sample()
    a = draw.draw(st.integers(min_value=0, max_value=len(pdf)))
    b = draw.draw(st.integers(min_value=a, max_value=len(pdf)))
    data = pdf[:a] + pdf[b:] if draw.draw(st.booleans()) else pdf[:b] + pdf[a:]
    _well_formed(extract_bytes(data, "spliced.pdf", limits=LIMITS), data)
