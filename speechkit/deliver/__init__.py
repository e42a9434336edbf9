"""Result → files, atomically: JSON and Markdown, 会议纪要 .docx, 台账 .xlsx."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes | str) -> Path:
    """Write a file so that readers see the old content or the new, never half of it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; a written file gets the usual mode
        _write_synced(fd, payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
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
    staged_path(Path(path)).unlink(missing_ok=True)


def _write_synced(fd: int, payload: bytes) -> None:
    with os.fdopen(fd, "wb") as f:
        f.write(payload)
        f.flush()
        os.fsync(f.fileno())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
