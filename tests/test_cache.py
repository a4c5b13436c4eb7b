"""The result cache: an unchanged edition is not checked again, the report stays the same
byte for byte, anything that decides the findings invalidates it, and a damaged or planted
entry is a miss, never an error nor code run."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import canonlint.run.execution
from canonlint.run.cache import _MAGIC, ResultCache
from canonlint.cli import cli
from tests.conftest import SAMPLES


@pytest.fixture()
def corpus(tmp_path, monkeypatch):
    """A copy of the samples, run from its folder with the cache turned on."""
    shutil.copytree(SAMPLES, tmp_path / "samples", ignore=shutil.ignore_patterns(".canonlint_cache"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CANONLINT_NO_CACHE")
    return tmp_path / "samples"


@pytest.fixture()
def checked(monkeypatch):
    """The display names of the editions actually checked (not taken from the cache)."""
    names: list[str] = []
    real = canonlint.run.execution.check_source

    def counting(source, *args, **kwargs):
        names.append(source.path)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(canonlint.run.execution, "check_source", counting)
    return names


def run(*args):
    return CliRunner().invoke(cli, ["check", "samples/boroughs", *args], catch_exceptions=False)


def entries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and p.name not in (".gitignore", "CACHEDIR.TAG")]


def test_an_unchanged_corpus_is_read_from_the_cache_with_the_same_report(corpus, checked):
    first = run("--format", "json")
    assert len(checked) == 5 and first.exit_code == 1
    checked.clear()
    again = run("--format", "json")
    assert checked == []
    assert (again.exit_code, again.output) == (first.exit_code, first.output)
    folder = corpus / ".canonlint_cache"
    assert len(entries(folder)) == 5
    assert (folder / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"


def test_text_report_and_jobs_are_the_same_from_the_cache(corpus, checked):
    fresh = run("--no-cache")
    assert not (corpus / ".canonlint_cache").exists()
    run("--jobs", "2")
    cached = run("--jobs", "2")
    assert cached.output == fresh.output and cached.exit_code == fresh.exit_code == 1


def test_the_html_page_is_the_same_from_the_cache(corpus, checked, tmp_path):
    """The edition views the page draws wait in the run's spool; the cache keeps the views
    themselves, so a page made from it is the page made afresh."""
    pages = []
    for n, args in enumerate([("--no-cache",), (), (), ("--jobs", "2")]):
        page = tmp_path / f"{n}.html"
        assert run("--format", "html", "--output", str(page), *args).exit_code == 1
        pages.append(re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", "", page.read_text("utf-8")))
    assert len(checked) == 5 + 5  # afresh, then into the cache; the last two from it
    assert pages[0].count('<script type="application/json" id="edition-data-') == 5
    assert pages[0].count('"text":null') == 0 and all(page == pages[0] for page in pages)


def test_a_changed_edition_alone_is_checked_again(corpus, checked):
    run()
    checked.clear()
    havering = corpus / "boroughs" / "havering.txt"
    havering.write_text(havering.read_text("utf-8").replace("0845 303 0900", "0845 303 0901"), "utf-8")
    result = run()
    assert checked == ["samples/boroughs/havering.txt"]
    assert "expected '0845 303 0900', found '0845 303 0901'" in result.output


@pytest.mark.parametrize("change", ["template", "config", "selection", "severity", "canonlint's code"])
def test_what_decides_the_findings_invalidates_every_entry(corpus, checked, change, request):
    run()
    checked.clear()
    args: list[str] = []
    if change == "template":
        template = corpus / "template.md"
        template.write_text(template.read_text("utf-8") + "\nA closing line every edition must have.\n", "utf-8")
    elif change == "config":
        config = corpus / "canonlint.toml"
        config.write_text(config.read_text("utf-8") + "\n[severity]\nCL705 = \"warning\"\n", "utf-8")
    elif change == "selection":
        args = ["--ignore", "CL705"]
    elif change == "severity":
        args = ["--select", "CL1"]
    else:  # a development checkout: the same version, other code (an entry may not fit it)
        module = Path(canonlint.run.execution.__file__)
        status = module.stat()
        os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
        request.addfinalizer(lambda: os.utime(module, ns=(status.st_atime_ns, status.st_mtime_ns)))
    result = run(*args)
    assert len(checked) == 5
    assert result.output == run("--no-cache", *args).output


def test_a_damaged_entry_is_a_miss_and_is_replaced(corpus, checked):
    first = run()
    for number, entry in enumerate(entries(corpus / ".canonlint_cache")):
        data = entry.read_bytes()
        entry.write_bytes(data[: len(data) // 2] if number % 2 else data[:-1] + bytes([data[-1] ^ 1]))
    checked.clear()
    again = run()
    assert len(checked) == 5
    assert (again.exit_code, again.output) == (first.exit_code, first.output)
    checked.clear()
    run()
    assert checked == []


class _Planted:
    def __reduce__(self):
        return (os.system, ("echo planted > planted.txt",))


def test_a_planted_entry_runs_no_code(tmp_path):
    cache = ResultCache(tmp_path / "cache", "key")
    cache.put("ab" * 32, "a value")
    entry = entries(tmp_path / "cache")[0]
    payload = pickle.dumps(_Planted())
    entry.write_bytes(_MAGIC + hashlib.sha256(payload).digest() + payload)  # a well-formed entry
    os.chdir(tmp_path)
    assert cache.get("ab" * 32) is None
    assert not (tmp_path / "planted.txt").exists()
    assert not entry.exists()  # a bad entry is removed


def test_no_cache_writes_nothing_and_cache_dir_moves_it(corpus, tmp_path):
    run("--no-cache")
    assert not (corpus / ".canonlint_cache").exists()
    run("--cache-dir", str(tmp_path / "elsewhere"))
    assert len(entries(tmp_path / "elsewhere")) == 5 and not (corpus / ".canonlint_cache").exists()


def test_fixing_runs_check_afresh(corpus, checked):
    run()
    checked.clear()
    run("--diff")
    assert len(set(checked)) == 5  # each checked afresh (and again after its fixes)


def test_the_folder_is_bounded_least_recently_used_first(tmp_path):
    cache = ResultCache(tmp_path / "cache", "key", limit=10_000)
    for number in range(40):
        key = f"{number:064x}"
        cache.put(key, "x" * 1_000)
        os.utime(cache._file(key), ns=(number * 10**9, number * 10**9))
    removed = cache.trim()
    kept = {p.name for p in entries(tmp_path / "cache")}
    assert removed > 0 and sum(p.stat().st_size for p in entries(tmp_path / "cache")) <= 7_500
    assert f"{39:064x}" in kept and f"{0:064x}" not in kept


def test_an_unwritable_cache_folder_changes_nothing_in_the_report(corpus, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", "utf-8")
    result = run("--cache-dir", str(blocker / "cache"))
    assert result.exit_code == 1 and result.output == run("--no-cache").output


def test_concurrent_runs_share_one_cache(corpus):
    env = {k: v for k, v in os.environ.items() if k != "CANONLINT_NO_CACHE"}
    command = [sys.executable, "-m", "canonlint.cli", "check", "samples/boroughs", "--format", "json", "--jobs", "2"]
    runs = [subprocess.Popen(command, cwd=corpus.parent, env=env, stdout=subprocess.PIPE) for _ in range(3)]
    outputs = [p.communicate()[0] for p in runs]
    reference = subprocess.run([*command, "--no-cache"], cwd=corpus.parent, env=env, capture_output=True).stdout
    assert all(output == reference for output in outputs)
    assert len(entries(corpus / ".canonlint_cache")) == 5
    assert not [p for p in (corpus / ".canonlint_cache").rglob(".tmp-*")]


def test_an_entry_that_holds_something_other_than_a_result_is_a_miss(corpus, checked):
    first = run()
    for entry in entries(corpus / ".canonlint_cache"):
        payload = pickle.dumps("hello")
        entry.write_bytes(_MAGIC + hashlib.sha256(payload).digest() + payload)  # well-formed, but not a result
    checked.clear()
    again = run()
    assert len(checked) == 5
    assert (again.exit_code, again.output) == (first.exit_code, first.output)


def test_a_fifo_where_an_entry_would_be_is_a_miss_not_a_hang(corpus, checked):
    first = run()
    for entry in entries(corpus / ".canonlint_cache"):
        entry.unlink()
        os.mkfifo(entry)
    checked.clear()
    again = subprocess.run([sys.executable, "-m", "canonlint.cli", "check", "samples/boroughs"], capture_output=True,
                           text=True, timeout=120, env={k: v for k, v in os.environ.items() if k != "CANONLINT_NO_CACHE"})
    assert (again.returncode, again.stdout) == (first.exit_code, first.output)


def test_the_libraries_that_shape_a_result_are_in_the_key(corpus, checked, monkeypatch):
    """Markdown is read as CommonMark with markdown-it-py, as plain text without it: an entry
    made with it is not read back without it."""
    shutil.copy(corpus / "boroughs" / "westminster.txt", corpus / "boroughs" / "westminster.md")
    run()
    monkeypatch.setitem(sys.modules, "markdown_it", None)  # as if not installed
    checked.clear()
    without = run()
    assert len(checked) == 6
    assert without.output == run("--no-cache").output


def test_each_edition_is_read_once_on_a_miss_and_on_a_hit(corpus, monkeypatch):
    """The bytes read for the entry's key are the bytes checked on a miss: one open per
    edition either way, by any means of opening it."""
    import io

    opened: list[str] = []

    def counting(real):
        def opening(path, *args, **kwargs):
            if not isinstance(path, int) and "boroughs" in os.fspath(path):
                opened.append(os.path.basename(os.fspath(path)))
            return real(path, *args, **kwargs)
        return opening

    monkeypatch.setattr(os, "open", counting(os.open))
    monkeypatch.setattr(io, "open", counting(io.open))  # pathlib's read_bytes and open() go through it
    editions = sorted(p.name for p in (corpus / "boroughs").iterdir())
    assert run().exit_code == 1  # every edition a miss
    assert sorted(opened) == editions
    opened.clear()
    assert run().exit_code == 1  # every edition a hit: read for its key only
    assert sorted(opened) == editions


def test_findings_read_from_the_cache_share_their_text_with_the_run(tmp_path):
    """A run of thousands of cached editions holds each repeated message once, as a fresh
    check does (canonlint.finding interns a finding's text)."""
    from canonlint.finding import Edit, Finding, Fix, Severity
    from canonlint.run.findings import FileResult, Outcome

    def finding(line: int) -> Finding:
        fix = Fix("".join(["restore ", "the number"]), (Edit(0, 3, "".join(["0800 ", "555111"])),), safe=True)
        return Finding("".join(["editions/", "a.txt"]), line, 1, line, 4, "CL105", "exact-token-changed",
                       Severity.ERROR, "".join(["'0800 555111' ", "changed"]), expected="0800 555111",
                       found="".join(["0800 ", "555112"]), fix=fix, fingerprint=f"{line:016x}")

    outcome = Outcome(FileResult("editions/a.txt", [finding(3), finding(7)]), ran=frozenset({"CL105"}))
    ResultCache(tmp_path, "key").put("ab" * 32, outcome)
    loaded = ResultCache(tmp_path, "key").get("ab" * 32, Outcome)
    assert loaded == outcome
    for f in loaded.result.findings:
        for text in (f.path, f.message, f.found, f.fix.title, f.fix.edits[0].replacement):
            assert text is sys.intern(text)
