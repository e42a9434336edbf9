"""Inputs: folders and globs → files with a stable relative name, mirrored in OUTDIR."""

from __future__ import annotations

import glob
import os
from collections import Counter
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

    # real file → (the file as found, the root its name is relative to). Names come from the paths
    # as found, not resolved: a symlink to a file outside the archive keeps its name inside it.
    found: dict[str, tuple[Path, Path]] = {}
    ignored = 0
    for source in sources:
        for path, root, explicit in _expand(str(source)):
            if out_dir is not None and _inside(path, out_dir):
                continue
            if not explicit and (path.suffix.lower() not in SUPPORTED_SUFFIXES or _hidden(path, root)):
                ignored += 1
                continue
            found.setdefault(os.path.realpath(path), (Path(os.path.abspath(path)), Path(os.path.abspath(root))))
    if not found:
        return [], ignored
    base = Path(os.path.commonpath([str(root) for _, root in found.values()]))
    inputs = []
    for path, _ in sorted(found.values()):
        try:
            size = path.stat().st_size
        except OSError:  # a broken link or a loop: reading it fails it, with its reason
            size = 0
        inputs.append(BatchInput(path=path, name=path.relative_to(base).as_posix(), size=size))
    return assign_output_stems(inputs), ignored


def _expand(source: str) -> Iterator[tuple[Path, Path, bool]]:
    """(file, root, named explicitly) for a folder, a glob or a file."""
    path = Path(source)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if not child.is_dir():  # FIFOs, broken links and loops too: they are counted, not lost
                yield child, path, False
    elif path.exists() or path.is_symlink():
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
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))  # realpath: no error on a loop


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def assign_output_stems(inputs: list[BatchInput]) -> list[BatchInput]:
    """``dir/speech.txt`` → ``dir/speech``; never two inputs on one output (issue 14).

    Two inputs with one stem keep their full names (``speech.txt``, ``speech.docx``); a stem that is
    still taken (``x.md`` beside ``x.md.txt`` and ``x.txt``) keeps the full name too, then ``~2``;
    a name too long for the disk is cut to fit (``fit_stem``).
    """
    from speechkit.deliver import unique_stems

    reserved = Path(SUMMARY_NAME).stem
    stems = Counter([reserved, *(_stem(i.name) for i in inputs)])
    preferred = [_stem(i.name) if stems[_stem(i.name)] == 1 else i.name for i in inputs]
    claims = Counter([reserved, *preferred])
    preferred = [p if claims[p] == 1 else i.name for p, i in zip(preferred, inputs, strict=True)]
    fitted = [_fit(p) for p in preferred]
    return [replace(i, out_stem=s) for i, s in zip(inputs, unique_stems(fitted, taken=[reserved]), strict=True)]


def _fit(stem: str) -> str:
    from speechkit.deliver import fit_stem

    folder, _, base = stem.rpartition("/")
    return f"{folder}/{fit_stem(base)}" if folder else fit_stem(base)


def _stem(name: str) -> str:
    return str(Path(name).with_suffix("").as_posix())
