#!/bin/sh
# Two sample editions as a publisher's tools make them: the text saved as Word by
# LibreOffice, then that Word file exported as PDF. Run from the repository's root.
set -e
cd samples/documents
for borough in westminster tower-hamlets; do
    soffice --headless --infilter="Text (encoded):UTF8,LF,,," --convert-to docx:"MS Word 2007 XML" \
        --outdir . "../boroughs/$borough.txt"
done
soffice --headless --convert-to pdf --outdir . westminster.docx tower-hamlets.docx
