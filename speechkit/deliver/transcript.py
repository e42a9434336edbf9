"""Segments → transcript files, atomically: plain text, JSON, SRT and WebVTT subtitles."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from speechkit.deliver import fit_stem, write_atomic
from speechkit.document import Segment

TRANSCRIPT_FORMATS = ("txt", "json", "srt", "vtt")


def timestamp(seconds: float, separator: str = ",") -> str:
    """12.345 → 00:00:12,345 (SRT) or 00:00:12.345 (VTT)."""
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def render_txt(segments: Sequence[Segment], text: str | None = None) -> str:
    """The transcript as text: one sentence-ending segment per line."""
    from speechkit.ingest.transcript import segments_text

    return (text if text is not None else segments_text(segments)) + "\n"


def render_json(segments: Sequence[Segment], source: Path, text: str | None = None) -> str:
    """{"source", "text", "segments": [{"start", "end", "text"}]}."""
    from speechkit.ingest.transcript import segments_text

    payload = {
        "source": str(source),
        "text": text if text is not None else segments_text(segments),
        "segments": [asdict(s) for s in segments],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_srt(segments: Sequence[Segment]) -> str:
    """SubRip: numbered cues, comma before the milliseconds."""
    cues = [f"{i}\n{timestamp(s.start)} --> {timestamp(s.end)}\n{s.text}\n" for i, s in enumerate(segments, start=1)]
    return "\n".join(cues)


def render_vtt(segments: Sequence[Segment]) -> str:
    """WebVTT: a header, then cues with a dot before the milliseconds."""
    cues = [f"{timestamp(s.start, '.')} --> {timestamp(s.end, '.')}\n{s.text}\n" for s in segments]
    return "WEBVTT\n\n" + "\n".join(cues)


def write_transcript(segments: Sequence[Segment], source: Path, out: Path, fmt: str) -> Path:
    """Write ``<out>/<stem>.<fmt>`` atomically and return its path."""
    if fmt not in TRANSCRIPT_FORMATS:
        raise ValueError(f"unknown transcript format {fmt!r}")
    renderers = {
        "txt": lambda: render_txt(segments),
        "json": lambda: render_json(segments, source),
        "srt": lambda: render_srt(segments),
        "vtt": lambda: render_vtt(segments),
    }
    return write_atomic(Path(out) / f"{fit_stem(Path(source).stem)}.{fmt}", renderers[fmt]())
