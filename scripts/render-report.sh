#!/usr/bin/env bash
# Render a Word report to PDF and PNG pages, to look at the layout without Word (issue 15).
#
#   scripts/render-report.sh DOCX OUTDIR
#   cargo test --test report_docx -- --ignored        # writes the sample report to $TMPDIR/r.docx
#   scripts/render-report.sh /tmp/r.docx /tmp/render  # then view /tmp/render/r-1.png, r-2.png…
#
# A developer's tool: no test needs it. Needs LibreOffice and poppler (Debian:
# apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation2). fonts-liberation2 is
# the metric-compatible stand-in for Times New Roman WITH the Vietnamese letters; the older
# fonts-liberation lacks them and LibreOffice then borrows them from another font, which shows
# as mixed letter shapes. The fonts the PDF uses are listed at the end: any other than Liberation
# Serif means a fallback.
#
# Environment:
#   DPI  resolution of the PNG pages (default 60)
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 DOCX OUTDIR" >&2
    exit 2
fi
DOCX=$1
OUT=$2
DPI=${DPI:-60}
for tool in soffice pdftoppm pdfinfo pdffonts; do
    command -v "$tool" >/dev/null || { echo "$tool not found (see the comment at the top of $0)" >&2; exit 2; }
done
[[ -f $DOCX ]] || { echo "no such file: $DOCX" >&2; exit 2; }
mkdir -p "$OUT"
NAME=$(basename "${DOCX%.*}")
PDF=$OUT/$NAME.pdf
rm -f "$PDF" "$OUT/$NAME"-*.png

# A profile of its own, so that a LibreOffice already running (or its settings) is left alone.
PROFILE=$(mktemp -d)
trap 'rm -rf "$PROFILE"' EXIT
soffice -env:UserInstallation="file://$PROFILE" --headless --convert-to pdf --outdir "$OUT" "$DOCX" >&2
[[ -s $PDF ]] || { echo "LibreOffice wrote no PDF for $DOCX" >&2; exit 1; }

pdftoppm -png -r "$DPI" "$PDF" "$OUT/$NAME"
echo "$PDF: $(pdfinfo "$PDF" | awk '/^Pages:/ {print $2}') pages"
ls "$OUT/$NAME"-*.png
echo "fonts: $(pdffonts "$PDF" | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort -u | tr '\n' ' ')"
