"""The command line: `canonlint check`, `canonlint rules`, `canonlint rule CODE`.

Exit codes: 0 nothing at or above the failure level, 1 findings, 2 usage, configuration
or I/O error (one line each on stderr, and every other file is still checked), 101 an
internal error. Heavy modules are imported inside the commands that need them.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

import click

from lint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_CRASH = 0, 1, 2, 101
FORMAT_NAMES = ["text", "json", "sarif", "github", "junit", "gitlab", "html"]  # the keys of lint.report.FORMATS


def _error(message: str) -> None:
    click.echo(f"canonlint: error: {message}", err=True)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part for value in values for part in value.replace(",", " ").split())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="canonlint", message="%(prog)s %(version)s")
def cli() -> None:
    """Check every edition of a templated publication against its canonical shared text."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--template", "template_path", type=click.Path(path_type=Path),
              help="The canonical template (Markdown). Default: 'template' from the config.")
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Config file. Default: the nearest canonlint.toml or pyproject.toml [tool.canonlint].")
@click.option("--format", "output_format", type=click.Choice(FORMAT_NAMES),
              help="Output format. Default: github inside GitHub Actions, else text.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to a file.")
@click.option("--select", multiple=True,
              help="Only these rules: codes, code prefixes or names, separated by commas or spaces; "
                   "repeatable. Replaces the config's select.")
@click.option("--ignore", multiple=True,
              help="Leave out these rules (same form as --select); adds to the config's ignore.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that makes the run fail (default: warning, or the config's).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Hide the findings recorded in this file (default: 'baseline' from the config).")
@click.option("--update-baseline", is_flag=True,
              help="Record the current findings in the baseline file, then report as if they were old.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply fixes not marked safe too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of applying them.")
@click.option("--stdin-filename", help="The name of the edition read from standard input ('-').")
@click.option("--force-exclude", is_flag=True,
              help="Leave out files named on the command line that the config's include, exclude "
                   "or paths leave out (for pre-commit).")
@click.option("--statistics", is_flag=True, help="Print the number of findings of each rule instead of the findings.")
@click.option("--show-context", is_flag=True,
              help="Under each finding, the expected and found words with the differences marked.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text output (auto: on a terminal; NO_COLOR and FORCE_COLOR are honoured).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Check this many editions at once, in worker processes (0: one per CPU).")
def check(paths, template_path, config_path, output_format, output, select, ignore, fail_on, exit_zero,
          baseline_path, update_baseline, fix, unsafe_fixes, diff, stdin_filename, force_exclude, statistics,
          show_context, color, jobs):
    """Check editions (files or folders; '-' for standard input) against the template."""
    from lint.baseline import BaselineError, apply_baseline, load_baseline
    from lint.checking import Plan, check_all, collect_targets
    from lint.config import Config, ConfigError, find_config, load_config
    from lint.finding import Severity
    from lint.fixes import write_atomically
    from lint.notices import NOTICES, STALE_BASELINE_ENTRY
    from lint.registry import load_registry
    from lint.report import RuleInfo, RunInfo, render_chunks, repository_root
    from lint.runner import check_corpus, known_rules, plugin_failed, resolve_notices, resolve_rules
    from lint.template import TemplateError, load_template

    paths = list(paths)
    if stdin_filename and not paths:
        paths = ["-"]
    if paths.count("-") > 1:
        raise click.UsageError("'-' (standard input) may be given once")
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if statistics and output_format not in ("text", "json"):
        raise click.UsageError("--statistics works with --format text or json")
    if fix and diff:
        raise click.UsageError("--fix and --diff do not go together: --diff only shows the fixes")
    if update_baseline and (fix or diff):
        raise click.UsageError("--update-baseline does not go together with --fix or --diff")

    try:
        start = stdin_filename if paths[:1] == ["-"] and stdin_filename else (paths[0] if paths and paths[0] != "-" else ".")
        found_config = config_path or find_config(Path(start))
        config = load_config(found_config) if found_config else Config()
        registry = load_registry()
        for problem in registry.problems:
            _error(problem)
        rules = resolve_rules(registry, config, _split(select) or None, _split(ignore))
        notices = resolve_notices(config, _split(select) or None, _split(ignore))
        chosen = template_path or config.template
        if chosen is None:
            raise ConfigError("no template: pass --template or set 'template' in canonlint.toml")
        template = load_template(chosen, _display(chosen))
        baseline_file = baseline_path or config.baseline
        if update_baseline and baseline_file is None:
            raise ConfigError("--update-baseline needs a baseline file: pass --baseline FILE or set 'baseline'")
        baseline = load_baseline(baseline_file, missing_ok=update_baseline) if baseline_file else []
    except (ConfigError, TemplateError, BaselineError) as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)

    if not paths:
        paths = [_display(p) for p in config.paths] or ["."]
    work, path_errors = collect_targets(paths, config, chosen, stdin_filename, force_exclude,
                                        read_stdin=lambda: sys.stdin.buffer.read())
    for message in path_errors:
        _error(message)

    plan = Plan(template, tuple(rules), notices, known_rules(registry), config.per_file_ignores,
                fix=fix, diff=diff, unsafe_fixes=unsafe_fixes,
                hidden=frozenset(e.fingerprint for e in baseline), view=_report_view(output_format))
    # The template and rules live as long as the run: out of the garbage collector's sight.
    # Checking an edition makes tens of thousands of short-lived objects and no cycles
    # worth collecting early, so the collector runs less often.
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
    outcomes = check_all(plan, work, jobs)
    errors = list(path_errors)
    for outcome in outcomes:
        for message in outcome.errors:
            _error(message)
        errors.extend(outcome.errors)
    results = [o.result for o in outcomes if o.result is not None]
    unreadable = len(path_errors) + sum(1 for o in outcomes if o.result is None)
    fixed = sum(o.fixed for o in outcomes)
    fixed_files = sum(1 for o in outcomes if o.fixed)

    results = check_corpus(results, template, rules)
    for result in results:  # a plug-in that failed to load: every edition it would have checked says so
        result.findings[:0] = [plugin_failed(result.path, problem) for problem in registry.problems]
    if diff:
        click.echo("".join(o.diff for o in outcomes), nl=False)
        noun = "fix" if fixed == 1 else "fixes"
        click.echo(f"canonlint: {fixed} {noun} would be applied to {fixed_files} file(s)", err=True)
        sys.exit(EXIT_ERROR if errors else (EXIT_FINDINGS if fixed else EXIT_CLEAN))
    if fix and fixed:
        click.echo(f"canonlint: fixed {fixed} finding{'s' if fixed != 1 else ''} "
                   f"in {fixed_files} file{'s' if fixed_files != 1 else ''}", err=True)
    report_to_stderr = False
    if fix and any(t.path is None for t in work):
        # Standard input fixed: the fixed edition goes to stdout, as ruff does, and the report to stderr.
        stdin_outcome = outcomes[next(i for i, t in enumerate(work) if t.path is None)]
        if stdin_outcome.text is not None:
            click.echo(stdin_outcome.text, nl=False)
        report_to_stderr = True

    ran = {o.result.key: o.ran for o in outcomes if o.result is not None}
    if update_baseline:
        baseline = _update_baseline(baseline_file, baseline, results, ran)
    hidden = apply_baseline(results, ran, baseline, notices.get(STALE_BASELINE_ENTRY.code)) if baseline_file else 0

    threshold = Severity.parse(fail_on) if fail_on else config.fail_on
    if output_format != "text":
        use_color = False
    elif output is not None:
        use_color = color == "always"
    else:
        use_color = _use_color(color, _isatty(sys.stderr if report_to_stderr else sys.stdout))
    run_info = RunInfo(
        rules=tuple(RuleInfo.of(a.rule) for a in rules)
        + tuple(n for n in NOTICES if n.code in notices),
        errors=tuple(errors), fail_on=threshold, color=use_color, show_context=show_context,
        statistics=statistics, root=repository_root(Path.cwd()) or Path.cwd(), baselined=hidden,
        template=template)
    pieces = render_chunks(output_format, results, unreadable, run_info)
    if output:
        try:
            write_atomically(output, "".join(pieces))
        except OSError as exc:
            _error(f"{output}: cannot write the report ({exc.strerror or exc})")
            sys.exit(EXIT_ERROR)
    else:
        # Written as it is made, in batches of about 64 KB, rather than held whole.
        batch: list[str] = []
        size = 0
        for piece in pieces:
            batch.append(piece)
            size += len(piece)
            if size >= 65_536:
                click.echo("".join(batch), nl=False, err=report_to_stderr, color=use_color)
                batch, size = [], 0
        click.echo("".join(batch), nl=False, err=report_to_stderr, color=use_color)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and summary_file:
        from lint.report import step_summary

        try:
            with open(summary_file, "a", encoding="utf-8") as stream:
                stream.write(step_summary.render(results, unreadable, run_info))
        except OSError as exc:
            _error(f"{summary_file}: cannot write the step summary ({exc.strerror or exc})")
            sys.exit(EXIT_ERROR)

    if errors or registry.problems or any(r.crashed for r in results):
        sys.exit(EXIT_ERROR)
    failing = any(f.severity.rank >= threshold.rank for r in results for f in r.findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _report_view(output_format: str):
    """The per-edition data a format shows besides the findings (see check_source's view)."""
    if output_format != "html":
        return None
    from lint.report.edition_view import edition_view

    return edition_view


def _update_baseline(path: Path, old, results, ran):
    """Write the baseline of this run's findings (keeping what the run did not cover) and
    return its entries; a file that cannot be written ends the run."""
    from lint.baseline import entry_of, render_baseline, updated_entries
    from lint.fixes import write_atomically

    current = [entry_of(f, r.key) for r in results for f in r.findings if f.rule not in r.crashed]
    entries = updated_entries(old, current, ran)
    try:
        write_atomically(path, render_baseline(entries))
    except OSError as exc:
        _error(f"{path}: cannot write the baseline ({exc.strerror or exc})")
        sys.exit(EXIT_ERROR)
    added = len({e.fingerprint for e in entries} - {e.fingerprint for e in old})
    dropped = len({e.fingerprint for e in old} - {e.fingerprint for e in entries})
    click.echo(f"canonlint: wrote {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} to "
               f"{path} ({added} added, {dropped} dropped)", err=True)
    return entries


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _use_color(choice: str, terminal: bool) -> bool:
    """--color always/never decide; auto follows NO_COLOR, then FORCE_COLOR (set and not
    empty, as no-color.org and force-color.org define them), then whether the report goes
    to a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return terminal


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the folder, or a link loop
        return str(path)


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(output_format):
    """List every rule: code, name, default severity, fixable, summary."""
    from lint.registry import load_registry

    registry = load_registry()
    for problem in registry.problems:
        _error(problem)
    if output_format == "json":
        import json

        click.echo(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity.value,
                                "fixable": r.fixable, "summary": r.summary()} for r in registry.rules], indent=2))
    else:
        width = max((len(r.name) for r in registry.rules), default=4)
        for r in registry.rules:
            fix = "fix" if r.fixable else "   "
            click.echo(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {fix}  {r.summary()}")
    sys.exit(EXIT_ERROR if registry.problems else EXIT_CLEAN)


@cli.command("rule")
@click.argument("code_or_name")
def show_rule(code_or_name):
    """Show a rule's documentation (by code or name)."""
    import inspect

    from lint.registry import load_registry

    from lint.notices import NOTICES

    registry = load_registry()
    rule = registry.find(code_or_name)
    notice = next((n for n in NOTICES if code_or_name.strip() in (n.code, n.code.lower(), n.name)), None)
    if rule is None and notice is None:
        _error(f"unknown rule '{code_or_name}'{registry.suggest(code_or_name)}")
        sys.exit(EXIT_ERROR)
    if rule is None:
        click.echo(f"{notice.code} {notice.name} [{notice.severity.value}]{' (fixable)' if notice.fixable else ''}"
                   " (reported by canonlint itself)\n")
        click.echo(notice.doc.rstrip())
        return
    click.echo(f"{rule.code} {rule.name} [{rule.severity.value}]{' (fixable)' if rule.fixable else ''}\n")
    click.echo(inspect.cleandoc(rule.__doc__ or ""))
    if rule.options:
        click.echo("\nOption defaults:")
        for name, option in rule.options.items():
            click.echo(f"    {name} = {option.default!r}  ({option.help})")


def main() -> None:
    """The console script: click's own handling, except that an interrupt exits 130 (as
    shells expect) and anything unforeseen becomes one line and exit 101."""
    try:
        cli.main(prog_name="canonlint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, click.Abort):
        _error("interrupted")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: never a traceback for users
        _error(f"internal error: {type(exc).__name__}: {exc} (please report this)")
        sys.exit(EXIT_CRASH)


if __name__ == "__main__":
    main()
