"""Checks before and while a file is read: a regular file (never a FIFO, device or symlink loop),
readable, and a Word file that does not inflate beyond a bound (a zip bomb)."""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
from pathlib import Path

from speechkit.errors import InputError

MB = 1 << 20
# A .docx is a zip: its XML parts are parsed whole, so their inflated size is what costs time and
# memory (a 3.6 MB file inflating to 1.5 GB ran for minutes and took 4 GB). A long real document's
# XML is a few MB; media parts (photos) are not parsed and may be larger.
MAX_DOCX_XML_BYTES = 64 * MB
MAX_DOCX_TOTAL_BYTES = 512 * MB

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


def not_regular_reason(mode: int) -> str | None:
    """Why a file of this mode cannot be read as a document, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, kind in _KINDS:
        if test(mode):
            return f"is {kind}, not a regular file"
    return "is not a regular file"


def stat_input(path: Path) -> os.stat_result:
    """The status of an input file (through symlinks), or an InputError saying what is wrong with it."""
    path = Path(path)
    try:
        status = path.stat()
    except OSError as e:
        raise InputError(_os_reason(path, e), path) from None
    reason = not_regular_reason(status.st_mode)
    if reason:
        raise InputError("is a directory, not a file" if stat.S_ISDIR(status.st_mode) else reason, path)
    return status


def read_input(path: Path) -> bytes:
    """The bytes of a regular file; a FIFO, device, loop or unreadable file is an InputError, never a hang."""
    path = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting forever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise InputError(_os_reason(path, e), path) from None
    try:
        reason = not_regular_reason(os.fstat(fd).st_mode)
        if reason:
            raise InputError(reason, path)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    except OSError as e:
        raise InputError(_os_reason(path, e), path) from None
    finally:
        os.close(fd)


def _os_reason(path: Path, error: OSError) -> str:
    """One plain reason for an OSError on an input: a loop and a broken link are not 'no such file'."""
    if error.errno == errno.ELOOP:
        return "is a symbolic link loop"
    if error.errno == errno.ENOENT:
        return "is a broken symbolic link" if path.is_symlink() else "no such file"
    if error.errno == errno.EACCES:
        return "cannot be read (permission denied)"
    if error.errno == errno.EISDIR:
        return "is a directory, not a file"
    if error.errno == errno.ENAMETOOLONG:
        return "has a name too long for this system"
    return f"cannot be read ({error.strerror or error})"


def check_zip_inflation(data: bytes, path: Path) -> None:
    """Refuse a zip (a .docx) whose parts would inflate beyond the bounds, before anything is parsed.

    The sizes come from the zip's directory; a part that inflates beyond its stated size fails its
    read (zipfile stops at the stated size and then fails the CRC), so the stated sizes bound the cost.
    """
    try:
        entries = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the reader says so in its own words
    xml = sum(e.file_size for e in entries if e.filename.lower().endswith((".xml", ".rels")))
    total = sum(e.file_size for e in entries)
    if xml > MAX_DOCX_XML_BYTES or total > MAX_DOCX_TOTAL_BYTES:
        raise InputError(
            f"inflates to {total / MB:,.0f} MB ({xml / MB:,.0f} MB of XML; the bound is "
            f"{MAX_DOCX_XML_BYTES / MB:g} MB of XML, {MAX_DOCX_TOTAL_BYTES / MB:g} MB in all): refused as a zip bomb",
            path,
        )
