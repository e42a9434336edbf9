"""The one spaCy pipeline of speechkit: blank Chinese + jieba, with components for parties and times.

``get_nlp()`` builds it once per process (module-level cache). Components, in order:

- ``speechkit_directives``: a token ``Matcher`` for the directive words (要, 必须, 负责, 牵头…) into
  ``doc.spans["directive"]``. jieba is what makes 要 safe: 重要/主要/需要/要求 are their own tokens.
- ``speechkit_entities``: units (市住建局, 各镇(办)), roles (分管领导), persons (张三同志), deadlines
  and cadences into ``doc.ents`` (labels UNIT, ROLE, PERSON, DEADLINE, RECURRENCE). jieba splits unit
  names unpredictably (区住建局 → 区住|建局), so these are matched on characters and snapped out to
  token boundaries.

Only candidate clauses are run through it (see ``tasks.py``): segmenting a whole speech would cost
more than the rest of the text stage together.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from speechkit.errors import MissingExtra
from speechkit.extract.deadlines import DEADLINE_RE, RECURRENCE_RE

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "DIRECTIVE_WORDS",
    "PARTY_END",
    "ROLE_RE",
    "UNIT_SUFFIXES",
    "add_entities",
    "get_nlp",
    "parse",
    "person_name",
]

# Words that give work to someone; "要" only as a token of its own (not 重要/需要/要求).
DIRECTIVE_WORDS = (
    "要", "必须", "务必", "确保", "负责", "牵头", "抓紧", "加紧", "尽快", "将", "须", "需", "应", "应当",
    "请", "力争", "争取", "抓好", "做好", "组织", "完成", "立即", "马上", "迅速", "着手", "正在", "会同",
)
# How a party's name ends: units (局 办 委 …), groups (各地 各校 乡镇) and roles (主任 领导 …).
UNIT_SUFFIXES = (
    "人民政府", "政府", "办事处", "指挥部", "领导小组", "工作组", "督查组", "专班", "委员会", "管委会", "党委", "党组",
    "集团", "公司", "银行", "企业", "部门", "单位", "机关", "中心", "分局", "局", "办公室", "办", "(办)", "委", "厅",
    "部", "室", "处", "科", "股", "所", "站", "院", "校", "学校", "社", "会", "团", "队", "队伍", "组", "镇", "乡",
    "乡镇",
    "街道", "街", "村", "巷", "社区", "县", "市", "区", "各地", "地区", "主体", "集体", "工程", "医院",
)
ROLE_SUFFIXES = (
    "领导", "主任", "书记", "局长", "县长", "市长", "区长", "镇长", "乡长", "主席", "负责人", "同志", "干部",
    "科长", "处长", "所长", "站长", "队长", "院长", "校长", "部长", "厂长", "行长", "秘书长", "组长",
    "经理", "总经理", "董事长", "总监", "主管",
)
PARTY_END = tuple(sorted(UNIT_SUFFIXES + ROLE_SUFFIXES, key=len, reverse=True))

_CJK = r"\u4e00-\u9fff"
UNIT_RE = re.compile(
    rf"(?:各|每个|所有|相关|有关|全|本)?[{_CJK}xX]{{1,12}}?"
    rf"(?:{'|'.join(re.escape(s) for s in sorted(UNIT_SUFFIXES, key=len, reverse=True))})"
)
# 同志 ends a party ("办公室同志要…") but marks a person, not a role: "张三同志" is PERSON.
ROLE_RE = re.compile(rf"[{_CJK}]{{0,8}}(?:{'|'.join(s for s in ROLE_SUFFIXES if s != '同志')})")
PERSON_RE = re.compile(rf"[{_CJK}]{{2,3}}同志")


def _require_spacy() -> None:
    try:
        import jieba  # noqa: F401

        with _torch_hidden():
            import spacy  # noqa: F401
    except ImportError as e:  # both are core dependencies: a broken install
        raise MissingExtra(e.name or "spaCy") from e


@contextmanager
def _torch_hidden() -> Iterator[None]:
    """Import spaCy without torch: thinc imports torch whenever it is installed (openai-whisper's),
    a second of start-up the text stage never uses (issue 18). Only while spaCy is first imported;
    a later ``import torch`` (the openai-whisper engine) works as usual."""
    if "torch" in sys.modules or "spacy" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` raise ImportError
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


class DirectiveMatcher:
    """Pipeline component: directive words as tokens into ``doc.spans["directive"]``."""

    def __init__(self, nlp: Language) -> None:
        from spacy.matcher import Matcher

        self.matcher = Matcher(nlp.vocab)
        self.matcher.add("DIRECTIVE", [[{"ORTH": {"IN": list(DIRECTIVE_WORDS)}}]])

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["directive"] = [doc[start:end] for _, start, end in self.matcher(doc)]
        return doc


ENTITY_PATTERNS = (("DEADLINE", DEADLINE_RE), ("RECURRENCE", RECURRENCE_RE), ("PERSON", PERSON_RE),
                   ("UNIT", UNIT_RE), ("ROLE", ROLE_RE))


def mark_entities(doc: Doc) -> Doc:
    """Pipeline component: parties and times, matched on characters and snapped out to tokens."""
    from bisect import bisect_left, bisect_right

    from spacy.tokens import Span
    from spacy.util import filter_spans

    starts = doc.to_array("IDX").tolist()  # token offsets without building Token objects
    text = doc.user_data.get("text") or doc.text  # Doc.text is rebuilt from the tokens on each access
    spans = []
    for label, pattern in ENTITY_PATTERNS:
        for m in pattern.finditer(text):
            if not m.group(0).strip():
                continue
            first = bisect_right(starts, m.start()) - 1
            last = bisect_left(starts, m.end())
            spans.append(Span(doc, max(first, 0), max(last, first + 1), label=label))
    doc.ents = filter_spans(spans)
    return doc


class _DictionaryOnlyJieba:
    """jieba without its HMM guesser: the HMM glues a unit's last character to the directive
    after it ("农牧业局要" → 农牧业|局要), which hides 要; dictionary words alone keep 局|要 apart."""

    def __init__(self, jieba: object) -> None:
        self._jieba = jieba

    def cut(self, text: str, cut_all: bool = False) -> Iterator[str]:
        return self._jieba.cut(text, cut_all=cut_all, HMM=False)  # type: ignore[attr-defined]


def _register_components() -> None:
    from spacy.language import Language

    if not Language.has_factory("speechkit_directives"):
        Language.factory("speechkit_directives", func=lambda nlp, name: DirectiveMatcher(nlp))
        Language.component("speechkit_entities", func=mark_entities)


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The pipeline, built on first use and shared by every call in this process."""
    _require_spacy()
    import spacy

    jieba = _quiet_jieba()
    _register_components()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer.jieba_seg = _DictionaryOnlyJieba(jieba)
    nlp.add_pipe("speechkit_directives")
    nlp.add_pipe("speechkit_entities")
    return nlp


def parse(text: str, entities: bool = True) -> Doc:
    """Run one clause through the pipeline; ``entities=False`` stops after the directives."""
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    doc.user_data["text"] = text  # Doc.text is rebuilt from the tokens on each access
    for name, component in nlp.pipeline:
        if entities or name != "speechkit_entities":
            doc = component(doc)
    return doc


def add_entities(doc: Doc) -> Doc:
    """Run the entity component on a doc parsed with ``entities=False`` (only tasks need it)."""
    return get_nlp().get_pipe("speechkit_entities")(doc)


@lru_cache(maxsize=4096)
def person_name(party: str) -> str | None:
    """The personal name a party ends with: "财务部张明同志" → 张明, "财务总监陈静" → 陈静; else None.

    jieba's part-of-speech tagger (with its HMM, which knows names no dictionary lists) says what is
    a name (nr); "张科长", "分管领导" and "市财政局" end with none.
    """
    _quiet_jieba()
    import jieba.posseg

    words = list(jieba.posseg.cut(party.removesuffix("同志")))
    if not words:
        return None
    last = words[-1]
    return last.word if last.flag.startswith("nr") and 2 <= len(last.word) <= 3 else None


def _quiet_jieba() -> Any:
    import jieba

    jieba.setLogLevel(60)  # jieba prints "Building prefix dict…" on stderr otherwise
    return jieba
