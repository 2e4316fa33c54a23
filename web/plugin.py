"""The web app's hooks into the service (entry point ``vendor_assurance.plugins``): its pages under /ui, its
stylesheet and script under /ui/static, and the address ``serve`` prints."""

from __future__ import annotations

from typing import Any

PATH = "/ui/"


def mount_api(app: Any, settings: Any) -> None:
    """Add the pages, the static files and the handlers that turn a missing session into the login page."""
    # lazy: the alert scan loads every plugin for its notifiers, and ``serve`` for its addresses; neither needs
    # FastAPI or the pages (Jinja2, the views: a second and a half)
    from fastapi import Request
    from fastapi.responses import RedirectResponse, Response
    from fastapi.staticfiles import StaticFiles

    from service.middleware import allow_uploads

    from . import views

    app.include_router(views.router)
    allow_uploads(app, "POST", "/ui/upload")  # the upload form takes a PDF: the upload limit, not the 1 MB one
    app.mount("/ui/static", StaticFiles(directory=str(views.HERE / "static")), name="ui-static")

    async def to_login(_request: Request, exc: Exception) -> Response:
        assert isinstance(exc, views.LoginRequired)
        return RedirectResponse(views.login_url(exc.next_url), status_code=303, headers=views.SECURITY_HEADERS)

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, views.Refused)
        return views.render(request, "error.html", {"message": exc.message, "status": exc.status}, status=exc.status)

    app.add_exception_handler(views.LoginRequired, to_login)
    app.add_exception_handler(views.Refused, refused)


def addresses(base_url: str) -> list[str]:
    """What ``serve`` prints: where a person opens the web app."""
    return [f"web app: {base_url.rstrip('/')}{PATH}  (sign in with an API token)"]
