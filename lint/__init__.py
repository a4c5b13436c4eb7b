"""canonlint's engine: reading, parsing, the template, alignment, config, running and output."""

__version__ = "0.1.0"
