"""canonlint's own notices: rules about a run's plug-ins, suppression comments and baseline
rather than about an edition's text.

They are rules like the others: the registry lists them beside the built-in rules, so
`canonlint rules` shows them, `canonlint rule CL901` documents them, and `select`,
`ignore`, `per-file-ignores`, `[severity]` and the baseline treat them as any rule.
CL901 is a reviewing rule (`Rule.reviews`): it runs on each edition after the other rules'
findings went through the suppression comments. CL900 and CL902 judge the run itself (a
plug-in that did not load, the baseline file), so the run makes their findings, through
`finding()`, when they are active.
"""

from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Finding, Report, Severity, fingerprint
from canonlint.rule import Context, Rule


class Notice(Rule):
    """A rule whose findings the run makes, not a check of an edition's text."""

    def check(self, ctx: Context) -> Iterator[Report]:
        return iter(())


class PluginFailed(Notice):
    """A rule plug-in that could not be loaded: its rules did not check this edition.

    What it checks:
        Every entry point of the `canonlint.rules` group must import and list valid rule
        classes (a code like CL123, a kebab-case name, a docstring, neither used by another
        rule). Each edition of a run in which one did not gets one finding naming the
        plug-in and the problem; the other rules still run, and the run exits 2.
    Why it matters:
        A report without the plug-in's findings would read as clean for problems that were
        never looked for.
    Example:
        Fails: a package registers `broken = "no_such_module:rules"`, which does not import.
        Passes: every registered plug-in imports.
    Fix:
        Install the plug-in's package, or remove its entry point.
    """

    code = "CL900"
    name = "plugin-failed"
    title = "Rule plug-in failed to load"
    severity = Severity.ERROR

    @classmethod
    def finding(cls, path: str, problem: str, severity: Severity) -> Finding:
        return Finding(path, 1, 1, 1, 1, cls.code, cls.name, severity, f"{problem}; its rules did not run",
                       fingerprint=fingerprint(path, cls.code, problem, 0))


class UnusedSuppression(Rule):
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
    """

    code = "CL901"
    name = "unused-suppression"
    title = "Suppression comment that does nothing"
    severity = Severity.INFO
    fixable = True
    reviews = True

    def check(self, ctx: Context) -> Iterator[Report]:
        review = ctx.review
        if review is None:
            return
        text = review.suppressions.text
        for directive, message, fix in review.suppressions.problems(review.judged, review.describe, review.suggest):
            found = text[directive.start:directive.end]
            yield ctx.report(directive.start, directive.end, message, found=found, fix=fix,
                             subject=f"{' '.join(found.split())}|{message}")


class StaleBaselineEntry(Notice):
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
    """

    code = "CL902"
    name = "stale-baseline-entry"
    title = "Baseline entry no longer needed"
    severity = Severity.INFO


NOTICES: tuple[type[Rule], ...] = (PluginFailed, UnusedSuppression, StaleBaselineEntry)
# The names other modules have used for them.
PLUGIN_FAILED, UNUSED_SUPPRESSION, STALE_BASELINE_ENTRY = NOTICES
