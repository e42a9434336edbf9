"""txt/md through charset-normalizer: BOM, UTF-16, GB18030, Big5."""

from __future__ import annotations

from pathlib import Path

from speechkit.document import Document
from speechkit.errors import InputError

_BOMS = (  # UTF-32 first: its little-endian BOM begins with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode the bytes of a text file; return the text and the encoding used."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_after_bom(data, encoding, path)
    try:
        text = data.decode("utf-8")
        if _plausibility(text) >= 0.9:  # control bytes are valid UTF-8 too: "\x00\x01\x02…" is no text
            return text, "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:4096]:
        return _decode_utf16_without_bom(data, path)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CHINESE_ENCODINGS).best()
    if best is None:
        return _utf16_without_nul(data) or _decode_leniently(data, path)
    encoding = "gb18030" if best.encoding in {"gb2312", "gbk"} else best.encoding
    text = data.decode(encoding, errors="replace")
    if _plausibility(text) < 0.9:
        if found := _utf16_without_nul(data):
            return found
        raise InputError("is a binary file, not text", path)
    return text, encoding


def _utf16_without_nul(data: bytes) -> tuple[str, str] | None:
    """Chinese-only UTF-16 without a BOM has no NUL byte at all: it reads as CJK in one byte order."""
    return None if len(data) % 2 else _utf16_reading(data)


def _decode_after_bom(data: bytes, encoding: str, path: Path) -> tuple[str, str]:
    """A BOM promises text, but random bytes can follow one: what follows must decode and read as text."""
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")  # bytes that are no character of the encoding the BOM names
    if bad > len(text) // 200 or _plausibility(text) < 0.9:
        raise InputError(f"is a binary file, not text (a {encoding} byte-order mark followed by other bytes)", path)
    return text, encoding


_CHINESE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "cp950", "hz", "utf_8"]


def _decode_leniently(data: bytes, path: Path) -> tuple[str, str]:
    """Scraped text with a few broken bytes (forum garbage cut mid-character): the encoding
    that leaves the fewest replacement characters wins, if they are rare."""
    candidates = []
    for encoding in ("gb18030", "big5hkscs", "utf-8"):
        text = data.decode(encoding, errors="replace")
        candidates.append((text.count("\ufffd"), encoding, text))
    bad, encoding, text = min(candidates)
    if bad > max(2, len(text) // 200) or _plausibility(text) < 0.9:
        raise InputError("is not text in any common Chinese encoding", path)
    return text, encoding


def _decode_utf16_without_bom(data: bytes, path: Path) -> tuple[str, str]:
    """NUL bytes mean UTF-16 without a BOM, or a binary file: keep the byte order that reads as text."""
    found = _utf16_reading(data)
    if found is None:
        unsupported = "is a binary file, or text in an unsupported encoding (not UTF-8/16/32, GB18030 or Big5)"
        raise InputError(unsupported, path)
    return found


def _utf16_reading(data: bytes) -> tuple[str, str] | None:
    """The text and byte order of UTF-16 without a BOM that reads as a document's scripts, else None."""
    candidates = []
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((min(_plausibility(text), _usual_share(text)), text, encoding))
    if candidates:
        score, text, encoding = max(candidates)
        if score >= 0.9:
            return text, encoding
    return None


def _plausibility(text: str) -> float:
    """Share of characters that real text is made of: CJK, printable ASCII, punctuation, line breaks."""
    sample = text[:4000]
    if not sample:
        return 0.0
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\n\r\t")
    return good / len(sample)


# Where the characters of a Chinese or English text live. Without a BOM any even run of bytes is "valid"
# UTF-16, mostly as printable rarities (Latin Extended, Hangul, Yi…): those do not count as text here.
_USUAL_RANGES = (
    (0x09, 0x0D), (0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2150, 0x21FF), (0x2460, 0x24FF),
    (0x25A0, 0x25FF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF),
)  # fmt: skip


def _usual_share(text: str) -> float:
    """Share of characters in the scripts a Chinese document is written in (see _USUAL_RANGES)."""
    sample = text[:4000]
    if not sample:
        return 0.0
    usual = sum(1 for ch in sample if any(lo <= ord(ch) <= hi for lo, hi in _USUAL_RANGES))
    return usual / len(sample)


def read_text(path: Path, data: bytes) -> Document:
    """Read a plain-text or Markdown file."""
    text, encoding = decode(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("is empty", path)
    kind = "md" if path.suffix.lower() == ".md" else "txt"
    return Document(source=path, text=text, kind=kind, encoding=encoding)
