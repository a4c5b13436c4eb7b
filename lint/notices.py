"""canonlint's own notices: findings about a run's suppression comments and baseline
rather than about an edition's text.

They are made by the engine, not by a rule module, because they judge what the rules
reported; but they carry a code and a name like a rule, so `select`, `ignore`,
`per-file-ignores`, `[severity]` and the baseline treat them like any rule, and
`canonlint rule CL901` documents them.
"""

from __future__ import annotations

from lint.finding import Severity
from lint.report import RuleInfo

UNUSED_SUPPRESSION = RuleInfo(
    "CL901", "unused-suppression", Severity.INFO,
    "A suppression comment that suppresses nothing, or that canonlint cannot read.",
    """A suppression comment that suppresses nothing, or that canonlint cannot read.

What it checks:
    In a Markdown edition, every `<!-- canonlint: disable=CODE -->`,
    `<!-- canonlint: disable-next-block=CODE -->` or bare `<!-- canonlint: disable -->`
    comment must hide at least one finding of each rule it names. A comment that names
    an unknown rule or directive is reported too. Rules that were not run (left out by
    `select` or `ignore`) are not judged.
Why it matters:
    A suppression outlives the problem it was written for; left in place it would hide
    the next, unrelated problem of that kind in the same place.
Example:
    Fails: `<!-- canonlint: disable-next-block=CL105 -->` above a paragraph whose phone
    number is right.
    Passes: the same comment above the paragraph whose phone number differs.
Fix:
    Remove the comment, or the rule codes in it that no longer suppress anything
    (`--fix` does it).
""",
    fixable=True,
)

STALE_BASELINE_ENTRY = RuleInfo(
    "CL902", "stale-baseline-entry", Severity.INFO,
    "A baseline entry whose finding is no longer reported.",
    """A baseline entry whose finding is no longer reported.

What it checks:
    With `--baseline FILE`, every entry of the file for an edition checked in this run,
    and for a rule that ran, must still match a finding.
Why it matters:
    The problem was fixed, so the entry only makes the baseline longer; should the same
    problem come back, the stale entry would hide it.
Example:
    Fails: the baseline records a changed phone number that has since been corrected.
    Passes: every entry still matches a finding.
Fix:
    Run `canonlint check --baseline FILE --update-baseline` to rewrite the file.
""",
)

NOTICES = (UNUSED_SUPPRESSION, STALE_BASELINE_ENTRY)
