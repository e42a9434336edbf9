"""split_speeches() and find_headings(): speeches, their facts, and the outline's levels."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from speechkit.clean import clean
from speechkit.document import Document
from speechkit.ingest import read
from speechkit.structure import find_headings, find_meeting_date, structure

CASES = sorted((Path(__file__).parent / "data" / "cases").glob("*.txt"))
DATA = Path(__file__).parent / "data"


def speeches_of(text: str):  # type: ignore[no-untyped-def]
    return structure(clean(Document(source=Path("t.txt"), text=text, kind="txt")))


def outline(text: str) -> list[tuple[int, str, str]]:
    return [(h.level, h.marker, h.text) for h in find_headings(text)]


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_structure_cases(case: Path) -> None:
    """Each tests/data/cases/<name>.txt gives the speeches and headings of <name>.json."""
    expected = json.loads(case.with_suffix(".json").read_text(encoding="utf-8"))
    found = speeches_of(case.read_text(encoding="utf-8"))
    got = [
        {
            "title": s.title,
            "speaker": s.speaker,
            "meeting_date": s.meeting_date.isoformat() if s.meeting_date else None,
            "headings": [{"level": h.level, "marker": h.marker, "text": h.text} for h in s.headings],
        }
        for s in found
    ]
    assert got == expected["speeches"]


def test_outline_levels_follow_first_appearance_not_a_fixed_table() -> None:
    text = "一、总体要求\n1、加强领导。\n2、压实责任。\n二、主要任务\n1、抓项目。"
    assert outline(text) == [
        (1, "一、", "总体要求"),
        (2, "1、", "加强领导"),
        (2, "2、", "压实责任"),
        (1, "二、", "主要任务"),
        (2, "1、", "抓项目"),
    ]


def test_outline_decimal_items_sit_below_their_item() -> None:
    """A policy's 1.1、 1.2 under 1、 (real4 r12); a line opening with an amount (2.5 亿元) is no heading."""
    text = (
        "（二）工作措施\n1、确保人员配备需建立流程和机制。\n1.1 、地区部人力资源部在每年年初提出需求。\n"
        "1.2、 机关人力资源部组织制定派遣计划。\n2、派遣情况应进行专项审视。\n2.5 亿元资金已全部到位。"
    )
    assert outline(text) == [
        (1, "（二）", "工作措施"),
        (2, "1、", "确保人员配备需建立流程和机制"),
        (3, "1.1 、", "地区部人力资源部在每年年初提出需求"),
        (3, "1.2、", "机关人力资源部组织制定派遣计划"),
        (2, "2、", "派遣情况应进行专项审视"),
    ]


def test_outline_heading_text_runs_past_a_clock_time() -> None:
    """A clock's colon (下午2:15) ends no heading; the colon of a lead-in does (real17 z22)."""
    text = "1、下午2:15在二楼会议室召开中层负责人会议,布置近期工作。参加人员是:\n2、其他老师由各系自行安排教研活动。"
    assert outline(text) == [
        (1, "1、", "下午2:15在二楼会议室召开中层负责人会议,布置近期工作"),
        (1, "2、", "其他老师由各系自行安排教研活动"),
    ]


def test_outline_first_goes_on_as_second() -> None:
    """A speaker's 首先 that 第二/第三 go on from is their first point, with its 一是… below it (real21 g04);
    not a step inside a 第一 that came before (dev2 e30) nor one that previews a 第一 series (real4 r03)."""
    text = (
        "书记指出，首先，必须统一思想。一是要把城市管理作为重大问题，二是牢固树立以人为核心的观念。"
        "第二，必须深化改革。要继续落实管理体制改革。第三，必须坚持从严从实的作风。要持续发力。"
    )
    assert outline(text) == [
        (1, "首先，", "必须统一思想"),
        (2, "一是", "要把城市管理作为重大问题"),
        (2, "二是", "牢固树立以人为核心的观念"),
        (1, "第二，", "必须深化改革"),
        (1, "第三，", "必须坚持从严从实的作风"),
    ]
    inside = "第一，明确政策。每个新业务要立项，首先要找到合适的领袖。第二，绩效管理不能形式化。"
    assert [h[1] for h in outline(inside)] == ["第一，", "第二，"]
    preview = "建设行政体系，首先要解决岗位的问题。第一，先把岗位定清楚。第二，岗位确定了，配置干部。"
    assert [h[1] for h in outline(preview)] == ["第一，", "第二，"]


def test_outline_points_a_count_announced() -> None:
    """ "提出三点要求：一提高…。二围绕…" (real3 r15): bare numerals after the count are its points."""
    text = (
        "一、总体要求\n会上,书记提出三点要求: 一提高思想认识抓好责任落实。全街道要统一思想,一以贯之。"
        "二围绕目标抓紧行动。要对标对表。三完善机制加强工作。要建立长效机制。"
    )
    assert outline(text) == [
        (1, "一、", "总体要求"),
        (2, "一", "提高思想认识抓好责任落实"),
        (2, "二", "围绕目标抓紧行动"),
        (2, "三", "完善机制加强工作"),
    ]


def test_outline_inline_items_sit_below_the_heading_of_their_paragraph() -> None:
    text = "(一)规范办文办会\n一要努力提高办文质量。首先,要重点突出。其次,要真实准确。\n二要提高会议质量。"
    assert outline(text) == [
        (1, "(一)", "规范办文办会"),
        (2, "一要", "努力提高办文质量"),
        (3, "首先,", "要重点突出"),
        (3, "其次,", "要真实准确"),
        (2, "二要", "提高会议质量"),
    ]


def test_outline_nested_yishi_inside_the_yishi_that_opens_the_paragraph() -> None:
    text = "一是强化参谋意识。办公室是参谋部,一是贴近领导;二是超前运作。\n二是强化服务意识。"
    assert [(lv, m) for lv, m, _ in outline(text)] == [(1, "一是"), (2, "一是"), (2, "二是"), (1, "二是")]


def test_outline_sibling_continues_across_yishi_and_eryao() -> None:
    text = "“三个关键点”:一是要抓牢“着力点”。二要抓准“梗阻点”。三要抓实“空白点”。"
    assert [(lv, m) for lv, m, _ in outline(text)] == [(1, "一是"), (1, "二要"), (1, "三要")]


def test_outline_heading_text_stops_at_the_first_stop_colon_or_semicolon() -> None:
    assert outline("(六)关于改制有关问题:一是职工回迁安置;二是过渡费按5元/平米。") == [
        (1, "(六)", "关于改制有关问题"),
        (2, "一是", "职工回迁安置"),
        (2, "二是", "过渡费按5元/平米"),
    ]


# fmt: off
NOT_HEADINGS = [
    "原因之一是投入不足,统一要求各地落实。",                 # 之一是, 统一要求
    "首先,我代表县委向大家表示感谢。",                       # a lone 首先 opens no enumeration
    "参加会议的有:(1)市领导:徐华水、陈美蓉、吕群勇、卢群星。",  # an attendee list (dev d03)
    "全年投资1.1亿元,增长6.2%左右。",
    "要落实“十要十不”守则。",                               # a quoted rule name
    "这是第一时间要办的事。",
]
# fmt: on


@pytest.mark.parametrize("text", NOT_HEADINGS)
def test_outline_ignores_words_that_only_look_like_markers(text: str) -> None:
    assert outline(text) == []


def test_outline_heading_offsets_point_at_the_marker(sample_files: list[Path]) -> None:
    for path in sample_files:
        for speech in structure(clean(read(path))):
            for h in speech.headings:
                assert speech.text[h.start :].startswith(h.marker), (path.name, h.marker)
                assert h.text in h.paragraph or h.text in h.paragraph.replace(" ", "")


def test_split_speech_text_and_start_are_offsets_in_the_cleaned_text(sample_files: list[Path]) -> None:
    for path in sample_files:
        doc = clean(read(path))
        for speech in structure(doc):
            assert doc.text[speech.start : speech.start + len(speech.text)] == speech.text


def test_split_a_collection_of_speeches_at_each_title_and_greeting(samples_dir: Path) -> None:
    speeches = structure(clean(read(samples_dir / "002_66bb7b3012fd0316.txt")))
    assert [s.title for s in speeches] == ["办公室工作领导讲话稿一", "办公室工作领导讲话稿二", "办公室工作领导讲话稿三"]
    assert all(s.text.rstrip().endswith("谢谢大家!") for s in speeches)


def test_split_a_forum_thread_into_posts_without_comments(samples_dir: Path) -> None:
    speeches = structure(clean(read(samples_dir / "003_742c7f89ba496aaa.txt")))
    assert [s.title for s in speeches][:2] == ["基层党委办公室应强化的十种意识", "强化十种意识做好办公室工作"]
    assert len(speeches) == 6
    assert not any("总结的都很精辟" in s.text for s in speeches)


def test_split_subtitle_names_speaker_role_and_meeting(samples_dir: Path) -> None:
    (speech,) = structure(clean(read(samples_dir / "000_ccfca2a2b2a83bab.txt")))
    assert (speech.title, speech.speaker, speech.speaker_role, speech.meeting) == (
        "当好参谋助手做好后勤保障充分发挥办公室职能作用",
        "范贵生",
        "市教育局办公室主任",
        "全市教育系统办公室工作会议",
    )


def test_split_report_lead_names_the_speaker() -> None:
    (speech,) = speeches_of("安乡县防指召开汛情会商会\n5月20日,安乡县防指指挥长、县长张阳主持召开了汛情会商会。")
    assert (speech.speaker, speech.speaker_role) == ("张阳", "安乡县防指指挥长、县长")


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        # real16 v05: 发表讲话 is said as often as 作讲话
        (
            "鄞州区预算编制工作会议顺利召开\n9月3日下午,鄞州区召开了预算编制工作会议。各部门负责人参加了会议。"
            "区委常委、常务副区长沃勇发表了重要讲话。\n沃区长指出了预算管理存在的问题。",
            "沃勇",
            "区委常委、常务副区长",
        ),
        # real29 e07: a leader and the party with him (一行) come to inspect (检查)
        (
            "两节送温暖是省红十字会持续多年开展的一项人道救助工作。\n12月8日上午,省红十字会党组成员、专职副会长孙齐云"
            "一行专程到备灾救灾中心检查两节送温暖物资准备工作。她强调,要确保物资按时送达。",
            "孙齐云",
            "省红十字会党组成员、专职副会长",
        ),
        # real16 v06: the chair, then the one who attends and speaks (出席会议并作重要讲话)
        (
            "2月22日下午,光坡镇团委组织召开了元宵座谈会,各团支部书记共计30余人参加,座谈会由镇团委书记容明杰主持,"
            "镇党委委员周明出席会议并作重要讲话。\n座谈会上,镇团委副书记陈艳首先向大家致以节日的问候。",
            "周明",
            "镇党委委员",
        ),
        # real16 v01: a deputy reads out a document first; the head speaks on the matter and the report numbers
        # his points
        (
            "7月7日,区科技局召开评价入库工作部署会,各镇(街道)分管领导参加。\n会上,区科技局党组成员、副局长高建峰"
            "传达了省科技厅《关于开展评价工作的通知》。\n最后,科技局党组书记、局长武少卫就做好评价入库工作提出三点"
            "要求:一要严把时间节点,按时提交申报资料;二要严把申报资料质量关。",
            "武少卫",
            "科技局党组书记、局长",
        ),
        # real3 r06: of two who speak on the matter before the numbered points, the last one owns them
        (
            "9月21日上午,我县召开三秋工作动员会。县委书记陆晓延、副县长郭强出席会议,副县长邓晓宇主持会议。会上,副县长"
            "郭强对我县三夏工作进行了全面总结,并就三秋工作进行了安排部署;蒋村镇负责同志进行了表态发言。最后,县委书记"
            "陆晓延要求相关部门、乡镇:一是进一步统一思想,提高认识;二是明确任务,认真做好秸秆禁烧工作。",
            "陆晓延",
            "县委书记",
        ),
        # real19 s08: "张远董事长的讲话" is no 董事 named 长的; the one who reports is named after
        (
            "1月20日,莆田分公司召开全市广电网络系统工作会议。会上,重点传达贯彻张远董事长的讲话精神。\n"
            "莆田分公司党委书记、总经理陈寿苾作了题为《担当作为》的工作报告,他强调,一要坚持党的领导。",
            "陈寿苾",
            "莆田分公司党委书记、总经理",
        ),
        # real15 w11: 接待室 is where the meeting sat, not who chaired it
        (
            "绍兴一中党委于2021年1月10日上午在行政楼校长接待室召开了党风廉政建设情况分析会。会议由党委书记、校长王琛主持。",
            "王琛",
            "党委书记、校长",
        ),
        # real23 p08, real29 e15, real20 m17, real12 z19, real25 a13: more ways a report says who spoke
        ("会上,各系部汇报了工作。院党委副书记张希凡同志最后讲了三点意见:一是统一思想。", "张希凡", "院党委副书记"),
        ("放假前夕,幼儿园召开双节安全工作会议。园长戴琼琼围绕假前排查、假期守护周密部署安全工作。", "戴琼琼", "园长"),
        ("2018年3月3日上午,中心幼儿园全体教师在吉利园长的主持下召开了开学工作布置会。", "吉利", "园长"),
        ("期中考试后召开班主任会议。\n紧接着,学部主任凌谦发言:他首先布置了两项任务。", "凌谦", "学部主任"),
        ("蒋春艳调研粮食储备工作\n12月1日,区委副书记、区长蒋春艳调研粮食储备工作。", "蒋春艳", "区委副书记、区长"),
        # real14 y16: the one who 参加会议并讲话 speaks, not the chair named after him
        (
            "5月21日,全省粮食调控工作会议在荆门市召开。省粮食局副局长沈桥梁参加会议并讲话,省粮食局副巡视员谭富生主持会议。",
            "沈桥梁",
            "省粮食局副局长",
        ),
        # real24 n24: leaders listed as acting together, by rank: the first of them
        (
            "2月21日下午,景区召开创建工作推进会。景区党工委副书记、管委会主任李刘杰,市文旅局党委委员、副局长张姬京"
            "出席会议并讲话。\n李刘杰强调,要充分认识创建工作的重要性。",
            "李刘杰",
            "景区党工委副书记、管委会主任",
        ),
        # real16 v07: 他 who numbers the points is the one named acting before him
        (
            "公司召开航班保障会议。会上,杜健副总经理介绍了情况;李汉东副总经理对保障工作提出具体要求。\n冯建华总经理发表"
            "重要讲话。他指出,航班换季工作迫在眉睫。针对冬春航季的特点,他强调,一是加大检查工作。二是精心组织。",
            "冯建华",
            "总经理",
        ),
        # real25 a08: or by the name alone, once the report gave it an office
        (
            "公司召开安委会会议,总经理李建红主持会议。\n随后副总经理张国林对安全生产工作进行了部署。\n李建红针对第四季度"
            "的安全生产工作做了总结讲话,他指出安全生产要做到“三个切实”:一要切实落实责任;二是要切实强化现场管理。",
            "李建红",
            "总经理",
        ),
        # real22 k05: a series after its subject ("全体干部职工一是要…;二是要…"), confirmed by its second point
        (
            "9月25日,公司召开安全生产工作会议,川能燃气公司副总经理刘正军应邀参会。\n随后,管道公司经理王义勇指出:要认真"
            "领会会议内涵。\n最后,川能燃气公司副总经理刘正军强调:全体干部职工一是要清醒认识风险;二是要加强施工现场管理。",
            "刘正军",
            "川能燃气公司副总经理",
        ),
        # real13 z09, real29 e16: a name after its government or its 支队, then the office: 副区长, 支队长
        ("区政府张伟副区长调研区供销社工作\n4月21日下午,区政府张伟副区长至区供销社调研。", "张伟", "副区长"),
        ("5月底,州消防支队白如江支队长一行6人来综保区进行了园区消防工作调研。", "白如江", "支队长"),
        # real38 ab01: 赴…考察 is a leader's act; 董事长 alone is an office, never a name (董 is a surname)
        (
            "杨才超董事长考察指导基地建设工作\n5月15日,杨才超董事长赴河南鄂中考察指导工作。\n董事长强调,要始终把安全放在首位。",
            "杨才超",
            "董事长",
        ),
        # real38 ab02: a surname and the office act ("安董事长…提出了四点要求"): the name the report gave them
        (
            "7月23日,化医集团董事长安启洪、规划部负责人等一行3人莅临我司检查指导工作。\n最后,安董事长对公司下一步发展"
            "提出了四点要求:第一、稳住生产。",
            "安启洪",
            None,
        ),
        # real23 p11, real22 k09: who sums the meeting up and numbers the points speaks, not the chair
        (
            "近日,林场党总支书记董广踊组织召开了森林防火动员大会。会议首先由派出所所长传达了防火命令。"
            "最后由场长刘晓辉做会议总结并提出三点要求:一是加强巡护;二是落实责任。",
            "刘晓辉",
            "场长",
        ),
        # real10 x11: minutes ("现纪要如下") record the chair's meeting, whoever spoke to an item
        (
            "4月1日下午,马锋旺院长主持召开学院2020年第7次党政联席会议。现纪要如下:\n一、审议整改进展情况报告\n"
            "会上,黄德宝书记就学校党委巡察反馈意见整改进展情况进行了详细汇报。黄德宝书记强调,学院党委高度重视整改工作。"
            "\n会议要求,各系要于4月10日前完成整改。",
            "马锋旺",
            "院长",
        ),
        # real14 y04: a name that 指出 after 会上; real38 ab10: 要求 with its points, named nowhere before
        (
            "11月2日,我县召开全县火灾防控工作动员部署会议,副县长、县公安局长蔡立新出席会议。\n会议通报了火灾形势。\n"
            "会上,蔡立新指出,要深刻认识当前消防安全形势。",
            "蔡立新",
            "副县长、县公安局长",
        ),
        (
            "7月30日,捷运物流公司召开了七月份安全生产例会。会上,通报了近期安全检查存在的问题。\n"
            "叶华要求,一是园区各企业要进一步提高思想认识;二是要落实防控措施。",
            "叶华",
            None,
        ),
        # real14 y19: one who leads a team to a place and convenes a meeting there
        (
            "24日,自流井区审计局党组书记、局长梅鸿围同志一行到檀木林小学组织召开经济责任审计进场会。派驻纪检组组长尹航参加会议。",
            "梅鸿围",
            "自流井区审计局党组书记、局长",
        ),
        # real17 z01: one who attends and asks speaks, not the chair named last
        (
            "7月24日下午,水库管理所召开防汛抗旱工作会议。县水利局局长王定昊出席会议,要求水库管理所要提升政治站位。\n"
            "王定昊要求,要优先保障生活供水。\n会议由县水利局副局长江湖北主持。",
            "王定昊",
            "县水利局局长",
        ),
        # real21 g06: 他 who goes through the points, after the chair, is the one named acting before him
        (
            "7月10日下午,区住建局召开半年度工作会议,会议由局党委副书记管向阳主持。\n会上,局党委书记、局长张征宇首先传达了"
            "扫黑除恶专项斗争的精神。随后,他围绕五个方面作了简要回顾。一是行动计划全面落实;二是行业管理全面深化。",
            "张征宇",
            "局党委书记、局长",
        ),
        # real26 b15: who 结合…实际,对…进行了周密安排部署 speaks, not the chair named after
        (
            "10月15日,市司法局召开了监管安全工作会议。会议传达了全省会议精神;局党组书记、局长董开德结合本市工作实际,"
            "对做好当前监狱戒毒工作进行了周密安排部署。会议由副局长刘京主持。",
            "董开德",
            "局党组书记、局长",
        ),
        # real22 k03: whose numbered demands the report lists ("提出以下五点要求:\n1、…"), not the official whose
        # instructions the hospital follows
        (
            "医院迅速落实马平主任的指示精神\n4月22日,市卫生健康委党组书记、主任马平召开了全市卫生系统管理问题通报会。\n"
            "最后,王彦会院长就下一步如何在全院范围内开展整治乱象工作提出以下五点要求:\n1、各科室必须快速行动起来。",
            "王彦会",
            "院长",
        ),
        # real22 k02: 熊副院长 who numbers the points is the 副院长熊柏青 the report named before
        (
            "4月18日,科研工作会议在院会议中心召开,院长屠海令、副院长张少明、熊柏青等参加了会议。\n副院长熊柏青做了科研工作"
            "的报告。熊副院长强调,我院今年科研工作的主要任务有两点:一是确保按时完成国家任务;二是做好规划。",
            "熊柏青",
            None,
        ),
        # real42 af03: 刘校长 who numbers the points is the 校长刘文涛 the report named acting on (对) the work, the
        # speaker after the chair, in his office
        (
            "6月3日下午,我校召开全校教职工大会。会议由实验中学党总支书记周海涛主持,全体教职工参会。\n会上,校长刘文涛对"
            "期末工作、安全教育工作进行部署。针对期末各项工作,刘校长指出,各部门需统筹安排。刘校长还强调了两项安全工作:"
            "一是防溺水安全,班主任需加强离校前教育;二是心理健康,教师需关注学生情绪变化。",
            "刘文涛",
            "校长",
        ),
        # real42 af01: 王董 is the 王建国董事长 named before, the office after the name
        (
            "平安护航,机械公司召开安全生产工作会议\n10月18日上午,安全生产工作会议在行政中心二楼大会议室召开,王建国董事长"
            "出席大会并做安全工作指导讲话,李明副总主持会议并做相关安全工作部署。\n会议首先由李明副总通报了派出所对公司"
            "进行消防安全督查的结果。\n王建国董事长在会上做了安全工作指导讲话。王董表示:安全工作是企业生存发展的基石,"
            "是一切工作的重中之重。\n王董要求各部门各车间在思想上高度重视企业安全工作,全面开展安全隐患排查、治理工作。",
            "王建国",
            None,
        ),
        # real40 ac17: 党总支书记 is no 党总支书 (支书) before a name 记周海
        ("6月3日下午,我校召开全校教职工大会。会议由党总支书记周海主持。\n会上各部门汇报了工作。", "周海", "党总支书记"),
        # real42 af21: 要求 as a noun after a word that opens as a surname does is nobody speaking
        (
            "各会员企业:\n目前,2020年度先进会员表彰活动已经启动,请各会员企业积极申报,具体事项通知如下:\n一、奖项设置及"
            "申报要求\n表彰活动设置四个奖项:自主创新十佳、产品质量十佳。申报要求详见附件1。\n二、申报时间及方式\n"
            "请于10月30日前报送材料。",
            None,
            None,
        ),
        # real42 af14: on a matter, 提出 with the points after its colon
        (
            "11月17日,食品集团召开质量活动动员会。会上各子公司就近期的食品安全管理工作进行了交流。\n会上,王丽副总裁就"
            "如何进一步认真落实质量活动,确保质量提升提出:一要高度重视食品安全工作;二要进一步完善现有的食品安全管理体系。",
            "王丽",
            "副总裁",
        ),
        # real18 c17: the deputy, then the head of the same office, each with points: the head's report
        (
            "11月1日,物流公司召开安全生产管理委员会扩大会议,公司安委会成员参加会议。\n公司安委会副主任孙建华对安全工作"
            "提出:一是安全工作一定要层层落实;二是安全工作一定要克服精神懈怠。\n公司安委会主任赵明提出三方面要求:"
            "一是安全工作要有责任意识;二是安全工作要强调预防为主。",
            "赵明",
            "公司安委会主任",
        ),
        # real20 m16: a 总经理 of another unit after the group's 副总经理 is not the head of the deputy's office
        (
            "近日,集团党委委员、副总经理周立带队,专题调研物业公司经营目标完成情况。\n调研会上,物业公司党总支书记、"
            "总经理洪明就公司经营指标完成情况进行了详细汇报。\n周立听取汇报后,提出三点要求,一是进一步提高政治站位。"
            "二是坚持问题导向。",
            "周立",
            "集团党委委员、副总经理",
        ),
        # real24 n13: whose words the meeting passes on (传达学习…局长杨新洪交流座谈会议精神) was not there
        (
            "4月16日,市统计局召开党组会议,传达学习市长吴晓晖与省统计局局长杨新洪交流座谈会议精神。市统计局党组书记、"
            "局长黄俊伟主持会议。局班子成员参加会议。\n会议指出,在这次交流座谈中,杨新洪局长强调统计工作基础性特别强。",
            "黄俊伟",
            "市统计局党组书记、局长",
        ),
        # real10 x15: the chair who 就…作了强调 and numbers the points after another leader's speech
        (
            "8月22日上午,召开了全县疫情防控工作推进会。县委常委、统战部部长程波平,副县长梁新科参加会议。副县长梁新科"
            "主持会议。\n县委常委、统战部部长程波平作了讲话,要求相关部门认识上再升华。\n副县长梁新科就贯彻落实会议精神"
            "作了强调,要求相关部门,一要及时向主要领导汇报会议精神;二要加强督导检查;三要夯实责任。",
            "梁新科",
            "副县长",
        ),
        # real23 p06: a leader who 安排…并提出了具体要求, and no 重点 read as a name after an office
        (
            "3月20日,林场召开2018年营林工作会议。会上公布了造林绿化方案。\n李文盛场长重点安排布署了今年营林工作的"
            "各项目标任务,并提出了具体要求:一是认真学习领会会议精神;二是按节点铺开今春造林绿化各项工作。",
            "李文盛",
            "场长",
        ),
        # real27 c05: 按照…,结合…,对…作出安排 after the name
        (
            "3月5日,集团公司召开清收清欠专题会议。\n总经理干英辉按照集团清收清欠的指导思想,结合工程局目前面临的严峻形势,"
            "对下一步应收账款清收工作作出安排:一是系统外项目清收工作要再部署;二是集团内部欠款尽快结清。",
            "干英辉",
            "总经理",
        ),
        # real18 c01: a 项目经理 is an office, not 项 named 目
        ("4月11日晚,项目经理部组织全体人员召开宣贯会。\n会议上,项目经理传达了集团公司会议精神。", None, None),
        # real45 ai07: the name the report gave with an office speaks glued to the words before it; a colleague of the
        # same surname is someone else
        (
            "3月8日,集团党委副书记、总经理周建明到北山发电总厂贮灰场光伏发电项目基地开展工作调研。集团总工程师周立国陪同调研。\n"
            "针对下一步工作周建明指出:一要加强检修安全管理;二要加快备品备件储备。",
            "周建明",
            "集团党委副书记、总经理",
        ),
        # real45 ai14: a visiting 厅长 the host reports to, named then by surname and office ("林厅长作了三点指示")
        (
            "集团董事长朱明向郑海涛厅长一行介绍了公司运营概况。\n郑海涛厅长肯定了公司取得的业绩。郑厅长作了三点指示:\n"
            "1、必须在保持现有成绩的基础上勇于创新。\n2、要打造行业中的标杆企业。",
            "郑海涛",
            None,
        ),
        # real45 ai20: two leaders listed before one act, the first of an uncommon surname ("洪"): the first speaks
        (
            "11月20日,城北县召开热线办理工作推进会,县委办公室四级调研员滕广占、县委办公室副主任乔文清出席并讲话,"
            "相关单位分管领导参加。\n会议强调,一是明晰思路。",
            "滕广占",
            "县委办公室四级调研员",
        ),
        # real42 af08: the name the report gave with an office, glued to the verb after it, then 回顾了… as the talk
        (
            "1月10日,运输公司召开2023年度安全工作会议。\n会上,各单位主要负责人向党委书记、总经理秦维洲递交了安全生产"
            "责任书。秦维洲回顾了公司2022年的安全工作,对当前的安全形势进行了分析,并对2023年安全工作进行了部署。",
            "秦维洲",
            "党委书记、总经理",
        ),
        # real42 af05: after the chair and another who 强调, the leader whose 讲话 the report names gives it
        (
            "6月20日上午,学院召开毕业生离校工作安排会议。院党委副书记甘志虎,各部门负责人参加了会议,会议由学工部部长高峰"
            "主持。\n会上,高峰部长对离校工作日程作了安排。随后,保卫处长韩贞强调了安全离校等事宜。\n甘志虎副书记在讲话中"
            "对离校工作提出了明确要求。他指出,各单位要高度重视。",
            "甘志虎",
            "院党委副书记",
        ),
        # real42 af13: not the chair, but the leader who 进行了动员讲话 after the others' reports
        (
            "3月29日下午,我校召开全体高三教师会议。校党委委员、副校长严叶,高三年级部部长胡晨参加了会议。会议由胡晨部长"
            "主持。\n教务处张尤俊主任首先分析了联考成绩情况。\n严叶副校长进行了动员讲话。严校长说,希望全体教师进一步明确"
            "目标,增强信心。",
            "严叶",
            "副校长",
        ),
        # real42 af12: the chair speaks, then the visiting leader 最后 …要求: hers is the meeting's speech; the office
        # is the one the report gave her
        (
            "4月3日下午,口腔医院召开第一季度重点工作推进会。会议由口腔医院院长黄永清主持,总医院副院长马璀出席会议。\n"
            "黄永清院长总结了重点工作中的问题。他强调各主管院领导要梳理清分管工作中的难点。\n总医院马璀副院长作了点评。"
            "\n最后,马璀副院长通报了总院近期重点工作内容,要求口腔医院要积极配合做好试点工作。",
            "马璀",
            "总医院副院长",
        ),
        # real54 ar01: "李锰在讲话中强调": 在 links the name to what follows, it is no third character of it
        (
            "集团公司召开四季度安全会\n10月16日,集团公司召开了四季度安全会。\n集团公司副总经理李锰在讲话中强调,"
            "各单位要做好安全工作。",
            "李锰",
            "集团公司副总经理",
        ),
        # real45 ai06: one named with an office 做总结发言, then the points; not who 致欢迎辞
        (
            "5月9日,对口协作工作例会在城南县召开。市政府副秘书长、协作工作组组长韩光明,县委常委、副县长邵红出席会议。\n"
            "座谈会上,邵红致欢迎辞。\n韩光明做总结发言,并对今年工作提出要求。一要推动高层互访,二要狠抓项目建设进度。",
            "韩光明",
            "市政府副秘书长、协作工作组组长",
        ),
        # real53 aq24: 特别 is how the leader stresses, not a name after the office
        (
            "3月20日上午在县政府四楼会议室召开防汛工作布置会,与会人员为副县长冯亮,县防指成员单位领导。会上,冯副县长"
            "认为:我们要坚实做好水利各项工作。\n针对今年的防汛形势,冯副县长特别强调:各乡镇和有关单位要严格落实防汛值班制度。",
            "冯亮",
            None,
        ),
        # real53 aq23: 河长办 is the office that calls the meeting, 办组织 no name after 河长
        (
            "9月5日,郴州市河长办组织召开2018年第7次市直成员单位联络员会议。\n会议首先通报了河长制工作情况。"
            "会议要求,各成员单位要按时报送工作进展。",
            None,
            None,
        ),
        # real54 ar18: the residents' committee (业主委员会) chairs; 会主任 is no name after 委员
        (
            "6月23日,东方国际花园小区召开四方联席会议。\n会议由小区业主委员会主任主持,社区、物业企业负责人参加会议。"
            "会上,大家对小区环境整治提出了意见。",
            None,
            None,
        ),
        # real54 ar08: a department chairs; a unit is no speaker
        (
            "公司召开春节后安全生产例会\n春节期间安全生产形势持续稳定。安全部主持会议,总经理杜晓方、副总经理出席。"
            "会议要求各部门做好节后复工安全检查。",
            None,
            None,
        ),
        # real54 ar14: who reads out a document and goes on with points of their own speaks; the later one
        # who asks does not take the report
        (
            "县人民医院召开创卫工作推进会\n6月3日上午,县人民医院召开创卫工作推进会。院长孙立平,院党委书记"
            "何建国参加会议。\n院长孙立平传达了县创卫工作会议精神,指出全院要对照测评指标查找不足。\n"
            "何建国书记要求各科室抓实抓细各关键环节。",
            "孙立平",
            "院长",
        ),
        # real22 k07: the chair is not the speaker when another reads out a document and then sets points
        (
            "6月2日,公司党委召开支部书记会议,会议由党委工作部主任吴海主持。会议推荐了先进党支部。\n"
            "最后,党委书记周建传达了集团公司党群工作例会精神,并对近期工作提出三点要求:一是做好评选工作。",
            "周建",
            "党委书记",
        ),
        # real54 ar03: the act after a long adverbial (结合…,提出要求) is still the speaker's
        (
            "7月10日,建设公司召开资金回收动员会,会议由公司总会计师李莉主持。\n会上,公司总经理王海涛结合公司"
            "现阶段经营情况,研判内外部形势,提出要求。一是各项目要以收定支。",
            "王海涛",
            "公司总经理",
        ),
    ],
)
def test_split_report_lead_names_the_speaker_as_reports_say_it(
    text: str, speaker: str | None, role: str | None
) -> None:
    (speech,) = speeches_of(text)
    assert (speech.speaker, speech.speaker_role) == (speaker, role)


@pytest.mark.parametrize(
    ("page", "speaker"),
    [
        # real15 w07: a school site files a talk under its author
        (
            "家长开放日讲话稿| 文章来源：本站原创 作者：王琛 发布时间：2020年10月29日 点击数：\n"
            "家长开放日讲话稿\n各位家长大家好！\n首先,请允许我代表学校感谢各位家长的到来。",
            "王琛",
        ),
        # a news report's byline names its reporters, not the one who spoke
        ("杨才超董事长考察基地工作\n作者:鄂中生态 陈龙 徐克明 2023/5/26\n5月15日,公司负责人考察基地建设。", None),
    ],
)
def test_split_a_talks_page_author_is_its_speaker(page: str, speaker: str | None) -> None:
    (speech,) = speeches_of(page)
    assert speech.speaker == speaker


def test_first_listed_leader_is_found_where_the_report_names_him() -> None:
    """Later steps read the text after the leader's name (主持? 讲话?): the match must point into the header
    itself, not into the sentence it was found in."""
    from speechkit.structure.split import _first_listed

    head = "这次会议由办公室负责主持召开。党委书记、主任李刘杰，副局长张姬京出席会议并讲话。"
    acting = re.search(r"副局长(?P<name>张姬京)", head)
    assert acting is not None
    listed = _first_listed(head, acting)
    assert head[listed.start("name") : listed.end("name")] == "李刘杰"
    assert head[listed.end() :].startswith("，副局长")


def test_split_title_glued_to_the_first_page_chunk(samples_dir: Path) -> None:
    (speech,) = structure(clean(read(samples_dir / "001_96d783c7254f03f3.txt")))
    assert speech.title == "努力发挥四大职能 不断提高办公室工作水平"


# fmt: off
MEETING_DATES = [
    # year of the page (d04)
    ("发布时间:2017-12-21 08:58 我要投稿\n12月18日晚,区长主持召开推进会。", date(2017, 12, 18)),
    # December on a January page
    ("发布时间:2018-01-05 08:58\n12月28日,县长主持召开会议。", date(2017, 12, 28)),
    ("5月20日,县长张阳主持召开了会商会。", None),  # no year anywhere (d08)
    ("时  间:***年1月27日下午17:00\n地点:会议室", None),  # masked year (d01)
    ("xx年xx月xx日,代县长主持召开了常务会议。", None),  # masked (d02)
    # under the title (d14)
    ("在督查动员会上的讲话\n县委副书记\n(2016年9月2日)\n同志们:", date(2016, 9, 2)),
    ("〔2011〕80号\n永康市人民政府办公室 二○一一年十月十七日\n10月10日下午,市政府召开办公会议。", date(2011, 10, 10)),
    ("立山区人民政府\n2023年3月28日\n(此件公开发布)", None),  # a notice's date, no meeting
    ("会议纪要\n6月10日（星期二）上午，厅党组书记主持召开党组会议。", None),  # no year: none
    ("会议纪要\n2025年6月10日（星期二）上午，厅党组书记主持召开党组会议。", date(2025, 6, 10)),
    ("会议时间：2025年6月10日（星期二）上午\n会议地点：厅三楼会议室", date(2025, 6, 10)),
    ("录制日期：2025-03-12 14:30\n发言人1 00:00:03", date(2025, 3, 12)),
    ("二〇二五年四月十日上午，市长主持召开市政府常务会议。", date(2025, 4, 10)),
    ("各区政府：\n经2025年3月18日市政府第12次常务会议研究同意，现将任务分解表印发给你们。", date(2025, 3, 18)),
    ("各乡镇：\n3月10日至12日开展专项督查。2025年3月13日，县政府召开专题会议听取汇报。", date(2025, 3, 13)),
    # a day held on, mid-sentence, with the page's year (real3 r24); the day a province asked for it has no 召开
    ("发布时间:2019-03-06\n根据省长2月27日在视频会上提出的要求,2月27日下午县政府组织召开推进会。", date(2019, 2, 27)),
    ("医务部于2018年5月9日下午2:15在行政楼第三会议室组织召开外科ICU筹备会。", date(2018, 5, 9)),  # real9 w10
    ("各乡镇：\n请于2025年3月13日前召开专题会议。", None),  # a limit, not the day held
    ("# 在三季度区域总裁会议上的讲话\n<img src=\"badge\">\n2017年7月12日\n一、上海会议精神", date(2017, 7, 12)),
    ("来源: 张云龙 2021-09-15 09:10:51 责编: 余红霞\n9月10日上午,西园街道召开推进会。", date(2021, 9, 10)),  # real3 r15
    # a paper's masthead gives the year (real5 s05)
    ("A3:社会总第2676期 >2021-09-20编印\n部署会召开\n本报讯 (记者 王虎) 9月16日,我县召开会议。", date(2021, 9, 16)),
]
# fmt: on


@pytest.mark.parametrize("text, expected", MEETING_DATES)
def test_split_meeting_date(text: str, expected: date | None) -> None:
    (speech,) = speeches_of(text)
    assert speech.meeting_date == expected


def test_find_meeting_date_without_a_document() -> None:
    assert find_meeting_date("(2025年04月17日)\n同志们:") == date(2025, 4, 17)


def test_split_collection_walks_back_over_each_speech_header() -> None:
    text = (
        "讲话两篇\n本文共2篇，仅供参考。\n篇一：在全县防汛工作会议上的讲话\n副县长 李红梅\n（2023年6月1日）\n同志们：\n"
        "一、认清形势。要高度重视。\n谢谢大家！\n"
        "篇二：在全县安全生产会议上的讲话\n县长 赵文博\n同志们：\n一、压实责任。"
    )
    speeches = speeches_of(text)
    assert [(s.title, s.speaker, s.speaker_role, s.meeting_date) for s in speeches] == [
        ("在全县防汛工作会议上的讲话", "李红梅", "副县长", date(2023, 6, 1)),
        ("在全县安全生产会议上的讲话", "赵文博", "县长", None),
    ]


def test_split_red_header_document_takes_the_named_title() -> None:
    text = "华泰集团\n专题会议纪要\n〔2023〕第17期\n关于资金管控专题会议纪要\n8月22日，总经理刘志远主持召开专题会议。"
    (speech,) = speeches_of(text)
    assert (speech.title, speech.speaker) == ("关于资金管控专题会议纪要", "刘志远")


def test_split_transcript_header_names_speaker_and_date() -> None:
    text = "市城管局防汛部署会（录音转写稿）\n转写时间：2024年6月4日 09:32\n主讲：王志刚（市城管局局长）\n好 我们开会"
    (speech,) = speeches_of(text)
    assert (speech.title, speech.speaker, speech.speaker_role, speech.meeting_date) == (
        "市城管局防汛部署会",
        "王志刚",
        "市城管局局长",
        date(2024, 6, 4),
    )


def test_split_title_drops_how_the_text_was_made_and_a_spam_label() -> None:
    """A transcript's "录音转写（未校对）" and a hijacked page's "【…官方网站:】" are not part of the title
    (heldout3 h20, real9 w22); a line that holds a link or an image is never one (real17 z13, z20)."""
    (transcript,) = speeches_of("全县防汛工作会议 县长讲话 录音转写（未校对）\n同志们，今天开个短会。")
    assert transcript.title == "全县防汛工作会议 县长讲话"
    (labelled,) = speeches_of("【英国威廉希尔公司_官方网站:】梦溪镇召开农村人居环境整治工作推进会\n3月5日召开。")
    assert labelled.title == "梦溪镇召开农村人居环境整治工作推进会"
    (linked,) = speeches_of(
        "湖北白癜风医院 http://news.39.net/bjzkhbzy/170428/5341557.html\n"
        "二龙山镇召开安委会会议\n3月28日，我镇召开安委会重点会议。"
    )
    assert linked.title == "二龙山镇召开安委会会议"


def test_split_date_after_an_editor_note_takes_the_page_year() -> None:
    text = "周建平在全市大会上的讲话\n发布时间：2024-05-10 09:30\n编者按：5月8日，市长周建平出席会议并讲话。\n同志们："
    (speech,) = speeches_of(text)
    assert (speech.speaker, speech.speaker_role, speech.meeting_date) == ("周建平", "市长", date(2024, 5, 8))


def test_outline_heading_glued_to_its_body_on_a_flattened_page() -> None:
    body = "办公室要加强协调。办公室要做好服务。办公室要抓好落实。"
    text = (
        f"导语。{body}一、“综合协调”要谋全局办公室处在沟通上下的枢纽位置,肩负重任。"
        f"{body}二、“督办督查”要重实效“会议精神不落实=零”。"
    )
    assert [(lv, m, t) for lv, m, t in outline(text)] == [
        (1, "一、", "“综合协调”要谋全局"),
        (1, "二、", "“督办督查”要重实效"),
    ]


def test_outline_ascii_period_half_paren_and_qiyi() -> None:
    text = "一.总体要求\n1)加强领导。\n2)压实责任。\n二.主要任务\n其一,抓项目;其二,抓招商。"
    assert outline(text) == [
        (1, "一.", "总体要求"),
        (2, "1)", "加强领导"),
        (2, "2)", "压实责任"),
        (1, "二.", "主要任务"),
        (2, "其一,", "抓项目"),
        (2, "其二,", "抓招商"),
    ]


# Issue 12: outline failure kinds seen on real documents nobody tuned on, one case each.
# fmt: off
OUTLINE_CASES = {
    "preview_repeating_the_headings_is_no_level": (
        "今天讲三个问题：一是抓项目建设；二是抓招商引资；三是抓作风转变。\n"
        "一、抓项目建设\n项目是发展的支撑。\n二、抓招商引资\n招商要精准。\n三、抓作风转变\n作风要过硬。",
        [(1, "一、", "抓项目建设"), (1, "二、", "抓招商引资"), (1, "三、", "抓作风转变")],
    ),
    "spoken_series_going_on_as_第二是_then_第三": (  # real12 z20
        "会上,局长强调:一是高度重视,各单位负责人必须亲自抓。第二是从高水平开始,对标先进。第三,需要高标准,严要求。",
        [(1, "一是", "高度重视,各单位负责人必须亲自抓"), (1, "第二是", "从高水平开始,对标先进"),
         (1, "第三,", "需要高标准,严要求")],
    ),
    "closing_requests_after_以上四点_start_afresh": (  # real15 w03
        "一、深化学习\n1、要有韧劲。\n2、要有干劲。\n二、健全机制\n1、要为担当的干部撑腰。一要正确区分性质责任。二要完善容错"
        "免责机制。\n以上两点意见,与大家作个交流。这里,我简单提三点要求:一要端正学风。二要加强思考。三要学以致用。",
        [(1, "一、", "深化学习"), (2, "1、", "要有韧劲"), (2, "2、", "要有干劲"), (1, "二、", "健全机制"),
         (2, "1、", "要为担当的干部撑腰"), (3, "一要", "正确区分性质责任"), (3, "二要", "完善容错免责机制"),
         (1, "一要", "端正学风"), (1, "二要", "加强思考"), (1, "三要", "学以致用")],
    ),
    "closing_summary_repeating_the_headings_drops_nothing": (
        "一、抓项目建设\n项目是发展的支撑。\n二、抓招商引资\n招商要精准。\n"
        "总之，一是抓项目建设，二是抓招商引资，都要落到实处。",
        [(1, "一、", "抓项目建设"), (1, "二、", "抓招商引资"), (2, "一是", "抓项目建设"),
         (2, "二是", "抓招商引资，都要落到实处")],
    ),
    "editor_lead_in_listing_circled_items_is_no_level": (
        "【导读】讲话提出三项措施：①简化行政流程。②规则公开透明。③构建健康生态圈。\n"
        "一、简化行政流程\n流程要短。\n二、规则公开透明\n规则要公开。\n三、构建健康生态圈\n生态要健康。",
        [(1, "一、", "简化行政流程"), (1, "二、", "规则公开透明"), (1, "三、", "构建健康生态圈")],
    ),
    "work_report_read_from_its_standalone_yi": (
        "一、2013年工作回顾\n(一)经济平稳健康发展\n1.经济实力不断增强。全区生产总值增长。\n2.质量效益持续提升。\n"
        "(二)产业转型扎实推进\n3.高端项目加快布局。",
        [(1, "一、", "2013年工作回顾"), (2, "(一)", "经济平稳健康发展"), (3, "1.", "经济实力不断增强"),
         (3, "2.", "质量效益持续提升"), (2, "(二)", "产业转型扎实推进"), (3, "3.", "高端项目加快布局")],
    ),
    "ranks_and_adverbs_in_running_text_are_no_markers": (
        "今年我区增速位居全市第一、全省第三，再次蝉联先进。客户需求第一，服务第二。", [],
    ),
    "later_yiyao_series_is_not_one_level_too_deep": (
        "一、统一思想\n会议强调，一要提高认识。二要加强领导。\n二、明确任务\n会议要求，一要抓好落实。二要强化督查。",
        [(1, "一、", "统一思想"), (2, "一要", "提高认识"), (2, "二要", "加强领导"),
         (1, "二、", "明确任务"), (2, "一要", "抓好落实"), (2, "二要", "强化督查")],
    ),
    "inline_series_does_not_push_the_next_numbered_line_down": (
        "一、总体要求\n重点有三：一是稳增长，二是调结构，三是惠民生。\n1、加强组织领导\n2、强化督查考核",
        [(1, "一、", "总体要求"), (2, "一是", "稳增长"), (2, "二是", "调结构"), (2, "三是", "惠民生"),
         (2, "1、", "加强组织领导"), (2, "2、", "强化督查考核")],
    ),
    "parenthesized_digit_signs_are_markers": (
        "一、工作安排\n⑴完善制度。\n⑵加强考核。\n⒈专人负责。",
        [(1, "一、", "工作安排"), (2, "⑴", "完善制度"), (2, "⑵", "加强考核"), (3, "⒈", "专人负责")],
    ),
    "heading_text_opening_with_a_digit": (
        "四、306国道改造工程\n工程进展顺利。", [(1, "四、", "306国道改造工程")],
    ),
    # real65 bc02: a heading whose text opens with a numeral, and the series under it stays below it; inside a
    # line, 一、二 lists numbers
    "heading_text_opening_with_a_numeral": (
        "一、一学期来的主要工作回顾\n一是顺利迎接验收。验收很重要。\n二是推进文化建设。\n"
        "二、二〇二五年工作安排\n完成一、二季度的任务。",
        [(1, "一、", "一学期来的主要工作回顾"), (2, "一是", "顺利迎接验收"), (2, "二是", "推进文化建设"),
         (1, "二、", "二〇二五年工作安排")],
    ),
    "numbered_item_opening_with_a_number_after_its_sibling": (
        "二、本周工作安排\n1.社区网格化：周五前报名单。\n2.12345工单：超期4件本周内清零。\n增长2.5个百分点。",
        [(1, "二、", "本周工作安排"), (2, "1.", "社区网格化"), (2, "2.", "12345工单")],
    ),
    "lone_shouxian_in_one_part_is_not_closed_by_the_talks_last_word": (
        "第一个问题，思想要重视。出了事，首先问责的就是你们。\n第二个问题，隐患要排查。\n最后，我再强调一下纪律。",
        [(1, "第一个问题，", "思想要重视"), (1, "第二个问题，", "隐患要排查"), (1, "最后，", "我再强调一下纪律")],
    ),
    "markdown_bold_and_heading_marks_before_the_marker": (
        "**一、总体要求**\n正文很长很长。\n### （一）加强领导\n正文很长很长。\n**二、主要任务**\n正文很长很长。",
        [(1, "一、", "总体要求"), (2, "（一）", "加强领导"), (1, "二、", "主要任务")],
    ),
    "heading_text_opening_with_lost_characters": (
        "一、???汇报情况\n会议听取了汇报。", [(1, "一、", "???汇报情况")],
    ),
    "lone_shouxian_is_an_adverb": (
        "首先要明确责任人。其他工作照常。\n一、加强管理\n首先，要对人的行为管理。其次，要对制度管理。",
        [(1, "一、", "加强管理"), (2, "首先，", "要对人的行为管理"), (2, "其次，", "要对制度管理")],
    ),
    "one_and_the_other_is_no_series": ("有两个作用：一个是建立威慑，一个是修补漏洞。", []),
    "attendee_list_names_people_but_a_topic_list_is_a_heading": (
        "一、报告内容:工业、对外开放、科技、城市环境综合整治等工作的落实情况。",
        [(1, "一、", "报告内容")],
    ),
    "flattened_page_runs_the_subheading_into_its_heading": (
        "我讲两个问题:一、周密部署,扎实开展专项整治工作(一)开展专项整治工作的必要性我县矿山点多面广,监管难度大。",
        [(1, "一、", "周密部署,扎实开展专项整治工作"),
         (2, "(一)", "开展专项整治工作的必要性我县矿山点多面广,监管难度大")],
    ),
    # real47 ak01: a 公文 run together, each item ending on its owners in brackets; the next item's (二) and the
    # next part's 二、 follow the bracket, and the part's first item follows the part's heading
    "flattened_notice_items_after_their_owners_in_brackets": (
        "现提出以下意见。一、持续提升投资建设便利度（一）优化审批流程。实行一套材料。（国家发展改革委牵头，各地区负责）"
        "（二）提升审批效率。推行分级管理。（住房城乡建设部牵头）二、简化企业经营审批（三）降低准入门槛。"
        "清理许可。（市场监管总局负责）（见附件2）",
        [(1, "一、", "持续提升投资建设便利度"), (2, "（一）", "优化审批流程"), (2, "（二）", "提升审批效率"),
         (1, "二、", "简化企业经营审批"), (2, "（三）", "降低准入门槛")],
    ),
    # real15 w10: a plan's parts announced at the start of a line, under its 一、 and above its 1．
    "parts_of_a_plan_opening_their_lines": (
        "一、怎样使教师肯教呢？\n第一项措施：评优评先，树立榜样\n1．讲民主，培养主人翁意识\n2．给自由，张弛有度\n"
        "第二项措施：人事改革，全员聘任\n1．实行全员聘任\n二、怎样使教师会教？\n第一项措施：完善学习制度",
        [(1, "一、", "怎样使教师肯教呢"), (2, "第一项措施：", "评优评先，树立榜样"),
         (3, "1．", "讲民主，培养主人翁意识"), (3, "2．", "给自由，张弛有度"),
         (2, "第二项措施：", "人事改革，全员聘任"), (3, "1．", "实行全员聘任"),
         (1, "二、", "怎样使教师会教"), (2, "第一项措施：", "完善学习制度")],
    ),
    # ...but a stage named inside a sentence is no part of the outline
    "stage_inside_a_sentence_is_no_heading": (
        "一、工作安排\n目前已进入第二阶段，第三阶段将于月底启动。", [(1, "一、", "工作安排")],
    ),
    # real51 ao17: an 应急预案 run together, its 1.1, 1.2 glued to their text under its "1."
    "plan_numbered_one_point_one_without_a_space": (
        "山福镇突发公共事件总体应急预案 1.总则 1.1目的依据 提高处置突发公共事件的能力。"
        " 1.2现状特点 山福镇地处鹿城西北部。 1.3工作原则 (1)以人为本,预防为主。切实履行政府的社会管理职能。",
        [(1, "1.", "总则"), (2, "1.1", "目的依据"), (2, "1.2", "现状特点"), (2, "1.3", "工作原则"),
         (3, "(1)", "以人为本,预防为主")],
    ),
    # ...but a decimal glued to its unit, or under no "1.", is a number
    "decimal_glued_to_a_word_under_no_heading": ("今年投资 1.5亿元。去年 2.1万人参加。 3.2倍于去年。", []),
    # real51 ao05: a page's time stamp "(时间:2021-7-8 9:58:25)" is no "25)" heading
    "clock_before_a_bracket_is_no_heading": (
        "三门峡市召开公共机构节能工作会议 |\n(时间:2021-7-8 9:58:25) |\n"
        "吕大伟提出三点要求,一是要深刻认识意义;二是要完善机制。",
        [(1, "一是", "要深刻认识意义"), (1, "二是", "要完善机制")],
    ),
    # ...but a number after a bracket that does not go on from its series is no heading
    "number_after_a_bracket_out_of_series_is_no_heading": (
        "一、加强管理\n按照要求（详见通知）3、落实到人。", [(1, "一、", "加强管理")],
    ),
    # A meeting report narrates what the meeting did: "会议首先…随后…最后，" is no series (real7 u14).
    "report_narrative_first_then_last_is_no_series": (
        "会议首先传达了全市防汛工作会议精神。\n随后，李副局长作了部署：一是压实责任；二是加强值守。\n"
        "最后，张局长要求各科室：一要提高认识；二要抓好落实。",
        [(1, "一是", "压实责任"), (1, "二是", "加强值守"), (1, "一要", "提高认识"), (1, "二要", "抓好落实")],
    ),
    # ...also with a 其次, when its first item tells what was done or a turn of the agenda (real12 z06, z19)
    "report_narrative_first_second_last_is_no_series": (
        "校长助理凌谦发言:他首先给班主任老师布置了两项任务;其次,他与老师们交流了如何布置作业。"
        "最后,许副校长就班主任工作也谈了自己的感想。",
        [],
    ),
    "report_agenda_first_then_last_is_no_series": (
        "首先,集团部室负责人交流汇报本部室参加竞赛活动的计划。\n然后由副总裁总结本周工作。\n最后,集团总裁唐庆余讲话。",
        [],
    ),
    "report_first_with_a_second_is_a_series": (
        "会议首先，要统一思想；其次，要明确分工。",
        [(1, "首先，", "要统一思想"), (1, "其次，", "要明确分工")],
    ),
    # A lone 一是 (its 二是 cut by the page) and a later 一是…二是 series: side by side (real6 t02).
    "second_written_series_after_a_lone_first_stands_beside_it": (
        "我县深入推进交通大会战。一是挤入规划大盘子。下一步，我县将抓好落实。一是以更大力度强推进。二是以更大决心建项目。",
        [(1, "一是", "挤入规划大盘子"), (1, "一是", "以更大力度强推进"), (1, "二是", "以更大决心建项目")],
    ),
    # An inline series belongs to its paragraph: a series in the next paragraph stands beside it.
    "inline_series_of_two_paragraphs_stand_side_by_side": (
        "王主任作了安排：一是排查隐患；二是落实责任。\n刘书记要求：一要加强宣传；二要守好网格。",
        [(1, "一是", "排查隐患"), (1, "二是", "落实责任"), (1, "一要", "加强宣传"), (1, "二要", "守好网格")],
    ),
    "inline_series_inside_a_line_heading_stays_below_it": (
        "一、加强领导\n各单位一要提高认识；二要落实责任。\n二、狠抓落实",
        [(1, "一、", "加强领导"), (2, "一要", "提高认识"), (2, "二要", "落实责任"), (1, "二、", "狠抓落实")],
    ),
    # Transcripts: no 一、 typography; parts announced aloud, series inside them.
    "transcript_parts_and_series_by_announcement": (
        "好 下面我讲两个方面的意见\n"
        "第一方面 关于安全生产 一是要把隐患排查到每一个角落 二是要把责任落实到每一个人头上\n"
        "第二方面 关于防汛 首先要把物资备足备齐 其次要把值班值守安排好\n"
        "最后 我再强调一下纪律 会后要抓落实",
        [(1, "第一方面", "关于安全生产"), (2, "一是", "要把隐患排查到每一个角落"),
         (2, "二是", "要把责任落实到每一个人头上"), (1, "第二方面", "关于防汛"),
         (2, "首先", "要把物资备足备齐"), (2, "其次", "要把值班值守安排好"), (1, "最后", "我再强调一下纪律")],
    ),
    "transcript_problems_with_numbered_points_below": (
        "同志们 今天我讲三个问题\n第一个问题 思想上要重视 这个不用多说\n第二个问题 隐患要排查 重点是三个地方\n"
        "第一 水库山塘 要一座一座地查\n第二 地质灾害点 要落实监测员\n第三个问题 应急准备要实打实",
        [(1, "第一个问题", "思想上要重视"), (1, "第二个问题", "隐患要排查"), (2, "第一", "水库山塘"),
         (2, "第二", "地质灾害点"), (1, "第三个问题", "应急准备要实打实")],
    ),
    # real20 m04: a site's list written "1," at the line's start; inside a line "1,2,3" is no marker
    "numbers_with_a_comma_opening_lines": (
        "会议的内容主要有以下几点:\n1,由生产经理赵玉辉发言,要求各专业班组汇报工作量。\n2,由投资商徐总讲述车间的使用情况。\n"
        "3,由项目经理陈健强发言,共有1,2,3号楼需要验收。",
        [(1, "1,", "由生产经理赵玉辉发言,要求各专业班组汇报工作量"), (1, "2,", "由投资商徐总讲述车间的使用情况"),
         (1, "3,", "由项目经理陈健强发言,共有1,2,3号楼需要验收")],
    ),
    # real38 ab14: the first point written 一是, the rest 二、三、: one series
    "series_changing_kind_after_its_first_point": (
        "9月10日上午,管理局召开迎中秋庆国庆工作会议。\n一是加强安全工作。节前开展游乐设施安全检查。\n"
        "二、加强环境整治和装扮。各单位要搞好环境卫生。\n三、加强管理提高服务质量。节前开展一次培训。",
        [(1, "一是", "加强安全工作"), (1, "二、", "加强环境整治和装扮"), (1, "三、", "加强管理提高服务质量")],
    ),
}
# fmt: on


@pytest.mark.parametrize("name", sorted(OUTLINE_CASES))
def test_outline_cases_from_real_documents(name: str) -> None:
    text, expected = OUTLINE_CASES[name]
    assert outline(text) == expected


# Titles and speakers: chrome is never the title; titles from preambles, footers, flattened pages;
# chairs and speakers as reports name them.
# fmt: off
LONG_BODY = "会议听取了有关部门的工作汇报，研究部署了下一阶段工作。" * 12
SPEECH_FACTS = {
    "elderly_mode_link_is_no_title": (
        "进入老年版\n关于做好防汛工作的通知\n各乡镇：\n为做好今年防汛工作，现通知如下。" + LONG_BODY,
        "关于做好防汛工作的通知", None,
    ),
    "contents_label_is_no_title": (
        "目录\n在全县经济工作会议上的讲话\n同志们：\n今天召开全县经济工作会议。" + LONG_BODY,
        "在全县经济工作会议上的讲话", None,
    ),
    "collection_item_number_is_no_title": (
        "篇1\n在全县经济工作会议上的讲话\n同志们：\n今天召开全县经济工作会议。" + LONG_BODY,
        "在全县经济工作会议上的讲话", None,
    ),
    "addressee_is_no_title": ("各科室:\n经院务会研究决定，现将有关事项通知如下。" + LONG_BODY, None, None),
    "breadcrumb_and_disclosure_labels_are_no_title": (
        "您所在的位置:首页 >> 基层党建\n政府信息公开\n黄塍镇强势推进村综合服务中心建设\n"
        "5月11日，黄塍镇召开推进会议。" + LONG_BODY,
        "黄塍镇强势推进村综合服务中心建设", None,
    ),
    "title_on_the_line_under_its_label": (
        "标　　题：\n国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知\n发文字号：\n国办发〔2019〕3号\n" + LONG_BODY,
        "国务院办公厅关于开展城镇小区配套幼儿园治理工作的通知", None,
    ),
    # real47 ak01, ak02: the page runs the 发文字号 into the title, on its own line or into the whole text
    "document_number_run_into_the_title": (
        "国务院办公厅关于加强环境监管执法的通知国办发〔2014〕56号\n各省、自治区、直辖市人民政府：\n" + LONG_BODY,
        "国务院办公厅关于加强环境监管执法的通知", None,
    ),
    "document_number_run_into_the_title_of_a_flattened_notice": (
        "国务院办公厅关于改善农村人居环境的指导意见国办发〔2014〕25号各省、自治区、直辖市人民政府，国务院各部委："
        + LONG_BODY,
        "国务院办公厅关于改善农村人居环境的指导意见", None,
    ),
    # real25 a14: the one who gave the 动员讲话 of a launch meeting, named among the attendees before
    "speaker_who_gave_the_mobilising_talk": (
        "8月5日下午,我院召开信息化建设项目启动会,许柯、尹忠诚、邵雷、钱敏等院领导参加会议。\n"
        "钱敏同志作了动员讲话,她表示,加快信息化建设,是提升工作效能的有力举措。" + LONG_BODY,
        None, "钱敏",
    ),
    # real27 c11: the deputy mayor who set out the work "就…进行部署", not the departments that attended
    "speaker_who_set_out_the_work_on_a_matter": (
        "盘锦市召开督察整改工作推进会议\n市政府分管副市长米金套、市生态环境局主要领导参加会议。"
        "会上通报了有关问题。副市长米金套就中央生态环境保护督察整改工作进行部署和安排。\n会议强调,要坚决贯彻落实。"
        + LONG_BODY,
        "盘锦市召开督察整改工作推进会议", "米金套",
    ),
    "title_only_in_a_preamble": (
        "本站为你精心整理了《在全县安全生产会议上的讲话》，希望对你有帮助。同志们：今天召开会议。" + LONG_BODY,
        "在全县安全生产会议上的讲话", None,
    ),
    "title_only_in_an_unquoted_preamble": (
        "下面是小编为大家整理的2022年市教育局长在县(区)教育工作座谈会上的讲话,供大家参考。\n同志们:\n" + LONG_BODY,
        "2022年市教育局长在县(区)教育工作座谈会上的讲话", None,
    ),
    "title_only_in_a_footer": (
        "同志们：今天召开全县安全生产会议。" + LONG_BODY + "\n收藏《在全县安全生产会议上的讲话》",
        "在全县安全生产会议上的讲话", None,
    ),
    "flattened_page_repeats_its_title": (
        "编号:1369县委常委全县秋冬季造林工作会议上的主持词201X/X/XX全县秋冬季造林工作会议上的主持词同志们:现在开会。"
        + LONG_BODY,
        "全县秋冬季造林工作会议上的主持词", None,
    ),
    "column_label_and_markdown_marks_are_not_part_of_the_title": (
        "## 图文回放:历下区政府召开常务会议\n会议时间:2023年11月20日\n" + LONG_BODY, "历下区政府召开常务会议", None,
    ),
    "reposted_minutes_keep_their_own_title_not_the_posters_name": (
        "[分享] 【转】区政府双减工作专题会议纪要\n教书匠老周\n楼主 | 发表于 2025-9-6 21:14 | 只看该作者\n"
        "转自区教育局官网,供各校参考。\n东源区人民政府\n专题会议纪要\n关于2025年秋季学期双减工作的专题会议纪要\n"
        "9月3日,副区长林雅琴主持召开区政府专题会议。" + LONG_BODY,
        "关于2025年秋季学期双减工作的专题会议纪要", "林雅琴",
    ),
    "chair_named_by_office_after_you": (
        "安全检查工作会议纪要\n5月6日下午，由张主任主持召开安全检查工作会议。" + LONG_BODY,
        "安全检查工作会议纪要", "张主任",
    ),
    "chair_by_office_and_name_after_you": (
        "县政府常务会议纪要\n会议由县委副书记、县长张建华主持，研究了三项议题。" + LONG_BODY,
        "县政府常务会议纪要", "张建华",
    ),
    "name_before_office": (
        "3月2日，魏建根区长主持召开专题会议，研究老旧小区改造工作。" + LONG_BODY, None, "魏建根",
    ),
    "rare_surname_framed_by_unit_and_office": (
        "3月13日,福建省水利厅丘汀萌副厅长在漳州市主持召开重大水利项目协调推进会。丘汀萌指出,要加快进度。"
        + LONG_BODY,
        None, "丘汀萌",
    ),
    "office_of_a_party_group_member_before_the_name": (
        "9月24日,市森林防灭火指挥部办公室副主任、市应急管理局党组成员曹正泉主持会议。" + LONG_BODY, None, "曹正泉",
    ),
    "office_and_name_made_arrangements_at_the_meeting": (
        "1月7日下午,县公安局召开宣传部署会议。局长杜万成出席会议。\n主任杜万成在会上作了重点推进部署。他指出,要提高认识。"
        + LONG_BODY,
        None, "杜万成",
    ),
    "named_official_says": (
        "4月17日,邵阳市春季农业生产现场推进会在武冈市召开。副市长肖拥军参加会议。\n肖拥军说,各级要提高政治站位。"
        + LONG_BODY,
        None, "肖拥军",
    ),
    "surname_and_short_office_as_the_report_named_them": (
        "新闻中心\n5月9日下午,园林集团召开了安全生产专题会议,会议由集团公司副总经理曹慧主持。\n"
        "会议上,曹总首先传达了专题会议精神。曹总在会议上强调,安全无小事。" + LONG_BODY,
        None, "曹慧",
    ),
    "name_alone_chairs": ("2017年9月6日，祝耀明主持召开处务会议。" + LONG_BODY, None, "祝耀明"),
    "office_before_name_gave_the_speech": (
        "公司召开安全生产月动员会\n6月1日，公司召开安全生产月动员会，总经理杨国辉作了讲话。" + LONG_BODY,
        "公司召开安全生产月动员会", "杨国辉",
    ),
    "chair_on_the_line_under_its_label": (
        "区政府召开常务会议\n会议主持人:\n区委副书记、区长杨福涛\n" + LONG_BODY, "区政府召开常务会议", "杨福涛",
    ),
    "someone_else_who_spoke_is_not_the_speaker": (
        "同志们：此次会议，我们组织了学习培训，桂平行长作了重要讲话，我完全同意。" + LONG_BODY, None, None,
    ),
    "editor_note_says_who_thinks": (
        "# 在后勤服务汇报会上的讲话\n2014年11月4日\n【导  读】王建华认为，后勤要为一线服务。\n" + LONG_BODY,
        "在后勤服务汇报会上的讲话", "王建华",
    ),
    "editor_note_gives_his_views": (  # real8 v17
        "# 关于行政工作讲话的纪要\n2016年10月21日\n【导  读】王建华对行政服务的主要观点：行政只提供基础保障服务。\n"
        + LONG_BODY,
        "关于行政工作讲话的纪要", "王建华",
    ),
    "editor_note_says_where_he_spoke": (
        "# 必须注意经济工作\n（一九三三年八月十二日）\n> 这是李大同在经济建设大会上所作的报告的一部分。\n" + LONG_BODY,
        "必须注意经济工作", "李大同",
    ),
    "editor_note_of_a_drafted_notice_names_no_speaker": (
        "# 关于九月会议的通知\n（一九四八年十月十日）\n> 这是李大同为中央起草的对党内的通知。\n" + LONG_BODY,
        "关于九月会议的通知", None,
    ),
    "byline_about_a_subject": (
        "# 完善员工保障措施\n——王建华关于艰苦地区员工生活专项问题的讲话\n" + LONG_BODY,
        "完善员工保障措施", "王建华",
    ),
    "chair_label_with_surname_title_name": (
        "跳到主内容区块\n第326次主管会报\n主席:丁局长育群\n纪录:郭健峰\n" + LONG_BODY, "第326次主管会报", "丁育群",
    ),
    "site_header_with_hotline_is_no_title": (
        "2018年1月5日| 联系热线:17636155855\n县委召开常委扩大会议研究部署当前工作\n"
        "近日，县委召开常委扩大会议，县委书记梁志锋主持会议。" + LONG_BODY,
        "县委召开常委扩大会议研究部署当前工作", "梁志锋",
    ),
    "flattened_news_page_opens_with_its_headline": (
        "我县召开秋季秸秆禁烧工作动员会 9月21日上午,我县召开秋季秸秆禁烧工作动员会。"
        + "会议要求各乡镇要加强巡查,严防焚烧。" * 20,
        "我县召开秋季秸秆禁烧工作动员会", None,
    ),
    "flattened_headline_says_the_meeting_was_held": (  # real7 u03
        "汶上县麦收禁烧工作会议召开 6月15日,副县长彭照辉主持召开了汶上县麦收禁烧工作会议,会议通报了工作开展情况。"
        + "会议要求各乡镇要加强巡查,严防焚烧。" * 20,
        "汶上县麦收禁烧工作会议召开", "彭照辉",
    ),
    "title_cell_of_a_disclosure_table_row": (
        "| 发文日期: | 2022-03-07 | 发布部门: | 学校办公室 |\n"
        "| 文 号: | 院办发〔2022〕5号 | 文件名称: | 院办发〔2022〕5号(第十次校长办公会纪要) |\n"
        "2022年3月4日下午,学校召开第十次校长办公会。现纪要如下:" + LONG_BODY,
        "院办发〔2022〕5号(第十次校长办公会纪要)", None,
    ),
    "navigation_bar_and_share_prompt_are_no_title": (
        "设为首页 | 加入收藏 | 联系我们\n用微信扫描二维码分享至好友和朋友圈\n"
        "11月27日,正阳关镇召开了民生工程年度推进会。" + LONG_BODY,
        None, None,
    ),
    "headline_under_its_kicker": (
        "A3:社会总第2676期 >2021-09-20编印\n抓紧核实确定电代煤、气代煤改造方案\n栖霞市召开清洁取暖工作调度会议\n"
        "8月9日下午,栖霞市召开调度会议,对全市清潔取暖工作进行部署。" + LONG_BODY,
        "栖霞市召开清洁取暖工作调度会议", None,
    ),
    "speaker_with_a_rare_surname_framed_by_role_and_act": (
        "咸阳市召开保障性住房建设督办落实会议\n昨日,咸阳市保障性住房建设督办落实会议召开,咸阳市委书记千军昌作重要讲话,"
        "市委常委、常务副市长赵润民主持会议。" + LONG_BODY,
        "咸阳市召开保障性住房建设督办落实会议", "千军昌",
    ),
    "speaker_who_stressed_at_the_meeting": (
        "百色市召开保障性安居工程工作会议\n3月24日,百色市召开保障性安居工程工作会议。"
        "百色市副市长谭锡春在会上强调,今年10月前要开工建设16700多套保障性住房。" + LONG_BODY,
        "百色市召开保障性安居工程工作会议", "谭锡春",
    ),
    "chair_by_name_then_role": (
        "第十次校长办公会纪要\n2022年3月4日下午,学校召开第十次校长办公会。会议由李崇光校长主持,"
        "其他校长办公会成员参加。现纪要如下:" + LONG_BODY,
        "第十次校长办公会纪要", "李崇光",
    ),
    "the_one_who_speaks_not_the_chair": (
        "我校召开秋季学期开学工作会\n8月25日,我校秋季学期开学工作会召开,校党委副书记张鹏程讲话,"
        "副校长黄其松主持会议。各学院主要负责人参会。" + LONG_BODY,
        "我校召开秋季学期开学工作会", "张鹏程",
    ),
    "the_chair_who_later_sets_demands": (
        "我县召开秋季秸秆禁烧工作动员会\n9月21日上午,我县召开秸秆禁烧工作动员会。县委书记陆晓延出席会议,"
        "副县长邓晓宇主持会议。最后,县委书记陆晓延要求相关部门、乡镇加强巡查。" + LONG_BODY,
        "我县召开秋季秸秆禁烧工作动员会", "陆晓延",
    ),
    "chair_by_surname_and_title": (
        "院长办公会扩大会议纪要\n节后上班第二天,医院召开院长办公会扩大会议。会议由高院长主持,各职能科室主任依次发言。"
        + LONG_BODY,
        "院长办公会扩大会议纪要", "高院长",
    ),
    "numbered_session_under_its_series": (
        "局务会报\n第439次主管会报\n主席:许副局长\n纪录:林清木\n" + LONG_BODY, "第439次主管会报", "许副局长",
    ),
    "title_before_the_salutation_of_a_flattened_page": (
        "县长在全县乡镇党委书记座谈会上讲话县长在全县乡镇党委书记座谈会上的讲话同志们:今天会议的主要任务是贯彻落实会议精神。"
        + "要抓好发展,全力以赴做好各项工作。" * 20,
        "县长在全县乡镇党委书记座谈会上的讲话", None,
    ),
    "speaker_who_set_out_views_on_the_next_steps": (
        "县政府召开县长周例会\n5月14日,县政府召开县长周例会。县领导刘国庆、郝四春出席会议。"
        "听取汇报后,县长刘国庆就做好下一步工作,强调了具体意见。一是要持续督导脱贫攻坚工作。" + LONG_BODY,
        "县政府召开县长周例会", "刘国庆",
    ),
    "speaker_by_name_after_the_chair": (
        "通山:召开创建文明城市工作调度会\n8月19日,创建文明城市工作调度会召开,县委副书记、政法委书记王良永参加会议。"
        "县委常委、宣传部部长张晓丹主持会议。\n王良永指出,创文是目标,也是手段。" + LONG_BODY,
        "通山:召开创建文明城市工作调度会", "王良永",
    ),
    "breadcrumb_of_the_current_page": (
        "您当前的位置:首页>>新闻中心>>钟楼要闻>>内容\n8月24日下午,我区召开征收工作推进会。区领导董彩凤出席会议。"
        + LONG_BODY,
        None, None,
    ),
    "leader_who_only_attended_is_not_the_speaker": (
        "我县召开防汛调度会议\n5月30日上午，我县召开防汛调度会。副县长王玉宝出席会议。"
        "会议强调，要做好防汛工作。" + LONG_BODY,
        "我县召开防汛调度会议", None,
    ),
    # real7 u02, u08: the report turns to the words of someone it named before, by name alone
    "speaker_by_name_alone_opening_a_paragraph": (
        "我县秋收推进会召开\n25日，我县秋收推进会召开，县委副书记李春华、副县长王俊参加会议。\n"
        "李春华强调，一要转变思维。二要突出重点。" + LONG_BODY,
        "我县秋收推进会召开", "李春华",
    ),
    "speaker_who_set_out_expectations": (  # real7 u04
        "县教育局召开均衡发展会议\n会议就当前形势进行了说明。\n刘斌局长就下步工作提出了五点期望。\n一是高度重视。"
        + LONG_BODY,
        "县教育局召开均衡发展会议", "刘斌",
    ),
    "notice_addressees_are_no_title": (  # real8 v06
        "全校师生:\n根据教学计划和工作安排,现将开学教学安排及有关事项通知如下:\n一、报到注册时间\n" + LONG_BODY,
        None, None,
    ),
    "source_line_is_no_title": (  # real8 v11
        "来源:周道客户端\n2020-11-12\n11月12日下午,区委书记李宗喜带领区直相关部门负责同志督导调研项目建设。"
        + LONG_BODY,
        None, "李宗喜",
    ),
    "chair_who_called_the_meeting_at_short_notice": (  # real8 v02
        "近期我镇经历强降雨。7月26日上午,蔡牛镇镇长柳子琦同志紧急主持召开防汛工作调度会,全体班子成员参加。"
        + LONG_BODY,
        None, "柳子琦",
    ),
    "chair_who_is_a_company_director": (  # real8 v05
        "9月9日,交投集团召开安全生产工作例会,会议由集团党委委员、董事赵国江主持,各单位负责人参加会议。" + LONG_BODY,
        None, "赵国江",
    ),
    "speaker_named_before_who_then_asks": (  # real8 v14
        "市环保局组织召开督察整改推进会\n市环保局于8月17日组织召开推进会,市环保局副局长刘联合、审批科负责同志参加会议。"
        "会议通报了整改情况。刘联合要求各园区管委会要高度重视。" + LONG_BODY,
        "市环保局组织召开督察整改推进会", "刘联合",
    ),
    "speaker_whose_points_the_report_numbers": (  # real9 w02: the 一要 series is the secretary's
        "潭门镇召开工作例会\n2月18日上午，潭门镇召开2021年工作例会。全体镇干部参加会议。\n"
        "会上，镇长王国熊对节后疫情防控等重点工作进行了部署。\n"
        "镇党委书记周海通强调，全体镇干部要迅速调整状态。一要加强环境整治。二要抓好换届选举。" + LONG_BODY,
        "潭门镇召开工作例会", "周海通",
    ),
    "speaker_named_in_full_then_by_surname_and_office": (  # dev d04
        "12月18日晚，区长李朝锋主持召开征迁工作推进会。区领导魏少峰出席会议。\n李区长指出，一要加快评估。"
        + LONG_BODY,
        None, "李朝锋",
    ),
    "speaker_who_commented_on_the_reports": (  # real7 u13
        "区召开老旧小区改造推进会\n4月10日上午，推进会召开。各镇办科室长参加会议。\n"
        "对照台账，副主任赵保军对各镇办的汇报情况进行点评。" + LONG_BODY,
        "区召开老旧小区改造推进会", "赵保军",
    ),
    "speaker_alone_under_the_subtitle_letter_spaced": (  # real15 w01
        "弘 扬“四气” 提 振 精 神\n——在市政府八届五次全体会议上的讲话\n盛 阅 春\n同志们：\n" + LONG_BODY,
        "弘扬“四气” 提振精神", "盛阅春",
    ),
    "speaker_alone_under_the_date": (  # real15 w03
        "在2018年干部教育培训秋季学期开学典礼上的讲话提纲\n（2018年9月3日）\n马卫光\n同志们：\n" + LONG_BODY,
        "在2018年干部教育培训秋季学期开学典礼上的讲话提纲", "马卫光",
    ),
    "speaker_after_a_role_and_no_break_spaces": (  # real15 w06
        "传承博雅谱新篇\n——在主题教育总结大会上的讲话\n绍兴一中党委书记、校长\xa0\xa0王\xa0琛\n同志们：\n"
        + LONG_BODY,
        "传承博雅谱新篇", "王琛",
    ),
    "an_editor_under_his_label_is_no_speaker": (  # real14 y14
        "社区召开月度工作会议\n来源:\n2025-08-04 11:23:50\n责编:\n余红霞\n会议由社区党委书记王国臣主持。"
        + LONG_BODY,
        "社区召开月度工作会议", "王国臣",
    ),
    "speaker_who_set_out_requirements": (  # real10 x01
        "区人社局召开市考指标推进会\n会上，各科室汇报了工作。最后，区人社局党委书记步志强提出了四点要求：一是夯实责任。"
        + LONG_BODY,
        "区人社局召开市考指标推进会", "步志强",
    ),
    "speaker_who_stressed_last": (  # real10 x05
        "街道召开换届工作会议\n会议就换届选举工作进行部署。街道党工委书记郭忠同志最后强调：一是要学习领会文件精神。"
        + LONG_BODY,
        "街道召开换届工作会议", "郭忠",
    ),
    "speaker_named_after_his_unit": (  # real13 z03
        "州河长办召开工作推进会\n会上，州水利局张建荣局长对下一阶段河长制工作进行了安排布置。" + LONG_BODY,
        "州河长办召开工作推进会", "张建荣",
    ),
    "speaker_who_made_a_speech_with_zuo": (  # real10 x23
        "全市民政工作推进会议召开\n局相关业务科室对各项工作提出要求，杨宏国局长做重要讲话。" + LONG_BODY,
        "全市民政工作推进会议召开", "杨宏国",
    ),
    "speaker_who_made_the_arrangements": (  # real9 w19
        "县召开四好农村路创建工作会\n会上,交通局局长尹体强对2019年的创建工作做了具体安排。" + LONG_BODY,
        "县召开四好农村路创建工作会", "尹体强",
    ),
    "speaker_after_one_who_read_out_a_document": (  # real17 z10
        "区社管局召开低保专项治理工作会议\n会上，区社管局副局长柴富国首先传达了实施方案。随后，社管局谢田全局长做了重要讲话，"
        "他从3个方面予以强调：一是要提高政治站位。" + LONG_BODY,
        "区社管局召开低保专项治理工作会议", "谢田全",
    ),
    "speaker_of_a_national_office": (  # real17 z05
        "8月18日，海关总署副署长邹志武在署主持召开专题会议，听取督查情况汇报。\n"
        "邹志武对督查后续工作提出四点要求：" + LONG_BODY,
        None, "邹志武",
    ),
    "speaker_who_came_to_speak_after_the_chair": (  # real18 c06
        "心内一科部署全年工作\n会议由侯应龙主任主持，科室全体医护人员参会，孙洪军院长莅临讲话。\n孙院长指出，要再上台阶。"
        + LONG_BODY,
        "心内一科部署全年工作", "孙洪军",
    ),
    "speaker_who_stressed_a_point_of_his_choice": (  # real18 c10
        "公司召开劳动竞赛促进会\n副总经理丁小平宣读了奖惩措施；公司董事长徐振海针对下半年目标进一步强调了计划的严肃性。"
        + LONG_BODY,
        "公司召开劳动竞赛促进会", "徐振海",
    ),
    "speaker_who_says_with_biaoshi": (  # real18 c18
        "医务科召开对口支援工作会\n会上，医务科负责人带领与会人员逐条自查。最后，副院长李银福表示，对口支援工作是重点。"
        + LONG_BODY,
        "医务科召开对口支援工作会", "李银福",
    ),
    "speaker_who_made_a_report_titled": (  # real13 z15
        "交通运输局召开工作会议\n会上，局党委书记、局长陶乐平作了题为《咬定目标不放松》的工作报告。" + LONG_BODY,
        "交通运输局召开工作会议", "陶乐平",
    ),
    "speaker_who_attended_and_gave_requirements": (  # real13 z13
        "全市秋粮收获工作会议召开\n副市长李凤芝参加会议并作出要求。会议指出，当前部分玉米已开始收获。" + LONG_BODY,
        "全市秋粮收获工作会议召开", "李凤芝",
    ),
    "chair_with_a_deputy_rank": (  # real26 b05
        "消防救援大队召开工作例会\n1月10日,大队组织召开工作例会。会议由邱松副大队长主持。会上,各乡镇汇报了近期工作。"
        + LONG_BODY,
        "消防救援大队召开工作例会", "邱松",
    ),
    "speaker_who_summed_up_the_year": (  # real27 c12
        "全县农村公路管理工作安排布置会\n会上,胡泉石副局长总结了今年以来农村公路养护工作取得的成果。" + LONG_BODY,
        "全县农村公路管理工作安排布置会", "胡泉石",
    ),
    "speaker_who_gave_instructions": (  # real27 c16
        "化工公司召开安全生产紧急会议\n各车间主任参加会议。总经理周平作工作指示，要求各部门领导高度重视隐患排查。"
        + LONG_BODY,
        "化工公司召开安全生产紧急会议", "周平",
    ),
    "title_names_the_speaker_before_the_role": (  # real26 b01
        "今天是\n曾军山局长在沧州局调研时的讲话(摘要)\n2013-05-10\n刚才听了汇报，觉得沧州局的工作做得很好。"
        + LONG_BODY,
        "曾军山局长在沧州局调研时的讲话", "曾军山",
    ),
    "speaker_with_two_titles_after_the_name": (  # real10 x17
        "乡村振兴小组召开会议\n会议由胡优华行长助理主持。胡优华行长助理作会议总结，并提出三点要求：一是提高站位。"
        + LONG_BODY,
        "乡村振兴小组召开会议", "胡优华",
    ),
    "speaker_and_others_stressed": (  # real11 y14
        "林业局召开会议\n局长鲁涛等就下一步如何完成森林增长工程作了强调：一要抓好森林长廊建设。" + LONG_BODY,
        "林业局召开会议", "鲁涛",
    ),
    "speaker_who_conveyed_to_all_at_the_meeting": (  # real20 m10
        "幼儿园召开安全工作例会\n近期，幼儿园召开安全工作例会，陈珠园长在会上向大家传达了上级文件精神，要求大家做到：一要排查。"
        + LONG_BODY,
        "幼儿园召开安全工作例会", "陈珠",
    ),
    "speaker_named_before_an_executive_title": (  # real20 m12
        "冯永安对生产工作提出要求\n3月12日，冯永安常务副总经理召开会议，对节日期间生产做出重要指示。" + LONG_BODY,
        "冯永安对生产工作提出要求", "冯永安",
    ),
    "speaker_who_sums_up_after_the_chair": (  # real20 m15
        "学院召开评估工作会议\n学院党委书记刘长海以及党委领导班子成员参加会议。会议由党委委员、副院长刘继花主持。"
        "会议伊始，姜楠进行剖析。刘长海总结讲话强调，一要高标准开展工作。" + LONG_BODY,
        "学院召开评估工作会议", "刘长海",
    ),
    "speaker_who_led_the_visit": (  # real20 m16
        "集团调研物业公司\n近日，集团副总经理周中林带队，专题调研物业公司经营目标完成情况。"
        "物业公司总经理洪自立就完成情况进行了详细汇报。周中林听取汇报后，提出三点要求，一是提高站位。" + LONG_BODY,
        "集团调研物业公司", "周中林",
    ),
    "speaker_whose_last_word_is_no_name": (  # real20 m18
        "协会召开年度总结会\n秘书长樊晶光对全体人员的工作给予肯定。樊晶光秘书长最后要求：下一年度，秘书处要开展培训。"
        + LONG_BODY,
        "协会召开年度总结会", "樊晶光",
    ),
    "work_is_no_act_of_making": (  # real22 k11: "委员增补工作的相关要求" names nobody (增补工|作…要求)
        "机关党委召开支部书记例会\n会议传达了学校关于做好换届选举及委员增补工作的相关要求。会议强调，各支部要做好动员。"
        + LONG_BODY,
        "机关党委召开支部书记例会", None,
    ),
    "chair_who_sums_up_is_the_speaker": (  # real24 n19
        "景区召开提升组工作会议\n会议由姚东书记主持。徐雪棣主任指出，各工作组要逐一查漏补缺。\n"
        "最后，姚东书记强调，要根据提升方案开展工作。" + LONG_BODY,
        "景区召开提升组工作会议", "姚东",
    ),
    "speaker_by_surname_and_office_named_in_full_before": (  # real18 c12
        "公司召开项目推进会\n7月21日下午我司副总经理何志见同志在党建室召开了项目推进协调会。\n会上，设计单位进行了解答。何总指出，要加快进度。"
        + LONG_BODY,
        "公司召开项目推进会", "何志见",
    ),
    "offices_of_a_prison_and_a_farm": (  # real23 p01, real24 n14
        "监狱召开狱情分析会\n各监区长参加了会议，党委书记、监狱长陈华邦主持会议并讲话。\n" + LONG_BODY,
        "监狱召开狱情分析会", "陈华邦",
    ),
    "speaker_who_deploys_on_a_topic": (  # real24 n14
        "林场召开二季度工作部署会议\n会上，场长茌远方针对即将开始的二季度工作重点任务进行了部署。\n" + LONG_BODY,
        "林场召开二季度工作部署会议", "茌远方",
    ),
    "chair_of_a_unit_by_surname_and_office": (  # real18 c19
        "社区召开网格化管理工作会议\n会议由社区毛主任主持并发表讲话，各小区居民组长参加。\n" + LONG_BODY,
        "社区召开网格化管理工作会议", "毛主任",
    ),
    "disclosure_field_name_is_the_title": (  # real21 g05, real5 s12
        "名称: 张益民在中国共产党旬阳县第十三届委员会第十一次全体会上的讲话 文号: 旬发〔2013〕1号\n同志们：\n"
        + LONG_BODY,
        "张益民在中国共产党旬阳县第十三届委员会第十一次全体会上的讲话", "张益民",
    ),
    "speaker_who_convenes_or_visits": (  # real24 n12, real19 s05
        "研究会召开第二次会长办公会\n3月9日，杜志雄会长在北京召集第二次会长办公会，副会长何秀荣参加。\n" + LONG_BODY,
        "研究会召开第二次会长办公会", "杜志雄",
    ),
}
# fmt: on


@pytest.mark.parametrize("name", sorted(SPEECH_FACTS))
def test_split_title_and_speaker_cases_from_real_pages(name: str) -> None:
    text, title, speaker = SPEECH_FACTS[name]
    speech = speeches_of(text)[0]
    assert (speech.title, speech.speaker) == (title, speaker)


def test_split_a_page_that_appends_a_second_document() -> None:
    text = (
        "## 在内控工作汇报会上的讲话\n一、加强第一层防线建设。\n" + LONG_BODY + "\n二、加强第二层防线。\n" + LONG_BODY
        + "\n【参考资料】\n《2013年内控管理要点》\n一、继续围绕内控工作目标\n"
        + "1、各级管理者应识别问题。\n2、须指定责任人。"
    )  # fmt: skip
    speeches = speeches_of(text)
    assert [s.title for s in speeches] == ["在内控工作汇报会上的讲话", "2013年内控管理要点"]
    assert [(h.level, h.marker) for h in speeches[1].headings] == [(1, "一、"), (2, "1、"), (2, "2、")]


# fmt: off
MEETING_DATES = {
    "dateline_alone_under_the_title": (
        "## 在EMT办公例会上的讲话\n\n2013年11月29日\n会议讨论了组织变革。", date(2013, 11, 29),
    ),
    "issuer_and_date_of_a_notice_are_no_dateline": ("立山区人民政府\n2023年3月28日\n(此件公开发布)", None),
    "date_on_the_line_under_its_label": (
        "区政府召开常务会议\n会议时间:\n2023年11月20日(星期一)上午9:30\n会议地点:\n区长会议室", date(2023, 11, 20),
    ),
    "dateline_inside_a_page_run_into_one_line": (
        "全县创森工作会议上的主持词县委常委xxx(二○一八年十二月二十九日)同志们:现在开会。", date(2018, 12, 29),
    ),
    "meeting_that_decided_a_notice": (
        "各科室:\n经2021年4月1日院务会研究决定有关工作安排，现印发给你们。\n一、办公例会\n每周一召开。",
        date(2021, 4, 1),
    ),
    "closing_date_of_a_notice_is_not_a_dateline": (
        "关于做好防汛工作的通知\n各乡镇要做好防汛工作。\n2021年4月2日", None,
    ),
}
# fmt: on


@pytest.mark.parametrize("name", sorted(MEETING_DATES))
def test_split_meeting_date_cases(name: str) -> None:
    text, expected = MEETING_DATES[name]
    assert find_meeting_date(text) == expected


def test_outline_leaves_out_the_points_of_an_editors_note() -> None:
    """An editor's 导读 above a published speech numbers its own points (1、2、): they are not the
    speaker's outline and must not push the speech's 一、 down a level."""
    text = (
        "【导  读】本文的观点：1、找对的人，不能靠看简历。2、明白人不是功成名就的人。\n"
        "一、关于人力资源战略：坚持聚焦战略。\n1、简化组织管理。\n2、组织绩效。\n二、关于激励：分享。"
    )
    assert [(h.level, h.marker) for h in find_headings(text)] == [(1, "一、"), (2, "1、"), (2, "2、"), (1, "二、")]


@pytest.mark.parametrize(
    ("path", "speaker", "role"),
    [
        ("heldout4/raw/h26.txt", "罗建新", "镇党委书记"),  # a flattened page: "…上的讲话 镇党委书记 罗建新 (2025年…"
        ("heldout2/raw/h10.txt", "赵国平", "集团总经理"),  # a transcript's legend: "发言人2（赵国平 集团总经理）"
    ],
)
def test_split_speaker_from_a_byline_run_on_or_a_transcript_legend(path: str, speaker: str, role: str) -> None:
    speech = structure(clean(read(DATA / path)))[0]
    assert (speech.speaker, speech.speaker_role) == (speaker, role)


def test_split_speaker_from_a_byline_on_the_titles_line() -> None:
    """A scraped 范文 page runs its title into the byline on one line ("…推进会主持词党组副书记、副局长 宋 勇",
    real6 t05): the role and the name (spaced as a document pads it) are still the speaker's."""
    text = (
        "创建市级文明单位推进会主持词党组副书记、副局长 宋 勇\n同志们:\n"
        "今天我们召开创建市级文明单位工作推进会,主要是进一步统一思想,提高认识,部署工作。\n"
        "一、提高认识\n各科室要在5月底前完成自查。\n"
    )
    speech = structure(clean(Document(source=Path("t05.txt"), text=text, kind="txt")))[0]
    assert (speech.speaker, speech.speaker_role) == ("宋勇", "党组副书记、副局长")


def test_split_title_is_the_documents_own_under_a_sites_page_title() -> None:
    """A document site titles its page in its own words; the notice below keeps its 公文 title
    ("关于…的通知", GB/T 9704), which is the one the register files (real9 w09)."""
    text = (
        "铜冶中心校春季开学初安全工作通知\n时间:2019-05-12 02:23:14下载本文作者:会员上传\n"
        "简介:写写帮文库小编为你整理了多篇相关的《铜冶中心校春季开学初安全工作通知》,但愿对你工作学习有帮助。\n"
        "第一篇:铜冶中心校春季开学初安全工作通知\n铜冶中心校\n关于做好2014年春季开学初安全工作的通知\n各中小学校:\n"
        "2014年春季开学在即,为维护全镇教育系统的安全稳定,现就有关事项通知如下。\n"
    )
    speech = structure(clean(Document(source=Path("w09.txt"), text=text, kind="txt")))[0]
    assert speech.title == "关于做好2014年春季开学初安全工作的通知"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # real14 y22: a portal's table names the document under 信息名称
        (
            "索引号: | 14252575/2017-00023 | 信息分类: | 通知 |\n文号: | 连环发〔2017〕85号 |\n"
            "信息名称: | 关于开展化工园区摸底调查排查工作的通知 | ||\n各县、区环境保护局:\n现将有关事项通知如下。\n",
            "关于开展化工园区摸底调查排查工作的通知",
        ),
        # real8 v07: a column's English name does not end the page's header
        (
            "Quick guide\n通知公告\n首页 >> 通知公告 >> 正文\n关于寒假期间全体学生不要提前返校的通知\n"
            "为做好疫情防控工作,特要求全体学生不要提前返校。\n",
            "关于寒假期间全体学生不要提前返校的通知",
        ),
        # real38 ab03: nor is it a title when the page shows none
        ("NEWS CENTER\n新闻中心\n11月5日,韩红丽一行来到热源厂施工工地,查看项目改造建设进度。\n", None),
        # real14 y11: a 范文 site's name and slogan, then its trail ending with the headline, then the headline
        (
            "1000字范文,内容丰富有趣,学习的好帮手!\n1000字范文 > 全州劳动节假日市场工作电视电话会议召开\n"
            "全州劳动节假日市场工作电视电话会议召开\n4月28日,我州召开劳动节假日市场工作电视电话会议,安排部署有关工作。\n",
            "全州劳动节假日市场工作电视电话会议召开",
        ),
        # real26 b12: a newsletter's flattened 纪要, the issue before the title, the first day right after it
        (
            "园区快第五期南谯工业开发区管委会2008年5月10日工作例会会议纪要2008年5月10日下午,主任张思军主持召开管委会工作例会,"
            "全体工作人员参加了会议。现将会议情况纪要如下:一、各部门汇报上周工作,对下周工作做出计划和打算。"
            "二、会议听取了徐义东副主任对老滁全路和乌衣泄洪渠两工程招投标工作的汇报,要求招标工作做好与县纪委的衔接,"
            "严格按照程序办理,确保公开公平公正。三、会议要求各部门加快项目建设进度,抓好安全生产,做好防汛准备,"
            "确保汛期安全。四、会议研究了园区企业服务工作,要求招商部门于5月底前走访全部在建企业,帮助解决实际困难。"
            "五、会议强调,各部门要严格执行考勤制度,按时参加每周例会,会议决定的事项由办公室跟踪督办,每周通报一次。",
            "南谯工业开发区管委会2008年5月10日工作例会会议纪要",
        ),
        # real42 af05, af11: a credits line with spaced labels, a date widget's "今天是" and a 院长信箱 link are chrome
        (
            "作 者:朱 伟 核 稿:马小惠 编发:兰天峨\n本网讯 6月20日上午,我校举行了2014届毕业生离校工作安排会议。\n",
            None,
        ),
        (
            "今天是\n院长信箱\n当前位置: 主页 > 新闻资讯 > 医院新闻\n市口腔医院学习传达全市卫生健康工作会议精神\n"
            "时间:2021-03-03 10:14   作者:办公室   点击:\n"
            "3月1日上午,市口腔医院召开会议,学习传达全市卫生健康工作会议精神。\n",
            "市口腔医院学习传达全市卫生健康工作会议精神",
        ),
        # real12 z21: a flattened notice runs its addressees on from its title: the title is what comes first
        (
            "桂园街道领导干部驻点普遍直接联系群众活动公告 居民朋友们、辖区单位:\n"
            "按照罗湖区委统一部署,每周二下午定为街道领导干部驻点普遍直接联系群众活动日。\n一、活动时间\n7月28日下午\n",
            "桂园街道领导干部驻点普遍直接联系群众活动公告",
        ),
        # real53 aq17: a 政务公开 page's metadata table (10 lines, 发文机关 and an empty 文号), then the headline
        (
            "首页\n> 市政府部门信息公开 > 市发展和改革委员会 > 执行公开 > 工作动态\n"
            "索引号: YT0003/2025-01912 发文机关: 市发改委 文      号:\n索引号: YT0003/2025-01912\n"
            "发文机关: 市发改委\n文      号:\n组配分类: 工作动态\n成文日期: 2025-04-10\n"
            "废止日期:\n有效性:\n全市重大项目推进工作专班第二次会议召开\n4月9日,全市重大项目推进工作专班第二次会议召开,"
            "市委常委、副市长江训开出席并讲话。\n",
            "全市重大项目推进工作专班第二次会议召开",
        ),
        # real51 ao05: a table's cells: "订阅社区杂志 |" is the site's, the headline's bar is no part of it
        (
            "订阅社区杂志 |\n三门峡市召开2021年公共机构节能工作会议 |\n(时间:2021-7-8 9:58:25) |\n"
            "7月6日上午,2021年三门峡市公共机构节能工作会在国际文博城会议中心召开。\n",
            "三门峡市召开2021年公共机构节能工作会议",
        ),
        # real27 c09: a trail's last sign left before the headline
        (
            ">工程公司召开紫光银座月度安全生产工作会议 |\n11月5日,工程公司召开月度安全生产工作会议。\n",
            "工程公司召开紫光银座月度安全生产工作会议",
        ),
        # real53 aq20, real54 ar22: an empty 日期 field and the staff a notice is sent to are no title
        ("日期:\n为高效推进黄河涯镇2024年高标准农田建设,6月22日上午,黄河涯镇召开专题推进会议。\n", None),
        (
            "东莞市豪恩检测仪器有限公司全体员工:\n2015年春节将至,现将有关事宜通知如下:\n"
            "一、放假时间:2015年2月11日至2015年2月25日。\n",
            None,
        ),
    ],
)
def test_split_title_of_real_page_headers(text: str, title: str | None) -> None:
    speech = structure(clean(Document(source=Path("t.txt"), text=text, kind="txt")))[0]
    assert speech.title == title


def test_split_title_of_a_collections_first_speech_stands_above_its_byline() -> None:
    """Under a collection's table of contents ("2．县应急管理局：…" lines) the first speech's title is the
    line above its byline (heldout3 h24)."""
    speech = structure(clean(read(DATA / "heldout3/raw/h24.txt")))[0]
    assert (speech.title, speech.speaker) == ("压实责任 守牢底线 坚决打赢春季森林防火攻坚战", "卢永和")


def test_split_a_bulletin_of_two_leaders_speeches_at_each_speakers_header() -> None:
    """A bulletin prints two leaders' speech summaries, each under a header naming its speaker, with no
    "同志们" (real15 w02): two speeches, each with its own outline from level 1."""
    text = (
        "关于学习全市教育大会领导讲话的通知\n全校教工：请大家认真学习马卫光书记和盛阅春市长在会上的讲话摘要。\n"
        "马卫光同志的讲话摘要\n" + LONG_BODY + "\n1．全面落实立德树人根本任务。" + LONG_BODY
        + "\n2．加快补齐短板弱项。" + LONG_BODY
        + "\n盛阅春同志的讲话摘要\n" + LONG_BODY + "\n第一，要提高站位抓落实。" + LONG_BODY
        + "\n第二，要突出重点抓落实。一是着力补短板。二是全力促均衡。" + LONG_BODY
    )  # fmt: skip
    speeches = speeches_of(text)
    assert [(s.title, s.speaker) for s in speeches] == [
        ("马卫光同志的讲话摘要", "马卫光"),
        ("盛阅春同志的讲话摘要", "盛阅春"),
    ]
    assert [(h.level, h.marker) for h in speeches[1].headings] == [
        (1, "第一，"),
        (1, "第二，"),
        (2, "一是"),
        (2, "二是"),
    ]


def test_split_one_speech_printing_its_title_twice_stays_one() -> None:
    text = "在全市安全生产工作会议上的讲话\n" + LONG_BODY + "\n在全市安全生产工作会议上的讲话\n" + LONG_BODY
    assert len(speeches_of(text)) == 1


def test_outline_a_new_spoken_series_past_plain_text_stands_beside_the_last() -> None:
    """ "一是…四是" opening paragraphs, a paragraph of plain text, then "一要…四要": the speech's next
    series, at the same level, with an inline series under its 二要 (real15 w05)."""
    text = (
        "一是要树立发展以质量为本的理念。质量是学校的立身之本。\n二是要树立教育以育人为本的理念。教育影响一生。\n"
        "在去年的教代会上，我提出要认清大势、把握大局。\n"
        "一要进一步强化规范意识。监督力度越来越大。\n"
        "二要进一步强化质量意识。一是提高冒尖率。二是提高增长率。\n"
        "三要进一步强化大局意识。讲大局，就是小局服从大局。"
    )
    assert [(level, marker) for level, marker, _ in outline(text)] == [
        (1, "一是"), (1, "二是"), (1, "一要"), (1, "二要"), (2, "一是"), (2, "二是"), (1, "三要"),
    ]  # fmt: skip


def test_outline_a_spoken_series_right_under_its_item_details_it() -> None:
    text = "四是强化保障。具体要求如下：\n一要落实资金。资金要及时到位。\n二要配齐人员。人员要尽快到岗。"
    assert [(level, marker) for level, marker, _ in outline(text)] == [(1, "四是"), (2, "一要"), (2, "二要")]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # real21 g03: a day alone above the report
        ("3月6日\n县政府召开第五次常务会议,研究部署春耕生产工作。会议要求各乡镇抓紧备耕。", None),
        # real27 c07: the report's first sentence, cut off at a line break
        ("2017年4月13日上午,高陂镇在镇二楼会议厅召开了\n安全生产工作会议,各村负责人参加。", None),
        # real17 z12: a dated headline is a title
        (
            "2025年7月31日,召开市生态环境局局长办公会议\n会议强调,全系统必须锚定年度目标任务。",
            "2025年7月31日,召开市生态环境局局长办公会议",
        ),
        # real24 n05: a notice's first sentence, its colon lost
        ("根据集团公司的通知精神,现将2008年春节放假时间通知如下\n一、2月6日至12日放假调休,共7天。", None),
        # real24 n12: a list page's date stamp is not part of the headline
        (
            "本会召开第二次会长办公会审议多个事项[2013-03-15]\n3月14日,学会召开第二次会长办公会。",
            "本会召开第二次会长办公会审议多个事项",
        ),
    ],
)
def test_split_title_is_no_date_nor_first_sentence(text: str, title: str | None) -> None:
    (speech,) = speeches_of(text)
    assert speech.title == title


def test_split_a_collection_under_its_table_of_contents() -> None:
    """Held-out 3 h24: a bulletin of statements lists them under 目录 before the first; the list's entries are
    not the first speech's header, so they are not its outline either."""
    text = (
        "全县春季森林防火工作会议\n表态发言材料\n目  录\n1．青石镇：压实责任 守牢底线\n"
        "2．县应急管理局：在全县工作会议上的表态发言\n3．县林业局：坚决扛起行业监管责任\n"
        "压实责任 守牢底线\n青石镇党委书记  卢永和\n尊敬的各位领导，同志们：\n青石镇林地面积28.6万亩。\n"
        "一、坚持思想先行，把森林防火摆在更加突出的位置。我们将把森林防火作为政治任务。\n"
        "二、坚持源头管控，全力守好三道关口。我们将在3月15日前完成人员配备。\n"
        "在全县工作会议上的表态发言\n县应急管理局局长  彭学军\n各位领导、同志们：\n"
        "一是强化统筹协调，当好参谋助手。二是强化隐患整治，守牢安全底线。\n"
    )
    first, second = speeches_of(text)
    assert first.title == "压实责任 守牢底线" and first.speaker == "卢永和"
    assert [(h.level, h.marker) for h in first.headings] == [(1, "一、"), (1, "二、")]
    assert second.speaker == "彭学军"


@pytest.mark.parametrize(
    ("text", "markers"),
    [
        # real24 n02: the numbered lines under 附件: name the documents attached, not the notice's items
        (
            "各市科协:\n现将有关事项通知如下:\n1.请各市科协于12月19日前报送材料。\n2.请各部室于12月20日前反馈。\n"
            "附件:\n1.2023年全省科协系统十件实事谋划要求\n2.2022年工作总结和2023年工作计划参考提纲\n3.改革案例参考提纲\n",
            ["1.", "2."],
        ),
        # real10 x19, real21 g23: "附件:1. …一览表" names the first attachment on the label's own line
        (
            "各镇人民政府、县政府各工作部门:\n现将有关事项通知如下:\n一、各镇要高度重视政务信息报送工作。\n"
            "二、各部门要健全报送机制。\n附件:1. 2021年第一季度政务信息报送采用得分一览表\n"
            "2. 2021年第一季度政务信息采用条目\n",
            ["一、", "二、"],
        ),
    ],
)
def test_outline_leaves_out_a_notices_attachments(text: str, markers: list[str]) -> None:
    (speech,) = speeches_of(text)
    assert [h.marker for h in speech.headings] == markers


def test_outline_item_whose_text_opens_with_a_date() -> None:
    """Real set 20 m19: "1、3月12日(周一)上午，参加…" is item 1 on 12 March, not the list 1、3."""
    text = (
        "一、教学工作\n1、3月12日(周一)上午，参加教学协作片会议。\n2、3月12日(周一)下午，参加区音乐教材培训。\n"
        "3、本周二起兴趣小组正式上课。\n二、体卫工作\n1、各完小查阅田径运动会规程。\n"
    )
    (speech,) = speeches_of(text)
    assert [(h.level, h.marker) for h in speech.headings] == [
        (1, "一、"),
        (2, "1、"),
        (2, "2、"),
        (2, "3、"),
        (1, "二、"),
        (2, "1、"),
    ]


def test_split_title_opening_a_flattened_talk() -> None:
    """Real set 14 y01: a page run into one line opens with its talk's title and the page's part number."""
    text = (
        "在全市劳动保障工作会议上的讲话(1) 今天的全市劳动保障工作会议任务明确、意义重大。刚才,刘市长代表市委、市政府"
        "作了很好的报告,总结了去年的工作,分析了当前的形势,明确了今年的工作要求,希望各镇、各部门认真贯彻,狠抓落实。"
        "劳动保障局、地税局要密切配合,确保各项工作任务落到实处。一、充分认识做好劳动保障工作的重要意义。做好劳动保障"
        "工作,事关改革发展稳定大局。二、突出重点,全面完成今年的各项目标任务。今年要重点抓好就业再就业工作。"
        "要把促进就业作为经济社会发展的优先目标,千方百计扩大就业规模,加强职业技能培训,提高劳动者就业能力。"
        "三、加强领导,确保各项目标任务落到实处。各镇、各部门要把劳动保障工作列入重要议事日程,主要领导亲自抓。"
    )
    assert len(text) > 300  # a page run together into one line
    (speech,) = speeches_of(text)
    assert speech.title == "在全市劳动保障工作会议上的讲话"
    assert speech.meeting == "全市劳动保障工作会议"


def test_outline_of_a_report_in_one_grasp_two_grasp_form() -> None:
    """Real set 15 w06: "一抓…二抓…三抓…" numbers a report's points as 一要…二要… does; 三抓办 is an office."""
    text = (
        "今年以来，我们重点做了以下工作。\n一抓组织领导，保障方案实施责任落实。成立了领导小组。\n"
        "二抓领学先学，锤炼党组织书记引领能力。\n三抓基层基础，强化支部战斗堡垒作用。县目标绩效办、三抓办落实专人督查。\n"
    )
    (speech,) = speeches_of(text)
    assert [(h.level, h.marker) for h in speech.headings] == [(1, "一抓"), (1, "二抓"), (1, "三抓")]


def test_outline_dotted_item_whose_text_opens_with_a_year_or_a_month() -> None:
    """Real sets 18 c21, 9 w04: "1.2015年11月26日前…", "3.8月上旬…" are items, not the decimals 1.2015 and 3.8;
    "2.12345" and "1.5个" stay numbers."""
    text = (
        "1.2015年11月26日前,环境学院就改革方案广泛讨论。\n2.预计2015年12月8日左右召开推进会。\n"
        "3.8月上旬,学校将对改革工作进行督查。\n工单2.12345已处理,增长1.5个百分点。\n"
    )
    (speech,) = speeches_of(text)
    assert [h.marker for h in speech.headings] == ["1.", "2.", "3."]


# real16 v18: a report no speaker rule reads ("主席俞正声…主持召开…主席会议。会议决定…会议强调…"): the name the
# opening gives most like a speaker's, by the learned cues
REPORT_WITHOUT_A_SPEAKING_VERB = (
    "全国政协主席俞正声26日下午主持召开全国政协第六十四次主席会议。会议决定10月30日至11月1日召开全国政协十二届常委会"
    "第二十三次会议。会议审议通过了常委会议程(草案)和日程。会议强调,学习宣传贯徹十九大精神是当前的重大政治任务。"
    "会议对下一阶段工作作出部署:一要认真学习贯彻十九大精神。二要继续做好本届政协工作总结。三要认真做好各项筹备工作。"
    "全国政协常务副秘书长潘立刚、全国政协提案委员会主任孙淦,分别就有关议题作了说明。"
)


def test_split_speaker_by_the_learned_cues_where_no_rule_names_one() -> None:
    import speechkit.structure.split as split

    assert speeches_of(REPORT_WITHOUT_A_SPEAKING_VERB)[0].speaker == "俞正声"
    assert split.likely_speaker("会议纪要", REPORT_WITHOUT_A_SPEAKING_VERB) == "俞正声"
    assert split.likely_speaker(None, "会议强调,要抓好落实。各单位要按时报送材料。") is None  # nobody named
    # real54 ar01: no rule reads "…李锰在讲话中充分肯定了…"; the learned cues name 李锰, not 李锰在
    report = "10月16日,集团公司召开了安全会。\n集团公司副总经理李锰在讲话中充分肯定了各单位的工作,他提出三点意见。"
    assert split.likely_speaker("集团公司召开四季度安全会", report) == "李锰"
    # real14 y22: "我市长江经济带" holds no 市长 and no 江经济
    notice = "根据国家推动长江经济带发展领导小组办公室的统一部署,开展我市长江经济带化工企业摸底排查工作,提出以下要求。"
    assert split.likely_speaker("关于开展长江经济带化工企业摸底调查排查工作的通知", notice) is None


def test_split_names_inside_a_talk_are_not_its_speaker() -> None:
    """dev d12, sample 002: a talk names who spoke before it or will speak after it, not who gives it."""
    talk = (
        "在创优工作宣传动员会议上的发言\n各位领导、同志们:\n刚才我们学习了市委、市政府的通知,传达了副市长何顺洪同志的讲话精神。"
        "今天我们就近期的创优工作进行部署。下面我讲几点意见:一、统一思想,提高认识。" + LONG_BODY
    )
    assert speeches_of(talk)[0].speaker is None


def test_outline_a_heading_keeps_the_spaces_between_latin_words() -> None:
    """A team's minutes name their items in English words too: "openEuler 内核分级维护探讨" and "AI Model SIG建设"
    are whole headings; a transcript's space for punctuation still ends one ("第一个方面 关于招商引资 …")."""
    text = "1、openEuler 内核分级维护探讨\n2、AI Model SIG建设\n3、Literature Review"
    wanted = ["openEuler 内核分级维护探讨", "AI Model SIG建设", "Literature Review"]
    assert [h.text for h in find_headings(text)] == wanted
    spoken = "第一个方面 关于招商引资 上半年我们引进了项目 下半年要继续\n第二个方面 关于项目建设 要抓紧推进"
    assert [h.text for h in find_headings(spoken)] == ["关于招商引资", "关于项目建设"]


def test_split_a_title_given_by_a_label_or_front_matter() -> None:
    """A markdown file's front matter ('title: "…"') or a 标题：/主题： label gives the title, not the label."""
    minutes = '---\ntitle:  "114年1月 第一次会议纪录"\n---\n时间：1月5日\n一、请总干事找厂商报价。'
    assert speeches_of(minutes)[0].title == "114年1月 第一次会议纪录"


@pytest.mark.parametrize(
    ("minutes", "title"),
    [  # a markdown file's level-one heading, in any script (real55 as10, as11)
        ("# Team 10 - 16th Meeting\n\n## Agenda\n1. 开场白\n2. 文档进度汇报", "Team 10 - 16th Meeting"),
        (
            "# 【Alpha阶段】第十周Scrum Meeting！\n## 第十周任务内容：\n司呈令：开始写前端",
            "【Alpha阶段】第十周Scrum Meeting",
        ),
        # its front matter (real55 as12)
        (
            "---\ntitle: 计算机协会工作总结及工作开展计划\n---\n一、工作总结\n本学期协会举办讲座五次。",
            "计算机协会工作总结及工作开展计划",
        ),
    ],
)
def test_split_a_markdown_files_title(minutes: str, title: str) -> None:
    assert speeches_of(minutes)[0].title == title
