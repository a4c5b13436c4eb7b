"""The baseline: recorded findings stay hidden across edits that move them, new ones show,
stale entries are reported, and a partial run never loses the rest of the file."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from tests.conftest import SAMPLES

EDITIONS = ("bexley", "havering", "kensington-and-chelsea", "tower-hamlets", "westminster")


def run(*args, **kwargs):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture()
def workspace(tmp_path, monkeypatch):
    shutil.copytree(SAMPLES, tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _edition(workspace, name):
    return workspace / "samples" / "boroughs" / f"{name}.txt"


def _json(*args) -> list[dict]:
    return json.loads(run("check", *args, "--format", "json").output)


def test_round_trip_survives_moved_lines_and_shows_one_new_finding(workspace):
    count = len(_json("samples/boroughs"))
    assert count > 10
    created = run("check", "samples/boroughs", "--baseline", "b.json", "--update-baseline")
    assert created.exit_code == 0, created.output
    assert f"canonlint: wrote {count} entries to b.json ({count} added, 0 dropped)" in created.output
    assert run("check", "samples/boroughs").exit_code == 1  # the findings are still there without the baseline
    again = run("check", "samples/boroughs", "--baseline", "b.json")
    assert again.exit_code == 0
    assert again.output.strip() == f"No findings in 5 files. {count} more hidden by the baseline."

    for name in EDITIONS:  # a blank line at the top moves every finding down a line
        path = _edition(workspace, name)
        path.write_text("\n" + path.read_text("utf-8"), "utf-8")
    assert run("check", "samples/boroughs", "--baseline", "b.json").exit_code == 0
    assert _json("samples/boroughs", "--baseline", "b.json") == []  # not even an info finding came back

    havering = _edition(workspace, "havering")
    havering.write_text(havering.read_text("utf-8").replace("tel: 0845 303 0900", "tel: 0845 303 0901"), "utf-8")
    result = run("check", "samples/boroughs", "--baseline", "b.json")
    assert result.exit_code == 1
    new = _json("samples/boroughs", "--baseline", "b.json")
    assert [(f["path"], f["rule"], f["message"]) for f in new] == [
        ("samples/boroughs/havering.txt", "CL105",
         "phone number differs from the template: expected '0845 303 0900', found '0845 303 0901'")]


def test_the_file_is_versioned_sorted_and_readable(workspace):
    run("check", "samples/boroughs", "--baseline", "b.json", "--update-baseline")
    data = json.loads((workspace / "b.json").read_text("utf-8"))
    assert data["version"] == 1 and len(data["entries"]) == len(_json("samples/boroughs"))
    entries = data["entries"]
    assert entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["line"], e["fingerprint"]))
    assert set(entries[0]) == {"fingerprint", "rule", "path", "line", "message"}
    assert entries[0]["path"] == "boroughs/bexley.txt"  # relative to the configuration's folder


def test_a_fixed_finding_leaves_a_stale_entry_until_the_update(workspace):
    run("check", "samples/boroughs", "--baseline", "b.json", "--update-baseline")
    havering = _edition(workspace, "havering")
    havering.write_text(havering.read_text("utf-8").replace(
        "Serious youth violence\t2 offences or −1.4%\tTarget missed",
        "Serious youth violence\t2 offences or −1.4%\tTarget achieved"), "utf-8")
    stale = _json("samples/boroughs", "--baseline", "b.json")
    assert [(f["rule"], f["severity"], f["path"]) for f in stale] == [("CL902", "info", "samples/boroughs/havering.txt")]
    assert stale[0]["message"].startswith("baseline entry for CL401 matches no finding any more (it was at line 118:")
    assert run("check", "samples/boroughs", "--baseline", "b.json").exit_code == 0  # info does not fail by default
    assert run("check", "samples/boroughs", "--baseline", "b.json", "--fail-on", "info").exit_code == 1
    assert _json("samples/boroughs", "--baseline", "b.json", "--select", "CL105") == []  # CL401 did not run
    updated = run("check", "samples/boroughs/havering.txt", "--baseline", "b.json", "--update-baseline")
    assert "(0 added, 1 dropped)" in updated.output
    assert _json("samples/boroughs", "--baseline", "b.json", "--fail-on", "info") == []


def test_a_partial_run_keeps_the_other_entries(workspace):
    run("check", "samples/boroughs", "--baseline", "b.json", "--update-baseline")
    partial = run("check", "samples/boroughs/bexley.txt", "--baseline", "b.json", "--update-baseline", "--select", "CL105")
    assert "(0 added, 0 dropped)" in partial.output
    assert run("check", "samples/boroughs", "--baseline", "b.json").exit_code == 0


def test_paths_do_not_depend_on_where_the_run_starts(workspace, monkeypatch):
    run("check", "samples/boroughs", "--baseline", "b.json", "--update-baseline")
    monkeypatch.chdir(workspace / "samples" / "boroughs")
    assert run("check", ".", "--baseline", "../../b.json").exit_code == 0
    assert run("check", str(workspace / "samples" / "boroughs"), "--baseline", "../../b.json").exit_code == 0


def test_the_baseline_can_be_configured(workspace):
    config = workspace / "samples" / "canonlint.toml"
    config.write_text(config.read_text("utf-8") + 'baseline = "known.json"\n', "utf-8")
    assert run("check", "samples/boroughs", "--update-baseline").exit_code == 0
    assert (workspace / "samples" / "known.json").exists()
    assert run("check", "samples/boroughs").exit_code == 0


def test_fix_leaves_baselined_findings_alone(workspace):
    westminster = _edition(workspace, "westminster")
    westminster.write_text(westminster.read_text("utf-8").replace("tel: 0800 555111", "tel: 0800 555112"), "utf-8")
    run("check", "samples/boroughs/westminster.txt", "--baseline", "b.json", "--update-baseline")
    changed = westminster.read_text("utf-8")
    assert run("check", "samples/boroughs/westminster.txt", "--baseline", "b.json", "--fix").exit_code == 0
    assert westminster.read_text("utf-8") == changed
    assert run("check", "samples/boroughs/westminster.txt", "--fix").exit_code == 0
    assert "tel: 0800 555111" in westminster.read_text("utf-8")


@pytest.mark.parametrize("content,message", [
    (None, "b.json: baseline file not found; create it with --update-baseline"),
    ("[1, 2", "b.json: the baseline is not valid JSON"),
    ('{"entries": []}', "b.json: not a canonlint baseline"),
    ('{"version": 1, "entries": [{"rule": "CL105"}]}', "b.json: entry 1 needs the strings 'fingerprint', 'rule' and 'path'"),
])
def test_a_bad_baseline_is_one_line(workspace, content, message):
    if content is not None:
        (workspace / "b.json").write_text(content, "utf-8")
    result = run("check", "samples/boroughs", "--baseline", "b.json")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"canonlint: error: {message}")


def test_update_needs_a_file(workspace):
    result = run("check", "samples/boroughs", "--update-baseline")
    assert result.exit_code == 2
    assert "--update-baseline needs a baseline file" in result.output
