"""Time to drawn: every page opened in headless Chromium against the running server."""

from __future__ import annotations

import shutil

from coalition_bench.measurements import PageDraw

CHROME_ARGUMENTS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--window-size=1400,1000",
)
HOLD_MS = 500  # the drawn state must last this long (a callback chain may not have started)
TIMEOUT_S = 30

# Resolves with performance.now() (ms since navigation start) at the first moment of a
# drawn state that then held for HOLD_MS: no callback pending in the renderer's store,
# every visible graph with its SVG, every visible grid with its rows or its empty overlay;
# and with the moment the last callback answer before it arrived (the rest is drawing).
WAIT_FOR_DRAWN = """
const done = arguments[arguments.length - 1];
const hold = arguments[0], deadline = performance.now() + arguments[1] * 1000;
function visible(el) { return el.offsetParent !== null; }
function drawn() {
    const store = window.store && window.store.getState && window.store.getState();
    if (!store) { return false; }
    const callbacks = Object.assign({}, store.callbacks);
    delete callbacks.stored; delete callbacks.completed;
    if (Object.values(callbacks).some((list) => Array.isArray(list) && list.length)) {
        return false;
    }
    const content = document.getElementById("_pages_content");
    if (!content || !content.querySelector("[id]")) { return false; }
    if (content.querySelector('[data-dash-is-loading="true"]')) { return false; }
    for (const graph of content.querySelectorAll(".dash-graph")) {
        if (visible(graph) && !graph.querySelector(".main-svg")) { return false; }
    }
    for (const grid of content.querySelectorAll(".ag-root-wrapper")) {
        if (visible(grid) && !grid.querySelector(".ag-row, .ag-overlay-no-rows-center")) {
            return false;
        }
    }
    return true;
}
function answered(before) {
    const ends = performance.getEntriesByType("resource")
        .filter((r) => r.name.includes("/_dash-update-component") && r.responseEnd <= before)
        .map((r) => r.responseEnd);
    return ends.length ? Math.max(...ends) : null;
}
let since = null;
function poll() {
    const now = performance.now();
    if (drawn()) {
        if (since === null) { since = now; }
        if (now - since >= hold) { done({drawn: since, answered: answered(since)}); return; }
    } else {
        since = null;
    }
    if (now > deadline) { done({timeout: now}); return; }
    setTimeout(poll, 20);
}
poll();
"""


def browser_problem() -> str | None:
    """Why the browser measurement cannot run here, or None."""
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        return "no chromium on PATH"
    if not shutil.which("chromedriver"):
        return "no chromedriver on PATH"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    return None


def _driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    for argument in CHROME_ARGUMENTS:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_script_timeout(TIMEOUT_S + 5)
    driver.set_page_load_timeout(TIMEOUT_S)
    return driver


def time_to_drawn(driver, url: str) -> tuple[float | None, float | None]:
    """(ms from navigation start to the page drawn, or None on a timeout; ms to the last
    callback answer before that)."""
    driver.get(url)
    answer = driver.execute_async_script(WAIT_FOR_DRAWN, HOLD_MS, TIMEOUT_S)
    return answer.get("drawn"), answer.get("answered")


def measure_pages(base_url: str, pages: list[tuple[str, str]], loads: int) -> list[PageDraw]:
    """Each page opened `loads` times, after one warm-up load of the first page."""
    driver = _driver()
    try:
        time_to_drawn(driver, base_url + pages[0][1])  # fills the browser's cache
        results = []
        for name, path in pages:
            draw = PageDraw(name, path)
            for _ in range(loads):
                try:
                    drawn, answered = time_to_drawn(driver, base_url + path)
                except Exception as error:  # noqa: BLE001 - reported, not raised
                    draw.problem = f"{type(error).__name__}: {str(error).splitlines()[0][:80]}"
                    break
                if drawn is None:
                    draw.problem = f"not drawn within {TIMEOUT_S} s"
                    break
                draw.drawn_ms.append(drawn)
                if answered is not None:
                    draw.answered_ms.append(answered)
            results.append(draw)
        return results
    finally:
        driver.quit()
