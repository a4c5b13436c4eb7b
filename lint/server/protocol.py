"""The language server's protocol side (pygls): documents opened, changed, saved and
closed; diagnostics published; quick fixes and hover answered.

An edition is checked at once when opened or saved, and after a pause in typing
(DEBOUNCE_SECONDS) when changed. The rules that compare editions need the rest of the
corpus: its summaries are read in the background after the first check, and the open
editions then checked again with them. Saving the template or the configuration (or the
client reporting that one changed) sets the project up again and re-checks every open
edition; a template or configuration that cannot be used is a diagnostic on that file
and one at the top of each edition it stops.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from canonlint import __version__
from canonlint.readers.kinds import EDITION_SUFFIXES
from canonlint.finding import Finding
from canonlint.server.diagnostics import SOURCE, contains, diagnostics, hover_text, quick_fix
from canonlint.server.session import EditionCheck, Session

DEBOUNCE_SECONDS = 0.15


@dataclass
class _Published:
    """What was last published for an open edition: each diagnostic with its finding."""

    version: int | None = None
    pairs: list[tuple[lsp.Diagnostic, Finding]] = field(default_factory=list)


class CanonlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("canonlint", __version__)
        self.session = Session()
        self.published: dict[str, _Published] = {}
        self.problem_uris: set[str] = set()    # configurations and templates shown as unusable
        self.pending: dict[str, asyncio.Task] = {}
        self.loading: set[str] = set()          # editions whose corpus is being read

    # --- checking ---------------------------------------------------------------------

    def is_edition(self, uri: str) -> bool:
        path = to_fs_path(uri)
        return path is not None and Path(path).suffix.lower() in EDITION_SUFFIXES

    def check(self, uri: str) -> None:
        """Check the open edition now and publish its diagnostics."""
        document = self.workspace.get_text_document(uri)
        path = Path(os.path.abspath(to_fs_path(uri)))
        outcome = self.session.check(path, document.source)
        self._publish_problem(outcome)
        pairs = [] if outcome.skipped else diagnostics(outcome, document)
        self.published[uri] = _Published(document.version, pairs)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, version=document.version, diagnostics=[d for d, _ in pairs]))
        if outcome.problem is None and not outcome.skipped and not self.session.corpus_loaded(path):
            self._load_corpus(path)

    def _publish_problem(self, outcome: EditionCheck) -> None:
        """A diagnostic on the configuration or template that stops the run; cleared from
        the files that are usable again."""
        current: dict[str, list[lsp.Diagnostic]] = {}
        problem = outcome.problem
        if problem is not None and problem.path is not None:
            position = lsp.Position(line=max(problem.line - 1, 0), character=max(problem.column - 1, 0))
            current[from_fs_path(os.path.abspath(problem.path))] = [lsp.Diagnostic(
                range=lsp.Range(start=position, end=position), message=problem.message,
                severity=lsp.DiagnosticSeverity.Error, source=SOURCE)]
        for uri in self.problem_uris - set(current):
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, diagnostics in current.items():
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics))
        self.problem_uris = set(current)

    def _load_corpus(self, path: Path) -> None:
        key = str(path.parent)
        if key in self.loading:
            return
        self.loading.add(key)

        async def load() -> None:
            try:
                await asyncio.get_running_loop().run_in_executor(None, self.session.load_corpus, path)
            finally:
                self.loading.discard(key)
            self.check_all()

        asyncio.ensure_future(load())

    def check_all(self) -> None:
        for uri in list(self.published):
            if uri in self.workspace.text_documents:
                self.check(uri)

    def check_later(self, uri: str) -> None:
        """Check after a pause in typing: a change cancels the check still waiting."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()

        async def later() -> None:
            await asyncio.sleep(DEBOUNCE_SECONDS)
            self.pending.pop(uri, None)
            if uri in self.workspace.text_documents:
                self.check(uri)

        self.pending[uri] = asyncio.ensure_future(later())

    def inputs_changed(self, uris) -> bool:
        """Whether one of these files is a configuration or template in use (or could become
        one: any canonlint.toml or pyproject.toml); then every project is set up again."""
        paths = {Path(os.path.abspath(p)) for p in map(to_fs_path, uris) if p}
        config_like = any(p.name in ("canonlint.toml", "pyproject.toml") for p in paths)
        if config_like or paths & self.session.inputs():
            self.session.forget()
            return True
        return False

    # --- answers ----------------------------------------------------------------------

    def findings_at(self, uri: str, position: lsp.Position) -> list[tuple[lsp.Diagnostic, Finding]]:
        published = self.published.get(uri)
        if published is None:
            return []
        return [(d, f) for d, f in published.pairs if contains(d.range, position)]

    def quick_fixes(self, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        """The safe fixes of the diagnostics the client asks about, if they are of the
        text the editor holds now."""
        uri = params.text_document.uri
        published = self.published.get(uri)
        document = self.workspace.get_text_document(uri)
        if published is None or published.version != document.version:
            return []  # the findings are of another text: the next check answers
        wanted = {(d.data or {}).get("fingerprint") for d in params.context.diagnostics
                  if isinstance(d.data, dict)}
        return [quick_fix(document, uri, d, f) for d, f in published.pairs
                if f is not None and f.fix is not None and f.fix.safe and f.fingerprint in wanted]

    def hover(self, params: lsp.HoverParams) -> lsp.Hover | None:
        """The documentation of the rules of the findings under the pointer."""
        found = [(d, f) for d, f in self.findings_at(params.text_document.uri, params.position) if f is not None]
        if not found:
            return None
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown,
                                                    value=hover_text([f for _, f in found])),
                         range=found[0][0].range)


def serve() -> None:
    """Run the server on standard input and output until the client says exit."""
    make_server().start_io()


def make_server() -> CanonlintServer:
    """The server with every feature it answers: the editions' lifecycle, then the answers."""
    server = CanonlintServer()
    _follow_documents(server)
    _answer(server)
    return server


def _follow_documents(server: CanonlintServer) -> None:
    """Check editions as they are opened, changed and saved; set projects up again when a
    configuration or template changes; forget an edition when it is closed."""

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: CanonlintServer, params: lsp.InitializedParams) -> None:
        """Set up each workspace folder's project (configuration, rules, template, corpus) in
        the background, so that the first edition opened is checked at once."""
        folders = [to_fs_path(f.uri) for f in ls.workspace.folders.values()] or [ls.workspace.root_path]
        loop = asyncio.get_running_loop()
        for folder in filter(None, folders):
            loop.run_in_executor(None, ls.session.prepare, Path(folder))

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CanonlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        if ls.is_edition(params.text_document.uri):
            ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CanonlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri in ls.published:
            ls.check_later(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CanonlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        if ls.inputs_changed([params.text_document.uri]):
            ls.check_all()
        elif params.text_document.uri in ls.published:
            ls.check(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CanonlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.published.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: CanonlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        if ls.inputs_changed([change.uri for change in params.changes]):
            ls.check_all()


def _answer(server: CanonlintServer) -> None:
    """Answer the client's questions about a place: quick fixes and hover."""

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls: CanonlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.quick_fixes(params)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: CanonlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return ls.hover(params)
