"""What a report may say about the run as a whole and about its rules: RunInfo, made by
the command line from the run's result, and one RuleInfo per rule."""

from __future__ import annotations

import importlib
import inspect
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote

from canonlint.finding import Severity


@dataclass(frozen=True)
class RuleInfo:
    """What a report may say about a rule."""

    code: str
    name: str
    severity: Severity        # the default, before configured overrides
    summary: str
    doc: str = ""
    fixable: bool = False
    title: str = ""           # the problem in plain words, shown before the code

    @classmethod
    def of(cls, rule) -> RuleInfo:
        """The RuleInfo of a rule class."""
        return cls(rule.code, rule.name, rule.severity, rule.summary(), inspect.cleandoc(rule.__doc__ or ""),
                   bool(rule.fixable), rule.plain_title())

    def section(self, heading: str) -> str:
        """One section of the documentation (`What it checks:` …), folded to one paragraph."""
        return next((body for name, body in self.sections() if name == heading), "")

    def sections(self) -> list[tuple[str, str]]:
        """The documentation as (heading, body) pairs, each body folded to one paragraph;
        the summary before the first heading has the heading ""."""
        sections: list[tuple[str, list[str]]] = [("", [])]
        for line in self.doc.splitlines():
            if line.rstrip().endswith(":") and not line.startswith((" ", "\t")):
                sections.append((line.strip(), []))
            else:
                sections[-1][1].append(line.strip())
        return [(name, " ".join(" ".join(lines).split())) for name, lines in sections
                if name or any(lines)]

    def markdown(self) -> str:
        """The documentation as Markdown (as GitHub shows a SARIF rule's help): the summary,
        then each section under its heading in bold."""
        parts = [f"**{name.rstrip(':')}**\n\n{body}" if name else body for name, body in self.sections()]
        return "\n\n".join(parts) or self.summary


@dataclass(frozen=True)
class RunInfo:
    """The run as a whole: its rules, its failure level, how the text is shown, and the
    folder that repository-relative paths start from."""

    rules: tuple[RuleInfo, ...] = ()
    errors: tuple[str, ...] = ()      # one line per path or file that could not be checked
    fail_on: Severity = Severity.WARNING
    color: bool = False
    show_context: bool = False
    statistics: bool = False
    root: Path | None = None          # the repository root; None: the working folder
    baselined: int = 0                # findings hidden by the baseline
    template: Any = None              # the run's Template (the HTML report shows it)
    docs_url: str | None = None       # the configuration's `docs-url`: where each rule is documented
    version: str = field(default_factory=lambda: importlib.import_module("canonlint").__version__)
    config_file: str | None = None    # the configuration file read; None: the defaults
    template_sha256: str = ""         # of the template file's bytes
    created: datetime = field(default_factory=lambda: report_time())

    def relative_path(self, path: str) -> str:
        """The path relative to the repository root, with forward slashes; a path outside
        it is given in full."""
        root = self.root or Path.cwd()
        full = os.path.abspath(path)
        try:
            return Path(full).relative_to(os.path.abspath(root)).as_posix()
        except ValueError:
            return Path(full).as_posix()

    def uri(self, path: str) -> str:
        """A URI reference for the file: relative to the repository root when inside it,
        else an absolute file URI."""
        relative = self.relative_path(path)
        if Path(relative).is_absolute():
            return Path(relative).as_uri()
        return quote(relative, safe="/")

    def help_uri(self, rule: RuleInfo) -> str | None:
        """The address of a rule's documentation, if `docs-url` is configured."""
        from canonlint.config import docs_url_of

        return docs_url_of(self.docs_url, rule.code, rule.name) if self.docs_url else None

    def rule(self, code: str) -> RuleInfo | None:
        return next((r for r in self.rules if r.code == code), None)


def report_time() -> datetime:
    """When the report is made, in UTC to the second: now, or SOURCE_DATE_EPOCH when set
    (reproducible-builds.org), so that a report can be made again byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above start that holds a `.git` (folder or worktree file)."""
    try:
        here = start.resolve()
    except (OSError, RuntimeError):  # a link loop: no repository to speak of
        return None
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None
