"""docx: paragraphs and tables in document order, with the numbers Word generates for lists."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from speechkit.document import Document
from speechkit.errors import InputError
from speechkit.ingest.guard import check_zip_inflation

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(path: Path, data: bytes) -> Document:
    """Read a Word document: body paragraphs and table rows, in order, automatic numbers included."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip_inflation(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise InputError("is not a valid .docx file", path) from e
    except Exception as e:  # lxml and zipfile raise several kinds on damaged parts
        raise InputError(f"is a damaged .docx file ({type(e).__name__})", path) from e
    numbering = _Numbering(document)
    lines = [line for line in _body_lines(document, numbering) if line.strip()]
    if not lines:
        raise InputError("has no text (an empty Word document)", path)
    return Document(source=path, text="\n".join(lines), kind="docx", encoding=None)


def _body_lines(document: Any, numbering: _Numbering) -> Iterator[str]:
    """Paragraphs and table rows in the order they stand in the body."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.element.body.iterchildren():
        if block.tag == f"{_W}p":
            paragraph = Paragraph(block, document)
            yield numbering.label(paragraph) + paragraph.text
        elif block.tag == f"{_W}tbl":
            for row in Table(block, document).rows:
                cells = _unique_cells(row)
                if any(cells):  # empty cells stay: the columns must line up with the header's
                    yield " | ".join(cells)


def _unique_cells(row: Any) -> list[str]:
    """Cell texts of a row, merged cells (which python-docx repeats) once."""
    seen: list[Any] = []
    texts = []
    for cell in row.cells:
        if any(cell._tc is s for s in seen):
            continue
        seen.append(cell._tc)
        texts.append(" ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
    return texts


class _Numbering:
    """Renders Word's automatic list numbers ("一、", "(一)", "1.") the way Word displays them."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(f"{_W}abstractNumId"): a for a in root.iter(f"{_W}abstractNum")}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            definition = abstract.get(ref.get(f"{_W}val")) if ref is not None else None
            if definition is None:
                continue
            for lvl in definition.iter(f"{_W}lvl"):
                self._levels[(num.get(f"{_W}numId"), int(lvl.get(f"{_W}ilvl", "0")))] = (
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    int(_val(lvl, "start") or 1),
                )

    def label(self, paragraph: Any) -> str:
        """The number Word shows before this paragraph, or "" when it has none."""
        num_pr = _num_pr(paragraph)
        if num_pr is None or not self._levels:
            return ""
        num_id, ilvl = num_pr
        if (num_id, ilvl) not in self._levels:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = self._levels[(num_id, ilvl)]
        for level in range(ilvl + 1):
            start = self._levels.get((num_id, level), ("decimal", "", 1))[2]
            value = max(counters[level], 1) + start - 1
            level_fmt = self._levels.get((num_id, level), (fmt, "", 1))[0]
            text = text.replace(f"%{level + 1}", _format_number(value, level_fmt))
        return text if fmt != "bullet" else ""


def _val(element: Any, name: str) -> str | None:
    child = element.find(f"{_W}{name}")
    return child.get(f"{_W}val") if child is not None else None


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    """(numId, level) of a paragraph's own list numbering, or of its style's."""
    candidates = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        candidates.append(style.element.pPr)
        style = style.base_style
    for ppr in candidates:
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if num_pr is None:
            continue
        num_id = _val(num_pr, "numId")
        if num_id in (None, "0"):
            return None
        return num_id, int(_val(num_pr, "ilvl") or 0)
    return None


def _format_number(value: int, fmt: str) -> str:
    """1 → "1", "一", "①", "a" … by Word's numFmt."""
    if fmt.startswith("chinese") or fmt.startswith("ideograph") or fmt == "taiwaneseCounting":
        return chinese_numeral(value)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(0x2460 + value - 1) if 1 <= value <= 20 else str(value)
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def chinese_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九, 101 → 一百零一 (as list numbers are written)."""
    import cn2an

    return cn2an.an2cn(value)
