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
import sys
import tempfile
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

_FORMAT = 1  # of the cache file: (format, total, {first character: marshal of (frequencies, tags)})


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

    def __init__(self, total: int, blobs: dict[str, bytes]) -> None:
        self.total = total
        self.freq: dict[str, int] = {}
        self.tags = _Tags(self)
        self._blobs = blobs
        self._loaded: set[str] = set()
        self._lock = threading.Lock()

    def load(self, text: Iterable[str]) -> None:
        """Make sure the entries of every character of ``text`` are in ``freq`` and ``tags``."""
        if self._loaded.issuperset(text):
            return
        with self._lock:
            for ch in set(text).difference(self._loaded):
                blob = self._blobs.pop(ch, None)
                if blob is not None:
                    freq, tags = marshal.loads(blob)
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


def _build() -> tuple[int, dict[str, bytes]]:
    """Read jieba's dictionary as jieba does (``gen_pfdict``; ``jieba.posseg``'s ``word freq tag``
    lines) and group its entries by first character."""
    import jieba

    freq, total = jieba.Tokenizer.gen_pfdict(_dictionary_file().open("rb"))
    tags = {}
    with _dictionary_file().open("rb") as f:
        for line in f:
            fields = line.strip().decode("utf-8").split(" ")
            if len(fields) == 3:
                tags[fields[0]] = fields[2]
    groups: dict[str, tuple[dict[str, int], dict[str, str]]] = {}
    for word, n in freq.items():
        groups.setdefault(word[0], ({}, {}))[0][word] = n
    for word, tag in tags.items():
        groups.setdefault(word[0], ({}, {}))[1][word] = tag
    return total, {ch: marshal.dumps(group) for ch, group in groups.items()}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The dictionary of this process, read from the cache (made on the first run)."""
    path = _cache_path()
    try:
        with path.open("rb") as f:
            if os.fstat(f.fileno()).st_uid != os.getuid():  # a shared temporary folder: only our own file
                raise ValueError("another user's cache")
            form, total, blobs = marshal.load(f)
        if form == _FORMAT:
            return Lexicon(total, blobs)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    total, blobs = _build()
    _save(path, (_FORMAT, total, blobs))
    return Lexicon(total, blobs)


def _save(path: Path, value: object) -> None:
    """Write the cache atomically (batch workers may build it at the same time); a temporary folder
    that cannot be written only means building it again next time."""
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            marshal.dump(value, f)
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


def pos_cut(text: str) -> list[Any]:
    """jieba's part-of-speech cut of ``text`` (with its HMM), as ``jieba.posseg.lcut(text)``."""
    lexicon().load(text)
    return _pos_tokenizer().lcut(text)
