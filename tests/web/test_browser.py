"""The reviewer's web app in a real browser (Chromium through Playwright) against a real server on loopback.

Covers: login (and a wrong token), every page, a page without a session, a correction that changes the verdict and
its undo, a form without its CSRF token (refused), drag-and-drop upload until parsed, keyboard use, labels,
contrast, a phone's width, and that no request leaves the machine (every test's browser aborts and records any).
"""

from __future__ import annotations

import base64
import re
from typing import Any

import httpx
import pytest

from tests.service.docs import generated

from .conftest import Server, Visit, login

pytestmark = pytest.mark.browser


def _api(server: Server, method: str, path: str, **kw: Any) -> httpx.Response:
    return httpx.request(method, server.url + path, headers={"Authorization": f"Bearer {server.admin}"}, timeout=30,
                         **kw)


def _soc2(server: Server) -> dict[str, Any]:
    docs = _api(server, "GET", "/documents?limit=50").json()
    doc = next(d for d in docs if d["kind"] == "soc2_type2")
    return _api(server, "GET", f"/documents/{doc['id']}").json()


def _verdict(server: Server, vendor_id: int) -> str:
    return str(_api(server, "GET", f"/vendors/{vendor_id}/assessment").json()["verdict"])


def test_a_page_without_a_session_goes_to_login_and_back(visit: Visit, server: Server) -> None:
    page = visit.page
    page.goto(server.url + "/ui/review")
    assert re.search(r"/ui/login\?next=%2Fui%2Freview$", page.url)
    page.get_by_label("API token").fill("va_not-a-real-token")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "That token is not valid."
    assert page.get_by_label("API token").get_attribute("aria-invalid") == "true"
    page.get_by_label("API token").fill(server.reader)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(server.url + "/ui/review")
    assert page.get_by_role("heading", level=1).inner_text() == "Review queue"
    cookie = next(c for c in visit.context.cookies() if c["name"] == "va_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and not cookie["secure"]  # plain HTTP on loopback
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r".*/ui/login$"))
    page.goto(server.url + "/ui/")
    assert "/ui/login" in page.url


def test_every_page_renders_with_its_pictures(visit: Visit, server: Server) -> None:
    page = visit.page
    login(visit, server, server.admin)
    assert page.get_by_role("heading", name="Portfolio", level=1).is_visible()
    assert page.locator("svg#verdicts-chart rect").count() >= 4
    assert page.locator("svg#severity-chart").is_visible()
    assert page.get_by_role("heading", name=re.compile("next 90 days")).is_visible()
    page.get_by_label("Find a vendor").fill("quilfeather")  # a typo
    page.get_by_label("Find a vendor").press("Enter")
    page.get_by_role("link", name=re.compile("Quillfeather")).first.click()
    page.wait_for_url(re.compile(r".*/ui/vendors/\d+$"))
    assert page.locator("#verdict").is_visible()
    assert page.locator("svg#coverage-chart").is_visible()
    assert page.locator("svg#coverage-chart line[stroke-dasharray]").count() == 1  # today
    pictures = page.locator(".evidence img")
    assert pictures.count() >= 1
    pictures.first.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=pictures.first.element_handle())
    assert "highlight=" in (pictures.first.get_attribute("src") or "")
    page.locator("table.list a").first.click()
    page.wait_for_url(re.compile(r".*/ui/documents/\d+$"))
    assert page.locator("li.field").count() >= 5
    thumb = page.locator(".thumb img").first
    thumb.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth === 160", arg=thumb.element_handle())
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("heading", name="Review queue", level=1).wait_for()
    page.get_by_role("link", name="Upload").click()
    page.get_by_label("Choose a PDF, or drop it here").wait_for()


def _lone_report(server: Server) -> dict[str, Any]:
    """A SOC 2 Type 2 report that is its vendor's only evidence (the examples' Quillfeather also holds an ISO
    certificate, which keeps it meeting the default profile whatever its SOC 2 report says)."""
    pdf, _ = generated("soc2_type2", 5)
    up = _api(server, "POST", "/documents", files={"file": ("lone-soc2.pdf", pdf, "application/pdf")},
              data={"vendor": "Lone Report Ltd"})
    assert up.status_code == 202, up.text
    return _api(server, "GET", f"/documents/{up.json()['id']}").json()


def test_a_correction_changes_the_verdict_and_its_undo_restores_it(visit: Visit, server: Server) -> None:
    doc = _lone_report(server)
    assert doc["status"] == "parsed"
    vendor_id = doc["vendor_id"]
    before = _verdict(server, vendor_id)
    assert before != "does_not_meet"
    page = visit.page
    login(visit, server, server.admin, then=f"/ui/vendors/{vendor_id}")
    shown_before = page.locator("#verdict").inner_text()
    page.goto(f"{server.url}/ui/documents/{doc['id']}")
    page.evaluate("window.samePage = true")  # gone if the browser loaded a new page
    row = page.locator("#f-opinion")
    row.get_by_text("Correct", exact=False).first.click()
    row.get_by_label("New value for opinion").select_option("adverse")
    row.get_by_label("Note (why; where you read it)").fill("the opinion paragraph is adverse")
    row.get_by_role("button", name="Save correction").click()
    flash = page.get_by_role("status")
    assert "Opinion corrected" in flash.inner_text()
    assert "Does not meet" in flash.locator(".verdict-change").inner_text()
    row = page.locator("#f-opinion")
    assert row.locator(".value").inner_text() == "adverse"
    assert "Corrected by reviewer" in row.locator(".review-note").inner_text()
    assert "The extractor read: unqualified" in row.locator(".review-note").inner_text()
    assert page.evaluate("window.samePage") is True  # corrected in place
    assert page.evaluate("document.activeElement.getAttribute('role')") == "status"  # the result has the focus
    assert _verdict(server, vendor_id) == "does_not_meet"
    page.goto(f"{server.url}/ui/vendors/{vendor_id}")
    assert page.locator("#verdict").inner_text() != shown_before
    page.goto(f"{server.url}/ui/documents/{doc['id']}")
    page.locator("#f-opinion").get_by_role("button", name=re.compile("Undo correction")).click()
    assert "restored" in page.get_by_role("status").inner_text()
    assert page.locator("#f-opinion .value").inner_text() == "unqualified"
    assert _verdict(server, vendor_id) == before
    page.goto(f"{server.url}/ui/vendors/{vendor_id}")
    assert page.locator("#verdict").inner_text() == shown_before
    log = _api(server, "GET", f"/documents/{doc['id']}/reviews").json()["log"]
    assert [e["action"] for e in log[-2:]] == ["corrected", "undone"] and log[-1]["actor"] == "reviewer"


def test_a_form_without_its_csrf_token_is_refused(visit: Visit, server: Server) -> None:
    doc = _soc2(server)
    page = visit.page
    login(visit, server, server.admin, then=f"/ui/documents/{doc['id']}")
    page.evaluate("document.querySelectorAll('#f-opinion input[name=csrf_token]').forEach(e => e.remove())")
    row = page.locator("#f-opinion")
    row.get_by_text("Correct", exact=False).first.click()
    row.get_by_label("New value for opinion").select_option("qualified")
    row.get_by_role("button", name="Save correction").click()
    page.get_by_role("heading", name="Refused").wait_for()
    assert "CSRF" in page.get_by_role("alert").inner_text()
    # the API refuses the cookie alone too, for a script on the page
    status = page.evaluate(
        """async (id) => (await fetch(`/documents/${id}/fields/opinion`, {method: 'PUT',
             headers: {'Content-Type': 'application/json'}, body: JSON.stringify({value: 'qualified'})})).status""",
        doc["id"],
    )
    assert status == 403
    assert _api(server, "GET", f"/documents/{doc['id']}").json()["extraction"]["fields"]["opinion"]["value"] == (
        "unqualified"
    )


def test_drag_and_drop_upload_shows_progress_until_parsed(visit: Visit, server: Server) -> None:
    pdf, expected = generated("iso_27001_2022", 21)
    page = visit.page
    login(visit, server, server.admin, then="/ui/upload")
    page.evaluate(
        """([b64, name]) => {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            const dt = new DataTransfer();
            dt.items.add(new File([bytes], name, {type: 'application/pdf'}));
            const drop = document.getElementById('drop');
            drop.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
            drop.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
        }""",
        [base64.b64encode(pdf).decode(), "dropped-certificate.pdf"],
    )
    status = page.locator("#upload-status")
    status.get_by_role("link", name=re.compile("dropped-certificate.pdf")).wait_for()
    assert page.locator("#upload-progress").evaluate("p => p.value") == 100
    status.get_by_role("link").click()
    page.wait_for_url(re.compile(r".*/ui/documents/\d+$"))
    assert page.locator("#doc-status").inner_text() == "parsed"
    vendor = expected["fields"]["vendor"]["value"]
    assert page.locator("#f-vendor .value").inner_text() == vendor


def test_keyboard_labels_and_contrast(visit: Visit, server: Server) -> None:
    page = visit.page
    login(visit, server, server.admin)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    doc = _soc2(server)
    # correct a field and undo it with the keyboard alone
    page.goto(f"{server.url}/ui/documents/{doc['id']}")
    page.locator("#f-scope summary").focus()
    page.keyboard.press("Enter")
    assert page.locator("#f-scope details").evaluate("d => d.open")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "v-scope"
    page.keyboard.press("Control+A")
    page.keyboard.type("Ledger Sync Platform (production)")
    page.keyboard.press("Enter")
    page.locator("#f-scope .flash").wait_for()
    assert page.locator("#f-scope .value").inner_text() == "Ledger Sync Platform (production)"
    page.locator("#f-scope").get_by_role("button", name=re.compile("Undo correction")).focus()
    page.keyboard.press("Enter")
    page.locator("#f-scope .flash", has_text="restored").wait_for()
    assert page.locator("#f-scope .value").inner_text() == doc["extraction"]["fields"]["scope"]["value"]
    for path in ("/ui/", f"/ui/vendors/{doc['vendor_id']}", f"/ui/documents/{doc['id']}", "/ui/review", "/ui/upload"):
        page.goto(server.url + path)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                 .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.outerHTML)"""
        )
        assert unlabelled == [], (path, unlabelled)
        no_alt = page.evaluate("() => [...document.images].filter(i => !i.alt).map(i => i.src)")
        assert no_alt == [], (path, no_alt)
        low = page.evaluate(_CONTRAST)
        assert low == [], (path, low[:5])


def test_usable_at_a_phones_width(visit: Visit, server: Server) -> None:
    page = visit.page
    login(visit, server, server.admin)
    page.set_viewport_size({"width": 390, "height": 844})
    doc = _soc2(server)
    for path in ("/ui/", f"/ui/vendors/{doc['vendor_id']}", f"/ui/documents/{doc['id']}", "/ui/review", "/ui/upload"):
        page.goto(server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (path, overflow)
        assert page.get_by_role("link", name="Review queue").is_visible()


# WCAG 2 contrast of each element's own text against the first opaque background behind it: 4.5:1 (3:1 for large
# or bold large text).
_CONTRAST = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => {
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const bg = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3); } return [255, 255, 255]; };
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') || !el.getClientRects().length) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const st = getComputedStyle(el);
    if (st.visibility === 'hidden' || st.clip === 'rect(0px, 0px, 0px, 0px)') continue;
    const a = lum(rgb(st.color).slice(0, 3)), b = lum(bg(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(st.fontSize), bold = parseInt(st.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const what = el.textContent.trim().slice(0, 40);
    if (ratio < need) out.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)} "${what}"`);
  }
  return out;
}"""
