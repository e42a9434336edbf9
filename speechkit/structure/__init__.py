"""Document → tuple[Speech, ...]: split a file into speeches and rebuild each outline."""

from speechkit.structure.outline import find_headings
from speechkit.structure.split import split_speeches

__all__ = ["find_headings", "split_speeches", "structure"]


def structure(document):
    """Split a cleaned document into its speeches, each with its outline."""
    from dataclasses import replace

    return tuple(replace(s, headings=find_headings(s.text)) for s in split_speeches(document))
