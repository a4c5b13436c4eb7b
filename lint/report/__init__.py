"""Output formats, one small module each, imported only when used.

canonlint.report.formats holds the table of formats and renders a report by name; every
format module has `render(results, unreadable, run) -> str`: results holds one FileResult
per file checked, unreadable counts the files that could not be read (their errors went to
stderr) and run, a canonlint.report.run_info.RunInfo, says what the formats that describe
the run itself need.
"""
