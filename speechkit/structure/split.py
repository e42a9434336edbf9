"""One file → its speeches, with title, speaker, role, meeting and date."""

from __future__ import annotations

from speechkit.document import Document, Speech


def split_speeches(document: Document) -> tuple[Speech, ...]:
    """Return the speeches a cleaned document holds (for now: the whole text as one)."""
    return (Speech(text=document.text),)
