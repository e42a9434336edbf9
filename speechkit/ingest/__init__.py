"""Path → Document: pick a reader by suffix and sniffed bytes."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from speechkit.document import Document
from speechkit.errors import InputError, SpeechkitError
from speechkit.ingest.guard import read_input, stat_input

if TYPE_CHECKING:
    from speechkit.ingest.audio import TranscribeOptions

TEXT_SUFFIXES = frozenset({".txt", ".md", ".text"})
DOCX_SUFFIXES = frozenset({".docx"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
AUDIO_SUFFIXES = frozenset({".wav", ".mp3", ".m4a", ".flac", ".ogg", ".opus", ".aac", ".wma", ".mp4", ".webm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | DOCX_SUFFIXES | HTML_SUFFIXES | AUDIO_SUFFIXES


def read(path: Path, transcribe: TranscribeOptions | None = None) -> Document:
    """Read a speech or minutes file of any supported kind into a Document (``transcribe``: for audio)."""
    path = Path(path)
    document = _read_by_kind(path, transcribe)
    return replace(document, sha256=document.sha256 or _sha256(path))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_by_kind(path: Path, transcribe: TranscribeOptions | None) -> Document:
    stat_input(path)  # a FIFO, a device, a loop: one line, never a hang
    suffix = path.suffix.lower()
    if suffix in AUDIO_SUFFIXES:
        from speechkit.ingest.audio import read_audio

        return read_audio(path, transcribe)
    return _read_data(path, read_input(path))


def read_bytes(name: str | Path, data: bytes, transcribe: TranscribeOptions | None = None) -> Document:
    """Read a file given as its bytes and its name (a batch or Ray job ships only these)."""
    path = Path(name)
    is_audio = path.suffix.lower() in AUDIO_SUFFIXES
    document = _read_audio_bytes(path, data, transcribe) if is_audio else _read_data(path, data)
    return replace(document, sha256=document.sha256 or hashlib.sha256(data).hexdigest())


def _read_audio_bytes(path: Path, data: bytes, transcribe: TranscribeOptions | None) -> Document:
    """The audio reader decodes from a file, so the bytes go through a private temporary one."""
    import tempfile

    from speechkit.ingest.audio import read_audio

    if not data:
        raise InputError("is empty", path)
    with tempfile.TemporaryDirectory(prefix="speechkit-") as folder:
        tmp = Path(folder) / f"audio{path.suffix.lower()}"
        tmp.write_bytes(data)
        try:
            document = read_audio(tmp, transcribe)
        except SpeechkitError as e:  # name the user's file, not the temporary copy
            e.path = path
            raise
    return replace(document, source=path)


# A page saved as .txt: it opens with a document type or <html>, or has a <head>/<body> near its top.
_MARKUP = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html|<\?xml[^>]*>\s*<html)|<(?:head|body)[\s>]", re.I)


def looks_like_html(data: bytes) -> bool:
    """Whether a text file holds an HTML page rather than text (issue 12: HTML saved as .txt)."""
    return bool(_MARKUP.search(data[:4096]))


def _read_data(path: Path, data: bytes) -> Document:
    suffix = path.suffix.lower()
    if not data.strip():
        raise InputError("is empty", path)
    if suffix in DOCX_SUFFIXES:
        from speechkit.ingest.docx import read_docx

        return read_docx(path, data)
    if suffix in HTML_SUFFIXES or ((suffix in TEXT_SUFFIXES or not suffix) and looks_like_html(data)):
        from speechkit.ingest.html import read_html

        return read_html(path, data)
    if suffix in TEXT_SUFFIXES or not suffix:
        from speechkit.ingest.text import read_text

        return read_text(path, data)
    raise InputError(f"unsupported file type {suffix!r}", path)
