#!/bin/sh
# Regenerate the rendered 会议纪要 pages in docs/: three different meetings, every page, by LibreOffice.
#   docs/minutes_000.png         sample 000 (a speech), first page, with the clerk's options
#   docs/minutes/000-N.png       sample 000 made from the outline's JSON (the path the README documents)
#   docs/minutes/d01-N.png       dev d01: typed-up minutes with labelled 地点/主持人/参会人 lines
#   docs/minutes/e05-N.png       dev2 e05: a 处务会议 report with chair, attendees and observers in prose
# Needs libreoffice-writer-nogui, poppler-utils and fonts-noto-cjk (+ fonts-arphic-ukai for 楷体).
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
sk=".venv/bin/speechkit -q"
$sk minutes samples/000_ccfca2a2b2a83bab.txt -o "$out/minutes_000.docx" \
  --org 市教育局办公室 --number 3 --date 2026-03-03 --meeting 全市教育系统办公室工作会议 \
  --chair 市教育局办公室主任范贵生 --place 市教育局三楼会议室 \
  --attendees 各县（市、区）教育局办公室主任，局属各单位办公室主任 --observers 市政府办公室秘书科
$sk outline samples/000_ccfca2a2b2a83bab.txt -o "$out" --format json --date 2026-03-03
$sk minutes "$out/000_ccfca2a2b2a83bab.json" -o "$out/000.docx" --org 市教育局办公室
$sk minutes ../shared/eval/dev/raw/d01.txt -o "$out/d01.docx" --date 2026-01-27
$sk minutes ../shared/eval/dev2/raw/e05.txt -o "$out/e05.docx" --org 后勤保障处 --date 2017-09-06
for name in minutes_000 000 d01 e05; do
  FONTCONFIG_FILE="$PWD/docs/fonts.conf" soffice "-env:UserInstallation=file://$out/profile" \
    --headless --convert-to pdf --outdir "$out" "$out/$name.docx" >/dev/null
done
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$out/minutes_000.pdf" docs/minutes_000
mkdir -p docs/minutes
rm -f docs/minutes/*.png
for name in 000 d01 e05; do
  pdftoppm -png -r 60 "$out/$name.pdf" "docs/minutes/$name"
done
rm -rf "$out"
ls docs/minutes_000.png docs/minutes/*.png
