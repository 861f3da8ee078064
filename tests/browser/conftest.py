"""Real-browser tests: headless Chromium through dash[testing]'s `dash_duo`.

Runs as root without a display: the options below are what Chromium needs for that, so
plain `pytest` from the repository root runs these tests with no extra flags.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_setup_options():
    from selenium.webdriver.chrome.options import Options

    options = Options()
    if CHROMIUM:
        options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        # WebGL without a GPU, drawn in software: the Turnout page's scattergl chart.
        "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1400,1000",
    ):
        options.add_argument(argument)
    return options


def pytest_collection_modifyitems(config, items):
    here = str(config.rootpath / "tests" / "browser")
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)
            if not (CHROMIUM and shutil.which("chromedriver")):
                # CI sets COALITION_REQUIRE_BROWSER: there a missing browser is a failure.
                if os.environ.get("COALITION_REQUIRE_BROWSER"):
                    raise pytest.UsageError("browser tests need chromium and chromedriver")
                item.add_marker(pytest.mark.skip(reason="chromium and chromedriver are needed"))
