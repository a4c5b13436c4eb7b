"""`canonlint server`: a language server over standard input and output (LSP, through
pygls, installed with the `server` extra). It checks each edition an editor opens as the
person types, publishing the findings `canonlint check` would report for the text in the
editor; offers the safe fixes as quick fixes and a rule's documentation on hover.

canonlint.server.session holds what does not depend on the protocol; canonlint.server.protocol
wires it to pygls, which is imported only here, when the server starts.
"""

from __future__ import annotations

def serve() -> None:
    """Run the server on standard input and output until the client says exit. Raises
    ModuleNotFoundError when pygls is not installed."""
    from canonlint.server.protocol import make_server

    make_server().start_io()
