"""Task extraction on 会议纪要-style texts written for these tests (not from the dev set)."""

import csv
from datetime import date
from pathlib import Path

import pytest

from speechkit.document import Document, Heading, Speech
from speechkit.extract import extract_tasks
from speechkit.extract.tasks import given_at_the_end, narrates_the_meeting, plausible_owner, whole_unit
from speechkit.pipeline import process_document

MINUTES = """关于城区防汛工作的专题会议纪要
3月6日,副市长王明主持召开专题会议,研究城区防汛工作。现纪要如下:
一、关于排涝泵站改造
会议决定,由市水务局牵头、市财政局配合,于5月底前完成城东排涝泵站改造。
二、关于隐患排查
会议要求,各区政府要在三个工作日内完成辖区易涝点排查,形成问题清单报市防指办公室。市住建局要每月25日前报送工地防汛检查情况。
三、其他事项
会议原则同意市应急局关于修订防汛应急预案的意见,修改完善后以市政府办公室名义印发。
会议强调,各级各部门要高度重视防汛工作,切实增强责任意识。
"""


def _speech(text: str, meeting: date | None = date(2024, 3, 6)) -> Speech:
    starts = [text.index(h) for h in ("一、", "二、", "三、")]
    texts = ("关于排涝泵站改造", "关于隐患排查", "其他事项")
    markers = ("一、", "二、", "三、")
    pairs = zip(markers, texts, starts, strict=True)
    headings = tuple(Heading(level=1, marker=m, text=t, start=s) for m, t, s in pairs)
    return extract_tasks(Speech(text=text, meeting_date=meeting, headings=headings))


def _task(speech: Speech, words: str):
    found = [t for t in speech.tasks if words in t.quote]
    assert len(found) == 1, [t.quote for t in speech.tasks]
    return found[0]


def test_extract_lead_then_partners_who_must_cooperate() -> None:
    """ "筹备工作由X牵头，Y、Z…要及早介入、全力配合" (real6 t12): one task, lead X, Y and Z cooperating."""
    text = "会议要求，筹备工作由区人大常委会牵头，区委组织部、区委宣传部和区相关部门要及早介入、全力配合。"
    (task,) = extract_tasks(Speech(text=text, meeting_date=date(2017, 6, 20))).tasks
    assert (task.owner, task.lead) == ("区人大常委会", "区人大常委会")
    assert task.cooperating == ("区委组织部", "区委宣传部", "区相关部门")


def test_extract_lead_and_cooperating_units() -> None:
    task = _task(_speech(MINUTES), "排涝泵站改造")
    assert task.owner == "市水务局" and task.lead == "市水务局"
    assert task.cooperating == ("市财政局",)
    assert task.deadline == "5月底前" and task.deadline_iso == date(2024, 5, 31)


def test_extract_working_days_deadline() -> None:
    task = _task(_speech(MINUTES), "易涝点排查")
    assert task.owner == "各区政府"
    assert task.deadline == "三个工作日内" and task.deadline_iso == date(2024, 3, 11)


def test_extract_recurrence_rrule() -> None:
    task = _task(_speech(MINUTES), "工地防汛检查")
    assert task.owner == "市住建局"
    assert task.recurrence == "每月25日前" and task.rrule == "FREQ=MONTHLY;BYMONTHDAY=25"


def test_extract_approved_proposal_is_a_task_for_its_unit() -> None:
    assert _task(_speech(MINUTES), "防汛应急预案").owner == "市应急局"


def test_extract_exhortation_is_a_requirement_not_a_task() -> None:
    speech = _speech(MINUTES)
    assert not [t for t in speech.tasks if "高度重视" in t.quote]
    assert any("高度重视" in r for r in speech.requirements)


def test_extract_heading_path_and_offsets() -> None:
    speech = _speech(MINUTES)
    task = _task(speech, "工地防汛检查")
    assert task.heading_path == ("关于隐患排查",)
    assert speech.text[task.start : task.end] == task.quote


def test_extract_no_meeting_date_keeps_phrase_without_date() -> None:
    task = _task(_speech(MINUTES, meeting=None), "排涝泵站改造")
    assert task.deadline == "5月底前" and task.deadline_iso is None


def test_extract_subject_carried_within_sentence() -> None:
    text = "各乡镇要在月底前完成排查;对发现的问题,要建立台账,逐项整改销号。"
    speech = extract_tasks(Speech(text=text, meeting_date=date(2024, 5, 20)))
    assert [t.owner for t in speech.tasks] == ["各乡镇", "各乡镇"]


def test_extract_flattened_task_table() -> None:
    text = "1.完成老旧小区改造30个。\n牵头单位:区住建局\n责任单位:各街道\n完成时限:2024年10月底前\n"
    (task,) = extract_tasks(Speech(text=text, meeting_date=date(2024, 3, 1))).tasks
    assert task.quote == "完成老旧小区改造30个"
    assert task.owner == "区住建局" and task.cooperating == ("各街道",)
    assert task.deadline_iso == date(2024, 10, 31)


def test_extract_event_relative_deadline_has_no_date() -> None:
    text = "各学校必须在事件发生后2小时内报送市教育局。"
    (task,) = extract_tasks(Speech(text=text, meeting_date=date(2024, 3, 1))).tasks
    assert task.deadline == "事件发生后2小时内" and task.deadline_iso is None


def test_extract_empty_text() -> None:
    assert extract_tasks(Speech(text="")).tasks == ()


STANDING_MEETING = """XX县人民政府常务会议纪要
2024年6月14日上午,县长李四主持召开县政府第12次常务会议。现将会议议定事项纪要如下:
会议议定:各乡镇要于每月5日前将改造进度报县住建局汇总,县住建局每季度向县政府报告一次。
会议要求,县发改局下周五前报送项目用地需求。
工作事项:编制产业园区控制性详细规划 牵头单位:县自然资源局 配合单位:县发改局、县住建局 完成时限:2024年9月30日前
"""


def test_extract_standing_meeting_minutes() -> None:
    speech = _tasks_of(STANDING_MEETING, date(2024, 6, 14))
    assert [(t.owner, t.deadline_iso, t.rrule) for t in speech.tasks] == [
        ("各乡镇", None, "FREQ=MONTHLY;BYMONTHDAY=5"),
        ("县住建局", None, "FREQ=MONTHLY;INTERVAL=3"),
        ("县发改局", date(2024, 6, 21), None),  # 下周五前 from a Friday: the Friday of next week
        ("县自然资源局", date(2024, 9, 30), None),
    ]
    assert speech.tasks[-1].quote == "编制产业园区控制性详细规划"
    assert speech.tasks[-1].cooperating == ("县发改局", "县住建局")


def test_extract_cadence_is_not_a_month() -> None:
    speech = _tasks_of("县政府督查室要坚持一月一督办,一季一通报。", date(2024, 6, 14))
    (task,) = speech.tasks
    assert task.deadline is None and task.recurrence == "一月一督办,一季一通报"


def _tasks_of(text: str, meeting: date) -> Speech:
    return extract_tasks(Speech(text=text, meeting_date=meeting))


NOTICE = """关于开展安全生产大检查的督办通知
一、全面开展隐患排查。各乡镇要对辖区内企业开展拉网式排查,建立隐患台账。(责任单位:县应急局、各乡镇人民政府;完成时限:2024年5月31日前)
二、加强重点行业监管。县住建局负责建筑施工领域专项整治,县交通运输局每周五前将整治进展报县安委办。
三、请各单位于4月30日前将本单位安全生产责任人名单报送至县安委办。
四、各单位要切实提高政治站位,增强做好安全生产工作的责任感和紧迫感。
"""


def test_extract_supervision_notice() -> None:
    speech = _tasks_of(NOTICE, date(2024, 4, 22))
    assert [(t.owner, t.deadline_iso, t.rrule) for t in speech.tasks] == [
        ("县应急局、各乡镇人民政府", date(2024, 5, 31), None),  # the item's own (责任单位:…;完成时限:…)
        ("县住建局", None, None),
        ("县交通运输局", None, "FREQ=WEEKLY;BYDAY=FR"),
        ("各单位", date(2024, 4, 30), None),
    ]
    assert speech.tasks[0].quote.endswith("建立隐患台账")
    assert any("责任感" in r for r in speech.requirements)


def test_extract_cli_tasks_writes_csv(tmp_path: Path) -> None:
    from speechkit.cli import main

    source = tmp_path / "notice.txt"
    source.write_text(NOTICE, encoding="utf-8")
    target = tmp_path / "out" / "tasks.csv"
    with pytest.raises(SystemExit) as exit_info:
        main(["tasks", str(source), "--date", "2024-04-22", "--csv", str(target)])
    assert exit_info.value.code == 0
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["责任单位"] for r in rows][:2] == ["县应急局、各乡镇人民政府", "县住建局"]
    assert rows[0]["到期日"] == "2024-05-31" and list(rows[0])[:3] == ["文件", "原文依据", "责任单位"]


def test_extract_cli_tasks_bad_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from speechkit.cli import main

    source = tmp_path / "notice.txt"
    source.write_text(NOTICE, encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["tasks", str(source), "--date", "22/04/2024"])
    assert exit_info.value.code == 2
    assert "--date: '22/04/2024' is not a date of the form YYYY-MM-DD" in capsys.readouterr().err


def test_extract_person_owner_by_name_with_unit_as_lead() -> None:
    text = (
        "一、财务部张明同志负责，于9月15日前完成应收账款的清理核对。"
        "二、财务总监陈静要在10月底前完成资金管理系统上线。"
        "三、张科长三天之内把物资仓库再盘一遍。"
    )
    first, second, third = _tasks_of(text, date(2023, 8, 22)).tasks
    assert (first.owner, first.person, first.lead) == ("张明", "张明", "财务部")
    assert (second.owner, second.person, second.deadline_iso) == ("陈静", "陈静", date(2023, 10, 31))
    assert third.owner == "张科长"  # a surname and a title: no name to take out


def test_extract_person_and_cooperating_units() -> None:
    text = (
        "会议明确,由副县长张三同志负责协调解决项目用地问题,县自然资源局、县住建局配合,8月15日前拿出解决方案。"
        "县卫健局要会同县医保局在一季度末前出台家庭医生签约服务实施细则。"
    )
    first, second = _tasks_of(text, date(2024, 8, 2)).tasks
    assert first.owner == first.person == "张三"  # a person owns a task by name, without title or 同志
    assert first.cooperating == ("县自然资源局", "县住建局") and first.deadline_iso == date(2024, 8, 15)
    assert second.owner == "县卫健局" and second.cooperating == ("县医保局",)
    assert second.deadline_iso == date(2025, 3, 31)  # the first quarter after an August meeting


def test_extract_tasks_from_a_task_table_in_a_docx(tmp_path: Path) -> None:
    """A 督办 notice's 任务分解表 in Word: each row a task, its columns owner, partners and limit."""
    import docx

    from speechkit.document import Options
    from speechkit.pipeline import process_file

    document = docx.Document()
    document.add_paragraph("关于印发2024年重点工作任务分解表的通知")
    document.add_paragraph("各单位：经2024年3月5日市政府常务会议研究，现将任务分解表印发给你们，请抓好落实。")
    rows = [
        ("序号", "工作任务", "牵头单位", "配合单位", "完成时限"),
        ("1", "开工建设东环路快速化改造工程", "市交通运输局", "市自然资源局、经开区管委会", "2024年4月15日前"),
        ("2", "建立重点工作月报制度", "市政府督查室", "", "每月25日前"),
    ]
    table = document.add_table(rows=len(rows), cols=5)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "notice.docx"
    document.save(path)
    [speech] = process_file(path, Options(meeting_date=date(2024, 3, 5))).speeches
    first, second = (t for t in speech.tasks if t.quote in (rows[1][1], rows[2][1]))
    assert (first.owner, first.cooperating, first.deadline_iso) == (
        "市交通运输局",
        ("市自然资源局", "经开区管委会"),
        date(2024, 4, 15),
    )
    assert (second.owner, second.cooperating, second.deadline, second.recurrence) == (
        "市政府督查室",
        (),
        "每月25日前",
        "每月25日前",
    )


def test_extract_spoken_assignments_in_a_transcript() -> None:
    """ASR text: pauses for commas, 把 for the directive, limits as they are said."""
    text = (
        "第三 物资和值班 张科长你那边 三天之内 把物资仓库再盘一遍 沙袋 水泵 发电机 缺什么列个单子给我\n"
        "带班领导每天晚上八点前在工作群里报一下平安\n"
        "各大队下个月十号之前 把辖区内的隐患全部排查一遍 台账报到市政科\n"
        "办公室这周五之前把防汛应急预案的修订稿拿出来 发给班子成员都看一看\n"
    )
    tasks = _tasks_of(text, date(2024, 6, 4)).tasks  # a Tuesday
    assert [(t.owner, t.deadline, t.deadline_iso) for t in tasks] == [
        ("张科长", "三天之内", date(2024, 6, 7)),
        ("带班领导", "每天晚上八点前", None),
        ("各大队", "下个月十号之前", date(2024, 7, 10)),
        ("办公室", "这周五之前", date(2024, 6, 7)),
    ]
    assert tasks[1].recurrence == "每天"


# (what it shows, the text, the meeting date, the (owner, deadline or cadence) of each task found)
OWNER_CASES = [
    (
        "minutes phrasings",
        "请假：孙建平（在省党校学习）\n"
        "（一）会议原则同意县教育局关于县第三中学教学楼维修改造的意见，所需资金86万元由县财政局从教育专项经费中统筹解决。\n"
        "（二）会议听取了县统计局的汇报，要求各乡镇于3月22日前完成普查数据审核验收工作。\n"
        "（三）经营管理部李建华同志每季度组织一次清收工作考核。\n"
        "（四）各乡镇、各部门每季度至少召开一次安全生产专题会议。\n"
        "（五）各乡镇全年至少引进亿元以上项目2个。\n",
        date(2024, 3, 14),
        # the approval names whose proposal it was; the money is the finance bureau's work
        [("县财政局", None), ("各乡镇", "3月22日前"), ("李建华", "每季度"), ("各乡镇、各部门", "每季度"),
         ("各乡镇", "全年")],
    ),
    (
        "reports, labels and bare approvals are no tasks",
        "（二）扎实推进农村改厕。今年县里下达我镇改厕任务860户，目前已完成612户。\n"
        "2024年，全县实施重点项目126个，完成投资186.5亿元，同比增长11.2%。\n"
        "重点问题督办清单\n"
        "会议原则同意该方案，请市城管局根据会议意见进一步修改完善后印发。\n"
        "4.普通国省道新改建完成412公里，农村公路提质改造完成2860公里。\n",
        date(2025, 4, 10),
        [("市城管局", None)],
    ),
    (
        "clerk's notes",
        "1.背街小巷：城管科张科长负责，剩余5条本月内完工。\n"
        "2.餐饮燃气：应急办会同各社区对沿街餐饮再查一遍，5个工作日内完成。\n"
        "3.幸福里社区书记负责，周五前报网格员调整名单。\n",
        date(2025, 9, 22),
        [("张科长", "本月内"), ("应急办", "5个工作日内"), ("幸福里社区书记", "周五前")],
    ),
    (
        "a party before the season it acts in (real26 b09)",
        "会议要求,各子公司在春节期间要于2月10日前完成管网巡线。\n",
        date(2021, 2, 1),
        [("各子公司", "2月10日前")],
    ),
    (
        "section units, this year's targets, a limit after a cadence",
        "局人事股要在8月29日前完成新招聘教师岗前培训。\n"
        "今年,镇农业综合服务中心要建成百亩以上水稻集中育秧点3个。\n"
        "区金融服务中心要每月组织一次银企对接活动，年底前为园区企业新增授信不少于5亿元。\n"
        "会后5个工作日内,各村党支部书记要与镇政府签订耕地保护目标责任书。\n",
        date(2025, 8, 18),
        [("局人事股", "8月29日前"), ("镇农业综合服务中心", "今年"), ("区金融服务中心", "每月"),
         ("区金融服务中心", "年底前"), ("各村党支部书记", "会后5个工作日内")],
    ),
    (
        "a limit or a window before 请 and the party it asks (real40)",
        "9月15日前,请各单位通知新生登录系统进行信息更新。\n9月11日 - 9月15日,请各学院组织新生完成入学教育。\n",
        date(2023, 9, 1),
        [("各单位", "9月15日前"), ("各学院", "9月11日 - 9月15日")],
    ),
    (
        "the work is the party's it is given to by 由 (real22 k24)",
        "其他课程由课程承担系部负责组织实施,于5月9日前完成考试。\n",
        date(2014, 4, 20),
        [("课程承担系部", "5月9日前")],
    ),
    (
        "a topic's colon, then the party that does the work; a label listing awards names nobody (real42 af24, af21)",
        "先进通联人员评选:各县(市、区)协会按照标准评选出初步人选于12月9日前报市协会。\n"
        "1、自主创新十佳、产品质量十佳: 请于2020年11月30日前将纸质和电子文本各一份报至协会行业发展部。\n",
        date(2020, 10, 20),
        [("各县(市、区)协会", "12月9日前"), (None, "2020年11月30日前")],
    ),
    (
        "the party 要求 asks before a series owns its items (real10 x15)",
        "会上,副县长王明要求各乡镇:一要在3月10日前完成摸排;二要每周报送一次进展。\n",
        date(2024, 3, 5),
        [("各乡镇", "3月10日前"), ("各乡镇", "每周")],
    ),
    (
        "a 防指 (防汛/森林防火指挥部) and a bank's 分行 are units (heldout5 h34)",
        "县森防指要成立3个督导组，从3月1日起对各乡镇防火工作开展常态化督导。\n各分行要于6月底前完成网点安全自查。\n",
        date(2024, 2, 20),
        [("县森防指", None), ("各分行", "6月底前")],
    ),
    (
        "a verb that only says which units (real27 c23, real42 af17)",
        "各活动开展单位在2020年10月11日前将活动总结材料报送至学会办公室。\n检查组要求存在消防隐患责任单位于5月10日前整改完毕。\n",
        date(2020, 9, 1),
        [("各活动开展单位", "2020年10月11日前"), ("存在消防隐患责任单位", "5月10日前")],
    ),
    (
        "the report's 他强调 is no part of the party it asks (real42 af12)",
        "院长黄永清从医教研等方面总结了重点工作中的问题和不足之处。他强调各科室主任要在5月底前完成科室目标责任书签订。\n",
        date(2019, 4, 3),
        [("各科室主任", "5月底前")],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("why", "text", "meeting", "expected"), OWNER_CASES, ids=[c[0] for c in OWNER_CASES])
def test_extract_owners_and_limits(why: str, text: str, meeting: date, expected: list[tuple[str, str | None]]) -> None:
    tasks = _tasks_of(text, meeting).tasks
    assert [(t.owner, t.deadline or t.recurrence) for t in tasks] == expected, why


def test_extract_unit_whose_name_opens_with_its_level_owns_its_work() -> None:
    # real29 e19, real39: jieba tags the 县 of 县|供电|分公司 apart from the name it opens (zg)
    text = "试鸣工作由县政府统一指挥,县国动办组织实施。县供电分公司保障防空警报设施供电需要。\n"
    tasks = _tasks_of(text, date(2024, 9, 10)).tasks
    assert [t.owner for t in tasks if t.quote.startswith("县供电分公司")] == ["县供电分公司"]


def test_extract_unit_before_a_person_leads() -> None:
    (task,) = _tasks_of("城管科张科长负责，剩余5条本月内完工。", date(2025, 9, 22)).tasks
    assert (task.owner, task.lead) == ("张科长", "城管科")


def test_extract_agenda_calls_and_partners_are_no_tasks_of_their_own() -> None:
    text = (
        "下面，进行第一项议程，请县发展和改革局局长胡伟同志通报2024年全县重点项目建设情况。\n"
        "下面，进行第二项议程，请县政府办公室副主任宣读表彰决定。\n"
        "（2）财务总监陈静牵头，会同销售部于下周三前梳理出应收账款清单；每月10日前向总经理办公会报告回款进度。\n"
    )
    tasks = _tasks_of(text, date(2025, 7, 8)).tasks
    assert [(t.owner, t.deadline, t.cooperating) for t in tasks] == [
        ("陈静", "下周三前", ("销售部",)),
        ("陈静", "每月10日前", ()),
    ]
    assert tasks[0].deadline_iso == date(2025, 7, 16) and tasks[1].recurrence == "每月10日前"


def test_extract_nlp_missing_dependency_is_one_line(monkeypatch) -> None:
    """extract/nlp.py raised MissingExtra with the wrong arguments: a TypeError instead of the install line."""
    import builtins

    from speechkit.errors import MissingExtra
    from speechkit.extract import nlp

    real_import = builtins.__import__

    def no_jieba(name: str, *args: object, **kwargs: object) -> object:
        if name == "jieba":
            raise ImportError("No module named 'jieba'", name="jieba")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_jieba)
    with pytest.raises(MissingExtra) as info:
        nlp._require_jieba()
    assert str(info.value) == "jieba is not installed: pip install speechkit"


def test_extract_text_stage_does_not_import_torch() -> None:
    """Issue 18: thinc imports torch when it is installed (openai-whisper's): a second of start-up for nothing."""
    import subprocess
    import sys

    code = (
        "import sys; from speechkit.pipeline import outline_text; "
        "outline_text('同志们：一、加强领导。各单位要在本月底前报送材料。'); "
        "print('torch' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False"]


def _real_clauses() -> list[str]:
    """Every line of the samples and the dev sets, and short pieces of them (a party, a name)."""
    import random

    eval_root = Path(__file__).resolve().parents[2] / "shared" / "eval"
    files = sorted((Path(__file__).parents[1] / "samples").glob("*.txt")) + sorted(eval_root.glob("*/raw/*.txt"))
    lines = [line.strip()[:300] for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    rng = random.Random(18)
    pieces = [line[at : at + rng.randint(1, 12)] for line in lines for at in [rng.randrange(len(line))]]
    return lines + pieces


def test_extract_lexicon_cuts_as_jieba_with_its_whole_dictionary() -> None:
    """Issue 18: the dictionary loaded a first character at a time gives jieba's very cut and tags."""
    import jieba
    import jieba.posseg

    from speechkit import lexicon

    clauses = _real_clauses()
    assert len(clauses) > 500
    ours = [lexicon.cut(c) for c in clauses]
    tagged = [[(p.word, p.flag) for p in lexicon.pos_cut(c)] for c in clauses]
    assert len(lexicon.lexicon().freq) < 498_113  # the entries of the characters these texts hold, not all
    whole = jieba.Tokenizer()  # jieba's own, with the whole dictionary
    assert ours == [whole.lcut(c, HMM=False) for c in clauses]
    tagger = jieba.posseg.POSTokenizer(whole)
    assert tagged == [[(p.word, p.flag) for p in tagger.lcut(c)] for c in clauses]


def test_extract_lexicon_is_jiebas_whole_dictionary_once_every_character_is_loaded() -> None:
    """The cache, grouped by first character, holds jieba's prefix dictionary and posseg's tags exactly."""
    import jieba
    import jieba.posseg

    from speechkit import lexicon

    data = lexicon._build()
    words = lexicon.Lexicon(lambda offset, size: data[offset : offset + size], len(data))
    words.load(words._index)
    freq, total = jieba.Tokenizer.gen_pfdict(jieba.Tokenizer().get_dict_file())
    assert words.total == total and words.freq == freq
    assert dict(words.tags) == jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab


def test_extract_lexicon_cache_cut_short_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache file cut short (a full disk, a crash while another process wrote it) is rebuilt, not trusted."""
    import tempfile

    from speechkit import lexicon

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    path = lexicon._cache_path()
    for damaged in (b"", b"\x10\x00\x00\x00\x00\x00\x00\x00{", b"garbage"):
        path.write_bytes(damaged)
        lexicon.lexicon.cache_clear()
        lexicon._tokenizer.cache_clear()
        try:
            words = lexicon.lexicon()
            words.load("各单位要")
            assert words.freq["单位"] > 0 and words.tags.get("单位") == "n"
            assert path.stat().st_size > 10_000_000  # written whole again
        finally:
            lexicon.lexicon.cache_clear()
            lexicon._tokenizer.cache_clear()


def test_extract_lexicon_leaves_jieba_posseg_whole() -> None:
    """jieba.posseg imported through the lexicon (without reading its dictionary) still tags as jieba does."""
    import subprocess
    import sys

    code = (
        "import jieba; from speechkit import lexicon; jieba.setLogLevel(60); "
        "lexicon.pos_cut('财务部张明同志'); import jieba.posseg as p; t = '市住建局局长李建国主持会议'; "
        "print(p.lcut(t) == p.POSTokenizer(jieba.Tokenizer()).lcut(t), jieba.dt.dictionary is None)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "True"]


# Failure kinds of issue 12, one data case each: tests/data/extract_cases/<name>.txt gives, through the
# whole text stage, exactly the tasks of <name>.json (owner, deadline as written, date, a piece of the quote).
EXTRACT_CASES = sorted((Path(__file__).parent / "data" / "extract_cases").glob("*.txt"))


@pytest.mark.parametrize("case", EXTRACT_CASES, ids=[c.stem for c in EXTRACT_CASES])
def test_extract_cases(case: Path) -> None:
    import json

    from speechkit.document import Options
    from speechkit.pipeline import outline_text

    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    meeting = date.fromisoformat(expected["meeting_date"]) if expected["meeting_date"] else None
    speeches = outline_text(case.read_text(encoding="utf-8"), Options(meeting_date=meeting))
    found = [t for s in speeches for t in s.tasks]
    got = [(t.owner, t.deadline, t.deadline_iso.isoformat() if t.deadline_iso else None) for t in found]
    assert got == [(t["owner"], t["deadline"], t["deadline_iso"]) for t in expected["tasks"]], expected["why"]
    for task, want in zip(found, expected["tasks"], strict=True):
        assert want["quote_has"] in task.quote, (task.quote, expected["why"])


def test_extract_task_table_past_999_rows() -> None:
    """A register runs past row 999: rows 1000 and 1001 are tasks like the rest (issue 12)."""
    from speechkit.extract.tables import table_tasks

    rows = "".join(f"{n} | 完成第{n}号点位整治 | 县城管局 | 6月底前\n" for n in range(998, 1002))
    tasks, _, _ = table_tasks("序号 | 工作任务 | 责任单位 | 完成时限\n" + rows)
    assert [t.quote for t in tasks] == [f"完成第{n}号点位整治" for n in range(998, 1002)]
    assert {t.owner for t in tasks} == {"县城管局"}


def test_extract_subject_ends_are_where_trailing_words_end() -> None:
    """``_subject_before`` drops a trailing time or adverb only from a text ending as one of them can."""
    from itertools import product

    from speechkit.extract import tasks

    soon = ("会后", "会议结束后", "回去后", "近期", "今后", "下一步")
    first = [""] + [a + b for a, b in product(("", "在", "于"), soon)]
    units = ("天", "日", "周", "月", "季", "季度", "年")
    every = ["每" + n + u + e for n, u, e in product(("", "个"), units, "初底末 ")]
    named = [a + u + e for a, u, e in product(("", "本", "今", "下"), ("月", "年", "周"), "底末初内 ")]
    for head, tail in product(first, [""] + [t.strip() for t in every + named]):
        phrase = head + tail
        if phrase:
            assert tasks._TRAILING_TIME.fullmatch(phrase), phrase
            assert phrase.endswith(tasks._TRAILING_TIME_ENDS), phrase
            assert tasks._drop_at_end(tasks._TRAILING_TIME, tasks._TRAILING_TIME_ENDS, "各乡镇" + phrase) == "各乡镇"
    for word in tasks._ADVERB_WORDS:
        assert tasks._drop_at_end(tasks._ADVERBS, tasks._ADVERB_ENDS, "县财政局" + word) == "县财政局"
    assert tasks._drop_at_end(tasks._ADVERBS, tasks._ADVERB_ENDS, "县财政局") == "县财政局"


# Owners a tracker files work under: never a clause's words (real7 u14, u17, u18; dev2 e14; real8 v13).
@pytest.mark.parametrize(
    ("read", "owner"),
    [
        ("各责任单位对整改", "各责任单位"),  # who acts, not on what
        ("工程部部长马艳春对各实体单位", "工程部部长马艳春"),
        ("确保市上交办", None),
        ("团学活动举行前先确定教室", None),
        ("与会", None),
        ("县委办公室", "县委办公室"),
        ("对口支援办公室", "对口支援办公室"),
        ("对外联络部", "对外联络部"),
        ("对重点水文站", None),  # "对重点水文站视频监控系统…进行再检查" (real25 a03): what the work is on
        ("结合本单位", None),  # "请结合本单位实际,积极开展…" (real27 c23): how, not who
        ("抓紧时间组织人员", None),  # "要…抓紧时间组织人员做好…" (real29 e07): a directive is no name's word
        ("后续学校", "学校"),  # "后续学校将安排…督查" (real29 e10): when, then who
        ("部分律师(律公科", "律公科"),  # "部分律师(律公科负责邀请)" (real16 v22): the bracket names who acts
        ("幼儿园(含民办", "幼儿园"),  # "各中小学,幼儿园(含民办)于…" (real27 c19): the bracket says more
        ("节日期间各社区", "各社区"),  # "节日期间各社区安排两人值班" (heldout3 h18): when, then who
        ("汛期各乡镇", "各乡镇"),  # "汛期各乡镇实行24小时值班值守" (heldout4 h25)
    ],
)
def test_extract_owner_is_a_party_not_a_clause(read: str, owner: str | None) -> None:
    from speechkit.extract.tasks import plausible_owner

    assert plausible_owner(read) == owner


def test_extract_run_in_items_after_a_colon_are_the_lead_units_work() -> None:
    """A run-in list inside one line (heldout4 h28: "由局建设管理科牵头,协调…等单位:(一)8月15日前完成…;(二)…"):
    each item is a task of the unit named before the colon, the lead-in itself none."""
    from speechkit.clean import clean
    from speechkit.ingest import read
    from speechkit.structure import structure

    speech = extract_tasks(structure(clean(read(Path(__file__).parent / "data/heldout4/raw/h28.txt")))[0])
    items = [t for t in speech.tasks if "公交站点站牌" in t.quote or "港湾式停靠站" in t.quote]
    assert [(t.quote[:5], t.owner, t.deadline) for t in items] == [
        ("8月15日", "局建设管理科", "8月15日前"),
        ("三季度末前", "局建设管理科", "三季度末前"),
    ]
    assert not [t for t in speech.tasks if t.quote.startswith("由局建设管理科牵头")]


def test_extract_no_task_runs_over_an_inline_heading() -> None:
    """A page that lost its line breaks (dev2 e22): the preview "我着重讲两个问题:" ends where "一、" starts,
    so it is no task that swallows the headings after it."""
    text = (
        "根据县政府集体研究的意见,我着重讲两个问题:一、周密部署,立即行动,扎实开展矿山安全生产专项整治工作"
        "(一)开展专项整治工作的必要性我县非煤矿山点多面广,监管难度大。各乡镇要在11月底前完成辖区矿山排查。"
    )
    starts = [text.index("一、"), text.index("(一)")]
    headings = (
        Heading(level=1, marker="一、", text="周密部署,立即行动,扎实开展矿山安全生产专项整治工作", start=starts[0]),
        Heading(level=2, marker="(一)", text="开展专项整治工作的必要性", start=starts[1]),
    )
    speech = extract_tasks(Speech(text=text, meeting_date=date(2024, 11, 6), headings=headings))
    assert [t.quote for t in speech.tasks] == ["各乡镇要在11月底前完成辖区矿山排查"]


def test_extract_opening_party_after_a_spoken_connective() -> None:
    """A talk's clause opens with 那么/所以 before its party (real4 r06, r10): the party is what follows."""
    from speechkit.extract.tasks import opening_party

    assert opening_party("那么IRB应沿着整条产业链，合理投资，提升速度") == "IRB"
    assert opening_party("所以华为公司机关派出机构成立片工程部") == "华为公司机关派出机构"
    assert opening_party("所以要把华为公司的资源利用当地化") is None


def test_extract_opening_party_before_how_often_it_acts() -> None:
    """ "教师每日在班级群发布安全提示" (real29 e15): the party, then its cadence, then the act."""
    from speechkit.extract.tasks import opening_party

    assert opening_party("教师每日在班级群发布安全提示,对重点幼儿家庭进行电话随访") == "教师"
    assert opening_party("每季度各乡镇召开一次安全生产会议") == "各乡镇"  # how often, then who
    assert opening_party("每月县财政局向县政府报送执行情况") == "县财政局"


@pytest.mark.parametrize(
    ("owner", "filed_under"),
    [
        ("（刘书记", "刘书记"),  # a clerk's note in brackets, cut with its clause (heldout3 h18)
        ("·区财政局", "区财政局"),  # a page's bullet
        ("县住建局)", "县住建局"),
        ("各镇(办)", "各镇(办)"),  # its own pair of brackets stays
        ("与各村", None),  # "与各村做好对接" (real8 v02): a partner, not the owner
        ("与会的同志", "与会的同志"),
        ("各位工程师可", "各位工程师"),  # "今后各位工程师可将…" (dev2 e27): the modal is no part of it
        ("一批使用会", None),  # "请一批使用会议室最多的人…" (real4 r01): no party before the modal
        ("集团工会", "集团工会"),  # 会 a noun here
        ("行政部会同工会", "行政部"),  # heldout3 h23: who leads the joint work
        ("和上述中央局、分局", None),  # real8 v15: "和…的理由相同" compares, names no owner
        ("各地在做好机关订阅工作时", "各地"),  # real13 z10: who acts, not when
    ],
)
def test_extract_owner_as_the_tracker_files_it(owner: str, filed_under: str | None) -> None:
    """The tracker's stats list owners by name: no stray bracket, bullet or partner's 与 (issue 12)."""
    from speechkit.extract.tasks import plausible_owner

    assert plausible_owner(owner) == filed_under


def test_extract_a_party_urged_is_no_new_owner() -> None:
    """ "区市场监管局要在9月底前完成…专项检查,督促机构将预收费全部纳入资金监管账户" (heldout5 h39): 督促机构 is
    the one urged, so the clause stays the bureau's one task; 督促/指导/联系 + a party is never an owner."""
    from speechkit.clean import clean
    from speechkit.extract.tasks import plausible_owner
    from speechkit.ingest import read
    from speechkit.structure import structure

    speech = extract_tasks(structure(clean(read(Path(__file__).parent / "data/heldout5/raw/h39.txt")))[0])
    found = [t for t in speech.tasks if "预收费" in t.quote]
    assert [(t.owner, t.deadline) for t in found] == [("区市场监管局", "9月底前")]
    assert "专项检查" in found[0].quote
    assert [plausible_owner(o) for o in ("督促机构", "联系各村", "指导组")] == [None, None, "指导组"]


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("节假日期间请全院各医疗医技科室做好排班,保证各项医疗工作正常进行。", "全院各医疗医技科室"),  # real9 w16
        ("请各科室(部门)进行全面彻底的安全自查,确保春节期间医院消防安全。", "各科室(部门)"),
        ("请局财务科会同市公交集团于下周一前提出车辆购置补贴资金申报方案。", "局财务科"),  # heldout4 h28
    ],
)
def test_extract_the_whole_party_asked(text: str, owner: str) -> None:
    """A party matched up to its first unit suffix grows over the units within it and its bracketed
    alternative, not over its partner (会同…)."""
    assert [t.owner for t in _tasks_of(text, date(2024, 2, 1)).tasks] == [owner]


def test_extract_a_department_is_no_person() -> None:
    """jieba reads 宣传部 of 市委宣传部 as a name (宣 is a surname): a unit's word and suffix are no person
    (heldout5 h36), while 财务部张明 still names 张明."""
    from speechkit.extract.nlp import person_name

    parties = ("市委宣传部", "市委组织部", "财务部张明同志", "李卫科")
    assert [person_name(p) for p in parties] == [None, None, "张明", "李卫科"]
    tasks = _tasks_of("市委宣传部要在本周五前制定创文宣传月活动方案。", date(2025, 9, 1)).tasks
    assert [(t.owner, t.person) for t in tasks] == [("市委宣传部", None)]


def test_extract_chiefs_of_the_chief_system_are_owners() -> None:
    """河长制/林长制 and a project's 指挥长 give work to roles that end in 长 (heldout5 h34, h40; real6 t02)."""
    tasks = _tasks_of("县级河长每季度至少巡河一次。\n各项目指挥长每月至少开展一次现场督导。\n", date(2025, 3, 1)).tasks
    assert [(t.owner, t.recurrence) for t in tasks] == [("县级河长", "每季度"), ("各项目指挥长", "每月")]


def test_extract_a_name_between_unit_and_title() -> None:
    """ "基金监管科李卫东科长负责" (heldout5 h35): the person is 李卫东, his unit leads; "各村党支部书记" is a
    role of a unit (党支部), no name."""
    text = "基金监管科李卫东科长负责,7个工作日内制定问题整改方案。\n各村党支部书记要在5个工作日内签订责任书。\n"
    tasks = _tasks_of(text, date(2025, 6, 3)).tasks
    assert [(t.owner, t.lead) for t in tasks] == [("李卫东", "基金监管科"), ("各村党支部书记", None)]
    assert tasks[0].person == "李卫东"


def test_extract_a_verb_is_no_unit_suffix() -> None:
    """ "还是要由公司委派" (dev2 e27): 委 begins 委派 there, it does not end a unit 公司委."""
    owners = [t.owner for t in _tasks_of("如办事处副主任以上干部还是要由公司委派。", date(2025, 5, 1)).tasks]
    assert "公司委" not in owners
    assert [t.owner for t in _tasks_of("由县委宣传部牵头，5月底前完成方案。", date(2025, 5, 1)).tasks] == ["县委宣传部"]


def test_extract_a_lead_in_colon_ends_what_the_meeting_did_before_its_items() -> None:
    """ "…听取了各处室汇报…,会议要求:一是确保…,公司各处室严格执行…;二是…": the meeting's own doings
    before the colon are no part of the first item's quote, and the item keeps its party (dev2 e14)."""
    from speechkit.document import Options
    from speechkit.pipeline import outline_text

    text = (
        "公司召开8月份工作例会\n"
        "8月2日，公司副总经理杨松听取了各处室汇报的7月工作总结，并安排部署了8月份各部门工作，会议要求："
        "一是确保公司管理体系正常运转，公司各处室严格执行各项管理办法，8月底前完成制度修订；"
        "二是做好全线征拆工作，由专人管理征拆台账，9月15日前完成剩余征拆。"
    )
    tasks = [t for s in outline_text(text, Options(meeting_date=date(2024, 8, 2))) for t in s.tasks]
    assert tasks and not any("听取" in t.quote for t in tasks)
    first = next(t for t in tasks if t.quote.startswith("确保公司管理体系正常运转"))
    assert first.owner == "公司各处室"  # after the end it serves, the party that acts


def test_extract_an_item_of_a_flattened_notice_is_one_task() -> None:
    """A 督办 notice on one line (real9 w04): the item the (责任单位:…) row makes a task is not given again by
    the clause it is cut into at its item number, nor kept as an exhortation."""
    from speechkit.document import Document
    from speechkit.pipeline import process_document

    text = (
        "市政府督查室关于开展专项督查的通知\n市直相关部门、各乡镇人民政府: 现将有关事宜通知如下: 一、重点督办事项 "
        "1.推进村村通工程,加快村路巷道改造进程。(责任单位:交通局、各乡镇场) 2.加大推进农村危房改造力度,确保如期完成"
        "改造任务。(责任单位:住建局、各乡镇场) 二、几点要求 1.报告要做到内容翔实。"
    )
    (speech,) = process_document(Document(source=Path("notice.txt"), text=text, kind="txt")).speeches
    quotes = [t.quote for t in speech.tasks]
    assert quotes == ["推进村村通工程,加快村路巷道改造进程", "加大推进农村危房改造力度,确保如期完成改造任务"]
    assert [t.owner for t in speech.tasks] == ["交通局、各乡镇场", "住建局、各乡镇场"]
    assert not set(quotes) & set(speech.requirements)


# real47 ak01: a 国务院办公厅 实施意见 run together into one line, each item closed by its owners in brackets
TAGGED_ITEMS = (
    "国务院办公厅关于进一步优化营商环境更好服务市场主体的实施意见\n"
    "各省、自治区、直辖市人民政府：为持续深化“放管服”改革优化营商环境，经国务院同意，现提出以下意见。"
    "一、持续提升投资建设便利度（一）优化再造投资项目前期审批流程。从办成项目前期“一件事”出发，健全部门协同工作机制，"
    "加强项目立项与用地、规划等建设条件衔接。优化全国投资项目在线审批监管平台审批流程，实现批复文件等在线打印。"
    "（国家发展改革委牵头，国务院相关部门及各地区按职责分工负责）（二）进一步降低市场准入门槛。围绕工程建设、教育、医疗、"
    "体育等领域，集中清理有关部门和地方在市场准入方面对企业资质、资金、股比、人员、场所等设置的不合理条件，列出台账并逐项"
    "明确解决措施、责任主体和完成时限。（国家发展改革委、教育部、住房城乡建设部、交通运输部、商务部、文化和旅游部、"
    "国家卫生健康委、体育总局等国务院相关部门及各地区按职责分工负责）二、提升涉企服务质量和效率（三）持续提升纳税服务水平。"
    "2020年底前基本实现增值税专用发票电子化，主要涉税服务事项基本实现网上办理。"
    "（税务总局牵头，人民银行、海关总署等国务院相关部门按职责分工负责）"
)


def test_extract_owners_in_the_bracket_that_closes_each_item() -> None:
    """Each item's opening measure is a task of the units its bracket names: the lead where one leads, the
    whole list where none does; the bracket itself is no task."""
    (speech,) = process_document(Document(source=Path("ak01.txt"), text=TAGGED_ITEMS, kind="txt")).speeches
    assert [h.marker for h in speech.headings] == ["一、", "（一）", "（二）", "二、", "（三）"]
    assert not [t.quote for t in speech.tasks if "负责" in t.quote]
    first = _task(speech, "从办成项目前期")
    assert (first.owner, first.lead) == ("国家发展改革委", "国家发展改革委")
    listed = _task(speech, "集中清理有关部门和地方")
    assert listed.owner == (
        "国家发展改革委、教育部、住房城乡建设部、交通运输部、商务部、文化和旅游部、国家卫生健康委、体育总局等国务院相关部门及各地区"
    )
    dated = _task(speech, "增值税专用发票电子化")
    assert (dated.owner, dated.deadline) == ("税务总局", "2020年底前")
    assert dated.cooperating == ("人民银行", "海关总署等国务院相关部门")


@pytest.mark.parametrize(
    "text, owner, expected",
    [  # real17 z23, heldout5 h37, real29 e21: the name goes on past a shorter ending
        ("请各区县安全站、总站各监督科进一步加大对企业自查工作的督促", "各区县", "各区县安全站、总站各监督科"),
        ("请镇社会事务办按程序公示后报县民政局审批", "镇社会", "镇社会事务办"),
        ("请各市农委,畜牧、果业局(中心)围绕冬季行动组织领导", "各市", "各市农委"),
        # ...but not into what the party does
        ("街道成立文明创建领导小组,主抓全街道文明创建工作", "街道", "街道"),
        ("报社派一名领导负责联络、协调联合会工作", "报社", "报社"),
        ("要求民警向监区长、监区长向监狱长层层签订目标责任书", "民警", "民警"),
        ("工作人员立即下村,深入田间地头进行巡查督导", "工作人员", "工作人员"),
        ("请各科室安排好值班人员,并将名单于9月25日前报至院办", "各科室", "各科室"),
    ],
)
def test_extract_owner_named_in_full(text: str, owner: str, expected: str) -> None:
    assert whole_unit(text, owner) == expected


@pytest.mark.parametrize(
    "owner, expected",
    [  # real51 ao06, ao02: who asked and when run into the party asked
        ("徐校长强调寒假开始前总务处", "总务处"),
        ("许校长还强调各行政部门人员", "各行政部门人员"),
        ("县住建局", "县住建局"),
    ],
)
def test_extract_owner_without_who_asked_it(owner: str, expected: str) -> None:
    assert plausible_owner(owner) == expected


@pytest.mark.parametrize(
    "text, expected",
    [  # real51 ao21: the work listed first, then who does it
        ("运动会比赛秩序册、运动器材、裁判员培训和分工由体育系负责", "体育系"),
        ("停课通知由教务处负责落实", "教务处"),
        ("由体育系负责运动会比赛秩序册的编排,并报学校审定", None),  # not at the end: the clause goes on
        ("运动会比赛秩序册已编好", None),
    ],
)
def test_extract_party_given_the_work_at_the_end(text: str, expected: str | None) -> None:
    assert given_at_the_end(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [  # real51 ao04: the sentence that announces a leader's points is no task; the points are
        ("邵玲就加快推进公共机构节能重点工作,全面完成年度各项目标任务提出三点要求", True),
        ("吕大伟对全市工作给予充分肯定,并提出了三点具体要求:", True),
        ("各单位要在3月5日前就修订稿提出三条意见", False),  # asked: work
    ],
)
def test_extract_announced_points_are_told_not_asked(text: str, expected: bool) -> None:
    assert narrates_the_meeting(text) is expected


def test_extract_a_limit_alone_is_no_task() -> None:
    """real51 ao20: a plan's table flattened one cell a line leaves its limits alone on their lines."""
    text = (
        "运动会筹备工作安排\n一、筹备阶段\n召开运动会筹备会,确定比赛项目\n4月7日前\n校工会、体育教学部\n"
        "组织学生报名、按时上交报名表\n4月10日前\n各学院\n"
    )
    speech = _tasks_of(text, date(2024, 3, 20))
    assert not [t.quote for t in speech.tasks if t.quote.rstrip("。") in ("4月7日前", "4月10日前")]


def test_extract_subject_drops_a_negative_imperative_and_each_project_is_a_party() -> None:
    """ "各单位各部门切勿要放松…" is 各单位各部门's; 各项目 is each project (a party), 各项活动 a kind of thing."""
    from speechkit.extract import tasks

    text = "各单位各部门切勿要放松值班值守"
    assert tasks._subject_before(text, text.index("要")) == "各单位各部门"
    assert tasks._is_party("各项目") and tasks._is_party("各个村委会社区戒毒专干")
    assert not tasks._is_party("各项活动") and not tasks._is_party("各类药剂储存量")


TEAM_MINUTES = """# 版本规划周会 2024-05-08
## 议题
1. 讨论了3.2版本的发布计划
## 待办事项
- [ ] 张三：整理需求文档，5月10日前
- [x] 李四：发出会议通知
- 补充测试报告 @王五
- 更新部署脚本（赵六）
| 序号 | 事项 | 负责人 |
## 其他
- 下次会议时间待定
"""


def test_extract_action_items_of_a_teams_minutes() -> None:
    """A team's minutes list their work under 待办事项 (or with a checkbox): each open item is a task of the
    person it tags (张三：…, @王五, （赵六）); a ticked box, a table row and the items of another section are none."""
    from speechkit.extract.action_items import action_item_tasks

    tasks = action_item_tasks(TEAM_MINUTES)
    assert [(t.owner, t.quote, t.deadline) for t in tasks] == [
        ("张三", "整理需求文档，5月10日前", "5月10日前"),
        ("王五", "补充测试报告", None),
        ("赵六", "更新部署脚本", None),
    ]
    assert all(TEAM_MINUTES[t.start : t.end] == t.quote for t in tasks)
    from speechkit.document import Options
    from speechkit.pipeline import outline_text

    speech = outline_text(TEAM_MINUTES, Options(meeting_date=date(2024, 5, 8)))[0]
    assert [(t.owner, t.deadline_iso) for t in speech.tasks] == [
        ("张三", date(2024, 5, 10)),
        ("王五", None),
        ("赵六", None),
    ]


def test_extract_action_items_need_a_checkbox_or_a_follow_up_label() -> None:
    from speechkit.extract.action_items import action_item_tasks

    assert action_item_tasks("## 议题\n- 讨论了3.2版本的发布计划\n- 回顾上周进展") == []
    assert [t.owner for t in action_item_tasks("遗留问题：\n1）输出原型 --李凯\n2）明确数据源关系")] == ["李凯", None]


def test_extract_a_reports_next_steps_paragraphs_are_no_action_items() -> None:
    """Under a work report's "四、下一步工作" the paragraphs argue and plan (the rules judge them); only a listed or
    tagged line is an action item."""
    from speechkit.extract.action_items import action_item_tasks

    report = "四、下一步工作\n一是持续抓好项目建设，确保年度目标完成。\n二是强化要素保障，狠抓工作落实。"
    assert action_item_tasks(report) == []


def test_extract_a_place_word_ending_as_a_unit_does_is_no_party() -> None:
    """ "节日期间返乡的员工要…" (real54 ar22): 返乡 (home to the village) ends as 乡 does and names no one; nor do 城乡,
    内部; 安全部 and 各乡 still are units."""
    from speechkit.extract import tasks

    for word in ("返乡", "下乡", "城乡", "家乡", "内部", "局部"):
        assert not tasks._is_party(word), word
    assert tasks._is_party("安全部") and tasks._is_party("各乡") and tasks._is_party("县城乡建设局")
