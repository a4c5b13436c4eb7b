"""Every rule documents itself, has failing and passing cases, and its docstring's
examples behave as documented when applied to the Westminster sample."""

from __future__ import annotations

import inspect
import re
import tomllib

import pytest

from canonlint.registry import load_registry
from canonlint.run.notices import Notice
from canonlint.rule import CorpusRule
from tests.conftest import edit, sample_text
from tests.rules.test_cases import CASES

RULES = load_registry().rules
SECTIONS = ("What it checks:", "Why it matters:", "Example:", "Fix:")
PAIR = re.compile(r"`([^`]*)`\s*→\s*`([^`]*)`")
WHOLE = re.compile(r"the whole file reads `([^`]*)`")
SAMPLE = re.compile(r"the sample `([\w-]+)\.txt`")
SAVED = re.compile(r"saved as `([\w-]+)`")


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def _examples(rule, kind: str) -> list:
    """Each `Fails:`/`Passes:` line: a list of (old, new) edits of the Westminster sample, a
    whole edition text ("the whole file reads `…`"), or another sample ("the sample `x.txt`")."""
    doc = inspect.cleandoc(rule.__doc__)
    lines = [line.strip() for line in doc.splitlines() if line.strip().startswith(kind + ":")]
    examples = []
    for line in lines:
        if WHOLE.search(line):
            examples.append(_unescape(WHOLE.search(line).group(1)))
        elif SAMPLE.search(line):
            text = sample_text(SAMPLE.search(line).group(1))
            saved = SAVED.search(line)
            examples.append(text.encode(saved.group(1)) if saved else text)
        else:
            examples.append([(_unescape(a), _unescape(b)) for a, b in PAIR.findall(line)])
    return examples


def _apply(original: str, example) -> str | bytes:
    return example if isinstance(example, str | bytes) else edit(original, example)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_docstring_has_every_section(rule):
    doc = inspect.cleandoc(rule.__doc__ or "")
    missing = [s for s in SECTIONS if s not in doc]
    assert not missing, f"{rule.code} docstring lacks {missing}"
    if rule.options:
        assert "Options:" in doc, f"{rule.code} has options but no Options: section"


# A notice judges the run (a plug-in that did not load, the baseline), not an edition's
# text, so no case file can show it: tests/test_registry.py and tests/test_baseline.py do.
CASE_RULES = [r for r in RULES if not issubclass(r, Notice)]


@pytest.mark.parametrize("rule", CASE_RULES, ids=[r.code for r in CASE_RULES])
def test_has_failing_and_passing_cases(rule):
    path = CASES / f"{rule.code}.toml"
    assert path.exists(), f"{rule.code} has no case file"
    cases = tomllib.loads(path.read_text(encoding="utf-8"))["case"]
    assert any(c["expect"] for c in cases), f"{rule.code} has no failing case"
    assert any(not c["expect"] for c in cases), f"{rule.code} has no passing case"


# Corpus rules and notices describe runs in prose; a reviewing rule's examples are Markdown
# comments, a document rule's are files (the Westminster sample is plain text): their cases run them.
EDITION_RULES = [r for r in CASE_RULES if not issubclass(r, CorpusRule) and not r.reviews and not r.formats]


@pytest.mark.parametrize("rule", EDITION_RULES, ids=[r.code for r in EDITION_RULES])
def test_docstring_examples_behave(rule, lint):
    fails, passes = _examples(rule, "Fails"), _examples(rule, "Passes")
    assert fails and passes, f"{rule.code} docstring needs a Fails: and a Passes: example"
    original = sample_text("westminster")
    before = _messages(lint(original, select=(rule.code,)))
    for example in fails:
        new = _messages(lint(_apply(original, example), select=(rule.code,))) - before
        assert new, f"Fails example gave no new finding: {example}"
    for example in passes:
        new = _messages(lint(_apply(original, example), select=(rule.code,))) - before
        assert not new, f"Passes example gave {sorted(new)}"


def _messages(findings) -> set[str]:
    """What a reader is told, without the place (an edit moves lines)."""
    return {re.sub(r"\bline \d+", "line N", f.message) for f in findings}


def test_every_rule_has_a_title_in_plain_words():
    """The title is what a reader of the HTML report sees first: words, not a code, a
    kebab-case name or markup, and no two rules alike."""
    titles = {}
    for rule in RULES:
        title = rule.__dict__.get("title", "")
        assert title, f"{rule.code} has no title of its own"
        assert title[0].isupper() and " " in title and not re.search(r"[`{}*_]|CL\d", title), (rule.code, title)
        assert len(title) <= 40, (rule.code, title)
        titles.setdefault(title, []).append(rule.code)
    assert not {t: codes for t, codes in titles.items() if len(codes) > 1}
