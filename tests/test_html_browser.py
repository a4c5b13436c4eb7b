"""The HTML report in a real browser: the system's headless Chromium driven by selenium
(no browser is downloaded). Without Chromium and its driver these tests are skipped,
except in CI (`CI` set), where they fail: there the browser must be installed."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonlint import __version__
from canonlint.cli import cli
from canonlint.registry import load_registry
from canonlint.report.run_info import RuleInfo
from tests.conftest import ROOT, edit, missing_in_ci, sample_text
from tests.test_html_report import HOSTILE_TEXT

CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
DRIVER = shutil.which("chromedriver")
RULES = load_registry().rules


def _missing(what: str):
    missing_in_ci(f"{what} (chromium, chromium-driver, poppler-utils)")


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
    browser.find_element("css selector", "details.filter-group summary").click()  # the rules, by title
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


def _words(text: str) -> str:
    """Text as pdftotext (-raw: a hyphen at a line end kept) and the DOM both give it:
    compatibility forms folded, no white space."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize("paper", [("A4", 8.27, 11.69), ("Letter", 8.5, 11.0)], ids=["A4", "Letter"])
def test_printing_the_report_gives_a_document_to_file(browser, samples_report, tmp_path, paper):
    """Chromium's print to PDF of the samples' report, read back with pdftotext: the date,
    the template and its hash, canonlint's version, every finding's message, each edition
    on pages of its own, and the documentation of the rules that fired, no other."""
    import base64
    import subprocess

    if shutil.which("pdftotext") is None:
        _missing("no pdftotext (poppler-utils)")
    path, findings = samples_report
    _open(browser, path, "#edition-1")  # printed from an edition's view: the whole document all the same
    _, width, height = paper
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {
        "paperWidth": width, "paperHeight": height, "printBackground": True})["data"]))
    pages = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    text = _words("".join(pages))
    made = browser.execute_script("return document.querySelector('.identity').textContent")
    when = re.search(r"Made(\d{4}-\d\d-\d\d \d\d:\d\d UTC)", made).group(1)
    sha = hashlib.sha256((ROOT / "samples" / "template.md").read_bytes()).hexdigest()
    for needed in (when, "samples/template.md", sha, f"canonlint{__version__}", "samples/canonlint.toml",
                   "Editionschecked5", "0ready,5notready"):
        assert _words(needed) in text, needed
    missing = [f["message"] for f in findings if _words(f["message"]) not in text]
    assert missing == []
    editions = sorted({f["path"] for f in findings})
    starts = [_words(page)[:60] for page in pages]
    assert [any(start.startswith(_words(e)) for start in starts) for e in editions] == [True] * len(editions)
    appendix = text.split(_words("Appendix: the rules that fired"))[1]
    fired = {f["rule"] for f in findings}
    headings = {info.code: _words(f"{info.title} {info.code} {info.name}") for info in map(RuleInfo.of, RULES)}
    assert {code for code, heading in headings.items() if heading in appendix} == fired
    assert "`" not in text and not re.search(r"\{\w+(:\w+)?\}", text)


def test_the_printed_overview_is_not_clipped(browser, samples_report):
    path, _ = samples_report
    _open(browser, path)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    browser.set_window_size(794, 1123)  # an A4 page at 96 dpi
    try:
        for table in ("overview-table", "sections-table"):
            assert browser.execute_script(
                f"var t = document.getElementById('{table}'); "
                "return t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1") is True, table
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        browser.set_window_size(1400, 1000)


def _sections_of_findings(browser, i: int) -> list[int]:
    """The template section (its level-1 heading's index) above each finding card of
    edition i's view, in the order of the cards."""
    return browser.execute_script(f"""
        var section = -1, out = [];
        document.querySelectorAll('#edition tr, #edition .finding').forEach(function (node) {{
          var m = /^edition-{i}-section-(-?\\d+)$/.exec(node.id);
          if (m) section = Number(m[1]);
          if (node.classList.contains('finding')) out.push(section);
        }});
        return out;""")


def test_the_heat_map_counts_each_finding_in_the_section_it_stands_in(browser, samples_report, template):
    """Against the JSON's places: the section of a finding is the last of the template's
    sections whose heading the edition has at or before the finding's line; its card is
    drawn under that section's heading, and the heat map counts it there."""
    from collections import Counter

    path, findings = samples_report
    _open(browser, path)
    heat = browser.execute_script("""
        return Array.from(document.querySelectorAll('#overview-table tbody tr')).map(tr =>
          Array.from(tr.querySelectorAll('td.heat a')).map(a => [a.getAttribute('href'), Number(a.textContent || 0)]))""")
    editions = sorted({f["path"] for f in findings})
    sections = [b for b in template.blocks if b.kind == "heading" and b.level == 1]
    for i, edition in enumerate(editions):
        mine = [f for f in findings if f["path"] == edition]
        lines = (ROOT / edition).read_text("utf-8").splitlines()
        heading_lines = {}
        for b in sections:  # where the edition has the section's heading on a line of its own
            title = re.sub(r"\{\w+(:\w+)?\}", "", b.text).strip(" :")
            at = [n for n, line in enumerate(lines, 1) if line.strip().endswith(title) and len(line) < len(b.text) + 30]
            if at:
                heading_lines[b.index] = at[0]
        _open(browser, path, f"#edition-{i}")
        drawn = _sections_of_findings(browser, i)
        assert len(drawn) == len(mine)
        counted = Counter({int(href.rsplit("-", 1)[1]) if not href.endswith("--1") else -1: n
                           for href, n in heat[i] if n})
        assert Counter(drawn) == counted, edition
        cards = browser.execute_script("return Array.from(document.querySelectorAll('#edition .finding'))"
                                       ".map(c => c.querySelector('.where').textContent)")
        for section, where in zip(drawn, cards):
            line = int(re.search(r"line (\d+)", where).group(1))
            expected = max((s for s, n in heading_lines.items() if n <= line), key=heading_lines.get, default=None)
            if edition.endswith("bexley.txt"):
                continue  # flattened: its headings are run into paragraphs, no line of their own to go by
            assert section == expected, (edition, where)


def test_an_edition_opens_with_its_verdict_and_numbered_findings(browser, samples_report):
    path, findings = samples_report
    _open(browser, path, "#edition-1")
    havering = [f for f in findings if f["path"].endswith("havering.txt")]
    summary = browser.find_element("css selector", "#edition .edition-summary")
    assert summary.location["y"] < 300 and summary.is_displayed()
    assert summary.find_element("css selector", ".verdict-line").text.startswith("Not ready: 11 findings")
    items = summary.find_elements("css selector", "ol.finding-list > li")
    assert [item.find_element("css selector", ".msg").text for item in items] == [f["message"] for f in havering]
    titles = [item.find_element("css selector", "a.title").text for item in items]
    assert all(title and not re.fullmatch(r"CL\d+", title) for title in titles)
    items[-1].find_element("css selector", "a.title").click()
    last = browser.find_element("id", f"edition-1-finding-{len(havering) - 1}")
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", last)
    assert 0 <= top < 1000 and titles[-1] in last.text
    assert _errors(browser) == []


def test_identical_blocks_hide_and_come_back(browser, samples_report):
    path, findings = samples_report
    _open(browser, path, "#edition-1")
    rows = _visible(browser, "#edition tr.row")
    same = _count(browser, "#edition tr.row.same")
    assert same > 0
    browser.find_element("id", "hide-same").click()
    assert _visible(browser, "#edition tr.row") == rows - same
    assert _visible(browser, "#edition .finding") == sum(f["path"].endswith("havering.txt") for f in findings)
    assert _visible(browser, "#edition tr.row.same") == 0 and _visible(browser, "#edition tr.level-1") > 0
    browser.find_element("id", "hide-same").click()
    assert _visible(browser, "#edition tr.row") == rows


def test_a_reader_sees_slot_names_and_rule_titles_never_syntax_or_codes_alone(browser, samples_report):
    path, findings = samples_report
    slot = re.compile(r"\{\{?\w+(:\w+)?\}?\}")
    for fragment in ("", "#edition-0", "#edition-1", "#edition-4"):
        _open(browser, path, fragment)
        text = browser.find_element("tag name", "body").text
        assert not slot.search(text), (fragment, slot.search(text))
        assert "`" not in text
    assert "borough" in [chip.text for chip in browser.find_elements("css selector", "#edition span.slot")]
    labels = browser.execute_script("return Array.from(document.querySelectorAll('#filters label'))"
                                    ".map(l => l.textContent.trim())")
    assert labels[3:] and all(not re.match(r"CL\d", label) for label in labels)
    documented = {a.get_attribute("id")[5:] for a in browser.find_elements("css selector", "#rules article.rule")}
    assert documented == {f["rule"] for f in findings}


def test_the_editions_table_sorts_by_any_column(browser, samples_report):
    path, _ = samples_report
    _open(browser, path)

    def column(n: int) -> list[str]:
        return browser.execute_script(f"return Array.from(document.querySelectorAll('#overview-table tbody tr'))"
                                      f".map(tr => tr.children[{n}].textContent)")

    browser.find_element("css selector", "#overview-table thead th.warnings button").click()
    warnings = [int(n) for n in column(2)]
    assert warnings == sorted(warnings)
    browser.find_element("css selector", "#overview-table thead th.warnings button").click()
    assert [int(n) for n in column(2)] == sorted(warnings, reverse=True)
    browser.find_element("css selector", "#overview-table thead th.edition button").click()
    assert column(0) == sorted(column(0))
    browser.find_elements("css selector", "#overview-table thead th.section button")[-1].click()
    last = [int(n or 0) for n in column(-1 + len(browser.find_elements("css selector", "#overview-table thead th")))]
    assert last == sorted(last)
    first = browser.find_element("css selector", "#overview-table tbody tr th a")
    name = first.text
    first.click()
    assert browser.find_element("css selector", "#edition h2").text == name  # links follow their rows


def test_a_row_marked_not_in_the_template_carries_its_finding(browser, samples_report):
    path, findings = samples_report
    for i in range(len({f["path"] for f in findings})):
        _open(browser, path, f"#edition-{i}")
        marked = browser.execute_script("""
            return Array.from(document.querySelectorAll('#edition tr.row')).filter(tr =>
              getComputedStyle(tr.querySelector('td.tpl'), '::before').content.includes('not in the template'))
              .map(tr => [tr.nextElementSibling && tr.nextElementSibling.classList.contains('findings'),
                          tr.querySelector('td.ed').textContent]);""")
        assert all(carries for carries, _ in marked), (i, marked)
    _open(browser, path, "#edition-0")  # Bexley: text not in the template at its top, with its CL104
    assert _count(browser, "#edition tr.not-in-template") == 2


def test_without_javascript_the_lists_of_findings_show(samples_report):
    """The views need the script; the overview and each edition's list of findings do not."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    if CHROMIUM is None or DRIVER is None:
        _missing("no Chromium or chromedriver on this machine")
    path, findings = samples_report
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        driver.get(path.as_uri())
        lists = driver.find_elements("css selector", "#summaries ol.finding-list > li")
        assert len(lists) == len(findings) and all(item.is_displayed() for item in lists)
    finally:
        driver.quit()
