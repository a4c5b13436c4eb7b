"""What a run sets up before it checks anything: the configuration, the rules, the template
and the baseline, and the Plan every edition is checked by (sent once to each worker)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named here: `--show-files` imports this module and checks nothing
    from canonlint.config import Config
    from canonlint.run.edition_rules import EditionView
    from canonlint.run.selection import ActiveRule
    from canonlint.template import Template


class RunError(Exception):
    """The run as a whole cannot go ahead (configuration, template or baseline unusable,
    options that do not go together, nothing to check); the message is one line, and
    `details` the lines that come before it (the paths that could not be collected)."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


@dataclass(frozen=True)
class Plan:
    """Everything fixed for the run that checking one edition needs."""

    template: Template
    rules: tuple[ActiveRule, ...]
    known: Mapping[str, str] = field(default_factory=dict)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    hidden: frozenset[str] = frozenset()   # fingerprints in the baseline: not fixed
    view: EditionView | None = None        # the report's edition view (Request.view), or None
    fix_author: str = "canonlint"          # the author of the tracked changes --fix writes into a Word file
    annotate: bool = False                 # write a review copy of each Word edition (canonlint.writers.docx_comments)
    annotate_dir: Path | None = None       # into this folder (None: beside the edition)


@dataclass
class Setup:
    config: Config
    plan: Plan
    rules: list[ActiveRule]
    problems: list[str]
    template_path: Path
    baseline_file: Path | None
    baseline: list


def set_up(request) -> Setup:
    """The configuration, rules, template and baseline of a run (a canonlint.run.request.Request;
    raises RunError, and the configuration's, template's and baseline's errors)."""
    from canonlint.config import ConfigError
    from canonlint.escaping import display_name
    from canonlint.registry import load_registry
    from canonlint.run.baseline import load_baseline
    from canonlint.run.discovery import config_for, display, require_regular
    from canonlint.run.selection import check_options_against_template, known_rules, resolve_rules
    from canonlint.template import load_template

    _check_options(request)
    config = config_for(request.paths, request.config, request.stdin_filename)
    registry = load_registry()
    rules = resolve_rules(registry, config, request.select or None, request.ignore)
    chosen = request.template or config.template
    if chosen is None:
        raise ConfigError("no template: pass --template or set 'template' in canonlint.toml")
    template = load_template(chosen, display_name(display(chosen)), config.slot_types)
    check_options_against_template(registry, config, template)
    baseline_file = request.baseline or config.baseline
    if baseline_file:
        require_regular(baseline_file)
    if request.update_baseline and baseline_file is None:
        raise ConfigError("--update-baseline needs a baseline file: pass --baseline FILE or set 'baseline'")
    baseline = load_baseline(baseline_file, missing_ok=request.update_baseline) if baseline_file else []
    plan = Plan(template, tuple(rules), known_rules(registry), config.per_file_ignores,
                fix=request.fix, diff=request.diff, unsafe_fixes=request.unsafe_fixes,
                hidden=frozenset(e.fingerprint for e in baseline), view=request.view, fix_author=config.fix_author,
                annotate=request.annotate, annotate_dir=request.annotate_dir)
    return Setup(config, plan, rules, list(registry.problems), chosen, baseline_file, baseline)


def _check_options(request) -> None:
    """Options of a request that do not go together: a RunError."""
    if list(request.paths).count("-") > 1:
        raise RunError("'-' (standard input) may be given once")
    if request.fix and request.diff:
        raise RunError("--fix and --diff do not go together: --diff only shows the fixes")
    if request.update_baseline and (request.fix or request.diff):
        raise RunError("--update-baseline does not go together with --fix or --diff")
