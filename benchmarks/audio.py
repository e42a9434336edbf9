"""Whisper engines on real Mandarin audio: CER, real-time factor, peak memory, and their ratios.

Usage:  .venv/bin/python benchmarks/audio.py [--audio DIR] [--punctuation] [--long] [--openai] [--json FILE]

Each configuration runs in its own subprocess, so its peak RSS (model + decoding) is clean. Data:
the eight clips of ``refs.tsv`` and ``speech_000_excerpt.wav`` with its exact text (../shared/audio).
CER: OpenCC t2s on both sides, punctuation and spaces removed, Levenshtein distance / reference length.
``--punctuation`` also measures what the initial prompt, the pauses between segments and word timestamps
restore (punctuation marks per 100 characters against the reference's) and what each costs in CER.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_AUDIO = ROOT.parent / "shared" / "audio"
EXCERPT = "speech_000_excerpt"
MARKS = "，。！？；：、,.!?;:"


@dataclass(frozen=True)
class Config:
    """One row of the benchmark: an engine and the options that differ from the defaults."""

    label: str
    options: dict[str, Any]


# The reference of every speed figure: the default engine as it was before issue 18, measured in the same run.
SEQUENTIAL = Config("faster-whisper int8, sequential, whole file (before)", {"batch_size": 1, "block_seconds": None})
ENGINES = (
    Config("faster-whisper int8, batched, streamed (default)", {}),
    SEQUENTIAL,
)
OPENAI = (
    # no VAD: openai-whisper has none, so both engines decode the very same samples
    Config("faster-whisper float32, no VAD", {"compute_type": "float32", "vad": False, "batch_size": 1}),
    Config("openai-whisper", {"engine": "openai-whisper"}),
)
REPEATS = 2  # the excerpt is transcribed this many times per configuration: the fastest run counts (shared CPUs)
RAW = {"initial_prompt": None, "pause_punctuation": False}
PUNCTUATION = (
    Config("raw Whisper (no prompt, no pauses)", RAW),
    Config("+ initial prompt", {"pause_punctuation": False}),
    Config("+ pauses between segments", {"initial_prompt": None}),
    Config("+ prompt + pauses (default)", {}),
    Config("+ prompt + pauses + word timestamps", {"word_times": True}),
)


# ---------------------------------------------------------------- measuring


def strip_for_cer(text: str) -> str:
    """t2s, then only letters and digits: punctuation and spaces do not count."""
    import opencc

    return re.sub(r"[\W_]", "", opencc.OpenCC("t2s").convert(text))


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
        previous = current
    return previous[-1]


def cer(pairs: list[tuple[str, str]]) -> float:
    """Corpus CER over (reference, hypothesis) pairs."""
    refs = [strip_for_cer(r) for r, _ in pairs]
    errors = sum(edit_distance(r, strip_for_cer(h)) for r, (_, h) in zip(refs, pairs, strict=True))
    return errors / max(1, sum(len(r) for r in refs))


def marks_per_100(text: str) -> float:
    chars = len(strip_for_cer(text))
    return 100 * sum(c in MARKS for c in text) / max(1, chars)


def load_refs(audio: Path) -> tuple[dict[str, str], str]:
    with (audio / "refs.tsv").open(encoding="utf-8") as f:
        clips = {row["file"]: row["reference"] for row in csv.DictReader(f, delimiter="\t")}
    return clips, (audio / f"{EXCERPT}.txt").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the worker (one per configuration)


def run_worker(audio: Path, options: dict[str, Any], files: list[str]) -> dict[str, Any]:
    """Load the engine once, transcribe each file, report texts, times and this process's peak RSS."""
    from speechkit.ingest.audio import TranscribeOptions, load_transcriber, transcribe
    from speechkit.ingest.decode import audio_duration
    from speechkit.ingest.transcript import segments_text

    settings = replace(TranscribeOptions(), **options)
    started = time.perf_counter()
    load_transcriber(settings.engine, settings.model, settings.device, settings.compute_type, settings.cpu_threads)
    load_seconds = time.perf_counter() - started
    results = {}
    for name in files:
        path = audio / name
        duration = audio_duration(path) or 0.0
        best = None
        for _ in range(REPEATS if name == f"{EXCERPT}.wav" else 1):
            started, cpu_started = time.perf_counter(), time.process_time()
            segments = transcribe(path, settings)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
            if best is None or seconds < best["seconds"]:
                best = {"seconds": seconds, "cpu_seconds": cpu}
        results[name] = {
            "text": segments_text(segments),
            "segments": [[s.start, s.end, s.text] for s in segments],
            "duration": duration,
            **best,
        }
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"load_seconds": load_seconds, "peak_mb": peak_kb / 1024, "files": results}


def measure(config: Config, audio: Path, files: list[str]) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--worker",
        json.dumps(config.options),
        "--audio",
        str(audio),
        *map(str, files),
    ]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        sys.exit(f"{config.label} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- report


def summarise(run: dict[str, Any], clips: dict[str, str], excerpt_ref: str) -> dict[str, float]:
    files = run["files"]
    clip_pairs = [(clips[name], files[name]["text"]) for name in clips if name in files]
    excerpt = files.get(f"{EXCERPT}.wav")
    clip_audio = sum(files[n]["duration"] for n in clips if n in files)
    clip_time = sum(files[n]["seconds"] for n in clips if n in files)
    row = {
        "clips_cer": cer(clip_pairs),
        "clips_rtf": clip_time / max(clip_audio, 1e-9),
        "peak_mb": run["peak_mb"],
        "load_s": run["load_seconds"],
    }
    if excerpt:
        row |= {
            "excerpt_cer": cer([(excerpt_ref, excerpt["text"])]),
            "excerpt_rtf": excerpt["seconds"] / excerpt["duration"],
            "excerpt_s": excerpt["seconds"],
            "excerpt_cpu_rtf": excerpt["cpu_seconds"] / excerpt["duration"],
            "marks_per_100": marks_per_100(excerpt["text"]),
        }
    return row


def print_table(title: str, rows: dict[str, dict[str, float]], columns: list[str]) -> None:
    print(f"\n{title}")
    print(f"{'':40}" + "".join(f"{c:>15}" for c in columns))
    for label, row in rows.items():
        cells = "".join(f"{row.get(c, float('nan')):>15.3f}" for c in columns)
        print(f"{label:40}{cells}")


# ---------------------------------------------------------------- long recordings: memory and lost speech

LONG = ROOT / ".cache" / "audio-bench"
GAP = (3, 60.0)  # after the 3rd reading of the excerpt, a minute of room noise


def write_long(audio: Path, minutes: int) -> tuple[Path, str, tuple[float, float] | None]:
    """The excerpt read over and over to about ``minutes`` (the 15-minute one with a noise gap), its text, the gap."""
    import wave

    import numpy as np

    from speechkit.ingest.decode import decode_audio

    excerpt = decode_audio(audio / f"{EXCERPT}.wav")
    repeats = max(1, round(minutes * 60 / (excerpt.size / 16000)))
    gap = GAP if repeats > GAP[0] else None
    path = LONG / f"excerpt_{minutes}min.wav"
    pieces, at, span = [], 0.0, None
    noise = np.random.default_rng(0).normal(0, 0.002, int(GAP[1] * 16000)).astype(np.float32)
    for i in range(repeats):
        if gap and i == gap[0]:
            pieces.append(noise)
            span = (at, at + GAP[1])
            at += GAP[1]
        pieces.append(excerpt)
        at += excerpt.size / 16000
    if not path.exists():
        LONG.mkdir(parents=True, exist_ok=True)
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(16000)
            out.writeframes((np.clip(np.concatenate(pieces), -1, 1) * 32767).astype("<i2").tobytes())
    text = (audio / f"{EXCERPT}.txt").read_text(encoding="utf-8")
    return path, text * repeats, span


def long_rows(audio: Path) -> dict[str, dict[str, float]]:
    """Peak memory at 2 and 15 minutes, CER, and no text inside the noise gap, for each engine setting."""
    rows = {}
    made = {minutes: write_long(audio, minutes) for minutes in (2, 15)}
    for config in ENGINES:
        for minutes, (path, reference, gap) in made.items():
            result = measure(config, LONG, [path.name])
            run = result["files"][path.name]
            invented = [s for s in run["segments"] if gap and gap[0] + 1 < (s[0] + s[1]) / 2 < gap[1] - 1]
            rows[f"{config.label}, {minutes} min"] = {
                "peak_mb": result["peak_mb"],
                "cer": cer([(reference, run["text"])]),
                "rtf": run["seconds"] / max(run["duration"], 1e-9),
                "gap_segments": float(len(invented)),
            }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audio", type=Path, default=DEFAULT_AUDIO, help="folder with refs.tsv and the excerpt")
    parser.add_argument("--punctuation", action="store_true", help="also measure the punctuation strategies")
    parser.add_argument("--long", action="store_true", help="also 2- and 15-minute recordings: memory, lost speech")
    parser.add_argument("--openai", action="store_true", help="also openai-whisper and faster-whisper float32")
    parser.add_argument("--json", type=Path, help="write all figures and transcripts here")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        print(json.dumps(run_worker(args.audio, json.loads(args.worker), args.files), ensure_ascii=False))
        return

    clips, excerpt_ref = load_refs(args.audio)
    files = [*clips, f"{EXCERPT}.wav"]
    configs = ENGINES + (OPENAI if args.openai else ())
    runs = {c.label: measure(c, args.audio, files) for c in configs}
    rows = {label: summarise(run, clips, excerpt_ref) for label, run in runs.items()}
    columns = ["clips_cer", "excerpt_cer", "clips_rtf", "excerpt_rtf", "excerpt_cpu_rtf", "peak_mb", "load_s"]
    print_table(
        "Whisper base, beam 5, language zh, 2-core CPU (RTF: seconds of compute per second of audio)", rows, columns
    )
    default, before = rows[ENGINES[0].label], rows[SEQUENTIAL.label]
    print(f"\nreference text: {marks_per_100(excerpt_ref):.1f} punctuation marks per 100 characters")
    speed = before["excerpt_rtf"] / default["excerpt_rtf"]
    print(f"default vs before (sequential, whole file) on the excerpt: {speed:.2f}x faster (wall, best of {REPEATS})")
    checks = {
        ">= 1.8x faster than before on the excerpt": speed >= 1.8,
        "CER on clips within 0.01 of before": default["clips_cer"] <= before["clips_cer"] + 0.01,
        "CER on excerpt within 0.01 of before": default["excerpt_cer"] <= before["excerpt_cer"] + 0.01,
    }
    if args.openai:
        reference = rows[OPENAI[1].label]
        cpu_ratio = reference["excerpt_cpu_rtf"] / default["excerpt_cpu_rtf"]
        memory_ratio = default["peak_mb"] / reference["peak_mb"]
        same = sum(
            runs[OPENAI[0].label]["files"][n]["text"] == runs[OPENAI[1].label]["files"][n]["text"] for n in clips
        )
        print(f"faster-whisper float32 and openai-whisper give the same text on {same} of {len(clips)} clips")
        checks |= {
            ">= 4x less CPU time than openai-whisper on excerpt": cpu_ratio >= 4,
            "<= 0.5x openai-whisper's memory": memory_ratio <= 0.5,
        }
    if args.long:
        long = long_rows(args.audio)
        print_table("The excerpt read over and over (the 15-minute one with a minute of noise)", long,
                    ["peak_mb", "cer", "rtf", "gap_segments"])  # fmt: skip
        new = [row for label, row in long.items() if label.startswith(ENGINES[0].label)]
        checks |= {
            "memory flat from 2 to 15 minutes (within 10%)": new[1]["peak_mb"] <= 1.1 * new[0]["peak_mb"],
            "no text invented in the noise gap": new[1]["gap_segments"] == 0,
            "no speech lost at 15 minutes (CER within 0.02 of 2 minutes)": new[1]["cer"] <= new[0]["cer"] + 0.02,
        }
        rows |= long
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'FAIL'}  {name}")

    if args.punctuation:
        runs |= {c.label: measure(c, args.audio, files) for c in PUNCTUATION if c.options}
        punct_rows = {
            c.label: summarise(runs[c.label] if c.options else runs[ENGINES[0].label], clips, excerpt_ref)
            for c in PUNCTUATION
        }
        print_table(
            "Punctuation (faster-whisper int8): marks per 100 characters on the excerpt and CER cost",
            punct_rows,
            ["marks_per_100", "excerpt_cer", "clips_cer", "excerpt_rtf"],
        )
    if args.json:
        payload = {"rows": rows, "runs": runs, "configs": [asdict(c) for c in configs + PUNCTUATION]}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
