"""Take a full-page screenshot of a URL with headless Chromium.

python -m scripts.screenshot URL OUT.png [WIDTH]
"""

from __future__ import annotations

import sys
import time

from scripts.chromium import start_chromium


def main() -> None:
    """Open the URL, wait for Dash to render, save a full-height screenshot."""
    url, out = sys.argv[1], sys.argv[2]
    width = int(sys.argv[3]) if len(sys.argv) > 3 else 1280
    driver = start_chromium(width)
    try:
        driver.get(url)
        time.sleep(3)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(height + 100, 8000))
        time.sleep(0.5)
        driver.save_screenshot(out)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
