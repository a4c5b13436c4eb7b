"""`canonlint server`: a language server over standard input and output (LSP, through
pygls, installed with the `server` extra). It checks each edition an editor opens as the
person types, publishing the findings `canonlint check` would report for the text in the
editor; offers the safe fixes as quick fixes and a rule's documentation on hover.

canonlint.server.session holds what does not depend on the protocol;
canonlint.server.diagnostics turns findings into protocol values; canonlint.server.protocol
wires them to pygls, which is imported only there, when the server starts (its `serve`).
"""
