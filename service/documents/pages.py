"""/documents/{id}/pages/{n}.png: a page of the stored PDF as an image, a field's quote highlighted on request.

Renders are cached on disk beside the stored PDF (``<sha256>.pages/``): the plain page once per width, and each
highlight once per quote, so a correction that moves a quote gets a new picture and the old one is never served for
it. Rendering takes pdfium's process-wide lock (``extractors.document.PDFIUM_LOCK``), shared with the parser.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, status
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from extractors.pictures import Box, highlight_png, page_count, page_width, quote_boxes, render_png

from ..deps import IdPath, Reader, SessionDep, SettingsDep
from . import corrections
from .service import file_store, get_or_raise

router = APIRouter(prefix="/documents", tags=["documents"])

WIDTHS = (160, 320, 640, 960, 1280)
DEFAULT_WIDTH = 960


def _width(asked: int | None) -> int:
    """The nearest cached size: a few widths keep the cache small whatever the clients ask for."""
    if asked is None:
        return DEFAULT_WIDTH
    return min(WIDTHS, key=lambda w: (abs(w - asked), w))


def _write_atomic(path: FilePath, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        FilePath(tmp).unlink(missing_ok=True)
        raise


def page_png(pdf: FilePath, number: int, width: int) -> tuple[bytes, bool]:
    """The plain render (PNG bytes) and whether it came from the cache."""
    cached = pdf.parent / f"{pdf.name}.pages" / f"p{number}-w{width}.png"
    if cached.exists():
        return cached.read_bytes(), True
    png = render_png(pdf, number, width)
    _write_atomic(cached, png)
    return png, False


def highlighted_png(pdf: FilePath, number: int, width: int, quote: str) -> tuple[bytes, bool, int]:
    """The page with the quote's boxes drawn; (PNG, from cache, number of boxes; -1 when cached)."""
    key = hashlib.sha256(f"{number}|{quote}".encode()).hexdigest()[:16]
    cached = pdf.parent / f"{pdf.name}.pages" / f"p{number}-w{width}-h{key}.png"
    if cached.exists():
        return cached.read_bytes(), True, -1
    boxes: list[Box] = quote_boxes(pdf, number, quote)
    base, _ = page_png(pdf, number, width)
    if not boxes:  # not found: the plain page, and no cache entry that would later pass for a highlight
        return base, False, 0
    png = highlight_png(base, page_width(pdf, number), boxes)
    _write_atomic(cached, png)
    return png, False, len(boxes)


@router.get(
    "/{document_id}/pages/{page}.png",
    name="get_document_page",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}},
)
async def get_page(
    db_session: SessionDep,
    settings: SettingsDep,
    _: Reader,
    document_id: IdPath,
    page: Annotated[int, Path(ge=1, le=100_000)],
    highlight: Annotated[
        str | None,
        Query(max_length=40, pattern=r"^[a-z_]+(\.evidence)?(\.\d{1,4})?$",
              description="A field (`period_end`, `exceptions.0`) whose quote to highlight."),
    ] = None,
    width: Annotated[int | None, Query(ge=16, le=4000, description="Pixels; rounded to 160/320/640/960/1280.")] = None,
) -> Response:
    """Page ``page`` (1-based) as a PNG; ``X-Highlight`` says whether the field's quote was found on it
    (``found``, ``not-found``, ``other-page`` when the field was read on another page, ``none``)."""
    doc = get_or_raise(db_session=db_session, document_id=document_id)
    db_session.commit()  # rendering takes a while: do not hold the read snapshot
    pdf = file_store(settings).path(doc.sha256)
    if not pdf.exists():
        raise HTTPException(status.HTTP_410_GONE, "the stored file is missing")
    if doc.content_type != "application/pdf":
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, "only PDF pages can be shown")
    pages = doc.pages
    if pages is None:
        pages = await run_in_threadpool(page_count, pdf)
    if page > pages:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"the document has {pages} page(s)")
    quote: str | None = None
    mark = "none"
    if highlight is not None:
        try:
            item = corrections.get_field(doc.extraction or {}, corrections.parse_path(highlight))
        except corrections.FieldNotFound as exc:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
        if item is None or not item.get("quote"):
            mark = "not-found"
        elif item.get("page") != page:
            mark = "other-page"
        else:
            quote = str(item["quote"])
    size = _width(width)
    try:
        if quote is None:
            png, hit = await run_in_threadpool(page_png, pdf, page, size)
        else:
            png, hit, boxes = await run_in_threadpool(highlighted_png, pdf, page, size, quote)
            mark = "found" if boxes != 0 else "not-found"
            if boxes == -1:  # from the cache: whether it found the quote was decided when it was drawn
                mark = "found"
    except Exception as exc:  # noqa: BLE001 - a page pdfium cannot draw is the user's answer, not a traceback
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"page {page} could not be drawn: {exc}") from exc
    headers = {"Cache-Control": "private, max-age=300", "X-Highlight": mark, "X-Cache": "hit" if hit else "miss"}
    return Response(png, media_type="image/png", headers=headers)
