"""A run, one module per stage: `request` (what is asked, what comes back), `plan` (set up:
configuration, rules chosen by `selection`, template, baseline), `discovery` (the
configuration looked up, files given and walked, targets), `execution` (each edition read,
checked by `edition_rules`, fixed by `edition_fixes`; workers; the result `cache`),
`findings` (the one place a finding is made), `corpus` (the corpus rules), `baseline`,
`suppression`."""
