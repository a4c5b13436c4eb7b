"""Writing back into a document: a Word file's fixes as tracked changes, and a review copy
of it with the findings as comments. Text editions are written by canonlint.run.fixes."""
