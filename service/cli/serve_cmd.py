"""`vendor-assurance serve | worker | token create | alerts run`: run and administer the service."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..config import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run the API (and, by default, the job worker in the same process)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    _data_dir(p)
    p.add_argument("--load-examples", action="store_true", help="ingest the bundled example PDFs if not there yet")
    p.add_argument("--no-worker", action="store_true", help="do not run the job worker in this process")
    p.add_argument("--workers", type=int, default=1, help="API processes (default 1; the job worker runs in each)")
    p.set_defaults(func=run_serve)

    w = sub.add_parser("worker", help="run a job worker (share the queue between processes with REDIS_URL)")
    _data_dir(w)
    w.add_argument("--concurrency", type=int, default=None, help="jobs at once (default WORKER_CONCURRENCY)")
    w.set_defaults(func=run_worker)

    t = sub.add_parser("token", help="manage API tokens")
    tsub = t.add_subparsers(dest="token_command", metavar="ACTION")
    tc = tsub.add_parser("create", help="create a token; prints it alone on the last line")
    tc.add_argument("--scope", action="append", choices=["read", "write", "admin"], required=True)
    tc.add_argument("--name", default="cli")
    _data_dir(tc)
    tc.set_defaults(func=run_token_create)
    t.set_defaults(func=lambda _a: (t.print_help(), 2)[1])

    a = sub.add_parser("alerts", help="expiry and staleness alerts")
    asub = a.add_subparsers(dest="alerts_command", metavar="ACTION")
    ar = asub.add_parser("run", help="raise and send today's alerts now (idempotent)")
    _data_dir(ar)
    ar.set_defaults(func=run_alerts)
    a.set_defaults(func=lambda _a: (a.print_help(), 2)[1])


def _data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", type=Path, default=None, help="where the database, files and queue live (DATA_DIR)")


def settings_from(args: argparse.Namespace, **extra: object) -> Settings:
    """Settings from the environment, with the command line's flags on top."""
    from pydantic import ValidationError

    try:
        base = Settings()
    except ValidationError as exc:
        print(f"error: invalid settings: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    update: dict[str, object] = {k: v for k, v in extra.items() if v is not None}
    if getattr(args, "data_dir", None) is not None:
        update["data_dir"] = args.data_dir
    return base.model_copy(update=update) if update else base


def _logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def run_serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    from .. import jobs
    from ..api import create_app

    extra: dict[str, object] = {"public_base_url": f"http://{args.host}:{args.port}", "web_workers": args.workers}
    if args.no_worker:
        extra["embedded_worker"] = False
    settings = settings_from(args, **extra)
    _logging()
    app = create_app(settings) if args.workers == 1 else None
    if app is None:
        from ..database import get_database

        get_database(settings)  # migrate once, before the processes start
        jobs.init(settings)
    url = f"http://{args.host}:{args.port}"
    from ..plugins import load_plugins

    # front ends say where a person finds them (the web app: /ui/)
    addresses = [line for p in load_plugins() for line in getattr(p, "addresses", lambda _url: [])(url)]
    if args.load_examples:
        from ..examples import load_examples

        loaded = load_examples(settings, queue=False)  # start-up queues every waiting document
        print(f"example documents: {loaded.new} new, {loaded.existing} already loaded", flush=True)
        token = _create_token(settings, ["admin"], "examples")
        print(f"API: {url}  (OpenAPI: {url}/docs)")
        for line in addresses:
            print(line)
        auth = f"-H 'Authorization: Bearer {token}'"
        print("try:")
        print(f"  curl {auth} '{url}/vendors?q=quillfeather'          # fuzzy vendor search")
        print(f"  curl {auth} '{url}/vendors/1/assessment'            # verdict with cited findings")
        print(f"  curl {auth} '{url}/alerts'                          # expiries and stale reports")
        print(f"  curl {auth} -F file=@report.pdf '{url}/documents'  # upload your own PDF")
        print(f"admin token:\n{token}", flush=True)
    else:
        print(
            f"API: {url}  (OpenAPI: {url}/docs); create a token with: vendor-assurance token create --scope admin",
            flush=True,
        )
        for line in addresses:
            print(line, flush=True)
        if _no_documents(settings):
            print("no documents yet: restart with --load-examples to load the bundled examples", flush=True)
    sys.setswitchinterval(0.0005)  # short GIL slices: a request waiting on the database is not starved by CPU work
    if app is not None:
        uvicorn.run(app, host=args.host, port=args.port, log_level="info")
        return 0
    # several processes: each builds the app from the environment, so the flags travel there
    os.environ.update(
        {
            "DATA_DIR": str(settings.data_dir),
            "PUBLIC_BASE_URL": settings.public_base_url,
            "WEB_WORKERS": str(args.workers),
            "EMBEDDED_WORKER": "true" if settings.embedded_worker else "false",
        }
    )
    from ..serving import run_processes

    run_processes(host=args.host, port=args.port, workers=args.workers)
    return 0


def _no_documents(settings: Settings) -> bool:
    from sqlalchemy import select

    from ..database import get_database
    from ..documents.models import Document

    with get_database(settings).session() as db_session:
        return db_session.scalar(select(Document.id).limit(1)) is None


def run_worker(args: argparse.Namespace) -> int:
    from .. import jobs

    settings = settings_from(args, worker_concurrency=args.concurrency)
    _logging()
    jobs.init(settings)
    jobs.requeue_interrupted(settings, exclusive=False)
    jobs.run_consumer(settings)
    return 0


def _create_token(settings: Settings, scopes: list[str], name: str) -> str:
    from ..auth import service as auth_service
    from ..database import get_database

    with get_database(settings).session() as db_session:
        _record, token = auth_service.create(db_session=db_session, name=name, scopes=scopes)
    return token


def run_token_create(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    token = _create_token(settings, args.scope, args.name)
    print(f"token '{args.name}' with scopes {', '.join(sorted(set(args.scope)))} (shown once; store it now):")
    print(token)
    return 0


def run_alerts(args: argparse.Namespace) -> int:
    from ..alerts.scheduled import run_daily

    settings = settings_from(args)
    _logging()
    result = run_daily(settings)
    print(result.model_dump_json())
    return 0
