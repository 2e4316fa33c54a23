"""Screenshots of each page of the web app into docs/screenshots/ (``python scripts/web_screenshots.py``).

Starts the service on loopback with the bundled example documents (a throwaway data directory), signs in with a
fresh token in Debian's Chromium (Playwright), and saves each page as a small PNG (palette, at most 1,600 px tall).
"""

from __future__ import annotations

import io
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "docs" / "screenshots"


def _shrink(png: bytes, width: int) -> bytes:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(out, format="PNG", optimize=True)
    return out.getvalue()


def main() -> int:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from service.api import create_app
    from service.auth import service as auth_service
    from service.config import Settings
    from service.database import get_database
    from service.examples import load_examples

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    data = Path(tempfile.mkdtemp(prefix="va-shots-")) / "data"
    settings = Settings(data_dir=data)
    app = create_app(settings, immediate=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    load_examples(settings)
    with get_database(settings).session() as db_session:
        _record, token = auth_service.create(db_session=db_session, name="reviewer", scopes=["admin"])
    url = f"http://127.0.0.1:{port}"
    OUT.mkdir(parents=True, exist_ok=True)
    shots: list[tuple[str, str, int, int]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(url) else r.abort())
        page = context.new_page()
        page.goto(url + "/ui/login")
        page.screenshot(path=str(OUT / "login.png"))
        page.get_by_label("API token").fill(token)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(url + "/ui/")

        def shot(name: str, path: str, height: int = 1600, width: int = 1280) -> None:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            for img in page.locator("img").all():
                img.scroll_into_view_if_needed()
            page.wait_for_function("[...document.images].every(i => i.complete)")
            page.evaluate("window.scrollTo(0, 0)")
            full = page.evaluate("document.documentElement.scrollHeight")
            png = page.screenshot(full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(full, height)})
            (OUT / f"{name}.png").write_bytes(_shrink(png, 960 if width > 960 else width))
            shots.append((name, path, width, min(full, height)))

        shot("portfolio", "/ui/")
        shot("vendor", "/ui/vendors/2", 2400)
        timeline = page.locator("section:has(#timeline-h)").screenshot()
        (OUT / "vendor-timeline.png").write_bytes(_shrink(timeline, 960))
        shots.append(("vendor-timeline", "/ui/vendors/2 (coverage section)", 1280, 0))
        docs = {d["filename"]: d["id"] for d in __import__("httpx").get(
            url + "/documents", headers={"Authorization": f"Bearer {token}"}).json()}
        soc2 = docs["quillfeather-soc2-type2-2026.pdf"]
        page.goto(f"{url}/ui/documents/{soc2}")
        row = page.locator("#f-period_end")
        row.get_by_text("Correct", exact=False).first.click()
        row.get_by_label("New value for period end").fill("2026-06-30")
        row.get_by_label("Note (why; where you read it)").fill("checked against the opinion on page 4")
        row.get_by_role("button", name="Save correction").click()
        page.locator("#f-period_end .flash").wait_for()
        # a report that is its vendor's only evidence: correcting its opinion changes the verdict
        from tests.generator import build

        pdf, _ = build("soc2_type2", 5)
        lone = __import__("httpx").post(url + "/documents", headers={"Authorization": f"Bearer {token}"},
                                        files={"file": ("lone-soc2.pdf", pdf, "application/pdf")},
                                        data={"vendor": "Lone Report Ltd"}).json()["id"]
        page.goto(f"{url}/ui/documents/{lone}")
        row = page.locator("#f-opinion")
        row.get_by_text("Correct", exact=False).first.click()
        row.get_by_label("New value for opinion").select_option("adverse")
        row.get_by_label("Note (why; where you read it)").fill("the opinion paragraph on page 4 is adverse")
        row.get_by_role("button", name="Save correction").click()
        page.locator("#f-opinion .flash").wait_for()
        corrected = page.locator("#f-opinion").screenshot()
        (OUT / "document-corrected.png").write_bytes(_shrink(corrected, 960))
        shots.append(("document-corrected", f"/ui/documents/{lone} (a field just corrected, in place)", 1280, 0))
        shot("document", f"/ui/documents/{soc2}", 2000)
        shot("review", "/ui/review")
        shot("upload", "/ui/upload", 900)
        shot("document-phone", f"/ui/documents/{soc2}", 1400, width=390)
        browser.close()
    (OUT / "login.png").write_bytes(_shrink((OUT / "login.png").read_bytes(), 960))
    server.should_exit = True
    thread.join(timeout=10)
    for name, path, width, height in shots:
        size = (OUT / f"{name}.png").stat().st_size
        print(f"docs/screenshots/{name}.png  {path}  ({width}x{height} css px, {size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
