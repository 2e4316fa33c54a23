"""HTTP mode: Bolt mounted in the service's FastAPI app at /slack/events (events, interactivity, /vendor).

Bolt's own FastAPI adapter calls the synchronous ``App.dispatch`` inside ``async def``, which would block the
event loop for every Slack request; here dispatch runs in the thread pool instead (Starlette's run_in_threadpool),
and only Bolt's request/response conversions are reused.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request, Response
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

from service.config import Settings

PATH = "/slack/events"


def mount(api: FastAPI, settings: Settings, **create_kwargs: Any) -> None:
    from .app import create_app

    bolt = create_app(settings, db=getattr(api.state, "db", None), **create_kwargs)
    api.state.slack_app = bolt

    @api.post(PATH, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        body = await request.body()
        bolt_request = to_bolt_request(request, body)
        bolt_response = await run_in_threadpool(bolt.dispatch, bolt_request)
        return to_starlette_response(bolt_response)
