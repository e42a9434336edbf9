"""Peak memory of ``speechkit outline`` on one large text file, beside other checkouts in the same run.

    .venv/bin/python benchmarks/memory.py [--mb 32] [--root OTHER_CHECKOUT ...]

The input is built as ``throughput.py`` builds its ``noisy`` corpus: the scraped samples as they are,
repeated until ``--mb`` megabytes of UTF-8, here joined into one file (issue 18: 32 MB under 300 MiB).
Each checkout runs in a fresh process; its peak resident memory (``ru_maxrss``), wall and CPU time are
printed, and the peak as a ratio to the input's size and to the first checkout's peak. ``--root`` adds
an older checkout (a ``git worktree``) as a column, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import corpus

ROOT = Path(__file__).resolve().parent.parent
MIB = 1 << 20


def build_input(megabytes: float, folder: Path) -> Path:
    """The noisy samples repeated to ``megabytes`` MB, one file."""
    path = folder / f"noisy-{megabytes:g}mb.txt"
    path.write_text("\n".join(corpus("noisy", megabytes)), encoding="utf-8")
    return path


def run(root: Path, text: Path, out: Path) -> dict[str, float]:
    """``speechkit outline`` of the checkout at ``root`` over ``text``: peak MiB, wall and CPU seconds
    (run outside any checkout: ``python -c`` puts its working folder first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    command = [sys.executable, "-c", "import sys; sys.argv[0] = 'speechkit'; from speechkit.cli import main; main()",
               "-q", "outline", str(text), "-o", str(out), "--format", "json"]  # fmt: skip
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=out.parent)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{root}: speechkit outline failed: {child.stderr.read().decode() if child.stderr else ''}")
    return {"peak": usage.ru_maxrss * 1024 / MIB, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=32.0, help="megabytes of text in the input (default 32)")
    parser.add_argument("--root", type=Path, action="append", default=[], help="Also measure this checkout.")
    args = parser.parse_args()
    roots = [ROOT, *(r.resolve() for r in args.root)]
    work = Path(tempfile.mkdtemp(prefix="speechkit-memory-"))
    try:
        text = build_input(args.mb, work)
        size = text.stat().st_size / MIB
        figures = [run(root, text, work / f"out-{i}") for i, root in enumerate(roots)]
        same = all((work / f"out-{i}" / f"{text.stem}.json").read_bytes() == (work / "out-0" / f"{text.stem}.json")
                   .read_bytes() for i in range(len(roots)))  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"input: {size:.1f} MiB of noisy sample text in one file; peak resident memory of speechkit outline")
    print(f"{'checkout':<24}{'peak MiB':>10}{'× input':>9}{'× first':>9}{'wall s':>9}{'cpu s':>8}")
    for root, f in zip(roots, figures, strict=True):
        print(f"{root.name[:23]:<24}{f['peak']:>10.0f}{f['peak'] / size:>9.2f}{f['peak'] / figures[0]['peak']:>9.2f}"
              f"{f['wall']:>9.2f}{f['cpu']:>8.2f}")  # fmt: skip
    if len(roots) > 1:
        print(f"outputs identical: {same}")


if __name__ == "__main__":
    main()
