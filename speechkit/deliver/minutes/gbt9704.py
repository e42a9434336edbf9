"""GB/T 9704-2012 (党政机关公文格式) as numbers: page, type area, grid, type sizes and fonts.

The layout follows ``../shared/reference/gbt9704.md``: A4, 天头 37 mm, 订口 28 mm, a 156 × 225 mm
type area of 22 lines × 28 characters, 3号仿宋 body, headings 一、黑体 / （一）楷体 / 1.（1）仿宋,
a 2号小标宋 title, page numbers "— 1 —" in 4号宋体.
"""

from __future__ import annotations

# GB/T 9704-2012 §5: A4 paper, margins and the 版心 (type area), all in millimetres.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
TOP_MM, LEFT_MM = 37, 28
TYPE_WIDTH_MM, TYPE_HEIGHT_MM = 156, 225
RIGHT_MM = PAGE_WIDTH_MM - LEFT_MM - TYPE_WIDTH_MM  # 26
BOTTOM_MM = PAGE_HEIGHT_MM - TOP_MM - TYPE_HEIGHT_MM  # 35
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28

# Chinese type sizes (字号) in points.
SIZE_2HAO, SIZE_3HAO, SIZE_4HAO, SIZE_XIAOCHU = 22.0, 16.0, 14.0, 36.0
BODY_PT = SIZE_3HAO
TITLE_PT = SIZE_2HAO
PAGE_NUMBER_PT = SIZE_4HAO

# The standard's font names; each with the family a machine without it should fall back to
# (Word reads w:altName in the font table; fontconfig and LibreOffice have their own alias lists).
FANGSONG, KAITI, HEITI, XIAOBIAOSONG, SONGTI = "仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体", "宋体"
LATIN_FONT = "Times New Roman"
FONT_FALLBACKS = {
    FANGSONG: ("仿宋", "roman"),
    KAITI: ("楷体", "script"),
    HEITI: ("SimHei", "modern"),
    XIAOBIAOSONG: ("宋体", "roman"),
    SONGTI: ("SimSun", "roman"),
}
HEADING_FONTS = {1: HEITI, 2: KAITI, 3: FANGSONG, 4: FANGSONG}
RED = "FF0000"

MM_PER_PT = 25.4 / 72
TWIPS_PER_MM = 1440 / 25.4
# One grid line = 225 mm / 22 ≈ 579 twips ≈ 28.95 pt; one grid character = 156 mm / 28 ≈ 15.79 pt.
LINE_PITCH_TWIPS = int(TYPE_HEIGHT_MM * TWIPS_PER_MM / LINES_PER_PAGE)  # 579: 22 lines must fit, so round down
LINE_PITCH_PT = LINE_PITCH_TWIPS / 20
CHAR_PITCH_PT = TYPE_WIDTH_MM / MM_PER_PT / CHARS_PER_LINE
# w:charSpace is the pitch's difference from the default font size, in 1/4096 pt (ECMA-376 §17.6.5).
CHAR_SPACE = round((CHAR_PITCH_PT - BODY_PT) * 4096)
# Paragraphs do not snap to the grid: LibreOffice lays grid-snapped CJK text out with gaps when a
# glyph is wider than the grid pitch (16 pt type on a 15.79 pt pitch). They keep the grid's
# 22 × 28 by exact line spacing and by condensing each character by 0.3 pt (w:spacing -6), so
# 28 characters take 439.6 pt of the 442.2 pt line in Word and LibreOffice alike.
CHAR_SPACING_TWENTIETHS = -6
# §7.5: the page number's dash sits 7 mm below the type area, so its line's foot is ~23 mm up.
FOOTER_DISTANCE_MM = BOTTOM_MM - 7 - PAGE_NUMBER_PT * MM_PER_PT
