"""The command line: `canonlint check`, `canonlint rules`, `canonlint rule CODE`,
`canonlint template infer`, `canonlint init`, `canonlint server`.

Exit codes: 0 nothing at or above the failure level, 1 findings, 2 usage, configuration
or I/O error (one line each on stderr, and every other file is still checked), 101 an
internal error. Heavy modules are imported inside the commands that need them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from canonlint import __version__
from canonlint.exit_codes import EXIT_CLEAN, EXIT_CRASH, EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERRUPTED, PREFIX
from canonlint.report.formats import FORMATS, default_format, default_in_words, render_chunks, with_statistics


def _error(message: str) -> None:
    _say(f"error: {message}")


def _say(message: str) -> None:
    """One line on stderr, `canonlint: …`, with line breaks, control characters and bytes
    that are not UTF-8 escaped as in the text report: a file name can never forge another
    line (a `::error` workflow command) or reach the terminal as an escape sequence."""
    _note(f"{PREFIX}{message}", keep="")


def _note(line: str, keep: str = "\t") -> None:
    """A line on stderr, escaped as _say's; `template infer` and `init` write their own
    prefix and keep tabs (a table row quoted in a note)."""
    from canonlint.escaping import printable

    click.echo(printable(line, keep=keep), err=True)


def _stop(exc) -> None:
    """A run that cannot go on (canonlint.run.request.RunError): its lines, then exit 2."""
    for line in (*exc.details, str(exc)):
        _error(line)
    sys.exit(EXIT_ERROR)


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part for value in values for part in value.replace(",", " ").split())


class Jobs(click.ParamType):
    """`--jobs`: a number of worker processes, or `auto` (the same as 0: one per CPU
    available, canonlint.run.cores)."""

    name = "N|auto"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int) and value >= 0:
            return value
        text = str(value).strip().lower()
        if text == "auto":
            return 0
        if text.isdigit():
            return int(text)
        self.fail(f"{value!r} is not a number of processes (0 or more) nor 'auto'", param, ctx)


class _OneLineErrors(click.Group):
    """click's group, except that a usage error (an unknown option, a bad value) is the
    contract's one line `canonlint: error: …` and exit 2, not click's three-line form; the
    same for the console script and for click's test runner."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # plain `canonlint`: the help is the answer
            click.echo(exc.format_message(), err=True)
            sys.exit(EXIT_ERROR)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            _error(f"{exc.format_message()}{hint}")
            sys.exit(EXIT_ERROR)
        except click.ClickException as exc:
            _error(exc.format_message())
            sys.exit(exc.exit_code)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else EXIT_CLEAN)


EXIT_CODES_HELP = f"""\b
Exit codes:
  {EXIT_CLEAN}    nothing at or above the failure level (or --exit-zero)
  {EXIT_FINDINGS}    findings at or above the failure level (--fail-on, default warning)
  {EXIT_ERROR}    a usage, configuration or I/O error, or a rule that failed (one line each on stderr)
  {EXIT_CRASH}  an internal error in canonlint (please report it)
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)
"""


@click.group(cls=_OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EXIT_CODES_HELP)
@click.version_option(__version__, "--version", prog_name="canonlint", message="%(prog)s %(version)s")
def cli() -> None:
    """Check every edition of a templated publication against its canonical shared text."""


@cli.command(epilog=EXIT_CODES_HELP)
# readable=False throughout: a file that cannot be read is one error line of the run, the
# other files still checked, not a usage error that stops it.
@click.argument("paths", nargs=-1, type=click.Path(path_type=str, readable=False))
@click.option("--template", "template_path", type=click.Path(path_type=Path, readable=False),
              help="The canonical template (Markdown). Default: 'template' from the config.")
@click.option("--config", "config_path", type=click.Path(path_type=Path, readable=False),
              help="Config file. Default: the nearest canonlint.toml or pyproject.toml [tool.canonlint].")
@click.option("--format", "output_format", type=click.Choice(list(FORMATS)),
              help=f"Output format. Default: {default_in_words()}.")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False, readable=False), help="Write the report to a file.")
@click.option("--select", multiple=True,
              help="Only these rules: codes, code prefixes or names, separated by commas or spaces; "
                   "repeatable. Replaces the config's select.")
@click.option("--ignore", multiple=True,
              help="Leave out these rules (same form as --select); adds to the config's ignore.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that makes the run fail (default: warning, or the config's).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings.")
@click.option("--baseline", "baseline_path", type=click.Path(path_type=Path, dir_okay=False, readable=False),
              help="Hide the findings recorded in this file (default: 'baseline' from the config).")
@click.option("--update-baseline", is_flag=True,
              help="Record the current findings in the baseline file, then report as if they were old.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the files, then report what remains.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply fixes not marked safe too.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff instead of applying them.")
@click.option("--annotate", is_flag=True,
              help="Write a review copy of each Word edition, NAME.canonlint.docx beside it, with every "
                   "finding as a Word comment on the words it concerns.")
@click.option("--annotate-dir", type=click.Path(path_type=Path, file_okay=False),
              help="With --annotate (implied): write the review copies into this folder instead.")
@click.option("--stdin-filename", help="The name of the edition read from standard input ('-').")
@click.option("--force-exclude", is_flag=True,
              help="Leave out files named on the command line that the config's include, exclude "
                   "or paths leave out (for pre-commit).")
@click.option("--statistics", is_flag=True, help="Print the number of findings of each rule instead of the findings.")
@click.option("--show-context", is_flag=True,
              help="Under each finding, the expected and found words with the differences marked.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text output (auto: on a terminal; NO_COLOR and FORCE_COLOR are honoured).")
@click.option("--jobs", "-j", type=Jobs(), default="1", show_default=True, metavar="N|auto",
              help="Check this many editions at once, in worker processes (0 or auto: one per CPU "
                   "this process may use, its affinity and cgroup quota counted).")
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), envvar="CANONLINT_CACHE_DIR",
              help="Where unchanged editions' results are kept (default: .canonlint_cache beside the config).")
@click.option("--no-cache", is_flag=True, envvar="CANONLINT_NO_CACHE",
              help="Check every edition afresh, and keep nothing.")
@click.option("--show-files", is_flag=True,
              help="List the files that would be checked, one a line, and check nothing.")
def check(paths, template_path, config_path, output_format, output, select, ignore, fail_on, exit_zero,
          baseline_path, update_baseline, fix, unsafe_fixes, diff, annotate, annotate_dir, stdin_filename,
          force_exclude, statistics, show_context, color, jobs, cache_dir, no_cache, show_files):
    """Check editions (files or folders; '-' for standard input) against the template."""
    from canonlint.finding import Severity
    from canonlint.run.request import Request, RunError, run

    paths = tuple(paths)
    if stdin_filename and not paths:
        paths = ("-",)
    output_format = output_format or default_format(os.environ)
    if statistics and not FORMATS[output_format].statistics:
        raise click.UsageError(f"--statistics works with --format {' or '.join(with_statistics())}")
    request = Request(
        paths=paths, template=template_path, config=config_path, select=_split(select) or None,
        ignore=_split(ignore), fail_on=Severity.parse(fail_on) if fail_on else None, baseline=baseline_path,
        update_baseline=update_baseline, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
        annotate=annotate or annotate_dir is not None, annotate_dir=annotate_dir,
        stdin_filename=stdin_filename, force_exclude=force_exclude, jobs=jobs, cache=not no_cache,
        cache_dir=cache_dir, output=output,
        view=FORMATS[output_format].view(), read_stdin=lambda: sys.stdin.buffer.read())
    if show_files:
        _show_files(request)
    from canonlint.run.interrupt import Interrupted

    try:
        outcome = run(request)
    except RunError as exc:
        _stop(exc)
    except Interrupted as exc:  # Ctrl-C between editions: no report, what was done said
        _error(exc.summary())
        sys.exit(EXIT_INTERRUPTED)
    for line in (*outcome.problems, *outcome.errors):
        _error(line)
    if diff:
        click.echo(b"".join(o.diff for o in outcome.outcomes), nl=False)
        noun = "fix" if outcome.fixed == 1 else "fixes"
        _say(f"{outcome.fixed} {noun} would be applied to {outcome.fixed_files} file(s)")
        sys.exit(EXIT_ERROR if outcome.errors else (EXIT_FINDINGS if outcome.fixed else EXIT_CLEAN))
    for message in outcome.messages:
        _say(message)
    report_to_stderr = fix and _write_fixed_stdin(outcome)
    _report(outcome, output_format, output, color, show_context, statistics, report_to_stderr)
    if outcome.failed:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if outcome.failing and not exit_zero else EXIT_CLEAN)


def _show_files(request) -> None:
    """--show-files: each file the run would check, one a line (as reports name them);
    exit 0, or 2 when a path could not be collected or nothing is to be checked."""
    from canonlint.run.request import RunError, files_to_check

    try:
        targets, found = files_to_check(request)
    except RunError as exc:
        _stop(exc)
    for line in found.errors:
        _error(line)
    for target in targets:
        click.echo(target.display)
    sys.exit(EXIT_ERROR if found.errors else EXIT_CLEAN)


def _write_fixed_stdin(outcome) -> bool:
    """Say what --fix did; standard input fixed goes to stdout, as ruff does, and then the
    report goes to stderr (returns whether it does)."""
    fixed, files = outcome.fixed, outcome.fixed_files
    if fixed:
        _say(f"fixed {fixed} finding{'s' if fixed != 1 else ''} in {files} file{'s' if files != 1 else ''}")
    stdin = next((o for o, t in zip(outcome.outcomes, outcome.targets, strict=True) if t.path is None), None)
    if stdin is None:
        return False
    if stdin.text is not None:
        click.echo(stdin.text, nl=False)
    return True


def _report(outcome, output_format, output, color, show_context, statistics, to_stderr) -> None:
    """Render the report and write it to the output file or the terminal, as its format
    declares (canonlint.report.formats)."""
    fmt = FORMATS[output_format]
    if not fmt.coloured:
        use_color = False
    elif output is not None:
        use_color = color == "always"
    else:
        use_color = _use_color(color, _isatty(sys.stderr if to_stderr else sys.stdout))
    run_info = _run_info(outcome, use_color, show_context, statistics)
    pieces = render_chunks(output_format, outcome.results, outcome.unreadable, run_info)
    if output:
        _write_report_file(output, pieces)
        if fmt.announced_as:  # a page for a person to open: say where it is
            _say(f"wrote {fmt.announced_as} to {output}")
    else:
        _echo_in_batches(pieces, to_stderr, use_color)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt.step_summary and summary_file:
        _append_step_summary(summary_file, outcome, run_info)


def _run_info(outcome, use_color: bool, show_context: bool, statistics: bool):
    """What the formats may say about the run as a whole (canonlint.report.run_info.RunInfo)."""
    from canonlint.report.run_info import RuleInfo, RunInfo, repository_root

    return RunInfo(
        rules=tuple(RuleInfo.of(a.rule) for a in outcome.rules),
        errors=tuple(outcome.errors), fail_on=outcome.fail_on, color=use_color, show_context=show_context,
        statistics=statistics, root=repository_root(Path.cwd()) or Path.cwd(), baselined=outcome.baselined,
        template=outcome.template, config_file=outcome.config_file, template_sha256=outcome.template_sha256,
        docs_url=outcome.docs_url)


def _write_report_file(output: Path, pieces) -> None:
    from canonlint.run.fixes import write_atomically

    try:
        write_atomically(output, pieces)  # written as it is made
    except OSError as exc:
        _error(f"{output}: cannot write the report ({exc.strerror or exc})")
        sys.exit(EXIT_ERROR)


def _echo_in_batches(pieces, to_stderr: bool, use_color: bool) -> None:
    """The report written as it is made, in batches of about 64 KB, rather than held whole."""
    batch: list[str] = []
    size = 0
    for piece in pieces:
        batch.append(piece)
        size += len(piece)
        if size >= 65_536:
            click.echo("".join(batch), nl=False, err=to_stderr, color=use_color)
            batch, size = [], 0
    click.echo("".join(batch), nl=False, err=to_stderr, color=use_color)


def _append_step_summary(summary_file: str, outcome, run_info) -> None:
    """The Markdown job summary (canonlint.report.step_summary), appended to the file GitHub names."""
    from canonlint.report import step_summary

    try:
        with open(summary_file, "a", encoding="utf-8") as stream:
            stream.write(step_summary.render(outcome.results, outcome.unreadable, run_info))
    except OSError as exc:
        _error(f"{summary_file}: cannot write the step summary ({exc.strerror or exc})")
        sys.exit(EXIT_ERROR)


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


@cli.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def list_rules(output_format):
    """List every rule: code, name, default severity, fixable, summary."""
    from canonlint.registry import load_registry

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

    from canonlint.registry import load_registry

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


@cli.group("template")
def template_group():
    """Work with templates: `canonlint template infer` makes one from the editions."""


@template_group.command("infer")
@click.argument("editions", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the template to this file (default: standard output).")
def infer_template(editions, output):
    """Infer a template from editions (files or folders) by consensus; notes on stderr."""
    from canonlint.infer.command import infer_command

    output = None if output == Path("-") else output  # '-' is standard output, as for editions
    sys.exit(infer_command(list(editions), output, _note, lambda text: click.echo(text, nl=False)))


@cli.command("server")
def server():
    """Run the language server (LSP over standard input and output) for editors."""
    try:
        from canonlint.server.protocol import serve

        serve()
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] not in ("pygls", "lsprotocol"):
            raise
        from canonlint.extras import install_command

        _error(f"canonlint server needs the 'server' extra: {install_command('server')}")
        sys.exit(EXIT_ERROR)


@cli.command("init")
def init():
    """Write canonlint.toml for this folder, inferring template.md when there is none."""
    from canonlint.infer.command import init_command

    sys.exit(init_command(Path("."), _note))


def main() -> None:
    """The console script: click's own handling, except that an interrupt exits 130 (as
    shells expect) and anything unforeseen becomes one line and exit 101."""
    try:
        cli.main(prog_name="canonlint")
    except (KeyboardInterrupt, click.Abort):
        _error("interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # the last line of defence: never a traceback for users
        _error(f"internal error: {type(exc).__name__}: {exc} (please report this)")
        sys.exit(EXIT_CRASH)


if __name__ == "__main__":
    main()
