"""Audio → Document: decode with PyAV, transcribe with Whisper, keep the timed Segments.

Two engines behind one small ``Transcriber`` interface (faster-whisper's ``WhisperModel`` style):
faster-whisper (CTranslate2, the default; int8 on CPU, float16 on CUDA) and openai-whisper (the
reference implementation). A model is loaded once per process and cached. The raw Whisper output
is made usable for a clerk: loudness normalised before decoding, simplified characters, repetition
loops and hallucinated credit lines dropped, punctuation restored from an initial prompt, the pauses
between segments and (optionally) the pauses between words.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from speechkit.document import Document, Segment, Speech
from speechkit.errors import InputError, MissingExtra, UsageError

SAMPLE_RATE = 16000
ENGINES = ("faster-whisper", "openai-whisper")
# CTranslate2's compute types (ctranslate2.get_supported_compute_types lists those this device runs).
COMPUTE_TYPES = (
    "default", "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16", "float16", "bfloat16",
    "float32",
)  # fmt: skip
# Whisper base writes almost no punctuation in Chinese; a punctuated prompt in simplified characters
# makes it punctuate, and keeps it from drifting into traditional characters (issue 7, benchmarks/audio.py).
DEFAULT_PROMPT = "以下是普通话的会议讲话，请加上标点符号。"
PROMPT_MIN_SECONDS = 30.0
Progress = Callable[[float, float], None]  # (seconds transcribed, total seconds)


@dataclass(frozen=True, slots=True)
class TranscribeOptions:
    """How to transcribe (faster-whisper ``TranscriptionOptions`` style)."""

    engine: str = "faster-whisper"
    model: str = "base"  # a name installed by `speechkit models install`, a local folder/.pt, or a hub name
    device: str = "auto"  # cpu, cuda or auto
    compute_type: str | None = None  # faster-whisper: int8 on CPU, float16 on CUDA when None
    beam_size: int = 5
    language: str = "zh"
    initial_prompt: str | None = DEFAULT_PROMPT
    hotwords: tuple[str, ...] = ()  # unit names and terms of the meeting (--hotwords FILE)
    vad: bool = True  # faster-whisper only: skip silence with Silero VAD
    normalize: bool = True  # loudness normalisation before transcribing
    pause_punctuation: bool = True  # end each segment with ，or 。 by the pause after it
    word_pauses: bool = False  # word timestamps: a ，at long pauses inside a segment
    simplify: bool = True  # OpenCC t2s
    cpu_threads: int = field(default_factory=lambda: os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class TimedText:
    """A segment as an engine returns it, with word times when asked for."""

    start: float
    end: float
    text: str
    words: tuple[tuple[float, float, str], ...] = ()


class Transcriber(Protocol):
    """One Whisper engine with its model loaded."""

    def transcribe(self, audio: Any, options: TranscribeOptions, prompt: str | None) -> Iterator[TimedText]:
        """Timed segments of 16 kHz mono float32 audio, in order."""
        ...


# ---------------------------------------------------------------- decoding


def decode_audio(path: Path) -> Any:
    """16 kHz mono float32 samples of any file PyAV reads; InputError when it is not audio."""
    try:
        import av
        import numpy as np
    except ImportError as e:
        raise MissingExtra("av", "audio") from e
    try:
        if path.stat().st_size == 0:
            raise InputError("is empty", path)
    except OSError as e:
        raise InputError(f"cannot be read ({e.strerror or e})", path) from e
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    chunks = []
    try:
        with av.open(str(path), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise InputError("has no audio stream", path)
            for frame in container.decode(audio=0):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except InputError:
        raise
    except (av.FFmpegError, ValueError, UnicodeDecodeError) as e:
        raise InputError("not a readable audio file (corrupt or not audio)", path) from e
    samples = np.concatenate(chunks) if chunks else np.zeros(0, np.int16)
    if samples.size < SAMPLE_RATE // 10:
        raise InputError("holds no audio (shorter than 0.1 s)", path)
    return samples.astype(np.float32) / 32768.0


def normalize_loudness(audio: Any, target_dbfs: float = -20.0) -> Any:
    """Scale to a target RMS over the louder half of 50 ms frames (silence does not count), peaks ≤ 0.99.

    Clips recorded at very different levels otherwise confuse Whisper: on joined real clips this took
    CER from 0.80 to 0.24 (issue 7).
    """
    import numpy as np

    frame = SAMPLE_RATE // 20
    n = audio.size // frame
    if n == 0:
        return audio
    rms = np.sqrt(np.mean(audio[: n * frame].reshape(n, frame) ** 2, axis=1))
    voiced = rms[rms >= np.median(rms)]
    level = float(np.sqrt(np.mean(voiced**2))) if voiced.size else 0.0
    if level < 1e-5:
        return audio
    gain = 10 ** (target_dbfs / 20) / level
    peak = float(np.max(np.abs(audio))) * gain
    if peak > 0.99:
        gain *= 0.99 / peak
    return (audio * gain).astype(np.float32)


# ---------------------------------------------------------------- engines


def _cuda_available(engine: str) -> bool:
    try:
        if engine == "faster-whisper":
            import ctranslate2

            return ctranslate2.get_cuda_device_count() > 0
        import torch

        return bool(torch.cuda.is_available())
    except Exception:  # no driver, no library: CPU it is
        return False


def resolve_device(engine: str, device: str) -> str:
    """cpu, cuda, or auto → cuda when this machine has it."""
    if device not in {"cpu", "cuda", "auto"}:
        raise UsageError(f"--device: {device!r} is not cpu, cuda or auto")
    if device == "auto":
        return "cuda" if _cuda_available(engine) else "cpu"
    return device


class FasterWhisper:
    """faster-whisper (CTranslate2): int8 on CPU, float16 on CUDA by default."""

    def __init__(self, model: str, device: str, compute_type: str, cpu_threads: int) -> None:
        try:
            from faster_whisper import WhisperModel
        except ImportError as e:
            raise MissingExtra("faster-whisper", "audio") from e
        from speechkit.models import resolve_model

        path = resolve_model(model, "faster-whisper")
        try:
            self.model = WhisperModel(path, device=device, compute_type=compute_type, cpu_threads=cpu_threads)
        except Exception as e:  # hub unreachable, bad folder, unsupported compute type
            raise _model_error(model, e) from e

    def transcribe(self, audio: Any, options: TranscribeOptions, prompt: str | None) -> Iterator[TimedText]:
        segments, _ = self.model.transcribe(
            audio,
            language=options.language,
            beam_size=options.beam_size,
            initial_prompt=prompt,
            hotwords=" ".join(options.hotwords) or None,
            vad_filter=options.vad,
            word_timestamps=options.word_pauses,
        )
        for s in segments:
            words = tuple((w.start, w.end, w.word) for w in s.words or ())
            yield TimedText(s.start, s.end, s.text, words)


class OpenAIWhisper:
    """openai-whisper (PyTorch), the reference implementation; loads the checkpoint built from the same weights."""

    def __init__(self, model: str, device: str) -> None:
        try:
            import whisper
        except ImportError as e:
            raise MissingExtra("openai-whisper", "whisper") from e
        from speechkit.models import resolve_model

        path = resolve_model(model, "openai-whisper")
        try:
            self.model = whisper.load_model(path, device=device)
        except Exception as e:
            raise _model_error(model, e) from e
        self.device = device
        _set_alignment_heads(self.model, path)

    def transcribe(self, audio: Any, options: TranscribeOptions, prompt: str | None) -> Iterator[TimedText]:
        if options.hotwords:  # openai-whisper has no hotwords: they join the prompt, carried to every window
            prompt = " ".join(options.hotwords) + ("，" + prompt if prompt else "")
        result = self.model.transcribe(
            audio,
            language=options.language,
            beam_size=options.beam_size,
            initial_prompt=prompt,
            carry_initial_prompt=bool(options.hotwords),
            word_timestamps=options.word_pauses,
            fp16=self.device == "cuda",
            verbose=None,
        )
        for s in result["segments"]:
            words = tuple((w["start"], w["end"], w["word"]) for w in s.get("words", ()))
            yield TimedText(s["start"], s["end"], s["text"], words)


def _set_alignment_heads(model: Any, path: str) -> None:
    """Word timestamps need the alignment heads that our checkpoint carries beside its weights."""
    if not os.path.isfile(path):
        return
    import torch

    heads = torch.load(path, map_location="cpu", weights_only=True).get("alignment_heads")
    if heads:
        mask = torch.zeros(model.dims.n_text_layer, model.dims.n_text_head, dtype=torch.bool)
        for layer, head in heads:
            mask[layer, head] = True
        model.register_buffer("alignment_heads", mask.to_sparse(), persistent=False)


def _model_error(model: str, error: Exception) -> InputError:
    hint = "; run `speechkit models install base`" if model == "base" else ""
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return InputError(f"cannot load Whisper model {model!r}: {first}{hint}")


def check_options(options: TranscribeOptions) -> None:
    """Refuse a wrong --compute-type or a --model path that is not there before any file is read."""
    if options.compute_type is not None and options.compute_type not in COMPUTE_TYPES:
        raise UsageError(f"--compute-type: {options.compute_type!r} is not one of {', '.join(COMPUTE_TYPES)}")
    from speechkit.models import resolve_model

    resolve_model(options.model, options.engine)


@functools.lru_cache(maxsize=4)
def load_transcriber(engine: str, model: str, device: str, compute_type: str | None, cpu_threads: int) -> Transcriber:
    """The engine with its model loaded, once per process for each setting."""
    if engine not in ENGINES:
        raise UsageError(f"--engine: {engine!r} is not one of {', '.join(ENGINES)}")
    device = resolve_device(engine, device)
    if engine == "openai-whisper":
        return OpenAIWhisper(model, device)
    compute_type = compute_type or ("float16" if device == "cuda" else "int8")
    if compute_type not in COMPUTE_TYPES:  # else CTranslate2's refusal reads as a missing model
        raise UsageError(f"--compute-type: {compute_type!r} is not one of {', '.join(COMPUTE_TYPES)}")
    return FasterWhisper(model, device, compute_type, cpu_threads)


# ---------------------------------------------------------------- clean-up of Whisper output

# Credits Whisper learnt from subtitled videos and writes over silence or music.
HALLUCINATIONS = re.compile(
    r"字幕由.{0,20}提供|字幕[:：].{0,20}|请不吝点赞|点赞.{0,4}订阅|订阅.{0,6}(?:频道|转发|打赏)|明镜与点点栏目"
    r"|中文字幕志愿者|优优独播剧场|谢谢观看|感谢观看|本字幕|字幕组|Amara\.org"
)
# A stretch of 1-12 characters said 4 or more times in a row: Whisper's repetition loop.
LOOP = re.compile(r"(.{1,12}?)\1{3,}")
PUNCTUATION = "，。！？；：、,.!?;:"
SENTENCE_END = "。！？!?"


def collapse_loops(text: str) -> str:
    """啊啊啊啊啊 → 啊, 我们要我们要我们要我们要 → 我们要."""
    return LOOP.sub(r"\1", text)


def drop_hallucinations(parts: Iterable[TimedText]) -> Iterator[TimedText]:
    """Drop credit lines, empty segments and a segment that repeats the one before it."""
    previous = ""
    for part in parts:
        text = collapse_loops(part.text.strip())
        bare = _bare(text)
        if not bare or HALLUCINATIONS.search(text) or bare == previous:
            continue
        previous = bare
        yield replace(part, text=text)


def _bare(text: str) -> str:
    return re.sub(rf"[\s{re.escape(PUNCTUATION)}]", "", text)


def insert_word_pauses(part: TimedText, min_gap: float = 0.3) -> TimedText:
    """A ，where the speaker pauses between two words of a segment."""
    if len(part.words) < 2:
        return part
    pieces = [part.words[0][2]]
    for (_, end, _), (start, _, word) in zip(part.words, part.words[1:], strict=False):
        if start - end >= min_gap and pieces[-1].strip() and pieces[-1].strip()[-1] not in PUNCTUATION:
            pieces.append("，")
        pieces.append(word)
    return replace(part, text="".join(pieces).strip())


def punctuate_by_pauses(parts: list[TimedText], sentence_gap: float = 0.6) -> list[TimedText]:
    """End each segment that has no final mark with 。 before a long pause (or at the end), else ，."""
    out = []
    for i, part in enumerate(parts):
        text = part.text.strip()
        if text and text[-1] not in PUNCTUATION:
            gap = parts[i + 1].start - part.end if i + 1 < len(parts) else sentence_gap
            text += "。" if gap >= sentence_gap else "，"
        out.append(replace(part, text=text))
    return out


def _normalise_marks(text: str) -> str:
    """Half-width marks between Chinese characters → full-width; no spaces between hanzi."""
    text = re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "，", text.strip())
    marks = {",": "，", "?": "？", "!": "！", ";": "；", ":": "："}
    text = re.sub(r"(?<=[\u4e00-\u9fff])[,?!;:]", lambda m: marks[m.group()], text)
    return re.sub(r"(?<=[\u4e00-\u9fff])\.(?!\d)", "。", text)


# Whisper writes a spoken ordinal that opens a sentence as an Arabic numeral: "1.近年来…" for "一 近年来…".
SPOKEN_ORDINAL = re.compile(r"(?:^|(?<=[。！？]))(10|[1-9])[.、，,．]\s*(?=[\u4e00-\u9fff])")
CHINESE_NUMERALS = "零一二三四五六七八九十"


def write_ordinals(text: str) -> str:
    """A sentence-opening 1. 2. … → 一、二、… as a written speech numbers its parts."""
    return SPOKEN_ORDINAL.sub(lambda m: CHINESE_NUMERALS[int(m.group(1))] + "、", text)


@functools.lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s").convert


@functools.lru_cache(maxsize=8192)
def _syllable(char: str) -> str:
    from pypinyin import lazy_pinyin

    return lazy_pinyin(char)[0]


def apply_hotwords(text: str, hotwords: Iterable[str]) -> str:
    """Replace a homophone of a hotword by the hotword: 今年来 → 近年来, 全式 → 全市.

    Whisper base hears the sounds right and picks the commoner characters; a unit name or term the
    user listed (--hotwords) wins when the pinyin (without tones) is the same and at least half the
    characters already match.
    """
    try:
        import pypinyin  # noqa: F401
    except ImportError as e:
        raise MissingExtra("pypinyin", "audio") from e
    for word in hotwords:
        if len(word) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in word):
            continue
        sound = [_syllable(c) for c in word]
        out, i = [], 0
        while i < len(text):
            window = text[i : i + len(word)]
            same = sum(a == b for a, b in zip(window, word, strict=False))
            if (
                len(window) == len(word)
                and window != word
                and 2 * same >= len(word)
                and [_syllable(c) for c in window] == sound
            ):
                out.append(word)
                i += len(word)
            else:
                out.append(text[i])
                i += 1
        text = "".join(out)
    return text


def to_segments(parts: Iterable[TimedText], options: TranscribeOptions) -> tuple[Segment, ...]:
    """Engine output → clean, simplified, punctuated Segments."""
    cleaned = list(drop_hallucinations(parts))
    if options.word_pauses:
        cleaned = [insert_word_pauses(p) for p in cleaned]
    if options.pause_punctuation:  # Whisper marks a pause inside a Chinese segment with a space
        cleaned = [replace(p, text=_normalise_marks(p.text)) for p in cleaned]
    else:
        cleaned = [replace(p, text=re.sub(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])", "", p.text)) for p in cleaned]
    if options.pause_punctuation:
        cleaned = punctuate_by_pauses(cleaned)
    convert = _t2s() if options.simplify else (lambda s: s)
    fix = (lambda t: apply_hotwords(t, options.hotwords)) if options.hotwords else (lambda t: t)
    return tuple(
        Segment(round(p.start, 2), round(p.end, 2), write_ordinals(fix(convert(p.text)))) for p in cleaned if p.text
    )


def segments_text(segments: Iterable[Segment]) -> str:
    """The transcript: a new line after each sentence end, so read-aloud headings start a line."""
    out = []
    for segment in segments:
        out.append(segment.text)
        out.append("\n" if segment.text[-1:] in SENTENCE_END else "")
    return "".join(out).strip()


# ---------------------------------------------------------------- public API


def transcribe(
    path: Path, options: TranscribeOptions | None = None, progress: Progress | None = None
) -> tuple[Segment, ...]:
    """The timed, cleaned Segments of one recording."""
    options = options or TranscribeOptions()
    audio = decode_audio(Path(path))
    if options.normalize:
        audio = normalize_loudness(audio)
    engine = load_transcriber(options.engine, options.model, options.device, options.compute_type, options.cpu_threads)
    duration = audio.size / SAMPLE_RATE
    # On clips shorter than one 30 s window Whisper base echoes or paraphrases the prompt: CER on the
    # eight test clips went from 0.124 to 0.228 with it, while the long excerpt gained (0.111 → 0.107).
    prompt = options.initial_prompt if duration >= PROMPT_MIN_SECONDS else None

    def reported(parts: Iterator[TimedText]) -> Iterator[TimedText]:
        for part in parts:
            if progress:
                progress(min(part.end, duration), duration)
            yield part

    segments = to_segments(reported(engine.transcribe(audio, options, prompt)), options)
    if progress:
        progress(duration, duration)
    return segments


def read_audio(path: Path, options: TranscribeOptions | None = None, progress: Progress | None = None) -> Document:
    """Transcribe a recording into a Document whose text is built from its timed segments."""
    path = Path(path)
    segments = transcribe(path, options, progress)
    if not segments:
        raise InputError("no speech found in the recording", path)
    return Document(source=path, text=segments_text(segments), kind="audio", encoding=None, segments=segments)


def segment_offsets(segments: Iterable[Segment]) -> list[tuple[int, Segment]]:
    """Where each segment starts in ``segments_text(segments)``."""
    offsets, pos = [], 0
    for segment in segments:
        offsets.append((pos, segment))
        pos += len(segment.text) + (1 if segment.text[-1:] in SENTENCE_END else 0)
    return offsets


# ---------------------------------------------------------------- times through the pipeline


def time_at(document: Document, offset: int) -> float | None:
    """Seconds into the recording at which an offset of the cleaned ``document.text`` was said.

    ``clean`` maps each paragraph back to the transcript (``Paragraph.source_start``); the transcript
    is the segments' texts joined, so the source offset falls in one segment.
    """
    if not document.segments:
        return None
    source = offset
    for paragraph in document.paragraphs:
        if paragraph.start <= offset <= paragraph.start + len(paragraph.text):
            source = min(paragraph.source_start + offset - paragraph.start, max(paragraph.source_end - 1, 0))
            break
    time = document.segments[0].start
    for start, segment in segment_offsets(document.segments):
        if start > source:
            break
        time = segment.start
    return time


def add_times(speech: Speech, document: Document) -> Speech:
    """Each heading and task of a transcribed speech with the time its text was said."""
    if not document.segments:
        return speech
    headings = tuple(replace(h, time=time_at(document, speech.start + h.start)) for h in speech.headings)
    tasks = tuple(replace(t, time=time_at(document, speech.start + t.start)) for t in speech.tasks)
    return replace(speech, headings=headings, tasks=tasks)
