"""Start-up where a clerk feels it: ``--help``, one small file, a batch's start and an all-done rerun.

    .venv/bin/python benchmarks/startup.py [--repeat 3]

Each figure is the best wall time of ``--repeat`` runs of a fresh process, printed in seconds and
as a ratio to ``python -c pass`` measured in the same run, so figures taken on a loaded machine
still compare (issue 18: ``--help`` < 1 s, one small file < 2 s, an all-done rerun < 1 s).
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


def best_of(repeat: int, command: list[str], env: dict[str, str], before: list[str] | None = None) -> float:
    """The shortest wall time of ``repeat`` runs of ``command`` (``before`` runs untimed first, each time)."""
    times = []
    for _ in range(repeat):
        if before:
            subprocess.run(before, env=env, check=True, capture_output=True)
        started = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="Runs per figure; the best counts.")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100"}
    speechkit = [sys.executable, "-m", "speechkit"]
    work = Path(tempfile.mkdtemp(prefix="speechkit-startup-"))
    try:
        archive = work / "archive"
        archive.mkdir()
        for sample in sorted((ROOT / "samples").glob("*.txt")):
            shutil.copy(sample, archive / sample.name)
        out = work / "out"
        one_file = [*speechkit, "outline", str(SMALL_SAMPLE), "-o", str(work / "one"), "--format", "json"]
        batch = [*speechkit, "batch", str(archive), "-o", str(out), "--workers", "2"]
        fresh_batch = [*speechkit, "batch", str(SMALL_SAMPLE), "-o", str(work / "fresh"), "--workers", "1"]
        clear_fresh = [sys.executable, "-c", f"import shutil; shutil.rmtree({str(work / 'fresh')!r}, True)"]
        subprocess.run(batch, env=env, check=True, capture_output=True)  # the first run, so reruns have nothing to do
        figures = [
            ("python -c pass (reference)", best_of(args.repeat, [sys.executable, "-c", "pass"], env)),
            ("speechkit --help", best_of(args.repeat, [*speechkit, "--help"], env)),
            ("speechkit --version", best_of(args.repeat, [*speechkit, "--version"], env)),
            (f"outline one file ({SMALL_SAMPLE.stat().st_size / 1024:.1f} KB)", best_of(args.repeat, one_file, env)),
            ("batch of one small file, from nothing", best_of(args.repeat, fresh_batch, env, before=clear_fresh)),
            ("batch rerun with all 4 samples done", best_of(args.repeat, batch, env)),
        ]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    reference = figures[0][1]
    print(f"{'figure':<45} {'seconds':>8} {'× python -c pass':>17}")
    for name, seconds in figures:
        print(f"{name:<45} {seconds:8.3f} {seconds / reference:17.1f}")


if __name__ == "__main__":
    main()
