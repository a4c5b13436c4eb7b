"""What the language server knows between requests, free of the protocol: each project's
setup (configuration, rules, template, baseline — as `canonlint check` finds them for the
edition's path), built once and again when one of its files changes, and the summaries
the rules that compare editions need from the rest of the corpus.

An edition is checked from the editor's text, not the file, through the run's own
`check_one`; its findings are what `canonlint check` would report for that text.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from canonlint.finding import Finding
from canonlint.readers.kinds import kind_of


@dataclass(frozen=True)
class SetupProblem:
    """Why an edition could not be checked: the configuration, template or baseline is
    unusable. `path`, `line` and `column` say where, when the message names a place."""

    message: str
    path: Path | None = None
    line: int = 1
    column: int = 1


@dataclass
class EditionCheck:
    findings: list[Finding] = field(default_factory=list)
    problem: SetupProblem | None = None   # nothing was checked
    error: str | None = None              # the text itself cannot be read (a NUL byte, …)
    docs_url: str | None = None
    skipped: bool = False                 # not an edition: the template, or left out by the configuration


@dataclass
class _Project:
    stamps: tuple                  # (path, mtime_ns, size) of the configuration and template
    setup: Any                     # canonlint.run.plan.Setup
    corpus: dict[str, dict] | None = None   # edition key → its summaries, once loaded

    @property
    def inputs(self) -> tuple[Path, ...]:
        return tuple(Path(p) for p, *_ in self.stamps)


def _stamp(path: Path | None) -> tuple:
    if path is None:
        return ()
    try:
        status = os.stat(path)
    except OSError:
        return (os.path.abspath(path), None, None)
    return (os.path.abspath(path), status.st_mtime_ns, status.st_size)


class Session:
    """The projects of the editions a client has opened, keyed by configuration file."""

    def __init__(self) -> None:
        self._projects: dict[Path | None, _Project | SetupProblem] = {}
        # One setup at a time: an edition opened while its project is being set up in the
        # background (see prepare) waits for that setup rather than making a second.
        self._setting_up = threading.Lock()
        self._reading_corpus = threading.Lock()
        # Set while an edition is being checked: reading the corpus in the background
        # waits between editions, so that the edition in front of the person comes first.
        self._idle = threading.Event()
        self._idle.set()

    def _config_of(self, path: Path) -> Path | None:
        from canonlint.config import find_config

        found = find_config(path)
        return Path(os.path.abspath(found)) if found else None

    def _project(self, path: Path) -> _Project | SetupProblem:
        """The edition's project, set up afresh when its configuration or template changed."""
        config_path = self._config_of(path)
        with self._setting_up:
            known = self._projects.get(config_path)
            if isinstance(known, _Project) and all(_stamp(Path(p)) == (p, *rest) for p, *rest in known.stamps):
                return known
            if isinstance(known, SetupProblem):
                return known  # until forget(): a file it names was saved or changed
            return self._set_up(path, config_path)

    def _set_up(self, path: Path, config_path: Path | None) -> _Project | SetupProblem:
        from canonlint.run.baseline import BaselineError
        from canonlint.config import ConfigError
        from canonlint.run.plan import set_up
        from canonlint.run.request import Request, RunError
        from canonlint.template import TemplateError

        try:
            setup = set_up(Request(paths=(str(path),), config=config_path))
        except (ConfigError, TemplateError, BaselineError, RunError) as exc:
            problem = _problem(str(exc), config_path)
        else:
            project = _Project(tuple(filter(None, (_stamp(config_path), _stamp(setup.template_path)))), setup)
            self._projects[config_path] = project
            return project
        self._projects[config_path] = problem
        return problem

    def inputs(self) -> set[Path]:
        """The configurations and templates of the projects set up so far (the files whose
        change means every open edition is checked again)."""
        paths: set[Path] = set()
        for config_path, project in self._projects.items():
            if config_path is not None:
                paths.add(config_path)
            if isinstance(project, _Project):
                paths.update(project.inputs)
            elif project.path is not None:
                paths.add(Path(os.path.abspath(project.path)))
        return paths

    def forget(self) -> None:
        """Drop every project: the next check sets it up again from the files."""
        self._projects.clear()

    def check(self, path: Path, text: str) -> EditionCheck:
        """The findings of the edition at path holding text (the editor's buffer)."""
        self._idle.clear()
        try:
            return self._check(path, text)
        finally:
            self._idle.set()

    def _check(self, path: Path, text: str) -> EditionCheck:
        from canonlint.run.baseline import apply_baseline
        from canonlint.run.discovery import Target, key_for, outside_configuration
        from canonlint.run.execution import check_one
        from canonlint.escaping import display_name
        from canonlint.run.corpus import check_corpus
        from canonlint.run.findings import FileResult

        project = self._project(path)
        if isinstance(project, SetupProblem):
            return EditionCheck(problem=project)
        setup = project.setup
        key = display_name(key_for(path, setup.config.root))
        config = setup.config
        if _same_file(path, setup.template_path) or outside_configuration(
                path, key, config.include, config.exclude, config.paths):  # as the pre-commit hook's --force-exclude
            return EditionCheck(skipped=True)
        if kind_of(path.name).binary:  # the file as saved
            target = Target(path, str(path), key)
        else:  # the editor's text, read as standard input is
            target = Target(None, str(path), key, text.encode("utf-8"))
        outcome = check_one(setup.plan, target)
        if outcome.result is None:
            return EditionCheck(error="; ".join(outcome.errors), docs_url=setup.config.docs_url)
        result = outcome.result
        if project.corpus is not None:
            others = [FileResult(k, key=k, summaries=dict(s)) for k, s in project.corpus.items() if k != key]
            check_corpus([result, *others], setup.plan.template, setup.rules)
        if setup.baseline:
            apply_baseline([result], {key: outcome.ran}, setup.baseline, None)
        return EditionCheck(findings=[f for f in result.findings if f.path == str(path)],
                            docs_url=setup.config.docs_url)

    def prepare(self, folder: Path) -> None:
        """Set up the project of a workspace folder and read its corpus ahead of the first
        edition opened (the server does it in the background as the client connects)."""
        project = self._project(folder / "_")
        if isinstance(project, _Project):
            self.load_corpus(folder / "_")

    def corpus_loaded(self, path: Path) -> bool:
        project = self._projects.get(self._config_of(path))
        return not isinstance(project, _Project) or project.corpus is not None

    def load_corpus(self, path: Path) -> None:
        """Read the summaries of every edition of the edition's corpus (the configuration's
        `paths`, else the edition's folder), for the rules that compare editions."""
        project = self._project(path)
        with self._reading_corpus:
            if isinstance(project, _Project) and project.corpus is None:
                project.corpus = self._read_corpus(project.setup, path)

    def _read_corpus(self, setup, path: Path) -> dict[str, dict]:
        from canonlint.run.discovery import collect_targets
        from canonlint.run.execution import check_one

        folders = [str(p) for p in setup.config.paths] or [str(path.parent)]
        targets, _ = collect_targets(folders, setup.config, setup.template_path, None, False, read_stdin=lambda: b"")
        corpus = {}
        for target in targets:
            self._idle.wait()
            outcome = check_one(setup.plan, target)
            if outcome.result is not None:
                corpus[target.key] = outcome.result.summaries
        return corpus


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _problem(message: str, fallback: Path | None) -> SetupProblem:
    """A setup error's place: `file:line:column: …` (a template), `file: …` (a configuration,
    a baseline), else the configuration file."""
    import re

    placed = re.match(r"(?P<path>[^\n]+?):(?P<line>\d+):(?P<column>\d+): ", message)
    if placed and os.path.exists(placed["path"]):
        return SetupProblem(message, Path(placed["path"]), int(placed["line"]), int(placed["column"]))
    named = re.match(r"(?P<path>[^\n]+?)(?: \[tool\.canonlint\])?: ", message)
    if named and os.path.isfile(named["path"]):
        return SetupProblem(message, Path(named["path"]))
    return SetupProblem(message, fallback)
