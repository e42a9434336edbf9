"""Inputs: folders and globs → files with a stable relative name, mirrored in OUTDIR."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from speechkit.batch.job import is_audio
from speechkit.errors import UsageError

MANIFEST_NAME = ".speechkit-manifest.sqlite"
SUMMARY_NAME = "speechkit-batch-summary.json"


@dataclass(frozen=True)
class BatchInput:
    """One file of the archive: where it is, its name relative to the archive, its size."""

    path: Path
    name: str  # relative, with "/": the key in the manifest and the mirror path in OUTDIR
    size: int
    out_stem: str = ""  # OUTDIR-relative path without suffix: "2023/speech" or "2023/speech.txt"

    @property
    def audio(self) -> bool:
        return is_audio(self.name)


def collect_inputs(sources: Sequence[str | Path], out_dir: Path | None = None) -> tuple[list[BatchInput], int]:
    """Every supported file under the folders, globs and files given; also how many others were passed over.

    Names are relative to the common folder of all sources, so two folders never clash. Hidden
    files and folders, and anything inside ``out_dir``, are left out.
    """
    from speechkit.ingest import SUPPORTED_SUFFIXES

    found: dict[Path, Path] = {}  # file → the root its name is relative to
    ignored = 0
    for source in sources:
        for path, root, explicit in _expand(str(source)):
            if out_dir is not None and _inside(path, out_dir):
                continue
            if not explicit and (path.suffix.lower() not in SUPPORTED_SUFFIXES or _hidden(path, root)):
                ignored += 1
                continue
            found.setdefault(path.resolve(), root.resolve())
    if not found:
        return [], ignored
    base = Path(os.path.commonpath([str(root) for root in found.values()]))
    inputs = []
    for path in sorted(found):
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        inputs.append(BatchInput(path=path, name=path.relative_to(base).as_posix(), size=size))
    return assign_output_stems(inputs), ignored


def _expand(source: str) -> Iterator[tuple[Path, Path, bool]]:
    """(file, root, named explicitly) for a folder, a glob or a file."""
    path = Path(source)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file():
                yield child, path, False
    elif path.is_file():
        yield path, path.parent, True
    elif glob.has_magic(source):
        root = _glob_root(source)
        for match in sorted(glob.glob(source, recursive=True)):
            if Path(match).is_file():
                yield Path(match), root, False
    else:
        raise UsageError(f"{source}: no such file, folder or matching glob")


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed = [p for p in parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]]
    return Path(*fixed) if fixed else Path(".")


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def assign_output_stems(inputs: list[BatchInput]) -> list[BatchInput]:
    """``dir/speech.txt`` → ``dir/speech``; when two inputs share a stem the full name stays (``speech.txt``)."""
    stems: dict[str, int] = {Path(SUMMARY_NAME).stem: 1}
    for item in inputs:
        stem = _stem(item.name)
        stems[stem] = stems.get(stem, 0) + 1
    return [replace(i, out_stem=_stem(i.name) if stems[_stem(i.name)] == 1 else i.name) for i in inputs]


def _stem(name: str) -> str:
    return str(Path(name).with_suffix("").as_posix())
