"""/documents: upload (202 + a status URL), status and extraction, the original file, vendor confirmation."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile, status
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..deps import Admin, IdPath, Reader, SessionDep, SettingsDep, Writer, Written, written
from ..inputs import SafeStr, unsafe_reason
from . import intake, service
from .models import STATUSES, DocumentAccepted, DocumentRead, VendorAssign

router = APIRouter(prefix="/documents", tags=["documents"])

_CHUNK = 1024 * 1024


async def _read_limited(upload: UploadFile, limit: int) -> bytes:
    """Read at most ``limit`` bytes; 413 beyond, without holding more than one extra chunk in memory."""
    parts: list[bytes] = []
    total = 0
    while True:
        chunk = await upload.read(_CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > limit:
            raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, f"the file is over the limit of {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


def _check_form(form: Any, filename: str) -> None:
    """One ``file`` part, and names that can be stored: refused before the bytes are stored (a 422)."""
    if len(form.getlist("file")) > 1:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "send one file per upload (this request has several 'file' parts)"
        )
    reason = unsafe_reason(filename)
    if reason is not None:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, f"the file name cannot be stored: {reason}")


@router.post("", response_model=DocumentAccepted, status_code=status.HTTP_202_ACCEPTED)
async def upload(
    request: Request,
    settings: SettingsDep,
    principal: Writer,
    file: Annotated[UploadFile, File(description="The PDF (one per request).")],
    vendor: Annotated[
        SafeStr | None, Form(max_length=300, description="A vendor id or name to file it under.")
    ] = None,
) -> DocumentAccepted:
    """Store the PDF once (the same bytes again return the same document) and queue it for parsing.

    A token without the read scope is not told who uploaded the same bytes first, or when."""
    filename = file.filename or "document.pdf"
    _check_form(await request.form(), filename)
    data = await _read_limited(file, settings.max_upload_bytes)
    db = request.app.state.db

    def work() -> DocumentAccepted:
        with db.session() as db_session:
            result = intake.receive(
                db_session=db_session,
                settings=settings,
                data=data,
                filename=filename,
                uploaded_by=principal.name,
                vendor=vendor,
                parse="queue",
            )
            doc = result.document
            if result.started:
                db_session.expire_all()
                doc = service.get_or_raise(db_session=db_session, document_id=doc.id)
            reader = principal.allows("read")
            return DocumentAccepted(
                id=doc.id,
                status=doc.status,
                status_url=str(request.url_for("get_document", document_id=doc.id).path),
                file_url=str(request.url_for("get_document_file", document_id=doc.id).path),
                sha256=doc.sha256,
                created=result.created,
                first_uploaded_by=doc.uploaded_by if reader else None,
                first_uploaded_at=doc.uploaded_at if reader else None,
            )

    return await run_in_threadpool(work)


@router.get("", response_model=list[DocumentRead])
def list_documents(
    db_session: SessionDep,
    _: Reader,
    vendor_id: Annotated[int | None, Query(ge=1, le=2_147_483_647)] = None,
    status_: Annotated[str | None, Query(alias="status", pattern="^(" + "|".join(STATUSES) + ")$")] = None,
    needs_review: bool = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[DocumentRead]:
    """Documents, newest first, without their extraction; ``needs_review`` lists uncertain vendor matches."""
    docs = service.list_documents(
        db_session=db_session,
        vendor_id=vendor_id,
        status=status_,
        needs_review=needs_review,
        limit=limit,
        offset=offset,
    )
    return [DocumentRead.from_document(d, with_extraction=False) for d in docs]


@router.get("/{document_id}", response_model=DocumentRead, name="get_document")
def get_document(db_session: SessionDep, _: Reader, document_id: IdPath) -> DocumentRead:
    """Status (queued, parsing, parsed, failed with the reason) and, once parsed, the extraction."""
    return DocumentRead.from_document(service.get_or_raise(db_session=db_session, document_id=document_id))


@router.get(
    "/{document_id}/file",
    name="get_document_file",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
def get_document_file(db_session: SessionDep, settings: SettingsDep, _: Reader, document_id: IdPath) -> Response:
    """The original bytes as uploaded."""
    doc = service.get_or_raise(db_session=db_session, document_id=document_id)
    try:
        data = service.file_store(settings).get(doc.sha256)
    except OSError as exc:
        raise HTTPException(status.HTTP_410_GONE, "the stored file is missing") from exc
    return Response(
        data, media_type=doc.content_type, headers={"Content-Disposition": content_disposition(doc.filename)}
    )


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII ``filename`` for old clients and the exact name as RFC 5987 ``filename*``
    (RFC 6266): a header must be Latin-1, and a Turkish, Chinese or Cyrillic name is not."""
    ascii_name = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._- ()") else "_" for ch in filename)
    ascii_name = ascii_name.strip() or "document.pdf"
    value = f'attachment; filename="{ascii_name}"'
    if ascii_name != filename:
        value += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return value


@router.put("/{document_id}/vendor", response_model=DocumentRead | Written)
def assign_vendor(
    db_session: SessionDep, principal: Writer, document_id: IdPath, body: VendorAssign
) -> DocumentRead | Written:
    """Confirm or correct the vendor of a document (e.g. one flagged as an uncertain match); a write-only token
    gets the id."""
    doc = service.assign_vendor(db_session=db_session, document_id=document_id, vendor_id=body.vendor_id)
    return written(principal, DocumentRead.from_document(doc, with_extraction=False), doc.id)


@router.post("/{document_id}/reparse", response_model=DocumentRead, status_code=status.HTTP_202_ACCEPTED)
def reparse(db_session: SessionDep, _: Admin, document_id: IdPath) -> DocumentRead:
    """Parse the stored file again (after an extractor upgrade, say)."""
    doc = intake.parse_again(db_session=db_session, document_id=document_id)
    return DocumentRead.from_document(doc, with_extraction=False)
