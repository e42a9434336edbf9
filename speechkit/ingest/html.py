"""html/htm: the main text of a scraped page, via trafilatura (title and date kept when found)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from speechkit.document import Document
from speechkit.errors import InputError
from speechkit.ingest.text import decode

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def read_html(path: Path, data: bytes) -> Document:
    """Read a saved web page: the article text, with its title on top when it is not already there."""
    html, encoding = _decode_html(data, path)
    import trafilatura

    extracted = trafilatura.bare_extraction(
        html, favor_recall=True, include_tables=True, include_comments=False, with_metadata=True
    )
    text = (getattr(extracted, "text", None) or "").strip() if extracted else ""
    if not text:
        text = _visible_text(html)
    if not text.strip():
        raise InputError("has no readable text (an HTML page with no body text)", path)
    title = (getattr(extracted, "title", None) or "").strip() if extracted else ""
    if title and title not in text[:500]:
        text = f"{title}\n{text}"
    return Document(source=path, text=text, kind="html", encoding=encoding, published=_page_date(extracted))


def _decode_html(data: bytes, path: Path) -> tuple[str, str]:
    """Decode by the page's own <meta charset>, else sniff like a text file."""
    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        name = "gb18030" if name in {"gb2312", "gbk"} else name
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, path)


def _visible_text(html: str) -> str:
    """Fallback for pages trafilatura finds no article in: every text node, one per line."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for bad in tree.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())


def _page_date(extracted: object) -> date | None:
    value = getattr(extracted, "date", None) if extracted else None
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
