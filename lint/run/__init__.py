"""A run: which files are checked, with which rules and configuration, how (in workers, from the
cache), what comes back (findings, fixes, diffs) and what is kept between runs (baseline)."""
