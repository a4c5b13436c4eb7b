"""`canonlint server` driven end to end by a real LSP client (pytest-lsp) over stdio, in a
project copied from the samples: diagnostics on open, change and save; the safe fix as a
quick fix; hover with the rule's documentation; the template and configuration followed."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.conftest import SAMPLES, sample_text

PHONE, CHANGED_PHONE = "tel: 0845 303 0900", "tel: 0845 303 0901"
# Westminster keeps some conversion debris (CL7..) and Bexley is flattened: left out, so
# that the editions below have only the findings a test is about.
CONFIG = 'template = "template.md"\npaths = ["editions"]\nignore = ["CL7"]\n'


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "canonlint.cli", "server"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


@pytest.fixture()
def project(tmp_path) -> Path:
    shutil.copy(SAMPLES / "template.md", tmp_path / "template.md")
    (tmp_path / "editions").mkdir()
    for name in ("westminster", "havering", "tower-hamlets"):
        shutil.copy(SAMPLES / "boroughs" / f"{name}.txt", tmp_path / "editions" / f"{name}.txt")
    (tmp_path / "canonlint.toml").write_text(CONFIG, "utf-8")
    (tmp_path / "README.md").write_text("# Our editions\n\nNot an edition.\n", "utf-8")
    return tmp_path


async def _published(client: LanguageClient, uri: str, accept, timeout: float = 15) -> list[lsp.Diagnostic]:
    """The diagnostics for uri once they satisfy accept (waiting for further publications)."""
    async def wait():
        while not (uri in client.diagnostics and accept(client.diagnostics[uri])):
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(client.diagnostics[uri])

    try:
        return await asyncio.wait_for(wait(), timeout)
    except TimeoutError:
        raise AssertionError(f"no acceptable diagnostics for {uri} in {timeout} s: {client.diagnostics}") from None


def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=lsp.TextDocumentItem(
        uri=uri, language_id="plaintext", version=1, text=path.read_text("utf-8") if text is None else text)))
    return uri


def _codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def _apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP text edits (positions in UTF-16 units, as VS Code counts) to text."""
    lines = text.splitlines(keepends=True)

    def offset(position: lsp.Position) -> int:
        line = lines[position.line]
        units = 0
        for i, char in enumerate(line):
            if units >= position.character:
                return sum(map(len, lines[:position.line])) + i
            units += 2 if ord(char) > 0xFFFF else 1
        return sum(map(len, lines[:position.line])) + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


@pytest.mark.asyncio
async def test_a_changed_phone_number_is_published_on_open_and_its_fix_offered(client, project):
    text = sample_text("westminster").replace(PHONE, CHANGED_PHONE)
    uri = _open(client, project / "editions" / "westminster.txt", text)
    diagnostics = await _published(client, uri, lambda ds: "CL105" in _codes(ds))
    (phone,) = [d for d in diagnostics if d.code == "CL105"]
    assert phone.message == "phone number differs from the template: expected '0845 303 0900', found '0845 303 0901'"
    assert phone.severity == lsp.DiagnosticSeverity.Error and phone.source == "canonlint"
    line = text.splitlines()[phone.range.start.line]
    assert line[phone.range.start.character:phone.range.end.character] == "0845 303 0901"

    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), range=phone.range,
        context=lsp.CodeActionContext(diagnostics=[phone])))
    (action,) = actions
    assert action.kind == lsp.CodeActionKind.QuickFix and "CL105" in action.title
    (change,) = action.edit.document_changes
    assert change.text_document.version == 1
    assert _apply(text, change.edits) == sample_text("westminster")

    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=uri), position=phone.range.start))
    assert hover.contents.kind == lsp.MarkupKind.Markdown
    assert hover.contents.value.startswith("### CL105 exact-token-changed")
    assert "**What it checks**" in hover.contents.value and "**Fix**" in hover.contents.value


@pytest.mark.asyncio
async def test_typing_and_saving_check_the_edition_again(client, project):
    path = project / "editions" / "westminster.txt"
    uri = _open(client, path)
    assert await _published(client, uri, lambda ds: True) == []
    changed = sample_text("westminster").replace(PHONE, CHANGED_PHONE)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=changed)]))
    assert _codes(await _published(client, uri, lambda ds: bool(ds))) == ["CL105"]
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=3),
        content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=sample_text("westminster"))]))
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri)))
    assert await _published(client, uri, lambda ds: not ds) == []


@pytest.mark.asyncio
async def test_a_changed_template_or_configuration_checks_open_editions_again(client, project):
    uri = _open(client, project / "editions" / "westminster.txt")
    assert await _published(client, uri, lambda ds: True) == []
    template = project / "template.md"
    template.write_text(template.read_text("utf-8").replace("tel: 0845 303 0900", "tel: 0845 303 0999"), "utf-8")
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(
        uri=template.as_uri())))
    assert _codes(await _published(client, uri, lambda ds: bool(ds))) == ["CL105"]
    (project / "canonlint.toml").write_text(CONFIG.replace('ignore = ["CL7"]', 'ignore = ["CL7", "CL1"]'), "utf-8")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(
        uri=(project / "canonlint.toml").as_uri(), type=lsp.FileChangeType.Changed)]))
    assert await _published(client, uri, lambda ds: not ds) == []


@pytest.mark.asyncio
async def test_a_template_that_cannot_be_read_is_a_diagnostic_on_the_template(client, project):
    template = project / "template.md"
    good = template.read_text("utf-8")
    template.write_text(good + "\nNew paragraph with {n:nosuchtype} in it.\n", "utf-8")
    uri = _open(client, project / "editions" / "westminster.txt")
    (stopped,) = await _published(client, uri, lambda ds: bool(ds))
    assert stopped.message.startswith("canonlint cannot check this edition: ")
    (on_template,) = await _published(client, template.as_uri(), lambda ds: bool(ds))
    assert "unknown slot type 'nosuchtype'" in on_template.message
    assert on_template.range.start.line == len(good.splitlines()) + 1  # the line of the new paragraph (0-based)
    template.write_text(good, "utf-8")
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(
        uri=template.as_uri())))
    assert await _published(client, uri, lambda ds: not ds) == []
    assert await _published(client, template.as_uri(), lambda ds: not ds) == []


@pytest.mark.asyncio
async def test_a_configuration_typo_is_a_diagnostic_on_the_configuration(client, project):
    config = project / "canonlint.toml"
    config.write_text(CONFIG + '[rules.CL401.targets]\n"Serious youth violnce" = -4.7\n', "utf-8")
    uri = _open(client, project / "editions" / "westminster.txt")
    await _published(client, uri, lambda ds: bool(ds))
    (typo,) = await _published(client, config.as_uri(), lambda ds: bool(ds))
    assert typo.message.endswith("did you mean 'Serious youth violence'?")


@pytest.mark.asyncio
async def test_the_rules_that_compare_editions_see_the_corpus(client, project):
    """A second Havering edition: CL601 needs the other editions, read in the background."""
    shutil.copy(project / "editions" / "havering.txt", project / "editions" / "havering-copy.txt")
    uri = _open(client, project / "editions" / "havering-copy.txt")
    diagnostics = await _published(client, uri, lambda ds: "CL601" in _codes(ds))
    assert any("Havering" in d.message for d in diagnostics if d.code == "CL601")


@pytest.mark.asyncio
async def test_files_that_are_not_editions_get_no_diagnostics(client, project):
    readme = _open(client, project / "README.md")
    template = _open(client, project / "template.md")
    assert await _published(client, readme, lambda ds: True) == []
    assert await _published(client, template, lambda ds: True) == []


def test_the_server_is_imported_only_by_its_command_and_names_the_command_that_installs_it():
    import subprocess

    probe = ("import sys; from click.testing import CliRunner; from canonlint.cli import cli; "
             "CliRunner().invoke(cli, ['check', '--help']); print('pygls' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "False"
    without = ("import sys; sys.modules['pygls'] = sys.modules['lsprotocol'] = None; from canonlint.cli import main; "
               "sys.argv = ['canonlint', 'server']; main()")
    result = subprocess.run([sys.executable, "-c", without], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    line = result.stderr.strip()
    assert line == f"canonlint: error: canonlint server needs the 'server' extra: {sys.executable} -m pip install 'pygls>=2.0'"
    # the command as printed, run by a shell, resolves (pip's dry run: nothing is installed)
    dry = subprocess.run(line.split("extra: ")[1] + " --dry-run --quiet", shell=True, capture_output=True, text=True,
                         timeout=300)
    assert dry.returncode == 0, dry.stderr
