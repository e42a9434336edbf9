"""Result → files, atomically: JSON and Markdown, 会议纪要 .docx, 台账 .xlsx."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from speechkit.errors import SpeechkitError

# A file name has at most 255 bytes on the usual file systems; an output's name is its input's stem,
# one of our suffixes (.minutes.docx) and, while it is written, the temporary ``.NAME.XXXXXXXX.tmp``.
MAX_STEM_BYTES = 200


def fit_stem(stem: str) -> str:
    """An output stem short enough for every output and temporary name (a 253-byte input name fits too).

    A longer stem is cut on a character boundary and ends in ``~`` and 8 hex digits of its full
    form, so that two long names cut alike still give two outputs.
    """
    if len(stem.encode("utf-8")) <= MAX_STEM_BYTES:
        return stem
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:8]
    cut = stem.encode("utf-8")[: MAX_STEM_BYTES - 9].decode("utf-8", errors="ignore")
    return f"{cut}~{digest}"


def unique_stems(stems: Sequence[str], taken: Iterable[str] = ()) -> list[str]:
    """Each stem as it is, or with ``~2``, ``~3`` … when an earlier one (or ``taken``) has it already."""
    claimed = set(taken)
    out = []
    for stem in stems:
        candidate, n = stem, 1
        while candidate in claimed:
            n += 1
            candidate = f"{stem}~{n}"
        claimed.add(candidate)
        out.append(candidate)
    return out


_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[A-Za-z0-9_]{8}\.tmp")  # write_atomic's .NAME.XXXXXXXX.tmp
_stale_by_folder: dict[str, dict[str, list[str]]] = {}  # folder → output name → its stale temporaries


def remove_stale_temporaries(folder: Path, name: str, older_than_s: float = 60.0) -> None:
    """Remove ``.NAME.XXXXXXXX.tmp`` files that ``write_atomic`` left when it was killed mid-write.

    Only names of our own pattern, for the output about to be written, and only ones a minute
    old: a writer still busy on its temporary keeps it. A folder is listed once per process, so
    that writing 2,000 outputs into one folder does not list it 2,000 times.
    """
    key = os.path.abspath(folder)
    if key not in _stale_by_folder:
        found: dict[str, list[str]] = {}
        cutoff = time.time() - older_than_s
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in entries:
                match = _TEMPORARY.fullmatch(entry.name)
                with contextlib.suppress(OSError):
                    if match and entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                        found.setdefault(match["name"], []).append(entry.path)
        _stale_by_folder[key] = found
    for stale in _stale_by_folder[key].pop(name, ()):
        with contextlib.suppress(OSError):
            os.unlink(stale)


def write_atomic(path: Path, data: bytes | str | Iterable[str]) -> Path:
    """Write a file so that readers see the old content or the new, never half of it.

    ``data`` is bytes, a string, or an iterable of strings written one after another as UTF-8 (a
    long document's JSON is never held whole: issue 18, memory on large inputs).

    A folder that cannot be made or written (read-only, a file in its place, a name too long) is
    one SpeechkitError naming the output, not an OSError.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise SpeechkitError("cannot be written (a file stands where its folder should be)", path) from None
    except OSError as e:
        raise SpeechkitError(f"cannot be written ({e.strerror or e})", path) from None
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        remove_stale_temporaries(path.parent, path.name)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise SpeechkitError(f"cannot be written ({e.strerror or e})", path) from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; a written file gets the usual mode
        _write_synced(fd, payload)
        os.replace(tmp, path)
    except BaseException as e:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):  # a full disk, a file system gone read-only
            raise SpeechkitError(f"cannot be written ({e.strerror or e})", path) from None
        raise
    return path


def staged_path(path: Path) -> Path:
    """Where ``write_staged`` puts the next content of ``path``: beside it, hidden, ending in .tmp."""
    return path.with_name(f".{path.name}.tmp")


def write_staged(path: Path, data: bytes) -> Path:
    """Write the next content of ``path`` to its staged file, for ``publish`` to put in place.

    One writer at a time per path (a batch holds its output folder's lock), so the staged name is
    fixed: whoever publishes or discards it needs only the final path, even after the writer died.
    Not fsynced, unlike ``write_atomic``: an fsync per file would stall a batch worker on the disk,
    so a batch records each output's size instead and does again a file whose outputs a power loss
    emptied.
    """
    staged = staged_path(Path(path))
    staged.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(staged, "wb") as f:
            f.write(data)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    return staged


def publish(path: Path) -> Path:
    """Put the staged content of ``path`` in its place, atomically."""
    os.replace(staged_path(Path(path)), path)
    return path


def discard_staged(path: Path) -> None:
    with contextlib.suppress(OSError):  # clean-up only: a name the disk refused was never written
        staged_path(Path(path)).unlink(missing_ok=True)


def _write_synced(fd: int, payload: bytes | Iterable[str]) -> None:
    with os.fdopen(fd, "wb") as f:
        if isinstance(payload, bytes):
            f.write(payload)
        else:
            _write_pieces(f, payload)
        f.flush()
        os.fsync(f.fileno())


def _write_pieces(f: BinaryIO, pieces: Iterable[str], size: int = 1 << 16) -> None:
    """Write strings as UTF-8, a block of about ``size`` characters at a time."""
    block: list[str] = []
    held = 0
    for piece in pieces:
        block.append(piece)
        held += len(piece)
        if held >= size:
            f.write("".join(block).encode("utf-8"))
            block.clear()
            held = 0
    f.write("".join(block).encode("utf-8"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
