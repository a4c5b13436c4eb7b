"""Findings as the editor sees them (LSP, through lsprotocol): a diagnostic per finding at
its place in the client's units, a quick fix of its safe fix, and hover text of its rule's
documentation. Free of the server's state: functions from findings and documents to
protocol values."""

from __future__ import annotations

import bisect

from lsprotocol import types as lsp

from canonlint.config import docs_url_of
from canonlint.finding import Finding
from canonlint.server.session import EditionCheck

SOURCE = "canonlint"
SEVERITIES = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
              "info": lsp.DiagnosticSeverity.Information}


def contains(span: lsp.Range, position: lsp.Position) -> bool:
    start, end = (span.start.line, span.start.character), (span.end.line, span.end.character)
    return start <= (position.line, position.character) <= end


def line_starts(text: str) -> list[int]:
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


def position(document, starts: list[int], offset: int) -> lsp.Position:
    """A character offset of the text as an LSP position in the client's units."""
    line = max(bisect.bisect_right(starts, offset) - 1, 0)
    return document.position_codec.position_to_client_units(
        document.lines, lsp.Position(line=line, character=offset - starts[line]))


def diagnostics(outcome: EditionCheck, document) -> list[tuple[lsp.Diagnostic, Finding | None]]:
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


def quick_fix(document, uri: str, diagnostic: lsp.Diagnostic, finding: Finding) -> lsp.CodeAction:
    """The finding's fix as a code action on the document (the editor's text at uri)."""
    starts = line_starts(document.source)
    edits = [lsp.TextEdit(range=lsp.Range(start=position(document, starts, e.start),
                                          end=position(document, starts, e.end)), new_text=e.replacement)
             for e in finding.fix.edits]
    return lsp.CodeAction(
        title=f"{finding.fix.title} ({finding.rule})", kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic], is_preferred=True,
        edit=lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(
            text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=document.version),
            edits=edits)]))




def hover_text(found: list[Finding]) -> str:
    """Markdown for the findings under the pointer: each rule once, its message and its
    documentation."""
    from canonlint.registry import load_registry
    from canonlint.report.run_info import RuleInfo

    registry = load_registry()
    parts, seen = [], set()
    for f in found:
        if f.rule in seen:
            continue
        seen.add(f.rule)
        rule = registry.find(f.rule)
        doc = RuleInfo.of(rule).markdown() if rule is not None else f.name
        parts.append(f"### {f.rule} {f.name}\n\n{f.message}\n\n{doc}")
    return "\n\n---\n\n".join(parts)
