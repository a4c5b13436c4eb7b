"""CONTRIBUTING.md's four common changes, made in a copy of the project the way the guide
writes them — its code sketches written to the files they name, its table lines put in
their tables — touch exactly the files its `Files:` lines name, and work: canonlint run
from the copy (not the installed one) offers and uses what was added, and the project's
own tests of each table pass in the copy."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project, edit, sample_text

GUIDE = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
COPIED = ("lint", "rules", "tests", "samples", "README.md", "pyproject.toml")
# The Org mode file the guide's reader reads: tests/fixtures/documents/structure.md as
# `pandoc -f markdown -t org` writes it.
ORG_FIXTURE = ROOT / "tests" / "fixtures" / "contributing" / "structure.org"

# canonlint from the copy in the working folder: the package `canonlint` from its lint/ and
# `canonlint.rules` from its rules/ put in place before anything imports them, so every
# module, and the built-in rules the registry loads, are the copy's.
BOOTSTRAP = """\
import importlib.util, pathlib, sys
for name, folder in (("canonlint", "lint"), ("canonlint.rules", "rules")):
    where = pathlib.Path(folder).resolve()
    spec = importlib.util.spec_from_file_location(name, where / "__init__.py",
                                                  submodule_search_locations=[str(where)])
    sys.modules[name] = importlib.util.module_from_spec(spec)
for name in ("canonlint", "canonlint.rules"):
    sys.modules[name].__spec__.loader.exec_module(sys.modules[name])
sys.modules["canonlint"].rules = sys.modules["canonlint.rules"]
"""
CANONLINT = BOOTSTRAP + "from canonlint.cli import main\nsys.argv[0] = 'canonlint'\nmain()\n"
PYTEST = BOOTSTRAP + "import pytest\nsys.exit(pytest.main())\n"
MODULE = BOOTSTRAP + "import runpy\nname = sys.argv.pop(1)\nsys.argv[0] = name\nrunpy.run_module(name, run_name='__main__')\n"


@dataclass(frozen=True)
class Sketch:
    """A code block of the guide: the file it goes to, and the whole file or a line of a table."""

    path: str
    body: str
    table: str = ""  # a table of the file the body is a line (a row) of; "" for a whole file


def _section(title: str) -> str:
    return re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", GUIDE, re.S | re.M).group(1)


def _files(section: str, names: dict[str, str]) -> set[str]:
    """The section's `Files:` line, its placeholders filled in."""
    (line,) = re.findall(r"^Files: (.*)$", section, re.M)
    files = set()
    for path in re.findall(r"`([^`]+)`", line):
        for placeholder, value in names.items():
            path = path.replace(placeholder, value)
        if not path.startswith("python "):
            files.add(path)
    return files


def _sketches(section: str) -> list[Sketch]:
    sketches = []
    for body in re.findall(r"^```\w+\n(.*?)^```", section, re.S | re.M):
        first, rest = body.split("\n", 1)
        header = re.fullmatch(r"(?:# |<!-- )(\S+?)(?:, a (?:line|row) in (?:the table headed )?(.+?))?(?: -->)?", first)
        sketches.append(Sketch(header.group(1), rest, header.group(2) or ""))
    return sketches


def _apply(copy: Path, sketch: Sketch) -> None:
    """Write a sketch into the copy: a whole file, a line before the end of a Python table,
    or a row after the last of a Markdown table."""
    target = copy / sketch.path
    if not sketch.table:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(sketch.body, "utf-8")
        return
    lines = target.read_text("utf-8").splitlines(keepends=True)
    if sketch.table.startswith("|"):  # a Markdown table: after its header, its last row
        at = next(n for n, line in enumerate(lines) if line.startswith(sketch.table))
        while at + 1 < len(lines) and lines[at + 1].startswith("|"):
            at += 1
        at += 1
    else:  # a Python table: its closing line is the first at the margin after its name
        start = next(n for n, line in enumerate(lines) if re.match(rf"{sketch.table}\b.*=", line))
        at = next(n for n in range(start + 1, len(lines)) if lines[n][:1] in (")", "}", "]"))
    lines[at:at] = [sketch.body]
    target.write_text("".join(lines), "utf-8")


def _snapshot(copy: Path) -> dict[str, bytes]:
    return {path.relative_to(copy).as_posix(): path.read_bytes() for path in copy.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts}


def _changed(before: dict[str, bytes], copy: Path) -> set[str]:
    after = _snapshot(copy)
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _run(copy: Path, program: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", program, *map(str, args)], cwd=copy, capture_output=True,
                          text=True, timeout=300)


# The shape of the whole tree (tests/test_structure.py): no two modules of one name, no import cycle.
WHOLE_TREE = "share_a_file_name or import_cycle_among"


def _tests_pass(copy: Path, selected: str, *files: str) -> None:
    """The project's own tests of these files that -k selects pass in the copy, and so do
    those of the shape of the tree: the tests of what the change touched."""
    result = _run(copy, PYTEST, "-q", "-p", "no:cacheprovider", "-k", f"{selected} or {WHOLE_TREE}", *files,
                  "tests/test_structure.py")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert re.search(r"\d+ passed", result.stdout) and "skipped" not in result.stdout, result.stdout[-500:]


@pytest.fixture
def copy(tmp_path) -> Path:
    copy_project(COPIED, tmp_path / "project")
    return tmp_path / "project"


def _change(copy: Path, title: str, names: dict[str, str]) -> tuple[set[str], set[str]]:
    """Make a section's change in the copy from its sketches: the files it names, and the
    copy's files as they were before."""
    section = _section(title)
    before = _snapshot(copy)
    for sketch in _sketches(section):
        _apply(copy, sketch)
    return _files(section, names), before


def test_the_readme_links_the_guide():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "(CONTRIBUTING.md)" in readme


def test_each_change_names_its_files_and_has_its_sketches():
    for title in ("Adding a rule", "Adding a reader", "Adding an output format", "Adding a slot type"):
        section = _section(title)
        assert len(re.findall(r"^Files: ", section, re.M)) == 1, title
        assert _sketches(section), title


def test_adding_a_rule(copy, tmp_path):
    names = {"<problem>": "doubled_punctuation", "<CODE>": "CL707"}
    files, before = _change(copy, "Adding a rule", names)
    (command,) = re.findall(r"^Files: .*`python -m ([\w.]+)`", _section("Adding a rule"), re.M)
    regenerated = _run(copy, MODULE, command)  # the command that rewrites the README's generated parts
    assert regenerated.returncode == 0, regenerated.stderr
    assert _changed(before, copy) == files == {"rules/doubled_punctuation.py", "tests/rules/cases/CL707.toml",
                                               "README.md"}

    listed = _run(copy, CANONLINT, "rules")
    assert listed.returncode == 0 and re.search(r"^CL707 +doubled-punctuation", listed.stdout, re.M), listed.stdout
    westminster = sample_text("westminster")
    broken, kept = tmp_path / "broken.txt", tmp_path / "kept.txt"
    broken.write_text(edit(westminster, [("with local police,", "with local police,,")]), "utf-8")
    kept.write_text(edit(westminster, [("with local police,", "with local police;")]), "utf-8")
    found = _run(copy, CANONLINT, "check", broken, kept, "--template", "samples/template.md", "--select", "CL707",
                 "--format", "json", "--no-cache")
    assert found.returncode == 1, found.stderr
    assert [(Path(f["path"]).name, f["line"], f["rule"]) for f in json.loads(found.stdout)] == \
        [("broken.txt", 170, "CL707")]
    _tests_pass(copy, "CL707 or doubled_punctuation or rule_table or rule_count", "tests/rules", "tests/test_readme.py")


def test_adding_a_reader(copy, tmp_path):
    files, before = _change(copy, "Adding a reader", {"<format>": "org"})
    (copy / "tests" / "fixtures" / "documents" / "structure.org").write_bytes(ORG_FIXTURE.read_bytes())
    readme = copy / "README.md"
    readme.write_text(readme.read_text("utf-8").replace("*.html *.htm`", "*.html *.htm *.org`")
                      .replace(".html .htm` —", ".html .htm .org` —"), "utf-8")
    assert _changed(before, copy) == files == {"lint/readers/org.py", "lint/readers/kinds.py",
                                               "tests/fixtures/documents/structure.org", "README.md"}

    folder = tmp_path / "editions"
    folder.mkdir()
    (folder / "camden.org").write_bytes(ORG_FIXTURE.read_bytes())
    (folder / "notes.rtf").write_bytes(b"not an edition")
    listed = _run(copy, CANONLINT, "check", folder, "--show-files")
    assert listed.returncode == 0 and [Path(p).name for p in listed.stdout.splitlines()] == ["camden.org"], listed
    checked = _run(copy, CANONLINT, "check", folder, "--template", "samples/template.md", "--format", "json",
                   "--no-cache")
    assert checked.returncode == 1, checked.stderr
    # A finding placed by the reader's paragraphs: the text was read as Org mode, not as plain text.
    assert any(f["paragraph"] for f in json.loads(checked.stdout)), checked.stdout[:2000]
    _tests_pass(copy, "org", "tests/test_edition_kinds.py")


def test_adding_an_output_format(copy, tmp_path):
    files, before = _change(copy, "Adding an output format", {"<format>": "checkstyle"})
    readme = copy / "README.md"
    readme.write_text(readme.read_text("utf-8").replace("|gitlab|html]", "|gitlab|html|checkstyle]"), "utf-8")
    assert _changed(before, copy) == files == {"lint/report/checkstyle.py", "lint/report/formats.py", "README.md"}

    offered = _run(copy, CANONLINT, "check", "--help")
    assert "checkstyle" in re.search(r"--format \[([^\]]+)\]", " ".join(offered.stdout.split())).group(1)
    out = tmp_path / "report.xml"
    written = _run(copy, CANONLINT, "check", "samples/boroughs/westminster.txt", "--format", "checkstyle",
                   "--output", out, "--no-cache")
    assert written.returncode == 1, written.stderr
    report = ET.parse(out).getroot()
    assert report.tag == "checkstyle"
    assert [f.get("name") for f in report] == ["samples/boroughs/westminster.txt"]
    assert report.find("file/error") is not None and report.find("file/error").get("source").startswith("canonlint.CL")
    _tests_pass(copy, "checkstyle or format_and_json or format_option", "tests/test_formats.py",
                "tests/test_reports.py", "tests/test_readme.py")


def test_adding_a_slot_type(copy, tmp_path):
    files, before = _change(copy, "Adding a slot type", {})
    assert _changed(before, copy) == files == {"lint/slots.py", "tests/test_slot_type_table.py", "README.md"}

    template = tmp_path / "template.md"
    template.write_text("# Our station\n\nThe station's postcode is {postcode} for visitors.\n\n"
                        "This summary is published every year for residents.\n", "utf-8")
    kept, broken = tmp_path / "kept.txt", tmp_path / "broken.txt"
    kept.write_text(template.read_text("utf-8").replace("{postcode}", "SW1A 2AA"), "utf-8")
    broken.write_text(template.read_text("utf-8").replace("{postcode}", "by the river"), "utf-8")
    clean = _run(copy, CANONLINT, "check", kept, "--template", template, "--no-cache")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    found = _run(copy, CANONLINT, "check", broken, "--template", template, "--format", "json", "--no-cache")
    assert found.returncode == 1, found.stderr
    assert [(f["rule"], f["found"]) for f in json.loads(found.stdout)] == [("CL502", "by the river")]
    _tests_pass(copy, "slot_type_table or slots", "tests/test_slot_type_table.py", "tests/test_readme.py")
