"""Hostile inputs to today's features: crafted documents, slot types, inference and init.
Each one ends in one `canonlint: error: …` line and exit 2 (or a bounded, clean answer),
never a traceback, a hang or a memory blow-up, and the other files are still checked.
Every case runs the real command line in a subprocess with a timeout."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.test_bad_input import canonlint, workspace  # noqa: F401 - a fixture, used by name

W = '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
W_END = "</w:body></w:document>"
O = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
     'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>')
O_END = "</office:text></office:body></office:document-content>"
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">'
          + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)) + "]>")
EXTERNAL = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]>'


def _package(path: Path, kind: str, xml: str) -> str:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        if kind == "docx":
            package.writestr("[Content_Types].xml", "<Types/>")
            package.writestr("word/document.xml", xml)
        else:
            package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            package.writestr("content.xml", xml)
    return path.name


def _body(kind: str, inner: str, prolog: str = "") -> str:
    return prolog + (W + inner + W_END if kind == "docx" else O + inner + O_END)


def _paragraph(kind: str, text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" if kind == "docx" else f"<text:p>{text}</text:p>"


def _one_error_and_the_others_checked(result: subprocess.CompletedProcess, name: str, says: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("canonlint: error:")]
    assert errors == [line for line in result.stderr.splitlines() if line.strip()], result.stderr
    assert len(errors) == 1 and errors[0].startswith(f"canonlint: error: {name}: ") and says in errors[0], errors
    # the good edition beside it is still checked and reported
    assert "in 1 of 1 file. 1 file could not be read." in result.stdout
    assert "good/westminster.txt:" in result.stdout


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_zip_bomb_is_refused_within_a_bound(workspace, kind):
    # 2.1 million empty paragraphs pack into about 20 KB; read whole they took 40 s and 2.5 GB.
    inner = ("<w:p/>" if kind == "docx" else "<text:p/>") * 2_100_000
    name = _package(workspace / f"bomb.{kind}", kind, _body(kind, inner))
    assert (workspace / name).stat().st_size < 100_000
    result = canonlint(workspace, "check", "--template", "template.md", name, "good", timeout=30)  # else fails here
    _one_error_and_the_others_checked(result, name, "more than 2,000,000 XML elements: refused")


@pytest.mark.parametrize("kind", ["docx", "odt"])
@pytest.mark.parametrize("prolog, use", [(LAUGHS, "&l9;"), (EXTERNAL, "&x;")], ids=["billion-laughs", "external"])
def test_a_dtd_in_a_document_part_is_refused_never_expanded_or_fetched(workspace, kind, prolog, use):
    name = _package(workspace / f"entities.{kind}", kind, _body(kind, _paragraph(kind, use), prolog))
    result = canonlint(workspace, "check", "--template", "template.md", name, "good")
    _one_error_and_the_others_checked(result, name, "declares a DTD")


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_deeply_nested_xml_is_refused_in_words_a_person_reads(workspace, kind):
    tag = "w:p" if kind == "docx" else "text:span"
    inner = f"<{tag}>" * 100_000 + f"</{tag}>" * 100_000
    if kind == "odt":
        inner = f"<text:p>{inner}</text:p>"
    name = _package(workspace / f"deep.{kind}", kind, _body(kind, inner))
    result = canonlint(workspace, "check", "--template", "template.md", name, "good")
    _one_error_and_the_others_checked(result, name, "nests XML elements more than 200 deep")


def _config_error(workspace: Path, toml: str) -> str:
    (workspace / "canonlint.toml").write_text(toml, "utf-8")
    result = canonlint(workspace, "check", "--template", "template.md", "good", timeout=30)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("canonlint: error: ") and "[slot-types.x]" in lines[0], lines
    return lines[0]


@pytest.mark.parametrize("pattern, says", [
    ("(a|a)*", "an alternation inside a quantified group"),        # exponential on a run of a's
    ("(?:a|ab)+", "an alternation inside a quantified group"),
    ("(?:a?a?)*", "a quantifier inside a quantified group"),       # `?` cuts a run every way too
    ("a{99999999999}", "not a regular expression this can use"),   # was exit 101: OverflowError
    ("(" * 5000 + "a" + ")" * 5000, "not a regular expression this can use"),
    ("a*", "can match the empty string"),
    ("(?=x)", "can match the empty string"),
])
def test_a_slot_pattern_that_is_not_linear_or_can_be_empty_is_a_config_error(workspace, pattern, says):
    assert says in _config_error(workspace, f"[slot-types.x]\npattern = '{pattern}'\n")


@pytest.mark.parametrize("pattern", ["[A-Z]{2}[0-9]{2}", "(?:ab|cd)+", r"\d{1,3}(?:,\d{3})+", "x(?:-[a-z])*"])
def test_linear_slot_patterns_are_still_accepted(workspace, pattern):
    (workspace / "canonlint.toml").write_text(f"[slot-types.x]\npattern = '{pattern}'\n", "utf-8")
    result = canonlint(workspace, "check", "--template", "template.md", "good", timeout=30)
    assert result.returncode == 1 and not result.stderr, result.stderr


def test_values_that_are_all_blank_are_a_config_error(workspace):
    assert "every value is blank" in _config_error(workspace, '[slot-types.x]\nvalues = ["", "  "]\n')


@pytest.mark.parametrize("what, says", [
    ("fifo", "a named pipe, not a regular file"),         # read_text waited for a writer for ever
    ("/dev/zero", "a character device, not a regular file"),  # read for ever, memory without end
    ("folder", "is a directory"),
    ("binary", "not UTF-8 text"),
])
def test_a_values_file_that_is_no_regular_text_file_is_one_line_at_once(workspace, what, says):
    if what == "fifo":
        os.mkfifo(workspace / "fifo")
    elif what == "folder":
        (workspace / "folder").mkdir()
    elif what == "binary":
        (workspace / "binary").write_bytes(b"\xff\xfe\x00" * 100)
    line = _config_error(workspace, f'[slot-types.x]\nvalues-file = "{what}"\n')
    assert "values-file" in line and says in line


def _editions(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(SAMPLES / "boroughs" / name, folder / name)
    return folder


@pytest.mark.parametrize("named", ["folder", "file"])
def test_infer_never_writes_its_template_over_an_edition(tmp_path, named):
    _editions(tmp_path / "eds", "westminster.txt", "bexley.txt", "havering.txt")
    before = (tmp_path / "eds" / "bexley.txt").read_bytes()
    inputs = ["eds"] if named == "folder" else ["eds/bexley.txt", "eds/havering.txt"]
    result = canonlint(tmp_path, "template", "infer", *inputs, "--output", "eds/bexley.txt")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == ("canonlint: error: --output eds/bexley.txt is one of the editions inferred "
                                     "from; writing the template there would destroy it (name another file)")
    assert (tmp_path / "eds" / "bexley.txt").read_bytes() == before


def test_infer_rewrites_its_own_template_among_the_editions(tmp_path):
    _editions(tmp_path / "eds", "westminster.txt", "bexley.txt")
    for _ in range(2):
        result = canonlint(tmp_path, "template", "infer", "eds", "--output", "eds/template.md")
        assert result.returncode == 0, result.stderr
    assert "{borough}" in (tmp_path / "eds" / "template.md").read_text("utf-8")


def test_infer_output_dash_is_standard_output(tmp_path):
    _editions(tmp_path / "eds", "westminster.txt", "bexley.txt")
    result = canonlint(tmp_path, "template", "infer", "eds", "--output", "-")
    assert result.returncode == 0 and "## A message from Kit Malthouse" in result.stdout
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("what, says", [
    ("config-folder", "canonlint.toml is a directory"),
    ("config-broken-link", "canonlint.toml is a symbolic link to nothing (a broken link)"),
    ("template-folder", "template.md is a directory, not a template"),
    ("template-broken-link", "template.md is a symbolic link to nothing (a broken link), not a template"),
])
def test_init_refuses_what_is_in_the_way_before_inferring_anything(tmp_path, what, says):
    _editions(tmp_path / "eds", "westminster.txt", "bexley.txt")
    thing = tmp_path / ("canonlint.toml" if what.startswith("config") else "template.md")
    if what.endswith("folder"):
        thing.mkdir()
    else:
        thing.symlink_to(tmp_path / "elsewhere" / "missing")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = canonlint(tmp_path, "init")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"canonlint: error: {says}"), result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no template.md left behind
    assert not (tmp_path / "elsewhere").exists()


def test_init_that_cannot_infer_leaves_no_configuration_behind(tmp_path):
    _editions(tmp_path / "eds", "westminster.txt")
    result = canonlint(tmp_path, "init")
    assert result.returncode == 2 and "at least 2 editions; got 1" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["eds"]


@pytest.mark.parametrize("word, code", [("bogus", 2), ("reductions", 2), ("Increase", 1), ("", 1)])
def test_cl408_target_word_that_names_no_direction_is_a_config_error(workspace, word, code):
    # any other word matched no template item: the rule checked nothing and said nothing
    (workspace / "canonlint.toml").write_text(f'[rules.CL408]\ntarget_word = "{word}"\n', "utf-8")
    result = canonlint(workspace, "check", "--template", "template.md", "good", timeout=60)
    assert result.returncode == code, result.stderr
    if code == 2:
        assert result.stderr.strip() == (f"canonlint: error: {workspace / 'canonlint.toml'}: option 'target_word' of "
                                         f"CL408 must be reduction or increase (or left out for both), not '{word}'")


def _pickle_call(module: str, name: str, argument: str) -> bytes:
    """A protocol-4 pickle that calls module.name(argument) when loaded."""
    import pickle

    def text(value: str) -> bytes:
        return pickle.SHORT_BINUNICODE + bytes([len(value.encode())]) + value.encode()

    return (b"\x80\x04" + text(module) + text(name) + pickle.STACK_GLOBAL + text(argument)
            + pickle.TUPLE1 + pickle.REDUCE + pickle.STOP)


@pytest.mark.parametrize("module, name", [("canonlint.run.cache", "os.system"), ("canonlint.run.cache", "os.remove"),
                                          ("canonlint.source", "read_file")])
def test_a_planted_cache_entry_cannot_call_anything(tmp_path, module, name):
    # 'os.system' through canonlint.run.cache's own import of os ran a shell command
    import hashlib

    from canonlint.run.cache import _MAGIC, ResultCache

    victim = tmp_path / "victim"
    victim.write_text("keep", "utf-8")
    argument = f"touch {tmp_path / 'ran'}" if name == "os.system" else str(victim)
    payload = _pickle_call(module, name, argument)
    cache = ResultCache(tmp_path / "cache", "key")
    key = "ab" * 32
    entry = cache._file(key)
    entry.parent.mkdir(parents=True)
    entry.write_bytes(_MAGIC + hashlib.sha256(payload).digest() + payload)
    assert cache.get(key) is None
    assert not (tmp_path / "ran").exists() and victim.read_text("utf-8") == "keep"
    assert not entry.exists()  # a corrupt entry is removed, as any other


def test_cl604_over_thousands_of_editions_is_not_quadratic(monkeypatch):
    # every value was tried against every edition's name: 4,000 editions took 12 s
    import canonlint.rules.slot_value_of_another_edition as module
    from canonlint.rules.slot_value_of_another_edition import SlotValueOfAnotherEdition, _Edition, _Value

    calls = []
    real_names, real_slug = module._names, module.slug
    monkeypatch.setattr(module, "_names", lambda *a: calls.append(1) or real_names(*a))
    monkeypatch.setattr(module, "slug", lambda *a: calls.append(1) or real_slug(*a))
    count = 2000
    editions = [_Edition(f"place{i:05}.txt", f"place{i:05}",
                         (_Value("contact", f"office@place{i:05}.example", f"office@place{i:05}.example", None),))
                for i in range(count)]
    copied = editions[1].values[0]
    editions[2] = _Edition(editions[2].path, editions[2].name, (copied,))
    reports = list(SlotValueOfAnotherEdition().check_corpus(editions, None, {}))
    assert len(calls) < 10 * count  # the work grows with the editions, not with their square
    assert [r.message for r in reports] == ["slot {contact}: 'office@place00001.example' belongs to place00001.txt "
                                            "(it names place00001), not to this edition"]


@pytest.mark.parametrize("figure, says", [
    ("1" + "0" * 400, "option 'targets' of CL401 must be a number of at most 15 digits"),  # crashed CL401
    ("-1" + "0" * 5000, "not valid TOML (Exceeds the limit (4300 digits)"),                # exit 101
])
def test_a_huge_integer_in_the_configuration_is_a_config_error(workspace, figure, says):
    (workspace / "canonlint.toml").write_text(
        f'[rules.CL401]\ntargets = {{ "Residential burglary" = {figure} }}\n', "utf-8")
    result = canonlint(workspace, "check", "--template", "template.md", "good", timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("canonlint: error: ") and says in lines[0], lines
    assert "crashed" not in result.stdout


def test_inferring_from_two_long_editions_with_little_shared_is_not_quadratic():
    # each short block lost was looked for among every pivot word between two shared blocks:
    # with few shared blocks, every word for every block (two 1.5 MB editions took 80 s).
    # Measured as test_adversarial does: CPU time at n and 4n blocks, best of two, in turn.
    import random
    import time

    from canonlint.infer import infer
    from canonlint.infer.editions import edition_from_text

    words = ["alpha", "beta", "gamma", "delta", "crime", "ward", "police", "team", "safer", "street"]

    def editions(blocks: int):
        rng = random.Random(1)
        return [edition_from_text(name, "".join(" ".join(rng.choice(words) for _ in range(12)) + ".\n\n"
                                                for _ in range(blocks))) for name in ("a.txt", "b.txt")]

    def seconds(chosen) -> float:
        started = time.process_time()
        assert len(infer(chosen).votes.voters) == 2
        return time.process_time() - started

    short_editions, long_editions = editions(2_500), editions(10_000)
    short = long = float("inf")
    for _ in range(2):
        short = min(short, seconds(short_editions))
        long = min(long, seconds(long_editions))
    assert long < 10 * short, f"{short:.2f} s at n, {long:.2f} s at 4n"  # linear: about 4; quadratic: 16


def test_infer_never_writes_through_a_template_md_that_links_to_an_edition(tmp_path):
    _editions(tmp_path / "eds", "westminster.txt", "bexley.txt", "havering.txt")
    before = (tmp_path / "eds" / "bexley.txt").read_bytes()
    (tmp_path / "eds" / "template.md").symlink_to("bexley.txt")
    result = canonlint(tmp_path, "template", "infer", "eds", "--output", "eds/template.md")
    assert result.returncode == 2 and "is one of the editions inferred from" in result.stderr, result.stderr
    assert (tmp_path / "eds" / "bexley.txt").read_bytes() == before
