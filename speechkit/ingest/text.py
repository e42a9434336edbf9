"""txt/md through charset-normalizer: BOM, UTF-16, GB18030, Big5."""

from __future__ import annotations

from pathlib import Path

from speechkit.document import Document
from speechkit.errors import InputError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode the bytes of a text file; return the text and the encoding used."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        raise InputError("is a binary file, not text", path)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CHINESE_ENCODINGS).best()
    if best is None:
        raise InputError("is not text in any known encoding", path)
    encoding = "gb18030" if best.encoding in {"gb2312", "gbk"} else best.encoding
    return data.decode(encoding, errors="replace"), encoding


_CHINESE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be", "cp950", "hz", "utf_8"]


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of ASCII-heavy text is zero."""
    sample = data[:4096]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def read_text(path: Path, data: bytes) -> Document:
    """Read a plain-text or Markdown file."""
    text, encoding = decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("is empty", path)
    kind = "md" if path.suffix.lower() == ".md" else "txt"
    return Document(source=path, text=text, kind=kind, encoding=encoding)
