"""Take a full-page screenshot of a URL with headless Chromium: `python scripts/screenshot.py URL OUT.png [WIDTH]`."""

from __future__ import annotations

import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--no-first-run",
    "--disable-extensions", "--disable-sync",
)  # fmt: skip


def chromium_options(width: int = 1280, height: int = 1024) -> Options:
    """Selenium options for Debian's headless Chromium as root."""
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return options


def main() -> None:
    url, out = sys.argv[1], sys.argv[2]
    width = int(sys.argv[3]) if len(sys.argv) > 3 else 1280
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=chromium_options(width))
    try:
        driver.get(url)
        time.sleep(3)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(height + 100, 6000))
        time.sleep(0.5)
        driver.save_screenshot(out)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
