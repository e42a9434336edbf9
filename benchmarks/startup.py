"""Start-up where a clerk feels it: ``--help``, one small file, a batch's start and an all-done rerun.

    .venv/bin/python benchmarks/startup.py [--repeat 3] [--root OTHER_CHECKOUT ...]

Each figure is the best wall time and the least CPU time (user + system of the process and of the
children it waited for: not a batch's forkserver workers) of ``--repeat`` runs of a fresh process,
printed in seconds and as ratios to ``python -c pass`` measured in the same run, so figures taken on
a loaded machine still compare (issue 18: ``--help`` < 1 s, one small file < 2 s, an all-done rerun
< 1 s). With ``--root`` the same figures are taken for other checkouts (an older commit in a ``git
worktree``) in the same run, one column each.
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

ROOT = Path(__file__).resolve().parent.parent
SMALL_SAMPLE = ROOT / "samples" / "001_96d783c7254f03f3.txt"  # 9.6 KB, the smallest sample


def best_of(
    repeat: int, command: list[str], env: dict[str, str], before: list[str] | None = None
) -> tuple[float, float]:
    """The shortest wall time of ``repeat`` runs of ``command`` (``before`` runs untimed first, each time)
    and the least CPU time (user + system, the process and its children) of a run; NaN when the
    command fails (an older checkout without ``--version``)."""
    walls, cpus = [], []
    for _ in range(repeat):
        if before:
            subprocess.run(before, env=env, check=True, capture_output=True, cwd=tempfile.gettempdir())
        started = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 cwd=tempfile.gettempdir())  # fmt: skip
        _, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            return float("nan"), float("nan")
        walls.append(time.perf_counter() - started)
        cpus.append(usage.ru_utime + usage.ru_stime)
    return min(walls), min(cpus)


def measure(root: Path, repeat: int, work: Path) -> list[tuple[str, tuple[float, float]]]:
    """The start-up figures of the checkout at ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "100"}
    # The console script's own line, so that checkouts without ``python -m speechkit`` run too.
    speechkit = [sys.executable, "-c", "import sys; sys.argv[0] = 'speechkit'; from speechkit.cli import main; main()"]
    archive = work / "archive"
    if not archive.exists():
        archive.mkdir()
        for sample in sorted((ROOT / "samples").glob("*.txt")):
            shutil.copy(sample, archive / sample.name)
    out, one, fresh = work / f"out-{root.name}", work / f"one-{root.name}", work / f"fresh-{root.name}"
    one_file = [*speechkit, "outline", str(SMALL_SAMPLE), "-o", str(one), "--format", "json"]
    batch = [*speechkit, "batch", str(archive), "-o", str(out), "--workers", "2"]
    fresh_batch = [*speechkit, "batch", str(SMALL_SAMPLE), "-o", str(fresh), "--workers", "1"]
    clear_fresh = [sys.executable, "-c", f"import shutil; shutil.rmtree({str(fresh)!r}, True)"]
    subprocess.run(batch, env=env, check=True, capture_output=True, cwd=work)  # first run: reruns have nothing to do
    return [
        ("speechkit --help", best_of(repeat, [*speechkit, "--help"], env)),
        ("speechkit --version", best_of(repeat, [*speechkit, "--version"], env)),
        (f"outline one file ({SMALL_SAMPLE.stat().st_size / 1024:.1f} KB)", best_of(repeat, one_file, env)),
        ("batch of that file, from nothing", best_of(repeat, fresh_batch, env, before=clear_fresh)),
        ("batch rerun, all 4 samples done", best_of(repeat, batch, env)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="Runs per figure; the best counts.")
    parser.add_argument("--root", type=Path, action="append", default=[], help="Also measure this checkout.")
    args = parser.parse_args()
    roots = [ROOT, *(r.resolve() for r in args.root)]
    work = Path(tempfile.mkdtemp(prefix="speechkit-startup-"))
    try:
        reference, reference_cpu = best_of(args.repeat, [sys.executable, "-c", "pass"], dict(os.environ))
        columns = [measure(root, args.repeat, work) for root in roots]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"python -c pass (reference): {reference:.3f} s wall, {reference_cpu:.3f} s CPU; "
          "figures in seconds and × the reference, wall then CPU (user + system)")  # fmt: skip
    print(f"{'figure':<36}" + "".join(f"{root.name[:36]:>38}" for root in roots))
    for i, (name, _) in enumerate(columns[0]):
        cells = "".join(f"{c[i][1][0]:>9.3f} s {c[i][1][0] / reference:>6.1f}×  {c[i][1][1]:>7.3f} s "
                        f"{c[i][1][1] / reference_cpu:>6.1f}×" for c in columns)  # fmt: skip
        print(f"{name:<36}{cells}")


if __name__ == "__main__":
    main()
