"""PDF through the local headless Chromium: `chromium --headless --print-to-pdf`. No
network: the report is one self-contained HTML file."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from dashboard import settings

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120


class PdfUnavailable(Exception):
    """No browser to print with, or printing failed; the message says what to do."""


def find_browser() -> str | None:
    explicit = settings.current().chromium
    if explicit:
        return explicit if Path(explicit).exists() or shutil.which(explicit) else None
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def write_pdf(html: str, out: Path) -> None:
    browser = find_browser()
    if browser is None:
        raise PdfUnavailable(
            "a PDF needs Chromium or Chrome (apt-get install chromium, or set "
            "COALITION_CHROMIUM to its path); or write --out report.html and print that "
            "from any browser"
        )
    out = Path(out).resolve()
    with tempfile.TemporaryDirectory(prefix="coalition-report-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",  # a local file we wrote; needed when running as root
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-extensions",
            "--disable-background-networking",
            "--no-first-run",
            "--no-pdf-header-footer",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        if out.exists():
            out.unlink()
        try:
            result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                command, capture_output=True, text=True, timeout=TIMEOUT, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PdfUnavailable(f"{browser} could not print the report: {error}") from None
    if not out.exists() or out.stat().st_size == 0:
        detail = (result.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise PdfUnavailable(f"{browser} did not write {out}: {detail[0]}")
