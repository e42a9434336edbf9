"""Batch throughput: files/s over a generated archive for 1 and 2 local workers and for Ray.

    .venv/bin/python benchmarks/batch.py [--files 2000] [--ray-cpus 2] [--json OUT.json]

The archive is the samples cut into 2,000+ speeches of varying length, with the dates, numbers
and units varied, written in UTF-8, GBK, UTF-16 and as HTML, in nested year/month folders.
Each run writes into a fresh output folder (nothing skipped). The pipeline's one-off load (in the
forkserver the workers fork from) and Ray's start are timed apart: both are paid once per batch.
The figure that matters is the ratio: two workers should reach >= 1.6x one worker. On a shared
machine the wall-clock ratio also measures the other tenants, so each run also reports the CPU
its jobs got (``cpu share``: job CPU seconds / wall seconds, 2.0 being two whole cores) and the
CPU per file; ``--rounds 2`` runs 1-2-2-1 workers and keeps each one's best.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from speechkit.batch import BatchSummary, run_batch

ROOT = Path(__file__).resolve().parent.parent
UNITS = ["市发展改革委", "市财政局", "市教育局", "市住房城乡建设局", "市交通运输局", "市卫生健康委", "各区政府"]


def vary(text: str, rng: random.Random) -> str:
    """A new speech from a sample: a window of its lines, other numbers, other units."""
    lines = [line for line in text.splitlines() if line.strip()]
    size = rng.randint(8, 40)
    start = rng.randrange(max(1, len(lines) - size))
    body = "\n".join(lines[start : start + size])
    body = "".join(str(rng.randint(1, 9)) if ch.isdigit() and rng.random() < 0.3 else ch for ch in body)
    for unit in UNITS:
        if unit in body:
            body = body.replace(unit, rng.choice(UNITS))
    return f"{lines[0]}\n{body}\n"


def encode(text: str, kind: int) -> tuple[str, bytes]:
    """Suffix and bytes, rotating through the encodings and formats an archive holds."""
    if kind == 0:
        return ".txt", text.encode("gbk", errors="ignore")
    if kind == 1:
        return ".txt", text.encode("utf-16")
    if kind == 2:
        paragraphs = "".join(f"<p>{line}</p>" for line in text.splitlines())
        page = f'<html><head><meta charset="utf-8"></head><body><article>{paragraphs}</article></body></html>'
        return ".html", page.encode("utf-8")
    return ".txt", text.encode("utf-8")


def build_archive(root: Path, count: int, seed: int = 8) -> int:
    """Write ``count`` files under ``root``; return their total size in bytes."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    total = 0
    for i in range(count):
        suffix, data = encode(vary(texts[i % len(texts)], rng), i % 5)
        path = root / f"{2015 + i % 10}" / f"{1 + i % 12:02d}" / f"speech_{i:05d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total


def timed_run(archive: Path, out: Path, **kwargs: object) -> BatchSummary:
    summary = run_batch([archive], out, **kwargs)  # type: ignore[arg-type]
    if summary.interrupted or summary.skipped:
        sys.exit(f"benchmark run was interrupted or skipped files: {summary.to_dict()}")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--ray-cpus", type=int, default=2)
    parser.add_argument("--no-ray", action="store_true")
    parser.add_argument("--rounds", type=int, default=1, help="Alternate 1 and 2 workers this many times.")
    parser.add_argument("--json", type=Path, help="Also write the figures here.")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="speechkit-bench-") as tmp:
        archive = Path(tmp) / "archive"
        size = build_archive(archive, args.files)
        print(f"archive: {args.files} files, {size / 2**20:.1f} MB, {os.cpu_count()} CPUs", flush=True)
        figures: dict[str, dict[str, float]] = {}
        # The pipeline loads once per batch, in the forkserver its workers fork from: time it apart, like Ray's start.
        started = time.perf_counter()
        timed_run(next(archive.rglob("*.txt")), Path(tmp) / "out-warm", workers=1)
        warm = time.perf_counter() - started
        print(f"start-up (warm forkserver: spaCy, jieba), once per batch, not timed: {warm:.1f} s", flush=True)
        for round_ in range(args.rounds):
            for workers in (1, 2) if round_ % 2 == 0 else (2, 1):
                summary = timed_run(archive, Path(tmp) / f"out-{workers}-{round_}", workers=workers)
                best = figures.get(f"local x{workers}", {}).get("files_per_second", 0)
                if summary.files_per_second > best:
                    figures[f"local x{workers}"] = _figures(summary)
                print(f"local, {workers} worker(s): {_line(summary)}", flush=True)
        if not args.no_ray:
            import ray

            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            started = time.perf_counter()
            ray.init(
                num_cpus=args.ray_cpus,
                include_dashboard=False,
                log_to_driver=False,
                logging_level="ERROR",
                _node_ip_address="127.0.0.1",
            )
            ray_start = time.perf_counter() - started
            try:
                summary = timed_run(archive, Path(tmp) / "out-ray", executor="ray")
            finally:
                ray.shutdown()
            figures[f"ray x{args.ray_cpus}"] = {**_figures(summary), "ray_start_seconds": round(ray_start, 1)}
            print(f"ray, {args.ray_cpus} CPUs (Ray start {ray_start:.1f} s, not timed): {_line(summary)}", flush=True)

    one = figures["local x1"]["files_per_second"]
    ratios = {name: round(f["files_per_second"] / one, 2) for name, f in figures.items()}
    print("speed-up over one local worker: " + ", ".join(f"{name} {ratio:.2f}x" for name, ratio in ratios.items()))
    verdict = "meets" if ratios["local x2"] >= 1.6 else "MISSES"
    print(f"2 workers / 1 worker = {ratios['local x2']:.2f} ({verdict} the 1.6x bar)")
    if args.json:
        args.json.write_text(json.dumps({"files": args.files, "runs": figures, "ratios": ratios}, indent=1) + "\n")


def _figures(summary: BatchSummary) -> dict[str, float]:
    processed = max(1, summary.ok + summary.failed)
    return {
        "files_per_second": summary.files_per_second,
        "seconds": summary.seconds,
        "failed": summary.failed,
        "cpu_share": round(summary.job_cpu_seconds / summary.seconds, 2) if summary.seconds else 0.0,
        "cpu_ms_per_file": round(1000 * summary.job_cpu_seconds / processed, 1),
    }


def _line(summary: BatchSummary) -> str:
    f = _figures(summary)
    return (
        f"{summary.files_per_second:.1f} files/s ({summary.ok} ok, {summary.failed} failed, {summary.seconds:.1f} s;"
        f" cpu share {f['cpu_share']:.2f}, {f['cpu_ms_per_file']:.0f} ms CPU/file)"
    )


if __name__ == "__main__":
    main()
