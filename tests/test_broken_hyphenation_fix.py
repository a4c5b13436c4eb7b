"""broken-hyphenation's fix writes a template word as the template writes it, and a
re-check finds nothing more to join."""

from __future__ import annotations

import pytest

from canonlint.run.fixes import apply_fixes
from tests.conftest import edit, sample_text


@pytest.mark.parametrize("broken, template_form", [
    ("pan - London", "pan-London"), ("day - to-day", "day-to-day"), ("day - to - day", "day-to-day"),
    ("day -  to -day", "day-to-day"), ("pan -\tLondon", "pan-London"),
])
def test_fix_gives_the_template_form(lint, broken, template_form):
    original = "ward, borough and pan-London level" if "London" in template_form else "lost in the day-to-day activity"
    text = edit(sample_text("westminster"), [(original, original.replace(template_form, broken))])
    findings = lint(text, select=("CL702",))
    assert len(findings) == 1
    fixed = apply_fixes(text, findings).text
    assert original in fixed
    assert lint(fixed, select=("CL702",)) == []
