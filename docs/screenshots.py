"""Regenerate the README's screenshots of the HTML report from the current samples.

    python docs/screenshots.py

Writes `canonlint check samples/boroughs --format html` to a temporary file, opens it in
the system's headless Chromium through selenium (Debian's `chromium` and
`chromium-driver`, as tests/test_html_browser.py does; no browser is downloaded) and
saves docs/html-report-overview.png (the overview), docs/html-report-edition.png
(Havering's view: its verdict and list of findings, then the template beside the edition)
and docs/html-report-differences.png (the same with identical blocks hidden: what differs,
word by word, and the findings at their places).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 1400, 1000
EDITION = "samples/boroughs/havering.txt"


def _browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        sys.exit("screenshots: needs Chromium and chromedriver (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", f"--window-size={WIDTH},{HEIGHT}"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(driver), options=options)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "report.html"
        subprocess.run([sys.executable, "-m", "canonlint.cli", "check", "samples/boroughs", "--format", "html",
                        "--output", str(page)], cwd=ROOT, check=False)
        if not page.is_file():
            sys.exit("screenshots: canonlint wrote no report")
        browser = _browser()
        try:
            browser.get(page.as_uri())
            browser.save_screenshot(str(ROOT / "docs" / "html-report-overview.png"))
            paths = browser.execute_script(
                "return Array.from(document.querySelectorAll('#overview-table tbody th a')).map(a => a.textContent)")
            browser.get(page.as_uri() + f"#edition-{paths.index(EDITION)}")
            browser.save_screenshot(str(ROOT / "docs" / "html-report-edition.png"))
            browser.find_element("id", "hide-same").click()
            browser.execute_script("document.querySelector('table.side').scrollIntoView({block: 'start'});"
                                   "window.scrollBy(0, -70)")  # below the filters, which stay on top
            browser.save_screenshot(str(ROOT / "docs" / "html-report-differences.png"))
        finally:
            browser.quit()
    print("wrote docs/html-report-overview.png, docs/html-report-edition.png and docs/html-report-differences.png")


if __name__ == "__main__":
    main()
