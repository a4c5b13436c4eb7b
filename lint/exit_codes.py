"""The exit codes of every canonlint command, and the prefix of its error lines: one
definition for the command line (canonlint.cli) and the commands it hands work to
(canonlint.infer.command)."""

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_CRASH, EXIT_INTERRUPTED = 0, 1, 2, 101, 130
PREFIX = "canonlint: "             # every line canonlint writes to stderr about itself
ERROR_PREFIX = f"{PREFIX}error: "  # an error line
