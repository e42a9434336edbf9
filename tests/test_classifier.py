"""The learned task decision (speechkit.extract.classifier, issue 12)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from speechkit.clean import clean
from speechkit.extract.classifier import (
    TaskModel,
    _meeting_asks,
    char_ngrams,
    document_kind,
    fit_sklearn,
    is_meeting_record,
    is_notice,
    revise_verdicts,
    rule_features,
    rule_rows,
    sklearn_probability,
    task_model,
    to_task_model,
)
from speechkit.extract.tasks import (
    acting_party,
    addressed_party,
    asks_only_an_attitude,
    find_tasks,
    narrates_the_meeting,
    opening_party,
)
from speechkit.ingest import read
from speechkit.structure import structure

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "heldout4" / "raw").glob("*.txt"))


def _candidates(path: Path) -> list[tuple[object, object, str]]:
    """(candidate, document kind, speech text) of every judged candidate of a file."""
    found = []
    for speech in structure(clean(read(path))):
        judged, _ = find_tasks(speech.text)
        kind = document_kind(speech.text, speech.title)
        found += [(c, kind, speech.text) for c in judged if len(c.text) >= 4]
    return found


def test_classifier_char_ngrams_cut_as_scikit_learn_does() -> None:
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction.text import TfidfVectorizer

    text = "县住建局要在6月底前  完成ABC改造"
    reference = TfidfVectorizer(analyzer="char", ngram_range=(1, 3)).build_analyzer()
    assert char_ngrams(text) == reference(text)


def test_classifier_inference_equals_scikit_learn() -> None:
    """The shipped model runs without scikit-learn: its numpy arithmetic must give scikit-learn's numbers."""
    pytest.importorskip("sklearn")
    rows = [(c.text, rule_features(c, kind)) for path in TEXTS for c, kind, _ in _candidates(path)]
    texts, features = [t for t, _ in rows], [f for _, f in rows]
    labels = [bool(f[0]) or "要" in t for t, f in rows]  # any text-dependent labelling will do: this checks arithmetic
    fitted = fit_sklearn(texts, features, labels)
    model = TaskModel.from_json(json.loads(json.dumps(to_task_model(fitted, 0.6).to_json())))
    ours = model.probabilities(texts, features)
    theirs = sklearn_probability(fitted, texts, features)
    assert max(abs(a - b) for a, b in zip(ours, theirs, strict=True)) < 1e-5


def test_classifier_shipped_model_matches_the_features() -> None:
    model = task_model()
    assert model is not None, "speechkit/extract/task_model.json.gz is missing from the package"
    candidate, kind, _ = _candidates(TEXTS[0])[0]
    assert len(model.rule_coef) == len(rule_features(candidate, kind))
    assert 0 < model.threshold < 1 and len(model.grams) > 1000


def test_classifier_weighs_where_a_clause_stands() -> None:
    """A speech opens on the situation and closes on the work it asks: the same clause is likelier a task
    near the end of a speech than at its opening (the model learned it from the real sets)."""
    model = task_model()
    assert model is not None
    weighed = 0
    for path in sorted((ROOT / "samples").glob("*.txt")):
        for speech in structure(clean(read(path))):
            kind = document_kind(speech.text, speech.title)
            assert not (kind.minutes or kind.record or kind.notice), path.name
            judged, _ = find_tasks(speech.text)
            for c in judged:
                if len(c.text) >= 4:
                    opening, closing = replace(c, start=0), replace(c, start=kind.length * 3 // 4)
                    assert model.probability(opening, kind) < model.probability(closing, kind)
                    weighed += 1
            revise_verdicts(judged, speech.text, speech.title)
            assert not any(c.is_task and c.is_requirement for c in judged)
    assert weighed > 100


def test_classifier_revises_minutes() -> None:
    """In minutes the model has the last word, and what it makes a task is no longer a mere requirement."""
    revised = 0
    for path in sorted((ROOT / "tests" / "data" / "heldout4" / "raw").glob("*.txt")):
        for speech in structure(clean(read(path))):
            judged, _ = find_tasks(speech.text)
            before = [c.is_task for c in judged]
            revise_verdicts(judged, speech.text)
            revised += sum(b != c.is_task for b, c in zip(before, judged, strict=True))
            assert not any(c.is_task and c.is_requirement for c in judged)
    assert revised > 0


# fmt: off
MEETING_RECORDS = {
    "会议要求，各乡镇一要做好宣传。二要守好网格。": True,  # dev2 e13: a report of what the meeting asked
    "公司副总经理听取了汇报。会议要求：一是确保管理体系正常运转。": True,  # dev2 e14
    "2月5日，县委召开防控工作会议。17个县级部门领导参加会议。": True,  # who attended, in the opening lines
    "同志们：按照会议要求，我讲三点意见。": False,  # a speech citing a meeting's demand
    "同志们：" + "要严格会风。" * 120 + "尽量控制无关人员参加会议。": False,  # sample 000: 参加会议 deep in a speech
    "情况通报\n  会上强调": True,  # a clause's end, then spaces: a line break among them
    "情况通报\u3000会上强调": False,
    "通报。\t会议还决定": True,
    "会议会议要求": False,
    "　会议明确": True,  # the start, then spaces
}
# The pattern _meeting_asks stands for.
MEETING_ASKS = re.compile(r"(?:^|[。；;，,:：\n])\s*(?:会议|会上)(?:还|并|最后)?(?:要求|强调|指出|明确|提出|认为|决定)")
MEETING_ASKED = {text: bool(MEETING_ASKS.search(text)) for text in MEETING_RECORDS}
# fmt: on


@pytest.mark.parametrize("text", sorted(MEETING_RECORDS))
def test_classifier_reads_meeting_reports_as_records(text: str) -> None:
    """The model judges minutes and reports of a meeting, not a speech that mentions meetings."""
    assert is_meeting_record(text) is MEETING_RECORDS[text]
    assert _meeting_asks(text) is MEETING_ASKED[text]


@pytest.mark.parametrize(
    ("clause", "party"),
    [
        ("各社区今天下午把点位清一遍", "各社区"),  # a time right after the party is not part of it
        ("县教育局本周内完成方案", "县教育局"),
        ("规范市外、省内、境外人员排查台账", None),  # 市外 is a place spoken of, not who acts (dev2 e13)
        ("通化镇政府派出机关工作人员驻村", "通化镇政府"),
        ("集团安委会迅速组织开展安全生产大检查工作", "集团安委会"),  # 迅速 (ad) ends the subject (real9 w03)
        ("乡、村两级启动24小时值班和应急预警制度", "乡、村两级"),  # 两级 is a numeral to jieba (real8)
        ("秋收前完成项目整体验收准备", None),  # a time said by its event (heldout5)
        ("公司各处室严格执行各项法律法规", "公司各处室"),  # jieba's dictionary tags 严格执行 nr (dev2 e14)
        ("市农业局及时处理群众来信", "市农业局"),  # and 及时处理 an idiom (i)
        ("老旧小区改造方面:按照时间节点完成试点楼院改造", None),  # the matter the clause is on (real7 u13)
    ],
)
def test_classifier_owner_of_a_clause_the_model_makes_a_task(clause: str, party: str | None) -> None:
    assert opening_party(clause) == party


@pytest.mark.parametrize(
    ("clause", "party"),
    [
        ("我主张洪天峰组织一下，监控、计划等各个方面的都进去", "洪天峰"),  # after the speaker's view (dev2 e25)
        ("我认为财务部要重点来抓，目的是要花好行政费用", "财务部"),
        ("先从海外行政人员的岗位职级称起，财务部也要拿出评价意见", "财务部"),  # a later chunk's party (real4)
        ("战略预备队组建由人力资源部负责", "人力资源部"),
        ("要按照“谁主管、谁负责”的原则,县、乡、村严格落实麦收禁烧责任制", "县、乡、村"),  # after a framing (real7 u03)
        ("要按照上级的部署,各村不得擅自组织活动", None),
        ("对于园区的自动售卖机，公司行政也不要参与", None),  # told not to act
        ("收到单据当天必须要给对方回扫描件，并第一时间贴到网上公示", None),
    ],
)
def test_classifier_owner_further_into_the_clause(clause: str, party: str | None) -> None:
    """A task whose clause opens with no party takes the one that acts further in."""
    assert acting_party(clause) == party


@pytest.mark.parametrize(
    ("text", "title", "notice"),
    [
        ("各学院：现将有关事项通知如下：一、报到时间", None, True),
        ("请各单位于7月31日前反馈。", "关于征求意见的通知", True),
        ("请各单位认真落实。", "2024年重点工作任务分解表", True),
        ("同志们：刚才传达了上级的通知，我讲三点意见。", "在全县安全生产会议上的讲话", False),
    ],
)
def test_classifier_reads_notices_as_asking(text: str, title: str | None, notice: bool) -> None:
    """A notice or work plan asks work of units as minutes do: the model judges it (real8, real9)."""
    assert is_notice(text, title) is notice


@pytest.mark.parametrize(
    ("clause", "party"),
    [
        ("你们自己一定要排A、B、C，至少要抓出5%的人", "你们"),  # dev2 e27: the side the speaker addresses
        ("我们要去帮助他们做些试点，建立起流程监管的制度", "我们"),  # dev2 e30: the speaker's own side
        ("财务部门也要拿出评价意见", "财务部门"),
        ("在跨过这个世纪的时候，我们要超大规模地跨出国门", "我们"),  # after the scene it sets (real4 r09)
        ("现在我们要把英雄先进比例保持60%—70%", "我们"),  # after a connective (real4 r05)
        ("这个问题，我们认为要慎重", None),  # the side's view, not its work
        ("各主要责任单位要对照目标任务", None),  # 主要 holds no directive 要: not "各主"
        ("全街道所有人员都要抱着守土有责的工作态度，抓紧时间落实行动", "全街道所有人员"),  # people by role (real3)
        ("双节期间各级各类值班人员要保持高度在位", "各级各类值班人员"),  # a time the subject opens with
        ("该市今年10月前要开工建设16700多套保障性住房", "该市"),  # a limit said after the party (real5)
        ("县发改局承担的固定资产投资增速指标要确保全市前三", "县发改局"),  # the party whose target it is (real6)
        (
            "开江生态环境局、县住建局、县农业农村局、县自然资源局、县水务局等部门要分工协作",
            "开江生态环境局、县住建局、县农业农村局、县自然资源局、县水务局等部门",
        ),  # a list of units longer than one party's name (real5)
        ("要加强学习", None),
    ],
)
def test_classifier_owner_of_a_speech_clause_the_model_makes_a_task(clause: str, party: str | None) -> None:
    assert addressed_party(clause) == party


@pytest.mark.parametrize(
    ("clause", "attitude_only"),
    [
        ("镇村两级干部一定要高度重视", True),  # real7: the conventions' 要加强学习
        ("各乡镇要把养殖场环境整治作为当前的重要工作来抓", True),
        ("会议要求各部门要高度重视防汛工作", True),
        ("各乡镇和有关部门要高度重视,强化宣传,通过出动宣传车、张贴标语等形式宣传秸秆焚烧的危害", False),  # real7
    ],
)
def test_classifier_never_makes_an_attitude_a_task(clause: str, attitude_only: bool) -> None:
    """Whatever the model says, one clause asking only for an attitude stays an exhortation."""
    assert asks_only_an_attitude(clause) is attitude_only


def test_classifier_does_not_extrapolate_a_short_texts_length() -> None:
    """A 150-character case reads as the shortest speeches the model learned from, not shorter."""
    text = "各乡镇要做好值班。" * 40
    short, shortest = document_kind(text[:150]), document_kind(text[:300])
    assert short.length < 300 <= shortest.length
    assert short.as_features() == shortest.as_features()


def test_classifier_key_index_finds_what_a_dictionary_finds() -> None:
    """The model's vocabulary search: every key of the shipped vocabulary at its place, others absent."""
    import numpy as np

    from speechkit.extract.classifier import _KeyIndex, _vocabulary_keys

    model = task_model()
    assert model is not None
    keys = _vocabulary_keys(model.grams)
    index = _KeyIndex(keys)
    assert (index.find(keys) == np.arange(len(keys))).all()
    rng = np.random.default_rng(0)
    others = rng.integers(0, 1 << 62, 20_000, dtype=np.int64)
    place = {int(k): i for i, k in enumerate(keys)}
    assert index.find(others).tolist() == [place.get(int(k), -1) for k in others]


@pytest.mark.parametrize(
    ("clause", "narrates"),
    [
        ("1月28日上午,东至县文旅局组织召开春节前工作部署会议,会议由局党组书记、局长王茜主持", True),
        ("9月16日,我县召开东西部协作规划安排部署会议", True),
        ("厅办公室要在7月15日（星期二）前组织召开厅系统党风廉政建设警示教育大会", False),  # heldout3 h17
        ("各乡镇要于3月1日前召开专题会议", False),
        # real38 ab11: held, and who came
        ("省血液中心组织召开全省采供血系统一季度血液工作调度会线上会议,全省16所中心血站负责人参加会议", True),
        ("各县区要于5月底前召开专题会议,分管领导参加会议", False),
        # real38 ab08, real29: the order of the meeting's business
        ("会议首先由生产运营部、安全保卫部负责人部署清明假期安全运输保障方案,副总经理赵立喜做点评", True),
        ("中心各部室负责人交流了10月份工作完成情况和11月份工作安排", True),  # real10 x12
        ("典礼由党委组织宣传部长、党校教务长张国立主持", True),  # real45 ai11: a ceremony's chair, as a meeting's
    ],
)
def test_classifier_the_sentence_that_reports_the_meeting_is_no_task(clause: str, narrates: bool) -> None:
    assert narrates_the_meeting(clause) is narrates


def test_classifier_rule_rows_are_the_rule_features() -> None:
    """The features of a document's candidates, found in one pass over all of them, are each one's own."""
    import numpy as np

    for path in TEXTS:
        for speech in structure(clean(read(path))):
            judged, _ = find_tasks(speech.text)
            kind = document_kind(speech.text, speech.title)
            rows = rule_rows(judged, kind)
            assert rows.tolist() == [rule_features(c, kind) for c in judged]
            assert rows.dtype == np.float64
    assert rule_rows([], document_kind("会议纪要")).shape == (0, 17)
