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
from canonlint.config import docs_url_of
from canonlint.readers.kinds import EDITION_SUFFIXES
from canonlint.finding import Finding
from canonlint.server.session import EditionCheck, Session

DEBOUNCE_SECONDS = 0.15
SOURCE = "canonlint"
SEVERITIES = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
              "info": lsp.DiagnosticSeverity.Information}


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
        pairs = [] if outcome.skipped else _diagnostics(outcome, document)
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
        return [(d, f) for d, f in published.pairs if _contains(d.range, position)]


def _contains(span: lsp.Range, position: lsp.Position) -> bool:
    start, end = (span.start.line, span.start.character), (span.end.line, span.end.character)
    return start <= (position.line, position.character) <= end


def _line_starts(text: str) -> list[int]:
    """Where each line starts, line breaks as LSP counts them (\\r\\n, \\r, \\n)."""
    starts = [0]
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\r" and text[i + 1:i + 2] == "\n":
            i += 1
        if char in "\r\n":
            starts.append(i + 1)
        i += 1
    return starts


def _position(document, starts: list[int], offset: int) -> lsp.Position:
    """A character offset of the text as an LSP position in the client's units."""
    import bisect

    line = max(bisect.bisect_right(starts, offset) - 1, 0)
    return document.position_codec.position_to_client_units(
        document.lines, lsp.Position(line=line, character=offset - starts[line]))


def _diagnostics(outcome: EditionCheck, document) -> list[tuple[lsp.Diagnostic, Finding | None]]:
    top = lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0))
    if outcome.problem is not None:
        return [(lsp.Diagnostic(range=top, message=f"canonlint cannot check this edition: {outcome.problem.message}",
                                severity=lsp.DiagnosticSeverity.Error, source=SOURCE), None)]
    if outcome.error is not None:
        return [(lsp.Diagnostic(range=top, message=outcome.error, severity=lsp.DiagnosticSeverity.Error,
                                source=SOURCE), None)]
    pairs = []
    codec, lines = document.position_codec, document.lines
    for f in outcome.findings:
        if f.page is not None or f.paragraph is not None:  # a document's findings: its place, not the buffer's
            span = top
        else:
            span = codec.range_to_client_units(lines, lsp.Range(
                start=lsp.Position(line=f.line - 1, character=f.column - 1),
                end=lsp.Position(line=max(f.end_line, f.line) - 1, character=f.end_column - 1)))
        description = None
        if outcome.docs_url:
            description = lsp.CodeDescription(href=docs_url_of(outcome.docs_url, f.rule, f.name))
        pairs.append((lsp.Diagnostic(
            range=span, message=f.message, severity=SEVERITIES[f.severity.value], code=f.rule,
            code_description=description, source=SOURCE,
            data={"fingerprint": f.fingerprint}), f))
    return pairs


def _quick_fix(server: CanonlintServer, uri: str, diagnostic: lsp.Diagnostic, finding: Finding) -> lsp.CodeAction:
    document = server.workspace.get_text_document(uri)
    starts = _line_starts(document.source)
    edits = [lsp.TextEdit(range=lsp.Range(start=_position(document, starts, e.start),
                                          end=_position(document, starts, e.end)), new_text=e.replacement)
             for e in finding.fix.edits]
    return lsp.CodeAction(
        title=f"{finding.fix.title} ({finding.rule})", kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic], is_preferred=True,
        edit=lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
            text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=document.version),
            edits=edits)]))


def make_server() -> CanonlintServer:
    server = CanonlintServer()

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

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
    def code_action(ls: CanonlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        published = ls.published.get(uri)
        document = ls.workspace.get_text_document(uri)
        if published is None or published.version != document.version:
            return []  # the findings are of another text: the next check answers
        wanted = {(d.data or {}).get("fingerprint") for d in params.context.diagnostics
                  if isinstance(d.data, dict)}
        return [_quick_fix(ls, uri, d, f) for d, f in published.pairs
                if f is not None and f.fix is not None and f.fix.safe and f.fingerprint in wanted]

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: CanonlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        from canonlint.registry import load_registry
        from canonlint.report import RuleInfo

        found = [(d, f) for d, f in ls.findings_at(params.text_document.uri, params.position) if f is not None]
        if not found:
            return None
        registry = load_registry()
        parts, seen = [], set()
        for _, f in found:
            if f.rule in seen:
                continue
            seen.add(f.rule)
            rule = registry.find(f.rule)
            doc = RuleInfo.of(rule).markdown() if rule is not None else f.name
            parts.append(f"### {f.rule} {f.name}\n\n{f.message}\n\n{doc}")
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                         range=found[0][0].range)

    return server
