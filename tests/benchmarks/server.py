"""How quickly `canonlint server` answers an editor, on a corpus of editions.

    python tests/benchmarks/server.py [--editions 32] [--changes 20]

Builds a corpus (see corpus.py) in a temporary folder, starts the server as an editor
does (pygls's LSP client over stdio, the folder as the workspace) and prints, in
milliseconds: the time from `didOpen` to the first diagnostics of an edition, with the
project set up in the background as the client connected and without (opened at once);
from a `didChange` (a changed phone number) to its diagnostics, median and slowest of
several, the server's debounce included; and from saving the template to every open
edition's diagnostics. A script that prints numbers, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402


class Client:
    """An LSP client that records when each document's diagnostics arrive."""

    def __init__(self) -> None:
        self.lsp = LanguageClient("canonlint-benchmark", "1")
        self.arrived: dict[str, asyncio.Event] = {}
        self.diagnostics: dict[str, list[lsp.Diagnostic]] = {}

        @self.lsp.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: lsp.PublishDiagnosticsParams) -> None:
            self.diagnostics[params.uri] = params.diagnostics
            self.arrived.setdefault(params.uri, asyncio.Event()).set()

    async def start(self, folder: Path) -> None:
        await self.lsp.start_io(sys.executable, "-m", "canonlint.cli", "server")
        await self.lsp.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(), root_uri=folder.as_uri(),
            workspace_folders=[lsp.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)]))
        self.lsp.initialized(lsp.InitializedParams())

    async def stop(self) -> None:
        await self.lsp.shutdown_async(None)
        self.lsp.exit(None)
        await self.lsp.stop()

    def expect(self, uri: str) -> asyncio.Event:
        self.arrived[uri] = asyncio.Event()
        return self.arrived[uri]

    async def timed(self, uris: list[str], send) -> float:
        """Milliseconds from send() to diagnostics for every one of uris."""
        events = [self.expect(uri) for uri in uris]
        start = time.perf_counter()
        send()
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in events)), 120)
        return (time.perf_counter() - start) * 1000

    async def open(self, path: Path, text: str) -> float:
        uri = path.as_uri()
        return await self.timed([uri], lambda: self.lsp.text_document_did_open(lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text))))


async def measure(folder: Path, editions: list[Path], changes: int) -> None:
    phone = next(line for line in editions[0].read_text("utf-8").splitlines() if line.startswith("tel: "))
    print(f"{len(editions)} editions; times in ms\n")

    cold = Client()
    await cold.start(folder)
    opened_at_once = await cold.open(editions[0], editions[0].read_text("utf-8"))
    await cold.stop()

    client = Client()
    await client.start(folder)
    await asyncio.sleep(3)  # the client connected a moment before the person opened a file
    opened = await client.open(editions[0], editions[0].read_text("utf-8"))
    for path in editions[1:4]:
        await client.open(path, path.read_text("utf-8"))
    print(f"didOpen → diagnostics, opened as the client connects   {opened_at_once:8.1f}")
    print(f"didOpen → diagnostics, project set up in the background {opened:8.1f}")

    uri = editions[0].as_uri()
    text = editions[0].read_text("utf-8")
    times = []
    for version in range(2, changes + 2):
        changed = text.replace(phone, phone[:-1] + str(version % 10))
        times.append(await client.timed([uri], lambda: client.lsp.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(text=changed)]))))
    print(f"didChange → diagnostics (debounce included), median     {statistics.median(times):8.1f}")
    print(f"didChange → diagnostics (debounce included), slowest    {max(times):8.1f}")

    template = folder / "template.md"
    template.write_text(template.read_text("utf-8") + "\n", "utf-8")
    resaved = await client.timed([p.as_uri() for p in editions[:4]], lambda: client.lsp.text_document_did_save(
        lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=template.as_uri()))))
    print(f"template saved → 4 open editions checked again          {resaved:8.1f}")
    await client.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--editions", type=int, default=32)
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        editions = write_corpus(folder, args.editions)
        asyncio.run(measure(folder, editions, args.changes))


if __name__ == "__main__":
    main()
