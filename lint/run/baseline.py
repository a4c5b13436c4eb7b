"""The baseline: findings recorded once and hidden from later runs, for gradual adoption.

A baseline file is JSON: `{"version": 1, "entries": [...]}`, one entry per finding with
its `fingerprint`, `rule`, `path` (relative to the configuration's folder) and, for
people reading the file, its `line` and `message`. Entries are matched by fingerprint
only, which holds the rule, the path and the finding's evidence but no line number, so
an entry survives edits that move the finding. An entry of an edition checked in this
run, for a rule that ran, that matches no finding is stale, and is reported (CL902).

Updating keeps the entries of editions and rules the run did not cover, so a run on a
few files never drops the rest of the baseline.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from canonlint.finding import Finding, Severity, fingerprint
from canonlint.run.notices import STALE_BASELINE_ENTRY

VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or used; the message names the file."""


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    rule: str
    path: str
    line: int = 0
    message: str = ""


def load_baseline(path: Path, missing_ok: bool = False) -> list[Entry]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        if missing_ok:
            return []
        raise BaselineError(f"{path}: baseline file not found; create it with --update-baseline") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: cannot read the baseline ({exc})") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}: the baseline is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}: not a canonlint baseline (expected {{\"version\": {VERSION}, \"entries\": [...]}})")
    entries = []
    for number, item in enumerate(data["entries"], start=1):
        if not (isinstance(item, dict) and all(isinstance(item.get(k), str) for k in ("fingerprint", "rule", "path"))):
            raise BaselineError(f"{path}: entry {number} needs the strings 'fingerprint', 'rule' and 'path'")
        line = item.get("line", 0)
        entries.append(Entry(item["fingerprint"], item["rule"], item["path"],
                             line if isinstance(line, int) else 0, str(item.get("message", ""))))
    return entries


def entry_of(finding: Finding, key: str) -> Entry:
    return Entry(finding.fingerprint, finding.rule, key, finding.line, finding.message)


def render_baseline(entries: list[Entry]) -> str:
    """The file's text: entries sorted by path, rule and line, so that it diffs well."""
    ordered = sorted(entries, key=lambda e: (e.path, e.rule, e.line, e.fingerprint))
    return json.dumps({"version": VERSION, "entries": [asdict(e) for e in ordered]},
                      indent=2, ensure_ascii=False) + "\n"


def updated_entries(old: list[Entry], current: list[Entry], ran: dict[str, frozenset[str]]) -> list[Entry]:
    """The new baseline: the current findings, plus the old entries this run did not cover
    (an edition not checked, or a rule that did not run on it); ran maps each checked
    edition's path to the codes that ran on it."""
    kept = [e for e in old if e.rule not in ran.get(e.path, frozenset())]
    seen = {e.fingerprint for e in current}
    return current + [e for e in kept if e.fingerprint not in seen]




def apply_baseline(results, ran: dict[str, frozenset[str]], entries: list[Entry],
                   stale_level: Severity | None) -> int:
    """Hide the findings the baseline records (results are changed in place) and, when
    stale_level is given, add a CL902 finding for each stale entry of a checked edition on
    which CL902 ran. Returns the number of findings hidden."""
    recorded = {e.fingerprint for e in entries}
    found = {f.fingerprint for result in results for f in result.findings}
    hidden = 0
    for result in results:
        kept = [f for f in result.findings if f.fingerprint not in recorded]
        hidden += len(result.findings) - len(kept)
        result.findings = kept
    if stale_level is None:
        return hidden
    by_key = {result.key: result for result in results}
    for entry in entries:
        result = by_key.get(entry.path)
        codes = ran.get(entry.path, frozenset())
        if result is None or entry.rule not in codes or STALE_BASELINE_ENTRY.code not in codes \
                or entry.fingerprint in found:
            continue
        message = (f"baseline entry for {entry.rule} matches no finding any more"
                   + (f" (it was at line {entry.line}: {entry.message})" if entry.message else "")
                   + "; run --update-baseline to drop it")
        result.findings.append(Finding(result.path, 1, 1, 1, 1, STALE_BASELINE_ENTRY.code, STALE_BASELINE_ENTRY.name,
                                       stale_level, message,
                                       fingerprint=fingerprint(entry.path, STALE_BASELINE_ENTRY.code,
                                                               entry.fingerprint, 0)))
    for result in results:
        result.findings.sort(key=lambda f: f.sort_key)
    return hidden
