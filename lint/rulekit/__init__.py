"""What rules share: the edits a fix makes (edits), where list items stand and the
Document's list markers (lists), table rows (tables), the order of what was found (order),
the edition's identity (identity), the evidence a finding quotes (evidence), placeholders,
tracked changes and comments (pending), headings run in (run_ins), and what the reader
found beside the text (reader_facts)."""
