"""The reviewer's pages under /ui: server-rendered HTML, one small vendored script for drag-and-drop upload.

Every page needs a signed-in browser (``service.auth.sessions``); without one it sends the person to the login
page and back. Every form carries the session's CSRF token and every POST checks it. Changes go through the same
service functions as the API (``service.documents.corrections`` and friends), so the page and the API cannot
disagree, and every response forbids framing and any script or picture from elsewhere.
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from service.assessments import service as assessments
from service.auth import service as auth_service
from service.auth import sessions
from service.auth.service import Principal
from service.config import Settings
from service.database import Database, utcnow
from service.documents import corrections, intake
from service.documents import service as documents
from service.documents.models import Document
from service.documents.review_models import FieldCorrection
from service.profiles import AssessmentUnavailable, ProfileNotFound
from service.vendors import service as vendors

from . import charts, data

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.globals.update(
    verdict_text=data.VERDICT_TEXT, kind_text=data.KIND_TEXT, field_text=data.FIELD_TEXT,
    event_text=data.EVENT_TEXT, opinions=corrections.OPINIONS, categories=corrections.CATEGORIES,
)

router = APIRouter(prefix="/ui", include_in_schema=False)

LOGIN_CSRF = "va_login_csrf"
FLASH = "va_flash"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class LoginRequired(Exception):
    """No valid session: the handler sends the browser to the login page, then back to ``next``."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


class Refused(Exception):
    """A request the page must refuse with a readable page, not a traceback (bad CSRF token, missing scope)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class Viewer:
    principal: Principal
    session: sessions.WebSession

    @property
    def can_write(self) -> bool:
        return self.principal.allows("write")

    @property
    def can_admin(self) -> bool:
        return self.principal.allows("admin")


def _secure(request: Request) -> bool:
    """Secure cookies when the browser talks HTTPS (directly or through a proxy that says so)."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https"


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def viewer(request: Request) -> Viewer:
    """The signed-in person, or LoginRequired; a session whose token lost its read scope is refused."""
    session = sessions.read(_settings(request).data_dir, request.cookies.get(sessions.COOKIE))
    principal = None
    if session is not None:
        with _db(request).session() as db_session:
            principal = sessions.principal(db_session, session)
    if session is None or principal is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target if request.method == "GET" else "/ui/")
    if not principal.allows("read"):
        raise Refused(403, "This token cannot read reports (it lacks the read scope). Sign in with another one.")
    return Viewer(principal, session)


Signed = Annotated[Viewer, Depends(viewer)]


def _check_csrf(who: Viewer, given: str | None) -> None:
    if not sessions.csrf_ok(who.session, given):
        raise Refused(403, "The form's security token (CSRF) is missing or out of date. Reload the page and try again.")


def _need_write(who: Viewer) -> None:
    if not who.can_write:
        raise Refused(403, "This token can only read: changes need a token with the write scope.")


def render(request: Request, name: str, context: dict[str, Any], status: int = 200,
           who: Viewer | None = None) -> HTMLResponse:
    flash = None
    raw = request.cookies.get(FLASH)
    if raw:
        try:
            flash = json.loads(raw)
        except ValueError:
            flash = None
    ctx = {"who": who, "csrf": who.session.csrf if who else None, "flash": flash, "today": utcnow().date(), **context}
    response = templates.TemplateResponse(request, name, ctx, status_code=status, headers=SECURITY_HEADERS)
    if raw:
        response.delete_cookie(FLASH, path="/ui")
    return response


def _redirect(url: str, flash: dict[str, Any] | None = None, request: Request | None = None) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)
    if flash is not None:
        response.set_cookie(FLASH, json.dumps(flash), max_age=60, path="/ui", httponly=True, samesite="strict",
                            secure=bool(request and _secure(request)))
    return response


def _local(next_url: str | None) -> str:
    """Only a path of this app: a login link must not become a jump to another site."""
    if next_url and next_url.startswith("/ui") and not next_url.startswith("//") and "\\" not in next_url:
        return next_url
    return "/ui/"


# --- login ---------------------------------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
async def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = render(request, "login.html", {"login_csrf": token, "next": _local(next), "error": None})
    response.set_cookie(LOGIN_CSRF, token, max_age=1800, path="/ui", httponly=True, samesite="strict",
                        secure=_secure(request))
    return response


@router.post("/login", response_class=HTMLResponse)
async def login(
    request: Request,
    token: Annotated[str, Form(max_length=300)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
    next: Annotated[str, Form(max_length=500)] = "/ui/",
) -> Response:
    """Check the token once and give the browser a session standing for it."""
    expected = request.cookies.get(LOGIN_CSRF) or ""
    if not csrf_token or not secrets.compare_digest(expected, csrf_token):
        raise Refused(403, "The login form's security token (CSRF) is missing or out of date. Reload and try again.")
    settings = _settings(request)
    with _db(request).session() as db_session:
        principal = auth_service.authenticate(db_session=db_session, token=token.strip())
    if principal is None or not principal.allows("read"):
        message = "That token is not valid." if principal is None else "That token lacks the read scope."
        fresh = secrets.token_urlsafe(24)
        response = render(request, "login.html", {"login_csrf": fresh, "next": _local(next), "error": message},
                          status=401)
        response.set_cookie(LOGIN_CSRF, fresh, max_age=1800, path="/ui", httponly=True, samesite="strict",
                            secure=_secure(request))
        return response
    cookie, _session = sessions.issue(settings.data_dir, principal.token_id)
    done = _redirect(_local(next))
    done.set_cookie(sessions.COOKIE, cookie, max_age=sessions.LIFETIME_SECONDS, path="/", httponly=True,
                        samesite="strict", secure=_secure(request))
    done.delete_cookie(LOGIN_CSRF, path="/ui")
    return done


@router.post("/logout")
async def logout(request: Request, who: Signed, csrf_token: Annotated[str, Form(max_length=100)] = "") -> Response:
    _check_csrf(who, csrf_token)
    with _db(request).session() as db_session:
        sessions.sign_out(db_session, who.session)  # a copy of the cookie is refused too
    response = _redirect("/ui/login")
    response.delete_cookie(sessions.COOKIE, path="/")
    return response


# --- pages ---------------------------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def portfolio_page(request: Request, who: Signed, q: str | None = None) -> HTMLResponse:
    settings = _settings(request)
    today = utcnow().date()
    with _db(request).session() as db_session:
        summary = data.portfolio(db_session, settings, today)
        wanted = " ".join((q or "").replace("\x00", " ").split())[:200]  # PostgreSQL refuses NUL in text
        hits = vendors.search(db_session=db_session, q=wanted, limit=20) if wanted else None
    verdict_rows = [(k, data.VERDICT_TEXT[k], n) for k, n in summary.verdicts.items()]
    severity_rows = [(k, k.capitalize(), n) for k, n in summary.severities.items()]
    return render(request, "portfolio.html", {
        "summary": summary,
        "verdict_chart": charts.bars("verdicts-chart", "Vendors by verdict", verdict_rows),
        "severity_chart": charts.bars("severity-chart", "Findings by severity", severity_rows),
        "q": q or "",
        "hits": hits,
    }, who=who)


@router.get("/vendors/{vendor_id}", response_class=HTMLResponse)
def vendor_page(request: Request, who: Signed, vendor_id: int) -> HTMLResponse:
    settings = _settings(request)
    today = utcnow().date()
    with _db(request).session() as db_session:
        vendor = vendors.get(db_session=db_session, vendor_id=vendor_id) if 0 < vendor_id < 2**31 else None
        if vendor is None:
            raise Refused(404, f"There is no vendor {vendor_id}.")
        docs = list(db_session.scalars(
            select(Document).where(Document.vendor_id == vendor_id).order_by(Document.id.desc()).limit(200)
            .execution_options(populate_existing=True)
        ))
        assessment = None
        problem = None
        try:
            assessment = assessments.assess_vendor(db_session=db_session, settings=settings, vendor_id=vendor_id)
        except (AssessmentUnavailable, ProfileNotFound) as exc:
            problem = str(exc)
        current_ids = [d.id for d in assessment.documents] if assessment else []
        extractions = {d.id: d.extraction for d in docs if d.id in current_ids and d.extraction}
        views = data.findings(assessment, extractions) if assessment else []
        cov = data.coverage(docs, today)
        current = documents.pick_current([d for d in docs if d.status == "parsed"])
        events = data.upcoming(db_session, settings, today, {vendor.id: vendor.name}, {vendor.id: current})
        context = {
            "vendor": vendor,
            "assessment": assessment,
            "problem": problem,
            "findings": views,
            "documents": docs,
            "current_ids": set(current_ids),
            "timeline": charts.timeline("coverage-chart", cov, today),
            "coverage": cov,
            "events": events,
        }
    return render(request, "vendor.html", context, who=who)


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, who: Signed, document_id: int) -> HTMLResponse:
    with _db(request).session() as db_session:
        doc = documents.get(db_session=db_session, document_id=document_id) if 0 < document_id < 2**31 else None
        if doc is None:
            raise Refused(404, f"There is no document {document_id}.")
        vendor = vendors.get(db_session=db_session, vendor_id=doc.vendor_id) if doc.vendor_id else None
        fields = data.field_views(doc.extraction)
        history = corrections.log_of(db_session=db_session, document_id=doc.id)[-20:]
        context = {"doc": doc, "vendor": vendor, "fields": fields, "history": list(reversed(history)),
                   "warnings": (doc.extraction or {}).get("warnings") or []}
    return render(request, "document.html", context, who=who)


@router.post("/documents/{document_id}/fields/{field}")
def review_field(
    request: Request,
    who: Signed,
    document_id: int,
    field: str,
    action: Annotated[str, Form(pattern="^(confirm|correct|undo|unstated)$")],
    csrf_token: Annotated[str, Form(max_length=100)] = "",
    value: Annotated[str | None, Form(max_length=400)] = None,
    note: Annotated[str | None, Form(max_length=2000)] = None,
    back: Annotated[str | None, Form(max_length=500)] = None,
) -> Response:
    """Confirm, correct, mark as not stated, or undo one field; then back to the page with the verdict's change."""
    _check_csrf(who, csrf_token)
    _need_write(who)
    settings = _settings(request)
    target = _local(back) if back else f"/ui/documents/{document_id}"
    with _db(request).session() as db_session:
        doc = documents.get(db_session=db_session, document_id=document_id) if 0 < document_id < 2**31 else None
        if doc is None:
            raise Refused(404, f"There is no document {document_id}.")
        before = _verdict(db_session, settings, doc.vendor_id)
        try:
            if action == "undo":
                corrections.undo(db_session=db_session, document_id=document_id, field=field, actor=who.principal.name)
            else:
                if action == "confirm":
                    current = corrections.get_field(doc.extraction or {}, corrections.parse_path(field))
                    given: Any = corrections.plain(current).get("value") if current else None  # type: ignore[union-attr]
                elif action == "unstated":
                    given = None
                else:
                    given = value
                _doc, review = corrections.correct(db_session=db_session, document_id=document_id, field=field,
                                                   body=FieldCorrection(value=given, note=note),
                                                   actor=who.principal.name)
                if review.action == "confirmed" and action == "correct":
                    action = "confirm"  # the value given is the one read: say what it amounts to
        except (corrections.InvalidCorrection, corrections.FieldNotFound, corrections.NotReviewable) as exc:
            db_session.rollback()
            return _redirect(f"{target}#f-{quote(field)}", {"kind": "error", "text": str(exc), "field": field},
                             request)
        after = _verdict(db_session, settings, doc.vendor_id, store=True)
    data.forget_portfolio()
    words = {"confirm": "confirmed", "correct": "corrected", "undo": "restored to the extractor's value",
             "unstated": "marked as not stated in the document"}[action]
    flash: dict[str, Any] = {"kind": "ok", "text": f"{_label(field)} {words}.", "field": field}
    if before is not None and after is not None:
        flash.update(before=before, after=after)
    return _redirect(f"{target}#f-{quote(field)}", flash, request)


def _label(field: str) -> str:
    """``exceptions.2`` -> "Exception #3", ``period_end`` -> "Period end"."""
    name, _, index = field.rpartition(".")
    if index.isdigit():
        return f"{data.FIELD_TEXT.get(name, name)} #{int(index) + 1}"
    return data.FIELD_TEXT.get(field, field)


def _verdict(db_session: Session, settings: Settings, vendor_id: int | None, store: bool = False) -> str | None:
    if vendor_id is None:
        return None
    try:
        answer = assessments.assess_vendor(db_session=db_session, settings=settings, vendor_id=vendor_id, store=store)
    except (AssessmentUnavailable, ProfileNotFound, vendors.VendorNotFound):
        return None
    finally:
        db_session.commit()
    return answer.verdict


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, who: Signed) -> HTMLResponse:
    with _db(request).session() as db_session:
        items = data.queue(db_session)
    return render(request, "review.html", {"queue": items}, who=who)


@router.post("/review/{document_id}")
def resolve(
    request: Request,
    who: Signed,
    document_id: int,
    action: Annotated[str, Form(pattern="^(confirm_vendor|dismiss|unstated|reparse)$")],
    key: Annotated[str, Form(max_length=60)] = "",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
    vendor_id: Annotated[int | None, Form(ge=1, le=2_147_483_647)] = None,
) -> Response:
    """Resolve one queue item in one click."""
    _check_csrf(who, csrf_token)
    _need_write(who)
    settings = _settings(request)
    with _db(request).session() as db_session:
        try:
            if action == "confirm_vendor" and vendor_id is not None:
                doc = documents.assign_vendor(db_session=db_session, document_id=document_id, vendor_id=vendor_id)
                _verdict(db_session, settings, doc.vendor_id, store=True)
                text = "Vendor confirmed."
            elif action == "dismiss":
                corrections.dismiss(db_session=db_session, document_id=document_id, key=key, actor=who.principal.name)
                text = "Dismissed."
            elif action == "unstated":
                corrections.correct(db_session=db_session, document_id=document_id, field=key,
                                    body=FieldCorrection(value=None, note="not stated in the document"),
                                    actor=who.principal.name)
                text = f"{key} marked as not stated in the document."
            elif action == "reparse":
                if not who.can_admin:
                    raise Refused(403, "Parsing again needs a token with the admin scope.")
                intake.parse_again(db_session=db_session, document_id=document_id)
                text = "Queued to be parsed again."
            else:
                raise Refused(400, "Nothing to do: choose a vendor.")
        except (documents.DocumentNotFound, vendors.VendorNotFound, corrections.FieldNotFound,
                corrections.InvalidCorrection, corrections.NotReviewable) as exc:
            db_session.rollback()
            return _redirect("/ui/review", {"kind": "error", "text": str(exc)}, request)
    data.forget_portfolio()
    return _redirect("/ui/review", {"kind": "ok", "text": text}, request)


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, who: Signed) -> HTMLResponse:
    with _db(request).session() as db_session:
        recent = documents.list_documents(db_session=db_session, limit=10)
        context = {"recent": recent, "max_mb": _settings(request).max_upload_bytes // (1024 * 1024)}
        return render(request, "upload.html", context, who=who)


@router.post("/upload")
async def upload(
    request: Request,
    who: Signed,
    file: Annotated[UploadFile, File()],
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """The form's way without script: store, queue, and go to the document's page (which shows its status)."""
    _check_csrf(who, csrf_token)
    _need_write(who)
    settings = _settings(request)
    payload = await file.read(settings.max_upload_bytes + 1)
    if len(payload) > settings.max_upload_bytes:
        return _redirect("/ui/upload", {"kind": "error", "text": "The file is over the size limit."}, request)

    def work() -> int:
        with _db(request).session() as db_session:
            result = intake.receive(db_session=db_session, settings=settings, data=payload,
                                    filename=file.filename or "document.pdf", uploaded_by=who.principal.name,
                                    parse="queue")
            return result.document.id

    try:
        doc_id = await run_in_threadpool(work)
    except (documents.UnsupportedContent, documents.UploadTooLarge) as exc:
        return _redirect("/ui/upload", {"kind": "error", "text": str(exc)}, request)
    return _redirect(f"/ui/documents/{doc_id}", {"kind": "ok", "text": "Uploaded."}, request)


def login_url(next_url: str) -> str:
    return "/ui/login?" + urlencode({"next": next_url})
