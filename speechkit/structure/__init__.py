"""Document → tuple[Speech, ...]: split a file into speeches and rebuild each outline."""

from __future__ import annotations

from dataclasses import replace

from speechkit.document import Document, Speech
from speechkit.structure.dates import find_meeting_date
from speechkit.structure.facts import find_facts
from speechkit.structure.outline import find_headings
from speechkit.structure.split import split_speeches

__all__ = ["find_headings", "find_meeting_date", "split_speeches", "structure"]


def structure(document: Document) -> tuple[Speech, ...]:
    """Split a cleaned document into its speeches, each with its outline and its facts (place, chair …)."""
    return tuple(find_facts(replace(s, headings=find_headings(s.text))) for s in split_speeches(document))
