"""SARIF 2.1.0 output, as GitHub code scanning reads it.

One run; `tool.driver.rules` describes every rule of the run (id, name, short and full
description, default level, and its whole documentation as `help.text` and `help.markdown`,
so a reader of the alert needs no web page; `helpUri` only when the configuration's
`docs-url` says where the rules are published) and each result points at its rule by `ruleId` and
`ruleIndex`. Locations are repository-relative URIs with a full region; columns count
Unicode code points (`columnKind`), as canonlint's do. The finding's fingerprint, which
ignores line numbers, is the result's `primaryLocationLineHash`, so an alert keeps its
identity when unrelated edits move its lines. Files that could not be checked are
execution notifications, and make the invocation unsuccessful.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from json.encoder import encode_basestring

from canonlint.report.indented_json import dumps_indented
from canonlint.report.run_info import RuleInfo

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def _rule(info, run) -> dict:
    full = info.section("What it checks:") or info.summary
    rule = {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": full},
        "help": {"text": info.doc or info.summary, "markdown": info.markdown()},
        "defaultConfiguration": {"level": LEVELS[info.severity.value]},
        "properties": {"fixable": info.fixable},
    }
    help_uri = run.help_uri(info)
    if help_uri:
        rule["helpUri"] = help_uri
    return rule


def _result(f, index: int | None, uri) -> dict:
    region = {"startLine": f.line, "startColumn": f.column,
              "endLine": max(f.end_line, f.line), "endColumn": f.end_column}
    if region["endLine"] == region["startLine"]:
        region["endColumn"] = max(region["endColumn"], region["startColumn"])
    result = {
        "ruleId": f.rule,
        "level": LEVELS[f.severity.value],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": uri(f.path)},
            "region": region,
        }}],
        "partialFingerprints": {"primaryLocationLineHash": f.fingerprint},
    }
    if index is not None:
        result["ruleIndex"] = index
    return result


# Stands for the results array in the text of the rest of the document; results is the last
# key of the run, so after it come only closing brackets.
_RESULTS = "\x00results\x00"
_ITEM_INDENT = "\n" + " " * 8  # a result's lines, as an item of runs[0].results


def render(results, unreadable: int = 0, run=None) -> str:
    return "".join(chunks(results, unreadable, run))


def chunks(results, unreadable: int = 0, run=None) -> Iterator[str]:
    """The report in pieces, a file's results at a time: a run over thousands of editions
    is written out without a dictionary of every result, or the whole text, at once."""
    described = list(run.rules)
    known = {info.code for info in described}
    # A finding of a rule the run does not describe (a crashed plug-in) still gets a
    # rule entry, so that every result's ruleIndex is valid.
    for result in results:
        for f in result.findings:
            if f.rule not in known:
                described.append(RuleInfo(f.rule, f.name, f.severity, f.name))
                known.add(f.rule)
    index = {info.code: i for i, info in enumerate(described)}
    uri = functools.cache(run.uri)  # the findings of a file share its URI
    notifications = [{"level": "error", "message": {"text": message}} for message in run.errors]
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "canonlint",
                "version": run.version,
                "semanticVersion": run.version,
                "rules": [_rule(info, run) for info in described],
            }},
            "invocations": [{
                "executionSuccessful": not (run.errors or unreadable),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": _RESULTS,
        }],
    }
    head, tail = dumps_indented(document).rsplit(encode_basestring(_RESULTS), 1)
    yield head
    first = True
    for result in results:
        pieces = []
        for f in result.findings:
            item = dumps_indented(_result(f, index.get(f.rule), uri)).replace("\n", _ITEM_INDENT)
            pieces.append(("[" if first else ",") + _ITEM_INDENT + item)
            first = False
        if pieces:
            yield "".join(pieces)
    yield ("[]" if first else "\n      ]") + tail + "\n"
