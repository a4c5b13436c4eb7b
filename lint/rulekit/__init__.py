"""What rules share: reading tables, lists, identities, placeholders and pending work of an
edition against its template, the evidence a finding quotes, and the edits a fix makes."""
