"""The HTML report without a browser: one escaping function, JSON that cannot end its
block, a page that fetches nothing and runs only its own script, and per-edition data
that holds every finding and every word of the edition."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.report.html_report import escape, script_json
from tests.conftest import ROOT, SAMPLES, edit, sample_text

HOSTILE_TEXT = ('<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 1"> '
                '</script><script>window.__pwned = 1</script> <a href="javascript:window.__pwned = 1">x</a> '
                '[link](javascript:window.__pwned=1) & \u2028 \u2029 <!-- <script>')


class _Page(HTMLParser):
    """Every element's tag and attributes, and each script's type and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.scripts: list[tuple[str | None, str]] = []
        self._script: list | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.elements.append((tag, attributes))
        if tag == "script":
            self._script = [attributes.get("type"), ""]

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(tuple(self._script))
            self._script = None


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    return parser


def _report(args, tmp_path: Path) -> str:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["check", *args, "--format", "html", "--output", str(out)],
                                catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return out.read_text("utf-8")


def _editions(page: _Page) -> list[dict]:
    return [json.loads(text) for kind, text in page.scripts if kind == "application/json"][1:]


@pytest.fixture()
def hostile(tmp_path, monkeypatch):
    """A Westminster edition with markup, handlers and a `</script>` in shared and local text."""
    monkeypatch.chdir(ROOT)
    text = edit(sample_text("westminster"), [("Summary performance achievements",
                                              f"Summary performance achievements {HOSTILE_TEXT}")])
    path = tmp_path / "<img src=x onerror=alert(1)>.txt"
    path.write_text(text + "\n" + HOSTILE_TEXT + "\n", "utf-8")
    return path


def test_escape_leaves_no_markup_and_keeps_the_text():
    assert escape('<script>a & b</script> "q" \'s\'') == \
        "&lt;script&gt;a &amp; b&lt;/script&gt; &quot;q&quot; &#x27;s&#x27;"
    parsed = _parse(f'<p title="{escape(HOSTILE_TEXT)}">{escape(HOSTILE_TEXT)}</p>')
    assert parsed.elements == [("p", {"title": HOSTILE_TEXT})]


def test_script_json_cannot_end_its_block_and_reads_back():
    data = {"text": HOSTILE_TEXT, "n": [1, "</SCRIPT >"]}
    encoded = script_json(data)
    assert json.loads(encoded) == data
    for char in ("<", ">", "&", "\u2028", "\u2029"):
        assert char not in encoded


def test_the_page_runs_only_its_own_script_and_fetches_nothing(hostile, tmp_path):
    import base64
    import hashlib

    page = _report(["--template", "samples/template.md", str(hostile)], tmp_path)
    parsed = _parse(page)
    runnable = [text for kind, text in parsed.scripts if kind is None]
    assert len(runnable) == 1 and "__pwned" not in runnable[0]
    assert all(kind in (None, "application/json") for kind, _ in parsed.scripts)
    assert not [(tag, name) for tag, attributes in parsed.elements for name in attributes if name.startswith("on")]
    assert [tag for tag, _ in parsed.elements if tag in ("img", "iframe", "object", "embed", "a")] == \
        ["a"] * sum(1 for tag, _ in parsed.elements if tag == "a")
    links = [a.get("href", "") for tag, a in parsed.elements if tag in ("a", "link")]
    assert all(href.startswith("#") or href == "data:," for href in links), links
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:|//|javascript:)", page, re.I)
    assert "@import" not in page and "url(" not in page
    policy = next(a["content"] for tag, a in parsed.elements if a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(runnable[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}';" in policy and "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    # The hostile text is all there, as data: in the edition's JSON and in the escaped overview.
    (edition,) = _editions(parsed)
    assert HOSTILE_TEXT in edition["text"] and edition["path"] == str(hostile)
    assert any(a.get("href") == "#edition-0" for tag, a in parsed.elements)


def test_every_finding_is_in_the_data_of_its_edition(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    page = _parse(_report(["samples/boroughs"], tmp_path))
    findings = json.loads(CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "json"]).output)
    editions = _editions(page)
    assert [e["path"] for e in editions] == sorted({f["path"] for f in findings})
    for edition in editions:
        mine = [f for f in findings if f["path"] == edition["path"]]
        assert [(f["rule"], f["line"], f["column"], f["message"]) for f in edition["findings"]] == \
            [(f["rule"], f["line"], f["column"], f["message"]) for f in mine]
        rows = edition["rows"]
        for f in edition["findings"]:  # each at its place: its row holds its start, or it marks a missing block
            row = rows[f["row"]]
            assert row[3] <= f["offset"] <= row[4] or row[1] == "missing", (edition["path"], f)


@pytest.mark.parametrize("name", ["westminster", "bexley", "havering"])
def test_the_rows_show_every_template_block_once_and_every_word_of_the_edition(name, tmp_path, monkeypatch, template):
    monkeypatch.chdir(ROOT)
    (edition,) = _editions(_parse(_report([f"samples/boroughs/{name}.txt"], tmp_path)))
    rows = edition["rows"]
    assert sorted(r[0] for r in rows if r[0] >= 0) == list(range(len(template.blocks)))
    text = edition["text"]
    covered = [False] * len(text)
    for row in rows:
        covered[row[3]:row[4]] = [True] * (row[4] - row[3])
    assert not [m.group(0) for m in re.finditer(r"\w+", text) if not all(covered[m.start():m.end()])]


def test_differing_words_are_marked_on_both_sides(tmp_path, monkeypatch, template):
    monkeypatch.chdir(ROOT)
    text = edit(sample_text("westminster"), [("Summary performance achievements", "Summary of performance results")])
    path = tmp_path / "westminster.txt"
    path.write_text(text, "utf-8")
    (edition,) = _editions(_parse(_report(["--template", "samples/template.md", str(path)], tmp_path)))
    row = next(r for r in edition["rows"] if r[0] >= 0 and template.blocks[r[0]].text == "Summary performance achievements")
    assert row[1] == "altered"
    added = [edition["text"][row[5][k]:row[5][k + 1]] for k in range(0, len(row[5]), 2)]
    removed = [template.text[row[6][k]:row[6][k + 1]] for k in range(0, len(row[6]), 2)]
    assert added == ["of", "results"] and removed == ["achievements"]


def test_the_overview_gives_each_edition_its_counts_verdict_and_sections(tmp_path, monkeypatch, template):
    monkeypatch.chdir(ROOT)
    page = _report(["samples/boroughs", "--fail-on", "error"], tmp_path)
    rows = re.findall(r'<tr><th scope="row" data-value="[^"]*"><a href="#edition-(\d+)">([^<]+)</a></th>'
                      r'<td class="n">(\d+)</td><td class="n">(\d+)</td><td class="n">(\d+)</td>'
                      r'<td class="verdict [\w-]+">([^<]+)</td>(.*?)</tr>', page)
    assert [(r[1], r[5]) for r in rows] == [
        ("samples/boroughs/bexley.txt", "not ready"), ("samples/boroughs/havering.txt", "not ready"),
        ("samples/boroughs/kensington-and-chelsea.txt", "not ready"),
        ("samples/boroughs/tower-hamlets.txt", "not ready"), ("samples/boroughs/westminster.txt", "ready")]
    sections = [b for b in template.blocks if b.kind == "heading" and b.level == 1]
    for row in rows:
        cells = re.findall(r'<td class="heat sev-(\w+)" data-value="\d+"><a href="#edition-\d+-section-(\d+)"', row[6])
        assert [int(s) for _, s in cells] == [b.index for b in sections]
    westminster = dict((int(s), level) for level, s in re.findall(
        r'<td class="heat sev-(\w+)" data-value="\d+"><a href="#edition-\d+-section-(\d+)"', rows[4][6]))
    assert "error" not in westminster.values() and "warning" in westminster.values()


def test_jobs_make_the_same_page(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1270000000")  # the page says when it was made
    assert _report(["samples/boroughs", "--jobs", "2"], tmp_path) == _report(["samples/boroughs"], tmp_path)


def test_a_page_without_template_or_editions_still_renders():
    from canonlint.report.formats import render

    assert "<!DOCTYPE html>" in render("html", [])


def test_text_before_the_first_heading_has_a_column_of_its_own(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("template.md").write_text("Issued by the {borough} office every year.\n\n# Contacts\n\n"
                                   "Call 0300 123 1212 for help.\n", "utf-8")
    Path("a.txt").write_text("Issued by the Bexley office every yaer.\n\nContacts\n\nCall 0300 123 1212 for help.\n",
                             "utf-8")
    page = _report(["--template", "template.md", "a.txt"], tmp_path)
    heads = re.findall(r'<th class="section" scope="col"[^>]*><button[^>]*><span>([^<]*)</span>', page)
    assert heads == ["(before the first heading)", "Contacts"]
    assert '<td class="heat sev-error" data-value="1"><a href="#edition-0-section--1"' in page


def test_the_command_says_where_it_wrote_the_page(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["check", "samples/boroughs/westminster.txt", "--format", "html",
                                      "--output", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"canonlint: wrote the HTML report to {out}\n" and out.is_file()


def test_no_row_of_marks_alone_stands_as_text_not_in_the_template(tmp_path, monkeypatch):
    """A list item's `- ` before a slot and a flattened list's ` * ` belong to their item;
    a row of marks alone is left only where a finding is about it (an empty bullet)."""
    monkeypatch.chdir(ROOT)
    for edition in _editions(_parse(_report(["samples/boroughs"], tmp_path))):
        text, rows = edition["text"], edition["rows"]
        with_findings = {f["row"] for f in edition["findings"]}
        bare = [text[r[3]:r[4]] for k, r in enumerate(rows)
                if r[1] == "extra" and not re.search(r"\w", text[r[3]:r[4]]) and k not in with_findings]
        assert bare == [], edition["path"]
    bexley = next(e for e in _editions(_parse(_report(["samples/boroughs/bexley.txt"], tmp_path))))
    item = next(r for r in bexley["rows"] if bexley["text"][r[3]:r[4]].endswith("reduce crime and catch criminals"))
    assert bexley["text"][item[3]:item[4]].startswith("* reduce")


def test_an_empty_bullet_is_in_the_section_it_stands_in(tmp_path, monkeypatch, template):
    monkeypatch.chdir(ROOT)
    (edition,) = _editions(_parse(_report(["samples/boroughs/westminster.txt"], tmp_path)))
    (bullet,) = [f for f in edition["findings"] if f["rule"] == "CL704" and f["line"] == 90]
    row = edition["rows"][bullet["row"]]
    assert edition["text"][row[3]:row[4]] == "-"
    assert template.blocks[row[2]].text == "Looking back on 2009/10"


def test_template_text_shows_slots_as_named_chips_and_stays_escaped():
    from canonlint.report.html_report import with_chips

    assert with_chips("How did {borough} do? {change:signed_percent} <b>") == (
        'How did <span class="slot" title="filled in per edition">borough</span> do? '
        '<span class="slot" title="filled in per edition">change</span> &lt;b&gt;')
    assert with_chips("{{local}}") == '<span class="slot local">local text</span>'
    assert with_chips("outside every {{local notes}} block") == \
        'outside every <span class="slot local">local text: notes</span> block'
    assert with_chips("<{x}>") == '&lt;<span class="slot" title="filled in per edition">x</span>&gt;'


def test_each_edition_has_its_verdict_and_numbered_findings_without_the_script(tmp_path, monkeypatch):
    """The lists the edition views open with, and the printed pages, are in the page itself."""
    monkeypatch.chdir(ROOT)
    page = _report(["samples/boroughs"], tmp_path)
    findings = json.loads(CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "json"]).output)
    summaries = re.findall(r'<section class="edition-summary" id="summary-(\d+)" data-edition="\d+">'
                           r'<h2 class="edition-path">([^<]*)</h2><p class="verdict-line">(.*?)</p>(.*?)</section>', page)
    assert [path for _, path, _, _ in summaries] == sorted({f["path"] for f in findings})
    for _, path, verdict, listing in summaries:
        mine = [f for f in findings if f["path"] == path]
        assert verdict.startswith('<span class="verdict not-ready">Not ready</span>: ' + f"{len(mine)} findings")
        messages = [html.unescape(m) for m in re.findall(r'<p class="msg">(.*?)</p>', listing)]
        assert messages == [f["message"] for f in mine]
        assert len(re.findall(r'<div class="compare">', listing)) == len(mine)  # the two wordings, each
