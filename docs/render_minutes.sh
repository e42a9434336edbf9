#!/bin/sh
# Regenerate docs/minutes_000.png: sample 000's 会议纪要, first page, rendered by LibreOffice.
# Needs libreoffice-writer-nogui, poppler-utils and fonts-noto-cjk (+ fonts-arphic-ukai for 楷体).
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
.venv/bin/speechkit minutes samples/000_ccfca2a2b2a83bab.txt -o "$out/minutes_000.docx" \
  --org 市教育局办公室 --number 3 --date 2026-03-03 --meeting 全市教育系统办公室工作会议 \
  --chair 市教育局办公室主任范贵生 --place 市教育局三楼会议室 \
  --attendees 各县（市、区）教育局办公室主任，局属各单位办公室主任 --observers 市政府办公室秘书科
FONTCONFIG_FILE="$PWD/docs/fonts.conf" soffice "-env:UserInstallation=file://$out/profile" \
  --headless --convert-to pdf --outdir "$out" "$out/minutes_000.docx" >/dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$out/minutes_000.pdf" docs/minutes_000
rm -rf "$out"
echo "wrote docs/minutes_000.png"
