"""Fixes that would undo each other: two rules' fixes never take turns forever, and a file
whose fixes cannot all settle still gets the fixes that did."""

from __future__ import annotations

import itertools

import pytest

from canonlint.finding import Edit, Finding, Fix, Severity
from canonlint.run.fixes import apply_fixes, fix_until_settled
from canonlint.registry import load_registry
from tests.rules.test_cases import _cases, _edition


def _finding(rule: str, start: int, end: int, replacement: str) -> Finding:
    return Finding("edition.txt", 1, start + 1, 1, end + 1, rule, rule.lower(), Severity.WARNING, f"{rule} here",
                   fix=Fix(rule, (Edit(start, end, replacement),), safe=True), fingerprint=f"{rule}@{start}")


def _fighting_check(text: str) -> list[Finding]:
    """Two rules that undo each other (one splits "Heading words" at the space, the other
    joins it back) and one that upper-cases a stray "colour" at the end."""
    findings = []
    if (at := text.find("Heading words")) >= 0:
        findings.append(_finding("SPLIT", at + 7, at + 8, "\n\n"))
    if (at := text.find("Heading\n\nwords")) >= 0:
        findings.append(_finding("JOIN", at + 7, at + 9, " "))
    if (at := text.find("colour")) >= 0:
        findings.append(_finding("CASE", at, at + 6, "COLOUR"))
    return findings


def test_fixes_that_undo_each_other_leave_the_other_fixes_applied():
    text = "Heading words here.\n\nA colour.\n"
    fixed = fix_until_settled(text, _fighting_check(text), _fighting_check)
    assert fixed.settled
    assert "COLOUR" in fixed.text
    # The fighting pair is left as the edition had it, and still reported.
    assert "Heading words here." in fixed.text
    assert [f.rule for f in fixed.findings if f.fix] == ["SPLIT"]


def _fixable() -> list[str]:
    return sorted(rule.code for rule in load_registry().rules if getattr(rule, "fixable", False))


def _failing_cases_of(codes: set[str]):
    for param in _cases():
        code, case = param.values
        if code in codes and case["expect"] and "editions" not in case and "template" not in case:
            path, text = _edition(case)
            if isinstance(text, str):
                yield code, case["name"], path, text


@pytest.mark.parametrize("first,second", list(itertools.combinations(_fixable(), 2)))
def test_no_two_rules_fixes_undo_each_other(lint, first, second):
    """On each failing case of either rule, neither rule's fix, applied one at a time, is
    undone by a fix of the other, and the two rules' fixes together settle."""
    for code, name, path, text in _failing_cases_of({first, second}):
        other = second if code == first else first

        def check(edition: str) -> list[Finding]:
            return lint(edition, select=(first, second), path=path)

        for finding in check(text):
            if finding.fix is None or finding.rule != code:
                continue
            once = apply_fixes(text, [finding], unsafe=True).text
            for answer in check(once):
                if answer.fix is not None and answer.rule == other:
                    assert apply_fixes(once, [answer], unsafe=True).text != text, (name, answer.message)
        fixed = fix_until_settled(text, check(text), check, unsafe=True)
        assert fixed.settled, name

