"""Headless Chromium as this project drives it (tests, screenshots, the UPR PDF build)."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
# Chromium as root needs --no-sandbox; the networking flags stop it calling home on a closed network.
CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--no-first-run",
    "--disable-extensions", "--disable-sync", "--disable-quic",
)  # fmt: skip


def chromium_options(width: int = 1280, height: int = 1024):
    """Selenium options for Debian's headless Chromium, with the browser console log enabled."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return options


def start_chromium(width: int = 1280, height: int = 1024):
    """A headless Chromium driven by Debian's chromedriver."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=chromium_options(width, height))
