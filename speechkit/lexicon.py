"""jieba's dictionary, loaded one first character at a time: the same cuts without its start-up.

jieba loads its whole prefix dictionary (498,000 entries: ~0.4 s of CPU and ~60 MiB) before its first
cut, and importing ``jieba.posseg`` reads ``dict.txt`` once more for every word's part of speech (~0.4 s,
~50 MiB), while a clerk's small file asks about words that start with some 60 different characters
(issue 18: one small file under 2 s). A cut only ever looks up substrings of the text it cuts (the
DAG, the route's frequencies, the tags of the words found), so every entry it can read starts with
one of the text's characters: loading those characters' entries before each cut gives jieba's very
cut, word for word and tag for tag.

The entries are grouped by first character once per machine, into a cache beside jieba's own
(``jieba.cache`` in the temporary folder), keyed by jieba's version and its dictionary file.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from math import log
from pathlib import Path
from typing import Any

_FORMAT = 2  # of the cache file (see ``_pack``)


class _Tags(dict):  # type: ignore[type-arg]
    """Part-of-speech tags that load a word's first character before answering: what ``jieba.posseg``
    asks (only ``get``) is answered as from its own full table."""

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__()
        self._lexicon = lexicon

    def get(self, word: str, default: Any = None) -> Any:
        if word:
            self._lexicon.load(word[:1])
        return super().get(word, default)


class Lexicon:
    """jieba's default dictionary, its frequencies and tags filled in as the texts cut need them."""

    def __init__(self, read: Callable[[int, int], bytes], length: int) -> None:
        """``read(offset, size)``: bytes of the cache file of ``length`` bytes (see ``_pack``); a
        character's entries are read only when a text holds it."""
        size = int.from_bytes(read(0, 8), "little")
        if not 0 < size <= length - 8:
            raise ValueError("lexicon cache cut short")
        form, self.total, self._index = marshal.loads(read(8, size))
        if form != _FORMAT:
            raise ValueError(f"lexicon cache format {form}, not {_FORMAT}")
        self._read, self._base = read, 8 + size
        self.freq: dict[str, int] = {}
        # log(frequency) - log(total) of the words cuts have weighed, _PREFIX for a word's prefix met: a small
        # table the route reads first, rather than the large ``freq`` whose lookups miss the CPU caches
        self.weight: dict[str, float] = {}
        self.tags = _Tags(self)
        self._loaded: set[str] = set()
        self._lock = threading.Lock()

    def load(self, text: Iterable[str]) -> None:
        """Make sure the entries of every character of ``text`` are in ``freq`` and ``tags``."""
        if self._loaded.issuperset(text):
            return
        with self._lock:
            for ch in set(text).difference(self._loaded):
                if ch in self._index:
                    start, end = self._index[ch]
                    freq, tags = marshal.loads(self._read(self._base + start, end - start))
                    self.freq.update(freq)
                    dict.update(self.tags, tags)
                self._loaded.add(ch)  # only once its entries are in: the check above takes no lock


def _dictionary_file() -> Path:
    import jieba

    return Path(jieba.__file__).resolve().parent / "dict.txt"


def _cache_path() -> Path:
    import jieba

    source = _dictionary_file()
    status = source.stat()
    key = f"{_FORMAT}|{jieba.__version__}|{source}|{status.st_size}|{status.st_mtime_ns}"
    return Path(tempfile.gettempdir()) / f"speechkit-jieba-{hashlib.sha256(key.encode()).hexdigest()[:16]}.cache"


def _build() -> bytes:
    """Read jieba's dictionary as jieba reads it (``Tokenizer.gen_pfdict``: each word's frequency, each
    of its prefixes at 0 unless a word; ``jieba.posseg``: the tag of a ``word freq tag`` line), grouped
    by first character as it goes: no whole prefix dictionary is held at once (a first run on a long
    file peaked near 300 MiB with one), as the cache file's bytes."""
    groups: dict[str, tuple[dict[str, int], dict[str, str]]] = {}
    total = 0
    with _dictionary_file().open("rb") as f:
        for line in f:
            fields = line.strip().decode("utf-8").split(" ")
            word, n = fields[0], int(fields[1])
            freq, tags = groups.setdefault(word[0], ({}, {}))
            freq[word] = n
            total += n
            for end in range(1, len(word)):
                freq.setdefault(word[:end], 0)
            if len(fields) == 3:
                tags[word] = fields[2]
    return _pack(total, {ch: marshal.dumps(groups.pop(ch)) for ch in list(groups)})


def _pack(total: int, blobs: dict[str, bytes]) -> bytes:
    """The cache file: the header's size (8 bytes), the header (format, total, each first character's
    span in what follows) and each character's marshalled (frequencies, tags), one after another."""
    index, at = {}, 0
    for ch, blob in blobs.items():
        index[ch] = (at, at + len(blob))
        at += len(blob)
    header = marshal.dumps((_FORMAT, total, index))
    return len(header).to_bytes(8, "little") + header + b"".join(blobs.values())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The dictionary of this process, read from the cache as asked (the cache made on the first run)."""
    path = _cache_path()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        fd = -1
    if fd >= 0:
        try:
            status = os.fstat(fd)
            if status.st_uid != os.getuid():  # a shared temporary folder: only our own file
                raise ValueError("another user's cache")
            return Lexicon(lambda offset, size: os.pread(fd, size, offset), status.st_size)  # open for good
        except (OSError, EOFError, ValueError, TypeError):
            os.close(fd)
    data = _build()
    _save(path, data)
    return Lexicon(lambda offset, size: data[offset : offset + size], len(data))


def _save(path: Path, data: bytes) -> None:
    """Write the cache atomically (batch workers may build it at the same time); a temporary folder
    that cannot be written only means building it again next time."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """A jieba Tokenizer over the lexicon (jieba's own cut, on the entries loaded so far)."""
    import jieba

    words = lexicon()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = words.freq, words.total, True
    return tokenizer


@lru_cache(maxsize=1)
def _pos_tokenizer() -> Any:
    """A ``jieba.posseg.POSTokenizer`` over the lexicon's frequencies and tags."""
    posseg = _import_posseg()
    tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)  # its __init__ reads dict.txt whole
    tagger.tokenizer, tagger.word_tag_tab = _tokenizer(), lexicon().tags
    return tagger


def _import_posseg() -> Any:
    """``jieba.posseg`` without its start-up: the module tags with a ``POSTokenizer`` it makes at import,
    which reads the whole dictionary; it is made over an empty file, then given the lexicon's tags
    (complete, loaded as asked) and jieba's own tokenizer back."""
    import jieba

    if "jieba.posseg" not in sys.modules:
        default = jieba.dt
        jieba.dt = jieba.Tokenizer(os.devnull)  # ``jieba.cut`` & co. are bound to the default: unaffected
        try:
            import jieba.posseg
        finally:
            jieba.dt = default
        jieba.posseg.dt.tokenizer, jieba.posseg.dt.word_tag_tab = default, lexicon().tags
    import jieba.posseg

    return jieba.posseg


def cut(text: str) -> list[str]:
    """jieba's dictionary cut of ``text`` (no HMM), as ``jieba.lcut(text, HMM=False)``."""
    lexicon().load(text)
    return _tokenizer().lcut(text, cut_all=False, HMM=False)


def pos_cut(text: str, hmm: bool = True) -> list[Any]:
    """jieba's part-of-speech cut of ``text``, as ``jieba.posseg.lcut(text, HMM=hmm)``."""
    lexicon().load(text)
    return _pos_tokenizer().lcut(text, HMM=hmm)


_PREFIX = 1.0  # ``Lexicon.weight`` of a word's prefix that is no word (a word's weight is below 0)
_ENG = re.compile("[a-zA-Z0-9]")  # jieba's ``re_eng``: single letters and digits are glued back together


def cut_block(text: str) -> list[str]:
    """``cut(text)`` for a text that is one run of the characters jieba cuts together (its
    ``re_han_default``, ``nlp._JIEBA_BLOCK``): jieba's own steps for such a run (``get_DAG``, ``calc``,
    ``__cut_DAG_NO_HMM``) with the same arithmetic in the same order, so the same words, without its
    splitting into runs, its generators and a ``max`` over a single choice (most characters): the
    directive words' short cuts spent a third of their time there (issue 18)."""
    words = lexicon()
    words.load(text)
    return _along(text, _route(text, words))


def _route(text: str, words: Lexicon) -> list[int]:
    """Where the best cut of ``text[k:]`` ends its first word, for each k: jieba's ``calc`` over its
    ``get_DAG``, one pass from the right. Each word's weight, log(frequency) - log(total), is the very
    float jieba computes, worked out once (``Lexicon.weight``); candidates are weighed from the shortest,
    a tie going to the longer as in jieba's ``max`` over (weight, end) pairs. Twice as fast as building
    the DAG's lists and tuples (issue 18), the same cut (every window of every eval text)."""
    freq, weight = words.freq, words.weight
    logtotal = log(words.total)
    n = len(text)
    best = [0.0] * (n + 1)  # the weight of the best cut of text[k:]
    ends = [0] * n
    for k in range(n - 1, -1, -1):
        end, value = -1, 0.0
        i, frag = k, text[k]
        while True:  # while a word or a word's prefix: the DAG goes on
            w = weight.get(frag)
            if w is None:  # not met yet
                f = freq.get(frag)
                if f is None:
                    break
                w = weight[frag] = log(f) - logtotal if f else _PREFIX
            if w != _PREFIX:
                u = w + best[i + 1]
                if end < 0 or u >= value:
                    end, value = i + 1, u
            i += 1
            if i >= n:
                break
            frag = text[k : i + 1]
        if end < 0:  # no word starts here: the character alone
            end, value = k + 1, log(freq.get(text[k]) or 1) - logtotal + best[k + 1]
        best[k], ends[k] = value, end
    return ends


def _along(text: str, ends: list[int]) -> list[str]:
    """The words of the route from the start (``__cut_DAG_NO_HMM``), single letters and digits glued."""
    out: list[str] = []
    buf = ""
    x, n = 0, len(text)
    while x < n:
        y = ends[x]
        word = text[x:y]
        if y - x == 1 and _ENG.match(word):
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        x = y
    if buf:
        out.append(buf)
    return out
