"""`--fix` and `--diff` lose nothing: suppression comments, phone numbers, a file's
encoding, its links and devices; a second `--fix` changes nothing; a patch applies."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import tty

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.exact_tokens import reads_as
from tests.conftest import SAMPLES, edit, sample_text


def run(*args, **kwargs):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, **kwargs)


def _project(tmp_path, monkeypatch):
    shutil.copy(SAMPLES / "template.md", tmp_path / "template.md")
    (tmp_path / "canonlint.toml").write_text('template = "template.md"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fix_keeps_a_suppression_comment_and_what_it_hides(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    edition = project / "westminster.md"
    text = edit(sample_text("westminster"), [("tel: 0845 303 0900", "<!-- canonlint: disable=CL105 -->\n"
                                             "tel: 0845 303 0901\n<!-- canonlint: enable -->")])
    edition.write_text(text, "utf-8")
    before = json.loads(run("check", "westminster.md", "--select", "CL705,CL105", "--format", "json").output)
    assert [(f["rule"], f["message"]) for f in before] == [
        ("CL705", "7 lines with only spaces or tabs (lines 108–114)")]

    run("check", "westminster.md", "--select", "CL705,CL105", "--fix")
    fixed = edition.read_text("utf-8")
    assert "<!-- canonlint: disable=CL105 -->\ntel: 0845 303 0901\n<!-- canonlint: enable -->" in fixed
    assert run("check", "westminster.md", "--select", "CL705,CL105").exit_code == 0


# Item: encodings. A file is written back as it was read: its encoding, byte-order mark
# and line ends; a fixed text its encoding cannot hold is not written.
PHONE = ("tel: 0800 555111", "tel: 0800 555112")


@pytest.mark.parametrize("codec,mark", [
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""),
])
def test_fix_writes_the_file_back_in_its_own_encoding(tmp_path, monkeypatch, codec, mark):
    project = _project(tmp_path, monkeypatch)
    original = sample_text("westminster").replace("\n", "\r\n").replace("Londoners' concerns", "Londoners’ concerns")
    edition = project / "westminster.txt"
    edition.write_bytes(mark + edit(original, [PHONE]).encode(codec))
    result = run("check", "westminster.txt", "--select", "CL105", "--fix")
    assert "canonlint: fixed 1 finding in 1 file" in result.output
    assert edition.read_bytes() == mark + original.encode(codec)


def test_a_fix_the_encoding_cannot_hold_is_not_written(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    template = (project / "template.md").read_text("utf-8")
    (project / "template.md").write_text(template.replace("pan-London", "pan\u2010London"), "utf-8")
    text = sample_text("westminster").replace("Londoners' concerns", "Londoners’ concerns")
    edition = project / "westminster.txt"
    saved = edit(text, [("pan-London", "pan London")]).encode("cp1252")
    edition.write_bytes(saved)
    result = run("check", "westminster.txt", "--select", "CL106", "--fix")
    assert result.exit_code == 2
    assert ("canonlint: error: westminster.txt: the fixed text holds '\u2010' (U+2010), which windows-1252 "
            "cannot hold; nothing was written") in result.output
    assert edition.read_bytes() == saved


def test_a_utf8_file_with_a_stray_byte_is_an_error_not_windows_1252(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    text = sample_text("westminster").replace("Londoners' concerns", "Londoners’ concerns")
    data = edit(text, [PHONE]).encode("utf-8").replace(b"Westminster safer", b"Westminster\x92 safer")
    edition = project / "westminster.txt"
    edition.write_bytes(data)
    result = run("check", "westminster.txt", "--fix")
    offset = data.index(b"\x92")
    line = data.count(b"\n", 0, offset) + 1
    column = offset - data.rindex(b"\n", 0, offset)
    assert result.exit_code == 2
    assert (f"canonlint: error: westminster.txt:{line}:{column}: not valid UTF-8 (byte 0x92 at offset {offset}); "
            "save the file as UTF-8") in result.output
    assert edition.read_bytes() == data


# Item: --output. Never one of the inputs; a link or a device written through; a new
# report gets the usual mode.
def test_output_that_is_an_input_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    first, second = project / "a.txt", project / "b.txt"
    first.write_text(edit(sample_text("westminster"), [PHONE]), "utf-8")
    second.write_text(edit(sample_text("westminster"), [PHONE]), "utf-8")
    saved = first.read_bytes()
    (project / "link.txt").symlink_to(second)
    for output, named in (("b.txt", "b.txt"), ("link.txt", "b.txt"), ("template.md", "template.md")):
        result = run("check", "a.txt", "b.txt", "--fix", "--output", output)
        assert result.exit_code == 2
        assert result.output.splitlines()[-1] == (
            f"canonlint: error: --output {output}: is {named}, one of the run's inputs; nothing was written")
        assert first.read_bytes() == second.read_bytes() == saved


def test_output_through_a_link_or_to_a_device_and_with_the_usual_mode(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    (project / "w.txt").write_text(edit(sample_text("westminster"), [PHONE]), "utf-8")
    (project / "reports").mkdir()
    (project / "latest.txt").symlink_to("reports/report.txt")
    # The device is a terminal's (a pseudo-terminal made here): its folder holds no other
    # file, so even a wrong implementation run as root cannot replace a device others use.
    controller, terminal = os.openpty()
    tty.setraw(terminal)
    old = os.umask(0o022)
    try:
        assert run("check", "w.txt", "--select", "CL105", "--output", "new.txt").exit_code == 1
        assert run("check", "w.txt", "--select", "CL105", "--output", "latest.txt").exit_code == 1
        assert run("check", "w.txt", "--select", "CL105", "--output", os.ttyname(terminal)).exit_code == 1
        assert os.read(controller, 65536).decode("utf-8") == (project / "new.txt").read_text("utf-8")
    finally:
        os.umask(old)
        os.close(controller)
        os.close(terminal)
    assert stat.S_IMODE((project / "new.txt").stat().st_mode) == 0o644
    assert (project / "latest.txt").is_symlink()
    assert (project / "reports" / "report.txt").read_text("utf-8") == (project / "new.txt").read_text("utf-8")
    assert "CL105" in (project / "new.txt").read_text("utf-8")


def _apply_diff_and_fix_a_copy(project, edition, select: str, tool: list[str]) -> bytes:
    """The edition after its --diff is applied by tool, once checked to equal a copy fixed
    by --fix; the patch must apply."""
    (project / "fix.patch").write_bytes(run("check", edition.name, "--select", select, "--diff").stdout_bytes)
    fixed = project / "fixed"
    fixed.mkdir()
    shutil.copy(edition, fixed / edition.name)
    run("check", f"fixed/{edition.name}", "--select", select, "--fix")
    applied = subprocess.run([*tool, str(project / "fix.patch")], cwd=project, capture_output=True, timeout=60)
    assert applied.returncode == 0, applied.stderr
    assert edition.read_bytes() == (fixed / edition.name).read_bytes()
    return edition.read_bytes()


# Item: --diff applies with `git apply` and `patch`, whatever the line ends and line
# separators inside lines.
@pytest.mark.parametrize("newline,extra", [
    ("\n", "\u2028"), ("\r\n", "\u2029"), ("\r", "\x85"), ("\n", "\x0b\x0c\x1c"), ("\r", ""),
])
@pytest.mark.parametrize("tool", [["git", "apply"], ["patch", "-p1", "--quiet", "-i"]])
def test_diff_applies_with_git_apply_and_patch(tmp_path, monkeypatch, newline, extra, tool):
    project = _project(tmp_path, monkeypatch)
    text = edit(sample_text("westminster"), [PHONE, ("Westminster safer", f"Westminster{extra} safer")])
    edition = project / "w.txt"
    edition.write_bytes(text.replace("\n", newline).encode("utf-8"))
    assert _apply_diff_and_fix_a_copy(project, edition, "CL105", tool) != text.replace("\n", newline).encode("utf-8")


@pytest.mark.parametrize("newline,extra", [("\r", "\u2028"), ("\n", "\u2028"), ("\r\n", "\x85")])
@pytest.mark.parametrize("tool", [["git", "apply"], ["patch", "-p1", "--quiet", "-i"]])
def test_diff_that_adds_and_joins_lines_applies(tmp_path, monkeypatch, newline, extra, tool):
    """Fixes that change the number of lines (a heading put on its own line, a split
    paragraph joined, a blank-looking line emptied) in a lone-CR file or one holding
    U+2028, without a newline at its end."""
    project = _project(tmp_path, monkeypatch)
    westminster = re.sub(r"(?m)^[ \t]+$", "", sample_text("westminster"))  # without its own blank-looking lines
    text = edit(westminster, [
        ("Victim Support\n\ntel: 0845", "Victim Support tel: 0845"),
        ("who have recently\n\nstarted", f"who have{extra} recently\n\n\nstarted"),
        ("To find out more visit", f"  \t\nTo find out more{extra} visit"),
    ]).rstrip("\n")
    edition = project / "w.txt"
    original = text.replace("\n", newline).encode("utf-8")
    edition.write_bytes(original)
    result = _apply_diff_and_fix_a_copy(project, edition, "CL202,CL703,CL705", tool)
    expected = edit(text, [("Victim Support tel: 0845", "Victim Support\n\ntel: 0845"),
                           (f"who have{extra} recently\n\n\nstarted", f"who have{extra} recently started"),
                           ("  \t\nTo find", "\nTo find")])
    assert result == expected.replace("\n", newline).encode("utf-8")


# Item: a fix leaves the expected token, whole, or is not offered.
def test_fixing_a_phone_number_with_an_international_prefix_leaves_the_template_number(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    edition = project / "w.txt"
    edition.write_text(edit(sample_text("westminster"), [("tel: 0300 123 1212", "tel: +44 300 123 1212")]), "utf-8")
    assert "found '+44 300 123 1212'" in run("check", "w.txt", "--select", "CL105").output
    run("check", "w.txt", "--select", "CL105", "--fix")
    assert edition.read_text("utf-8") == sample_text("westminster")
    assert run("check", "w.txt", "--select", "CL105").exit_code == 0


@pytest.mark.parametrize("text,start,expected,kind,reads", [
    ("tel: 0300 123 1212\n", 5, "0300 123 1212", "phone number", True),
    ("tel: +0300 123 1212\n", 6, "0300 123 1212", "phone number", False),   # a + runs into it
    ("tel: 0300 123 12125\n", 5, "0300 123 1212", "phone number", False),   # a digit lengthens it
    ("see www.crimestoppers-uk.org.\n", 4, "www.crimestoppers-uk.org", "web address", True),
    ("see xwww.crimestoppers-uk.org\n", 5, "www.crimestoppers-uk.org", "web address", False),
    ("by 100,0000 offences", 3, "100,000", "figure", False),
])
def test_reads_as_says_whether_a_fix_leaves_the_whole_token(text, start, expected, kind, reads):
    assert reads_as(text, start, expected, kind) is reads


# Item: a fix leaves text a person would accept, or is not offered.
def _fixed(project, name: str, text: str, *options: str) -> str:
    edition = project / name
    edition.write_text(text, "utf-8")
    run("check", name, "--fix", *options)
    return edition.read_text("utf-8")


def test_fixing_havering_leaves_text_a_person_would_accept(tmp_path, monkeypatch):
    """Every safe fix of the Havering sample, byte for byte. The bold heading run into a
    sentence and the `^{*}` bullet before an item outside its list are left as they are
    (removing the markup would leave `has Met Forward introduced Met Forward` and
    ` the right service…`); the run-in contact headings are each put on a line of their own."""
    project = _project(tmp_path, monkeypatch)
    original = sample_text("havering")
    expected = edit(original, [
        ("day-to -day", "day-to-day"),
        ("- *convince", "- convince"), ("- * crack", "- crack"), ("- * reduce", "- reduce"),
        ("- * deliver", "- deliver"),
        ("had a further\n\n\n\nchallenging", "had a further challenging"),
        ("2 offences or \u22121.4%", "2 offences or -1.4%"),
        ("Metropolitan Police Service Havering police stations",
         "Metropolitan Police Service\n\nHavering police stations"),
        ("Victim Support tel:", "Victim Support\n\ntel:"), ("Crimestoppers tel:", "Crimestoppers\n\ntel:"),
    ])
    fixed = _fixed(project, "havering.txt", original)
    assert fixed == expected
    assert "the MPA has **Met Forward** introduced Met Forward, a three" in fixed
    assert "\n^{*} the right service at the right price\n" in fixed


def test_the_grouped_run_in_heading_finding_has_the_fix_the_readme_promises(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    report = json.loads(run("check", str(SAMPLES / "boroughs" / "havering.txt"), "--select", "CL202",
                            "--format", "json").output)
    assert [f["message"].split(" (")[0] for f in report] == [
        "4 headings in section 'Useful contacts' are not on lines of their own, run into the text around them"]
    assert report[0]["fix"]["title"] == "Put 3 headings on lines of their own"
    fixed = _fixed(project, "havering.txt", sample_text("havering"), "--select", "CL202")
    assert "\nCrimestoppers\n\ntel: 0800 555111\n" in fixed
    assert run("check", "havering.txt", "--select", "CL202").exit_code == 0


def _without_markup(name: str) -> str:
    """A sample with its own markup residue already removed."""
    return sample_text(name).replace("'*Community Engagement Commitment*'", "'Community Engagement Commitment'")


@pytest.mark.parametrize("written,expected", [
    ("review@mpa.gov.uk ^{*} or call", "review@mpa.gov.uk or call"),       # no doubled space
    ("review@mpa.gov.uk ^{*}, or call", "review@mpa.gov.uk, or call"),
    ("review@mpa.gov.uk^{*} or call", "review@mpa.gov.uk or call"),
    ("review@mpa.gov.uk **or** call", "review@mpa.gov.uk or call"),
])
def test_removing_markup_leaves_single_spaces(tmp_path, monkeypatch, written, expected):
    project = _project(tmp_path, monkeypatch)
    clean = _without_markup("westminster")
    before = edit(clean, [("review@mpa.gov.uk or call", written)])
    after = edit(clean, [("review@mpa.gov.uk or call", expected)])
    assert _fixed(project, "w.txt", before, "--select", "CL701") == after


def test_a_footnote_mark_that_starts_a_line_goes_with_the_space_after_it(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    clean = _without_markup("westminster")
    before = edit(clean, [("\nTo find out more visit", "\n^{*} To find out more visit")])
    assert _fixed(project, "w.txt", before, "--select", "CL701") == clean


def test_a_heading_put_on_its_own_line_keeps_its_closing_bracket(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    original = sample_text("westminster")
    before = edit(original, [("Talk to Frank (Drug abuse helpline)\n\ntel: 0800 776 600",
                              "Talk to Frank (Drug abuse helpline) tel: 0800 776 600")])
    assert _fixed(project, "w.txt", before, "--select", "CL202") == original


def test_a_heading_that_ends_in_a_slot_is_reported_but_not_split_where_its_value_might_end(tmp_path, monkeypatch):
    """`Message from Borough Commander {commander:person}` run into `During 2009/10 …`: the
    person pattern takes `Simon Bray During`, so a split there would cut the sentence."""
    project = _project(tmp_path, monkeypatch)
    before = edit(sample_text("westminster"), [("Commander Simon Bray\n\nDuring 2009/10", "Commander Simon Bray During 2009/10")])
    assert _fixed(project, "w.txt", before, "--select", "CL202") == before
    reported = CliRunner().invoke(cli, ["check", "w.txt", "--select", "CL202"])
    assert reported.exit_code == 1 and "CL202" in reported.output and "is not on a line of its own" in reported.output


COPY = "Making people feel safe is not just down to the Met; many others, including the public, " \
       "contribute to an atmosphere of order and security and we must work together to deliver success."


@pytest.mark.parametrize("anchor,pasted", [
    # a paragraph pasted a second time: deleted with its full stop and the blank line after it
    ("Useful contacts\n\n", f"{COPY}\n\nUseful contacts\n\n"),
    # run into a paragraph: deleted with one space beside it
    ("To find out more visit", f"{COPY} To find out more visit"),
    # the text's last paragraph, the file ending without a line break
    ("Non-emergency dial 0300 123 1212", f"Non-emergency dial 0300 123 1212\n\n{COPY}"),
])
def test_deleting_a_pasted_copy_leaves_no_stray_full_stop(tmp_path, monkeypatch, anchor, pasted):
    project = _project(tmp_path, monkeypatch)
    original = sample_text("westminster")
    if anchor.startswith("Non-emergency"):
        original = original.rstrip("\n")
    before = edit(original, [(anchor, pasted)])
    assert _fixed(project, "w.txt", before, "--select", "CL107", "--unsafe-fixes") == original


def test_a_word_marked_inside_a_moved_paragraph_is_still_fixed(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    moved = _without_markup("westminster").replace(COPY + "\n\n", "").replace(
        "Useful contacts\n\n", f"{COPY}\n\nUseful contacts\n\n")
    before = moved.replace("an atmosphere of order", "an atmosphere of **order**")
    assert "CL103" in run("check", str(_write(project, "w.txt", before)), "--select", "CL103").output
    assert _fixed(project, "w.txt", before, "--select", "CL701") == moved


def _write(project, name: str, text: str):
    (project / name).write_text(text, "utf-8")
    return project / name


def test_a_heading_run_into_a_sentence_is_moved_back_when_unsafe_fixes_are_asked_for(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    original = sample_text("havering")
    report = json.loads(run("check", str(SAMPLES / "boroughs" / "havering.txt"), "--select", "CL201",
                            "--format", "json").output)
    assert [(f["line"], f["fix"]["title"], f["fix"]["safe"]) for f in report] == [
        (31, "Move the heading back to its place", False)]
    assert _fixed(project, "havering.txt", original, "--select", "CL201") == original  # not safe: not applied
    expected = edit(original, [
        ("MPA\n\nThe job of the MPA", "MPA\n\nMet Forward\n\nThe job of the MPA"),
        ("the MPA has **Met Forward** introduced Met Forward", "the MPA has introduced Met Forward"),
    ])
    assert _fixed(project, "havering.txt", original, "--select", "CL201", "--unsafe-fixes") == expected
    assert run("check", "havering.txt", "--select", "CL201").exit_code == 0
    assert "**Met Forward**" not in run("check", "havering.txt", "--select", "CL701").output


def test_an_item_outside_its_list_is_moved_back_when_unsafe_fixes_are_asked_for(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    original = sample_text("havering")
    assert _fixed(project, "havering.txt", original, "--select", "CL303") == original  # not safe: not applied
    expected = edit(original, [
        ("\n- * reduce crime", "\n- * the right service at the right price\n- * reduce crime"),
        ("3.8 percentage point gap.\n\n^{*} the right service at the right price\n\n", "3.8 percentage point gap.\n\n"),
    ])
    assert _fixed(project, "havering.txt", original, "--select", "CL303", "--unsafe-fixes") == expected
    assert run("check", "havering.txt", "--select", "CL303").exit_code == 0


def test_an_item_run_into_a_paragraph_is_not_moved(tmp_path, monkeypatch):
    project = _project(tmp_path, monkeypatch)
    text = edit(sample_text("westminster"), [
        ("- * the right service at the right price\n", ""),
        ("To find out more visit", "the right service at the right price. To find out more visit"),
    ])
    report = json.loads(run("check", _write(project, "w.txt", text).name, "--select", "CL303",
                            "--format", "json").output)
    assert [f["rule"] for f in report] == ["CL303"]
    assert report[0]["fix"] is None


@pytest.mark.parametrize("written,fixed", [
    ("**Victim Support** tel: 0845 303 0900", "**Victim Support**\n\ntel: 0845 303 0900"),  # not inside the bold
    ("Victim Support: tel: 0845 303 0900", "Victim Support:\n\ntel: 0845 303 0900"),
    ("Victim Support's tel: 0845 303 0900", None),  # a word goes on from the heading: not split
])
def test_a_heading_is_split_off_after_what_closes_it(tmp_path, monkeypatch, written, fixed):
    project = _project(tmp_path, monkeypatch)
    before = edit(sample_text("westminster"), [("Victim Support\n\ntel: 0845 303 0900", written)])
    after = before if fixed is None else edit(before, [(written, fixed)])
    assert _fixed(project, "w.txt", before, "--select", "CL202") == after


@pytest.mark.parametrize("codec,mark", [("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-8", b"")])
@pytest.mark.parametrize("tool", [["git", "apply"], ["patch", "-p1", "--quiet", "-i"]])
def test_diff_applies_byte_exactly_in_the_files_own_encoding(tmp_path, monkeypatch, codec, mark, tool):
    """A Windows-1252 edition's patch is in Windows-1252; a byte-order mark is part of the
    first line, which a fix here touches (a blank-looking first line emptied)."""
    project = _project(tmp_path, monkeypatch)
    text = " \t\nThe Mayor’s summary\n" + edit(sample_text("westminster"), [PHONE])
    edition = project / "w.txt"
    edition.write_bytes(mark + text.encode(codec))
    fixed = _apply_diff_and_fix_a_copy(project, edition, "CL105,CL705", tool)
    assert fixed.startswith(mark + "\nThe Mayor’s summary\n".encode(codec))


@pytest.mark.parametrize("mark", [b"\xff\xfe", b"\xfe\xff"])
def test_a_utf16_edition_gets_no_diff_but_one_line_saying_why(tmp_path, monkeypatch, mark):
    project = _project(tmp_path, monkeypatch)
    codec = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}[mark]
    (project / "w.txt").write_bytes(mark + edit(sample_text("westminster"), [PHONE]).encode(codec))
    result = CliRunner().invoke(cli, ["check", "w.txt", "--select", "CL105", "--diff"])
    assert result.exit_code == 2
    assert "w.txt: no diff for a UTF-16 file: patch and git apply read a patch as lines of bytes" in result.output
    assert "@@" not in result.output
