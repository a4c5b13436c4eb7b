"""The command line: `canonlint check`, `canonlint rules`, `canonlint rule CODE`.

Exit codes: 0 nothing at or above the failure level, 1 findings, 2 usage, configuration
or I/O error (one line each on stderr, and every other file is still checked), 101 an
internal error. Heavy modules are imported inside the commands that need them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lint import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_CRASH = 0, 1, 2, 101


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
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the report to a file.")
@click.option("--select", multiple=True,
              help="Only these rules: codes, code prefixes or names, separated by commas or spaces; "
                   "repeatable. Replaces the config's select.")
@click.option("--ignore", multiple=True,
              help="Leave out these rules (same form as --select); adds to the config's ignore.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that makes the run fail (default: warning, or the config's).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply fixes not marked safe too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of applying them.")
@click.option("--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Check files on this many processes (0: one per CPU); the report is the same. "
                   "--fix and --diff use one.")
def check(paths, template_path, config_path, output_format, output, select, ignore, fail_on, exit_zero,
          fix, unsafe_fixes, diff, jobs):
    """Check editions (files or folders) against the template."""
    from lint.config import Config, ConfigError, find_config, load_config
    from lint.files import collect_files
    from lint.fixes import apply_fixes, unified_diff, write_atomically
    from lint.finding import Severity
    from lint.registry import load_registry
    from lint.report import render
    from lint.parallel import check_files
    from lint.runner import FileResult, check_source, resolve_rules
    from lint.template import TemplateError, load_template

    paths = list(paths) or ["."]
    try:
        found_config = config_path or find_config(Path(paths[0]))
        config = load_config(found_config) if found_config else Config()
        registry = load_registry()
        for problem in registry.problems:
            _error(problem)
        rules = resolve_rules(registry, config, _split(select) or None, _split(ignore))
        chosen = template_path or config.template
        if chosen is None:
            raise ConfigError("no template: pass --template or set 'template' in canonlint.toml")
        template = load_template(chosen, _display(chosen))
    except (ConfigError, TemplateError) as exc:
        _error(str(exc))
        sys.exit(EXIT_ERROR)

    files, path_errors = collect_files(paths, config.include, config.exclude, skip=(chosen,))
    for message in path_errors:
        _error(message)
    results: list[FileResult] = []
    read_errors = fixed = fixed_files = 0
    diffs: list[str] = []
    for checked in check_files(files, template, rules, 1 if fix or diff else jobs):
        if checked.error is not None:
            _error(checked.error)
            read_errors += 1
            continue
        entry, source, result = checked.entry, checked.source, checked.result
        if fix or diff:
            fixes = apply_fixes(source.text, result.findings, unsafe=unsafe_fixes)
            if fixes.applied:
                fixed, fixed_files = fixed + fixes.applied, fixed_files + 1
                if diff:
                    diffs.append(unified_diff(entry.display, source.text, fixes.text))
                else:
                    try:
                        write_atomically(entry.path, fixes.text, source.bom)
                    except OSError as exc:
                        _error(f"{entry.display}: cannot write the fixes ({exc.strerror or exc})")
                        read_errors += 1
                        continue
                    result = check_source(type(source).from_text(source.path, fixes.text, source.bom),
                                          template, rules)
        results.append(result)

    if diff:
        click.echo("".join(diffs), nl=False)
        noun = "fix" if fixed == 1 else "fixes"
        click.echo(f"canonlint: {fixed} {noun} would be applied to {fixed_files} file(s)", err=True)
        sys.exit(EXIT_ERROR if path_errors or read_errors else (EXIT_FINDINGS if fixed else EXIT_CLEAN))
    if fix and fixed:
        click.echo(f"canonlint: fixed {fixed} finding{'s' if fixed != 1 else ''} "
                   f"in {fixed_files} file{'s' if fixed_files != 1 else ''}", err=True)

    report = render(output_format, results, read_errors + len(path_errors))
    if output:
        try:
            write_atomically(output, report)
        except OSError as exc:
            _error(f"{output}: cannot write the report ({exc.strerror or exc})")
            sys.exit(EXIT_ERROR)
    else:
        click.echo(report, nl=False)

    if path_errors or read_errors or registry.problems or any(r.crashed for r in results):
        sys.exit(EXIT_ERROR)
    threshold = Severity.parse(fail_on) if fail_on else config.fail_on
    failing = any(f.severity.rank >= threshold.rank for r in results for f in r.findings)
    sys.exit(EXIT_FINDINGS if failing and not exit_zero else EXIT_CLEAN)


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
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

    registry = load_registry()
    rule = registry.find(code_or_name)
    if rule is None:
        _error(f"unknown rule '{code_or_name}'{registry.suggest(code_or_name)}")
        sys.exit(EXIT_ERROR)
    click.echo(f"{rule.code} {rule.name} [{rule.severity.value}]{' (fixable)' if rule.fixable else ''}\n")
    click.echo(inspect.cleandoc(rule.__doc__ or ""))
    if rule.options:
        click.echo("\nOption defaults:")
        for name, option in rule.options.items():
            click.echo(f"    {name} = {option.default!r}  ({option.help})")


def main() -> None:
    try:
        cli.main(prog_name="canonlint", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _error("interrupted")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: never a traceback for users
        _error(f"internal error: {type(exc).__name__}: {exc} (please report this)")
        sys.exit(EXIT_CRASH)


if __name__ == "__main__":
    main()
