"""speechkit.lang: the shared Chinese language tables, each with its examples."""

from __future__ import annotations

import re

import pytest

from speechkit.lang import (
    ASKS,
    CHROME_TITLE,
    CHROME_TITLES,
    DAY_NOT_A_LIMIT,
    DOCUMENT_KIND,
    HELD,
    PART_OF_DAY,
    TITLE_MENTIONS,
    cn_to_int,
    int_to_cn,
    roles_pattern,
)

# fmt: off
NUMERALS = [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("九十九", 99)]
CHROME_EXAMPLES = {
    "elderly mode": "进入老年版", "contents": "目录", "collection item": "篇1",
    "welcome": "您好,欢迎来到中国农资供销网",  # real11 y14
    "betting name": "欧洲冠军联赛_2020年欧洲杯投注-官网*直播", "calendar": "公元 月 农历 年 [ 年 ]",  # real19 s09
    "disclosure table": "[ 索引号 ] 115002300086898343/2025-00068 [ 发文字号 ] 丰都住建发〔2025〕61号",
    "breadcrumb": "您当前所在位置:首页>丰都县住房和城乡建设委员会>政务公开",
    "reading time": "本篇文章434字,读完约1分钟", "addressee": "各区(市)县政府,市政府各部门:",
    "column label": "图文回放", "font size": "字号:", "document number": "编号:136929198",
    "section label": "【参考资料】",
    "table row": "设为首页 | 加入收藏 | 联系我们", "share prompt": "用微信扫描二维码分享至好友和朋友圈",
    "issue masthead": "A3:社会总第2676期 >2021-09-20编印", "byline": "周口日报·周到客户端记者 韩志刚",
    "credits": "作 者:朱 伟 核 稿:马小惠 编发:兰天峨", "date widget": "今天是",  # real42 af05, af11
    "breadcrumb trail": "网站首页 > 资讯中心 > 政务动态 > 部门动态", "site tools": "网站支持IPv6   无障碍浏览",
    "view count": "畜牧家禽网 来源:福建省林业厅 阅读数",
    "spam headline": "九九在线免费观看AV_国产又色又粗又黄又爽_精品人妻无码专区",
    "keyword list": "日韩精品久久一区二区三区_亚洲色图p_亚洲综合在线最大成人_日韩免费",
    "section trail": "中国在线>华中地区",
    "link or image": "湖北白癜风医院 http://news.39.net/bjzkhbzy/170428/5341557.html",
    "issuing number": "中消协〔2023〕61号",  # real26 b19; a 发文字号 above its notice
    "record field": "会议时间:2024年4月19日",  # real17 z16
    "post stamp": "TUhjnbcbe - 2020/11/15 5:14:00",  # real9 w07
}
NOT_CHROME = [
    "在全县经济工作会议上的讲话", "办公室工作领导讲话稿一:", "关于做好防汛工作的通知",
    "在全县第3期科级干部培训班开班仪式上的讲话", "县长在全县记者节座谈会上的讲话", "关于加强通讯员队伍建设的通知",
    "关于加强网站首页内容管理的通知", "国产大飞机项目推进会议纪要", "关于提高公众号阅读量的工作方案",
    "澳门金沙城中心_欧洲杯足球网-【投注官网平台】召开农村地区和宗教活动场所新冠肺炎疫情防控工作会议",
    "关于印发《白银市政府工作规则》的通知(白政发〔2021〕38号)",
    "各部门全力抗击台风", "各乡镇、各部门扎实推进秋冬季森林防火工作",  # a headline goes on past its units
    "首页设计规范的通知", "全市各单位开展安全生产大检查", "时间管理培训讲话", "欢迎来访外宾座谈会召开",
    "全体员工大会上的讲话", "关于订阅2024年度党报党刊的通知", "日期调整的通知",
]
MORE_CHROME = [
    "各科处,各街道司法所",  # real16 v22: the addressees, their colon lost
    "各镇(街道)、各镇(街道)政协工作联络组、市直各单位、八届政协委员、住天长的滁州市政协委员:",  # real16 v23
    "发行人:西区医院 发行时间:2022-06-14 09:27:49 点击数量:",  # real16 v03: the page's stamp line
    "会议地点:监理公司会议室", "园区各企业:", "所内各用电单位及住户:",  # real17 z17, real20 m20, real11 y19
    "首页  /  新闻中心  /  减灾动态", "首页", "本地新闻", "学会新闻", "工作信息",  # real23 p07, real13 z15, …
    "大安办﹝2020﹞27号 签发人:应虎",  # real24 n08
    "> 专题服务> 交通出行> 交通信息", "会议议程",  # real13 z15, real17 z17
    "欢迎访问太湖县人民医院网站!", "rss", "返回学院首页 加入收藏 设为首页",  # real22 k14, k23, real11 y14
    "星空无限MV国产",  # real20 m12
    "发文机关: 市发改委", "文      号:", "日期:", "订阅社区杂志 |",  # real53 aq17, aq20, real51 ao05
    "东莞市豪恩检测仪器有限公司全体员工:",  # real54 ar22: the staff a notice is sent to
]
MENTIONS = {
    "reprint": ("《当好参谋助手.docx》由会员分享，可在线阅读", "当好参谋助手"),
    "preamble": ("本站为你精心整理了《在全县安全生产会议上的讲话》，希望对你有帮助", "在全县安全生产会议上的讲话"),
    "preamble, unquoted": (
        "下面是小编为大家整理的在全县安全生产专项整治工作会议上讲话【优秀范文】,供大家参考。",
        "在全县安全生产专项整治工作会议上讲话",
    ),
    "footer": ("收藏《在全县安全生产会议上的讲话》", "在全县安全生产会议上的讲话"),
    "breadcrumb": (
        "当前位置:首页 > 商业/管理/HR > 管理学资料 > 关于创建文明城市(社区)的会议记录",
        "关于创建文明城市(社区)的会议记录",
    ),
}
# fmt: on


@pytest.mark.parametrize(("text", "value"), NUMERALS)
def test_lang_numerals_both_ways(text: str, value: int) -> None:
    assert cn_to_int(text) == value
    assert int_to_cn(value) == text


def test_lang_not_a_numeral_is_zero() -> None:
    assert cn_to_int("第") == 0 and cn_to_int("") == 0


def test_lang_every_chrome_pattern_has_an_example() -> None:
    assert set(CHROME_EXAMPLES) == set(CHROME_TITLES)


@pytest.mark.parametrize("name", sorted(CHROME_EXAMPLES))
def test_lang_chrome_examples_are_chrome(name: str) -> None:
    assert re.fullmatch(CHROME_TITLES[name], CHROME_EXAMPLES[name])
    assert CHROME_TITLE.match(CHROME_EXAMPLES[name])


@pytest.mark.parametrize("line", MORE_CHROME)
def test_lang_more_chrome_is_chrome(line: str) -> None:
    assert CHROME_TITLE.match(line)


@pytest.mark.parametrize("line", NOT_CHROME)
def test_lang_titles_are_not_chrome(line: str) -> None:
    assert not CHROME_TITLE.match(line)


@pytest.mark.parametrize(
    ("above", "line", "trail"),
    [
        ("| 首页 >", "公司新闻", True),  # real27 c09: the trail breaks off before its section
        ("当前位置:首页 > 信息传达 > 本地新闻", "本地新闻", True),  # the section the trail ends with
        ("当前位置: 书通网 > 范文 > 会议纪要 > 医院周会会议纪要", "医院周会会议纪要", False),  # the page's own title
        ("当前位置:首页 > 信息传达", "本地新闻", False),
        ("各科室:", "本地新闻", False),
    ],
)
def test_lang_a_line_goes_on_from_crumbs(above: str, line: str, trail: bool) -> None:
    from speechkit.lang import goes_on_from_crumbs

    assert goes_on_from_crumbs(above, line) is trail


def test_lang_chrome_after_a_table_bar() -> None:
    """A page's table cell keeps its bar before the crumbs: "| 首页 >" (real27 c09) is chrome too."""
    assert CHROME_TITLE.match("| 首页 >") and CHROME_TITLE.match("｜ 索引号:6735597301/2021-1801120")


def test_lang_a_mentioned_document_is_no_preamble() -> None:
    """real29 e11: "机具准备、技术培训、发放《跨区作业证》" names a document the meeting spoke of."""
    assert not TITLE_MENTIONS["preamble"].search("各部门要从机具准备、技术培训、发放《跨区作业证》、机具调配等方面")
    assert TITLE_MENTIONS["preamble"].search("小编为你整理了多篇相关的《铜冶中心校春季开学初安全工作通知》")


@pytest.mark.parametrize("name", sorted(TITLE_MENTIONS))
def test_lang_title_mentions_give_the_title(name: str) -> None:
    text, title = MENTIONS[name]
    m = TITLE_MENTIONS[name].search(text)
    assert m and m["t"] == title


@pytest.mark.parametrize("office", ["常务副县长", "宣传部长", "副总经理", "总河长"])
def test_lang_roles_pattern_ends_an_office(office: str) -> None:
    assert re.search(roles_pattern() + "$", office)


@pytest.mark.parametrize(
    ("title", "names_a_kind"),
    [("关于2025年秋季学期工作的专题会议纪要", True), ("在全县经济工作会议上的讲话", True), ("安全生产推进会", True),
     ("办公室工作领导讲话稿一", True), ("县政府常务会议纪要(2025年第21次)", True), ("县推进委员会", False),
     ("黄塍镇强势推进村综合服务中心建设", False)],
)  # fmt: skip
def test_lang_document_kind_ends_a_title(title: str, names_a_kind: bool) -> None:
    assert bool(DOCUMENT_KIND.search(title)) is names_a_kind


@pytest.mark.parametrize(
    ("clause", "asks"),
    [
        ("首先要及时汇报", True),
        ("厅办公室须于7月15日前组织召开大会", True),
        ("首先,集团部室负责人交流汇报本部室的计划", False),
        ("各单位应于月底前报送", True),
        ("市应急管理局汇报了应收账款清收情况", False),  # 应急, 应收: no 应 that asks
    ],
)
def test_lang_asking_words_tell_a_request_from_a_report(clause: str, asks: bool) -> None:
    assert bool(ASKS.search(clause)) is asks


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("5月9日下午县政府召开专题会议", True),
        ("5月9日,市局主持召开调度会", True),
        ("5月9日前召开专题会议", False),  # a limit, not the day held
        ("5月9日(星期五)前召开专题会议", False),
        ("5月9日起举行培训", False),
    ],
)
def test_lang_day_a_meeting_was_held(text: str, held: bool) -> None:
    day = re.compile(rf"\d{{1,2}}月\d{{1,2}}日{DAY_NOT_A_LIMIT}{PART_OF_DAY}[,，]?[^。]{{0,20}}?{HELD}")
    assert bool(day.match(text)) is held


@pytest.mark.parametrize(
    ("line", "headline"),
    [
        ("图文回放:历下区政府召开安全生产工作会议", "历下区政府召开安全生产工作会议"),
        ("公司新闻 | 冯永安对油菜花节日期间生产工作提出要求", "冯永安对油菜花节日期间生产工作提出要求"),  # real20 m12
        ("新闻发布会召开", "新闻发布会召开"),
    ],
)
def test_lang_column_label_before_a_headline(line: str, headline: str) -> None:
    from speechkit.lang import COLUMN_PREFIX

    assert COLUMN_PREFIX.sub("", line) == headline
