"""The HTML report in a real browser: the system's headless Chromium driven by selenium
(no browser is downloaded). Without Chromium and its driver these tests are skipped,
except in CI (`CI` set), where they fail: there the browser must be installed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from tests.conftest import ROOT, edit, sample_text
from tests.test_html_report import HOSTILE_TEXT

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
DRIVER = shutil.which("chromedriver")


def _missing(what: str):
    if os.environ.get("CI"):
        pytest.fail(f"{what} (CI must have it: .ci/run installs chromium and chromium-driver)")
    pytest.skip(what)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None or DRIVER is None:
        _missing("no Chromium or chromedriver on this machine")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed (pip install '.[test]')")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1400,1000"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _write(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["check", *args, "--format", "html", "--output", str(out)],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return out


@pytest.fixture(scope="module")
def samples_report(tmp_path_factory):
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        out = _write(tmp_path_factory.mktemp("report"), "samples/boroughs")
        findings = json.loads(CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "json"]).output)
    finally:
        os.chdir(here)
    return out, findings


def _open(browser, path: Path, fragment: str = "") -> None:
    browser.get(path.as_uri() + fragment)
    browser.get_log("browser")  # what came before this page is not its own


def _count(browser, selector: str) -> int:
    return browser.execute_script(f"return document.querySelectorAll({json.dumps(selector)}).length")


def _visible(browser, selector: str) -> int:
    return browser.execute_script(
        f"return Array.from(document.querySelectorAll({json.dumps(selector)})).filter(e => e.offsetParent !== null).length")


def _becomes(browser, script: str, expected, seconds: float = 5.0):
    """The value the script returns once it equals expected (a key's handler may run after
    send_keys returns on a loaded machine), or the last value seen after the wait."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(browser, seconds, poll_frequency=0.05).until(
            lambda driver: driver.execute_script(script) == expected)
    except TimeoutException:
        pass
    return browser.execute_script(script)


def _errors(browser) -> list[dict]:
    return [entry for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


def test_each_finding_is_one_data_rule_element(browser, samples_report):
    path, findings = samples_report
    browser.get(path.as_uri())
    assert _count(browser, "[data-rule]") == 0  # the overview carries none
    paths = sorted({f["path"] for f in findings})
    total = 0
    for i, edition in enumerate(paths):
        browser.get(path.as_uri() + f"#edition-{i}")
        mine = [f["rule"] for f in findings if f["path"] == edition]
        shown = browser.execute_script("return Array.from(document.querySelectorAll('[data-rule]'))"
                                       ".map(e => e.getAttribute('data-rule'))")
        assert sorted(shown) == sorted(mine), edition  # in the order of the rows
        assert browser.find_element("css selector", "#edition h2").text == edition
        total += len(shown)
    assert total == len(findings) == 44
    assert _errors(browser) == []


def test_clicking_a_heat_map_cell_shows_that_edition_and_section(browser, samples_report):
    path, findings = samples_report
    _open(browser, path)
    cell = browser.find_element("css selector", "#overview-table tbody tr:nth-child(2) td.heat.sev-error a")
    section = cell.get_attribute("href").rsplit("-", 1)[-1]
    cell.click()
    assert not browser.find_element("id", "edition").get_attribute("hidden")
    assert browser.find_element("id", "overview").get_attribute("hidden")
    assert browser.find_element("css selector", "#edition h2").text == "samples/boroughs/havering.txt"
    assert _visible(browser, "#edition [data-rule]") == sum(f["path"].endswith("havering.txt") for f in findings)
    assert browser.find_element("id", f"edition-1-section-{section}").is_displayed()
    assert browser.execute_script(f"return document.getElementById('edition-1-section-{section}')"
                                  ".getBoundingClientRect().top") < 300  # scrolled to the section
    browser.find_element("id", "to-overview").click()
    assert browser.find_element("id", "overview").is_displayed()
    assert _errors(browser) == []


def test_filters_hide_and_show_findings(browser, samples_report):
    path, findings = samples_report
    _open(browser, path, "#edition-0")
    bexley = [f for f in findings if f["path"].endswith("bexley.txt")]
    errors = sum(f["severity"] == "error" for f in bexley)
    assert _visible(browser, "[data-rule]") == len(bexley)
    browser.find_element("css selector", 'input[data-filter="severity"][value="error"]').click()
    assert _visible(browser, "[data-rule]") == len(bexley) - errors
    browser.find_element("css selector", 'input[data-filter="code"][value="CL106"]').click()
    assert _visible(browser, "[data-rule]") == len(bexley) - errors - sum(f["rule"] == "CL106" for f in bexley)
    browser.find_element("id", "rules-none").click()
    assert _visible(browser, "[data-rule]") == 0
    browser.find_element("id", "rules-all").click()
    browser.find_element("css selector", 'input[data-filter="severity"][value="error"]').click()
    assert _visible(browser, "[data-rule]") == len(bexley)
    assert _count(browser, "[data-rule]") == len(bexley)  # hidden, never removed
    assert _errors(browser) == []


def test_keys_move_to_the_next_and_previous_finding(browser, samples_report):
    path, findings = samples_report
    _open(browser, path, "#edition-1")
    body = browser.find_element("tag name", "body")
    current = "return document.querySelector('.finding.current') && document.querySelector('.finding.current').id"
    in_page_order = browser.execute_script("return Array.from(document.querySelectorAll('.finding')).map(e => e.id)")
    assert len(in_page_order) == sum(f["path"].endswith("havering.txt") for f in findings)
    body.send_keys("j")
    assert _becomes(browser, current, in_page_order[0]) == in_page_order[0]
    body.send_keys("n")
    assert _becomes(browser, current, in_page_order[1]) == in_page_order[1]
    body.send_keys("j")
    assert _becomes(browser, current, in_page_order[2]) == in_page_order[2]
    top = browser.execute_script("return document.querySelector('.finding.current').getBoundingClientRect().top")
    assert 0 < top < 1000  # scrolled into view
    body.send_keys("k")
    assert _becomes(browser, current, in_page_order[1]) == in_page_order[1]
    body.send_keys("o")
    assert browser.find_element("id", "overview").is_displayed()


def test_a_hostile_edition_runs_no_script(browser, tmp_path, monkeypatch):
    from selenium.common.exceptions import NoAlertPresentException

    monkeypatch.chdir(ROOT)
    hostile = HOSTILE_TEXT.replace("window.__pwned = 1", "alert(1); window.__pwned = 1")
    text = edit(sample_text("westminster"), [("Summary performance achievements",
                                              f"Summary performance achievements {hostile}")])
    edition = tmp_path / "<img src=x onerror=alert(2)>.txt"
    edition.write_text(text + "\n" + hostile + "\n", "utf-8")
    out = _write(tmp_path, "--template", "samples/template.md", str(edition))
    _open(browser, out, "#edition-0")
    assert browser.find_element("css selector", "#edition h2").text == str(edition)
    assert "<script>alert(1)" in browser.find_element("id", "edition").text  # shown as text
    for link in browser.find_elements("css selector", "#edition a"):
        assert not link.get_attribute("href").startswith("javascript:")
    assert browser.execute_script("return window.__pwned") is None
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert browser.execute_script("return document.querySelectorAll('#edition img, #edition script').length") == 0


def test_a_screenshot_of_the_report_is_not_blank(browser, samples_report, tmp_path):
    from PIL import Image, ImageStat

    path, _ = samples_report
    _open(browser, path)
    shot = tmp_path / "overview.png"
    assert browser.save_screenshot(str(shot))
    image = Image.open(shot).convert("RGB")
    assert image.size[0] >= 1000
    assert len(image.getcolors(maxcolors=1 << 20)) > 50         # text, heat map colours, borders
    assert max(ImageStat.Stat(image).stddev) > 20               # not one flat colour


def test_the_content_security_policy_stops_markup_that_got_through(browser, samples_report):
    """The second wall: were some text ever put in as markup, its handlers would not run."""
    import time

    path, _ = samples_report
    _open(browser, path, "#edition-0")
    browser.execute_script("""
        var probe = document.createElement('div');
        probe.innerHTML = '<img src="data:," onerror="window.__csp = 1" onload="window.__csp = 2">'
                        + '<a id="probe" href="javascript:window.__csp = 3">x</a>';
        document.body.append(probe);
        document.getElementById('probe').click();""")
    time.sleep(0.3)
    assert browser.execute_script("return window.__csp") is None
    assert any("Content Security Policy" in entry["message"] for entry in browser.get_log("browser"))


def test_without_a_browser_ci_fails_and_a_developer_skips(monkeypatch):
    from tests import test_html_browser as here

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must have it"):
        here._missing("no Chromium")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        here._missing("no Chromium")
