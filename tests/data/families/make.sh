#!/bin/sh
# Word and PDF copies of some real copies, made as their owners' tools would: a plain-text
# licence saved as Word by LibreOffice (a paragraph per line), a Markdown policy converted
# to Word by pandoc (headings and the table as Word structure); each Word file exported as
# PDF by LibreOffice. Run from the repository's root; the results are committed.
set -e
cd tests/data/families
text_to_word() {  # family copy
    soffice --headless --infilter="Text (encoded):UTF8,LF,,," --convert-to docx:"MS Word 2007 XML" \
        --outdir "$1/documents" "$1/copies/$2.txt"
}
markdown_to_word() {  # family copy
    pandoc -f gfm "$1/copies/$2.md" -o "$1/documents/$2.docx"
}
word_to_pdf() {  # family copy
    soffice --headless --convert-to pdf --outdir "$1/documents" "$1/documents/$2.docx"
}
mkdir -p mit-license/documents security-policy/documents
for copy in tomli jmespath jaraco-context; do text_to_word mit-license "$copy"; done
word_to_pdf mit-license tomli
word_to_pdf mit-license jaraco-context
for copy in PSDTools--dot-github kierun--pynpc sixoverground--tang; do markdown_to_word security-policy "$copy"; done
word_to_pdf security-policy PSDTools--dot-github
word_to_pdf security-policy sixoverground--tang
mkdir -p bsd-3-clause/documents
for copy in idna joserfc; do text_to_word bsd-3-clause "$copy"; done
word_to_pdf bsd-3-clause idna
mkdir -p keep-a-changelog/documents
for copy in nemesysdata--rag_flink_ui atc-net--atc-docs TheAwiteb--impl_new; do markdown_to_word keep-a-changelog "$copy"; done
word_to_pdf keep-a-changelog nemesysdata--rag_flink_ui
