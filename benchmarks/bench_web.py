"""The web app's speed at 10,000 vendors: ``python benchmarks/bench_web.py``.

Seeds 10,000 vendors and 50,000 documents as ``bench_service.py`` does (real extractions of generated PDFs,
re-labelled per vendor), adds a few real generated PDFs through the ingestion path (their pages are what gets
drawn), starts ``vendor-assurance serve`` in its own process on loopback, signs in through ``/ui/login`` like a
browser, and times, from one client:

  * ``GET /ui/vendors/{id}``: the vendor page (verdict, findings with their evidence, coverage timeline, documents)
    for vendors nobody has asked about (the assessment is computed while the page waits), then the same again;
  * ``GET /documents/{id}/pages/{n}.png``: every page of the real PDFs, first render (pdfium, written to the cache
    beside the PDF) and again (from the cache), and with a field's quote highlighted (first render);
  * ``GET /ui/`` (the portfolio over every stored answer), first and remembered.

Targets: vendor page p95 < 200 ms; page image first render p95 < 300 ms.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from benchmarks.bench_service import TODAY, _free_port, seed  # noqa: E402
from service.auth import service as auth_service  # noqa: E402
from service.config import Settings  # noqa: E402
from service.database import get_database  # noqa: E402
from service.documents import intake  # noqa: E402
from service.documents import service as documents  # noqa: E402

TARGET_VENDOR_MS = 200.0
TARGET_IMAGE_MS = 300.0
REAL = (("soc2_type2", 1), ("soc2_type2", 2), ("iso_27001_2022", 1), ("bridge_letter", 1))


def _real_documents(settings: Settings, vendor_ids: Sequence[int]) -> list[dict[str, object]]:
    """Generated PDFs through the ingestion path, each filed under one of the seeded vendors."""
    from tests.generator import build

    out = []
    with get_database(settings).session() as s:
        for (name, seed_no), vendor_id in zip(REAL, vendor_ids, strict=False):
            pdf, _ = build(name, seed_no)
            doc = documents.ingest(db_session=s, settings=settings, data=pdf, filename=f"{name}-{seed_no}.pdf",
                                   vendor=vendor_id).document
            doc = intake.parse_now(db_session=s, settings=settings, document_id=doc.id, store_answer=False)
            assert doc.status == "parsed", doc.error_message
            out.append({"id": doc.id, "pages": doc.pages, "extraction": doc.extraction})
    return out


class Browser:
    """A signed-in client on one keep-alive connection, as a browser would be (session cookie, no bearer)."""

    def __init__(self, base: str, token: str) -> None:
        self.cookies: dict[str, str] = {}
        host, port = base.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=60)
        page = self.get("/ui/login")[1].decode()
        login_cookie = self.cookies["va_login_csrf"]
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert csrf is not None
        body = urlencode({"token": token, "csrf_token": csrf.group(1), "next": "/ui/"})
        self.conn.request("POST", "/ui/login", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"va_login_csrf={login_cookie}"})
        r = self.conn.getresponse()
        r.read()
        assert r.status == 303, r.status
        self._remember(r)
        assert "va_session" in self.cookies

    def _remember(self, r: http.client.HTTPResponse) -> None:
        for header in r.headers.get_all("set-cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]

    def get(self, path: str) -> tuple[float, bytes, dict[str, str]]:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items() if v)
        t = time.perf_counter()
        self.conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        r = self.conn.getresponse()
        body = r.read()
        ms = (time.perf_counter() - t) * 1000
        if r.status != 200:
            raise SystemExit(f"{path}: {r.status} {body[:300]!r} (the server's log: DATA_DIR/server.log)")
        self._remember(r)
        return ms, body, {k.lower(): v for k, v in r.getheaders()}


def report(label: str, lat: list[float], target: float | None) -> float:
    q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [lat[0]] * 99
    verdict = "" if target is None else (f"  [{'OK ' if q[94] < target else 'OVER'} target p95 < {target:.0f} ms]")
    print(f"  {label:<46} n={len(lat):>4}  p50={q[49]:6.1f} ms  p95={q[94]:6.1f} ms  max={max(lat):6.1f} ms{verdict}")
    return q[94]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database-url", default=None, help="default: a SQLite file in a temporary directory")
    ap.add_argument("--vendors", type=int, default=10_000)
    ap.add_argument("--pages", type=int, default=300, help="vendor pages to time")
    args = ap.parse_args(argv)
    rng = random.Random(20261206)
    tmp = Path(tempfile.mkdtemp(prefix="va-bench-web-"))
    settings = Settings(data_dir=tmp, database_url=args.database_url, embedded_worker=False)
    print(f"{args.vendors} vendors x 5 documents; {'PostgreSQL' if args.database_url else 'SQLite (WAL)'}; "
          f"{os.cpu_count()} CPUs")
    t = time.perf_counter()
    seed(settings, args.vendors, 5, rng)
    real = _real_documents(settings, rng.sample(range(1, args.vendors + 1), len(REAL)))
    print(f"  seeded in {time.perf_counter() - t:.1f} s; {len(real)} real PDFs, "
          f"{sum(int(str(d['pages'])) for d in real)} pages")
    with get_database(settings).session() as s:
        _rec, token = auth_service.create(db_session=s, name="bench", scopes=["read"])
    port = _free_port()
    env = {**os.environ, "DATA_DIR": str(tmp), "EMBEDDED_WORKER": "false"}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    cli = "import sys; from cli import main; sys.exit(main(sys.argv[1:]))"
    log = (tmp / "server.log").open("w")  # read it when a request fails
    server = subprocess.Popen([sys.executable, "-c", cli, "serve", "--port", str(port), "--no-worker"],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    failed = False
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/ui/login", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        browser = Browser(base, token)
        browser.get("/ui/vendors/1")  # warm the process (templates compiled, profiles read)
        ids = rng.sample(range(2, args.vendors + 1), args.pages)
        cold = [browser.get(f"/ui/vendors/{i}")[0] for i in ids]
        failed |= report("GET /ui/vendors/{id} first visit", cold, TARGET_VENDOR_MS) >= TARGET_VENDOR_MS
        again = [browser.get(f"/ui/vendors/{i}")[0] for i in ids]
        report("GET /ui/vendors/{id} again", again, TARGET_VENDOR_MS)
        first: list[float] = []
        cached: list[float] = []
        marked: list[float] = []
        for doc in real:
            for n in range(1, int(str(doc["pages"])) + 1):
                ms, _body, headers = browser.get(f"/documents/{doc['id']}/pages/{n}.png")
                assert headers["x-cache"] == "miss"
                first.append(ms)
                ms, _body, headers = browser.get(f"/documents/{doc['id']}/pages/{n}.png")
                assert headers["x-cache"] == "hit"
                cached.append(ms)
            fields = (doc["extraction"] or {}).get("fields") or {}  # type: ignore[attr-defined]
            for name, item in fields.items():
                if isinstance(item, dict) and item.get("page") and item.get("quote"):
                    path = f"/documents/{doc['id']}/pages/{item['page']}.png?width=640&highlight={name}"
                    ms, _body, headers = browser.get(path)
                    marked.append(ms)
        failed |= report("GET /documents/{id}/pages/{n}.png first render", first, TARGET_IMAGE_MS) >= TARGET_IMAGE_MS
        report("GET /documents/{id}/pages/{n}.png cached", cached, TARGET_IMAGE_MS)
        failed |= report("  ... ?highlight=FIELD first render (640 px)", marked, TARGET_IMAGE_MS) >= TARGET_IMAGE_MS
        portfolio = [browser.get("/ui/")[0]]
        portfolio += [browser.get("/ui/")[0] for _ in range(20)]
        print(f"  GET /ui/ (portfolio)  first {portfolio[0]:7.1f} ms; remembered p50 "
              f"{statistics.median(portfolio[1:]):5.1f} ms  (as of {TODAY}: answers stored only for vendors visited)")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
