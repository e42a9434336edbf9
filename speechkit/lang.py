"""Chinese language data shared by the stages: numerals, list markers, titles and roles, page chrome.

Every table is named for what it holds and each one lists plain words, so that one new role, one
new numbering sign or one new kind of site chrome is one new entry here; the stages build their
patterns from these tables (``roles_pattern()``, ``CHROME_TITLE``). Examples of each table run as
tests (tests/test_lang.py).
"""

from __future__ import annotations

import re

# --- numerals --------------------------------------------------------------------------------

CN_DIGITS = "一二三四五六七八九"
CN_NUMERALS = "一二三四五六七八九十"  # as they number headings: 一、 (十二) 第三 四是
_CN_VALUE = {c: i for i, c in enumerate(CN_DIGITS, 1)} | {"两": 2, "〇": 0, "零": 0, "○": 0}

# Numbering signs that carry their number in one character (Unicode enclosed alphanumerics).
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"  # ① as (1) one level down
PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"  # ⑴ = (1)
DOTTED = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"  # ⒈ = 1.


def cn_to_int(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23, 两 → 2; 0 when the text is no numeral."""
    if not text:
        return 0
    if "十" not in text:
        value = 0
        for ch in text:  # 一〇 → 10: digit by digit
            if ch not in _CN_VALUE:
                return 0
            value = value * 10 + _CN_VALUE[ch]
        return value
    tens, _, ones = text.partition("十")
    if (tens and tens not in _CN_VALUE) or (ones and ones not in _CN_VALUE):
        return 0
    return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[ones] if ones else 0)


def int_to_cn(value: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 23 → 二十三 (1–99)."""
    if not 0 < value < 100:
        raise ValueError(f"no Chinese numeral for {value}")
    tens, ones = divmod(value, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_DIGITS[tens - 1] + "十")
    return head + (CN_DIGITS[ones - 1] if ones else "")


# --- titles and roles ------------------------------------------------------------------------

# The offices a speaker holds, as they stand before (or after) a name: "常务副县长郑建军", "魏建根区长".
ROLE_TITLES = (
    "书记", "副书记", "常委", "委员", "省长", "市长", "县长", "区长", "州长", "镇长", "乡长", "旗长",
    "主任", "局长", "厅长", "部长", "处长", "科长", "股长", "主席", "秘书长", "指挥长", "院长", "校长",
    "所长", "站长", "总经理", "经理", "董事长", "董事", "监事", "厂长", "组长", "队长", "行长", "会长", "社长",
    "司令员", "政委",
    "巡视员", "调研员", "助理", "总工程师", "总会计师", "总监", "总裁", "党组成员",
    "河长", "总河长", "林长", "总林长", "湖长", "总湖长", "田长", "总田长",
    "署长", "司长", "关长", "检察长", "庭长", "台长", "馆长", "园长", "团长", "理事长", "总编辑", "总经济师",
    "监狱长", "场长", "矿长", "村长", "审判长", "主委", "督学", "主编", "支书", "支队长", "大队长", "中队长",
)  # fmt: skip

# What a speaker is called by office alone ("王主任", "任总"): the short forms after a surname.
SHORT_ROLE_SUFFIXES = (
    "主任", "书记", "局长", "县长", "市长", "区长", "镇长", "部长", "院长", "校长", "处长", "科长", "厂长",
    "董事长", "总经理", "经理", "主席", "所长", "站长", "行长", "会长", "队长", "场长",
    "厅长", "省长", "司长", "社长", "园长", "馆长", "理事长", "秘书长", "总",
)  # fmt: skip


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of the words, longest first so that 应当 is tried before 应.

    The words are grouped by their first character (局|委(?:员会|)|…), each group keeping their order:
    the same matches, but the engine tests one character per group where it tested each word."""
    groups: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        groups.setdefault(word[:1], []).append(word[1:])
    return "|".join(
        re.escape(first) + (f"(?:{'|'.join(re.escape(rest) for rest in rests)})" if rests != [""] else "")
        for first, rests in groups.items()
    )


def roles_pattern() -> str:
    """A regex alternation of ``ROLE_TITLES``, longest first, optionally prefixed with 副."""
    words = sorted(set(ROLE_TITLES), key=len, reverse=True)
    return "(?:副?(?:" + "|".join(map(re.escape, words)) + "))"


# A 发文字号 (GB/T 9704's document number): "国办发〔2020〕24号", "中消协〔2023〕61号", "国办发[2019]3号"
ISSUING_NUMBER = r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（﹝]\s*\d{4}\s*[〕\]］)）﹞]\s*\d{1,4}\s*号"

# --- kinds of document ------------------------------------------------------------------------

# The kind of document a title names, at its end: "…会议纪要" "…上的讲话" "督办通知" "…推进会";
# "…会议纪要(2025年第21次)" too, but not "…委员会".
DOCUMENT_KINDS = (
    "纪要", "讲话", "讲话稿", "发言", "发言稿", "致辞", "讲稿", "提纲", "通知", "通报", "意见", "方案", "报告",
    "决定", "总结", "会议", "会报", "决议", "公告", "公报", "办法", "规定",
)  # fmt: skip
DOCUMENT_KIND = re.compile(
    "(?:" + "|".join(DOCUMENT_KINDS) + r"|(?<!委员)(?<![协学工])会)"  # 推进会, 例会; not 委员会, 协会
    r"[一二三四五六七八九十\d]?(?:[(（][^)）]{1,16}[)）])?$"  # 讲话稿一, 会议纪要(2025年第21次)
)

# --- asking -----------------------------------------------------------------------------------

# The words that ask something of someone: a clause holding one asks for work ("首先要及时汇报",
# "厅办公室要在7月15日前组织召开…大会"); one holding none reports it ("首先,…交流汇报了…").
ASKING_WORDS = ("要", "须", "需", "应", "请", "务必", "必须", "力争", "争取")
# 应 asks nothing in 应收账款, 应付, 应用, 应急, 应对, 应届.
ASKS = re.compile("|".join(ASKING_WORDS).replace("应", "应(?![收付用急对届])"))

# --- the day a meeting was held ------------------------------------------------------------------

# "于2018年5月9日下午2:15在…召开", "2月27日下午县政府组织召开…": a day that sets no limit (not 5月9日前,
# 5月9日(星期五)内, 5月9日起), the part of that day, and the verbs that say a meeting was held. The date stage
# reads the meeting's date with them, the task stage the sentence that reports the meeting (no task).
DAY_NOT_A_LIMIT = r"(?!\s*(?:[(（](?:星期|周)[一二三四五六日天][)）])?\s*[前后内起止])"
PART_OF_DAY = r"(?:上午|下午|晚上|晚)?"
HELD = r"(?:主持)?(?:召开|举行)"

# --- page chrome that is never a title --------------------------------------------------------

# Lines a scraped page shows above or beside the text: a title search passes over them. One kind
# of chrome = one entry (name: pattern over the whole line).
_TRAIL_SIGN = r"(?:[>＞›»]|&gt;)"  # what stands between the crumbs of a breadcrumb trail
_SITE_TOOLS = (
    "(?:返回[\u4e00-\u9fff]{0,4}首页|设为首页|加入收藏|打印本页|关闭窗口|无障碍浏览|网站支持IPv6|赞助商链接|RSS|rss"
    "|订阅[\u4e00-\u9fff]{0,6}(?:杂志|期刊|电子报|邮件|资讯))"
)
# One unit a notice is sent to, named by kind: "各科处", "各街道司法所", "各镇(街道)" (a headline such as
# "各部门全力抗击台风" goes on past its unit).
_ADDRESSED_UNIT = (
    r"各[^:：,，、。\s]{0,12}?(?:部门|单位|科室|处室|科处|科|处|室|所|站|队|局|院|校|村|镇|乡|街道|社区|中心|组|公司|厂)"
    r"(?:[(（][^)）]{1,6}[)）])?"
)
CHROME_TITLES: dict[str, str] = {
    "elderly mode": r"进入(?:老年|关怀|无障碍)(?:版|模式)",
    # "您好,欢迎来到中国农资供销网", "欢迎访问太湖县人民医院网站!": the site's greeting
    "welcome": r"(?:您好[,，!！]?\s*)?欢迎您?(?:来到|访问|光临|进入|浏览)[^。,，]{1,40}?[!！。]?",
    "contents": r"目\s*录|提\s*纲|内容提要|摘\s*要",
    "collection item": r"篇[一二三四五六七八九十\d]{1,3}",  # 篇1, 篇二: a 范文 site's item number
    # "[ 索引号 ] 1150…/2025-00068 [ 发文字号 ] …", "发布机构:县人民政府办公室": a 政务公开 metadata table
    "disclosure table": r"政府信息公开|信息公开|[\[【]?\s*(?:索\s*引\s*号|主\s*题\s*分\s*类|发布机构|发文字号"
    r"|成文日期|发布日期|废止日期|体裁分类|组配分类|有效性|公开(?:方式|范围|时限|形式|日期)|生成日期|信息来源|文件编号|发文机关)\s*[\]】]?.*",
    "breadcrumb": r"(?:您现在|您)?(?:当前)?(?:所在)?的?位置\s*[:：].*",  # 您当前所在位置:首页>…
    # "网站首页 > 资讯中心 > 政务动态", "首页  /  新闻中心  /  减灾动态", or the home link alone
    "breadcrumb trail": rf"(?:网站)?首页(?:\s*(?:{_TRAIL_SIGN}|/).*)?",
    # "中国在线>华中地区": a trail of sections without 首页
    "section trail": rf"(?:{_TRAIL_SIGN}\s*)?[^>＞›»\s，。,]{{2,10}}"
    rf"(?:\s*{_TRAIL_SIGN}\s*[^>＞›»\s，。,]{{2,10}}){{1,4}}",
    "site tools": rf"{_SITE_TOOLS}(?:\s*[|｜]?\s*{_SITE_TOOLS})*\s*[|｜]?",  # "网站支持IPv6  无障碍浏览"
    # "发行人:西区医院 发行时间:2022-06-14 09:27:49 点击数量:": a page's stamp line, ending with its counter
    "view count": r".{0,60}(?:阅读数|阅读量|浏览次数|浏览量|点击数量?|点击量|访问量)\s*[:：]?\s*\d*\s*次?",
    # the headline a porn-spam hijack puts over a page (real13 z04, z05, z12)
    "spam headline": r".*(?:无码|人妻|[Aa][Vv]_|免费观看|精品国产|又色又|MV国产|国产MV).*",
    # a betting site's name over a hijacked page, alone on its line: "欧洲冠军联赛_2020年欧洲杯投注-官网*直播" (a
    # headline it was glued to, "…【投注官网平台】召开…会议", is the page's own)
    "betting name": r"(?!.*(?:召开|会议|讲话|通知|部署)).*(?:投注|博彩|娱乐城|赌场).*",
    "calendar": r"公元.{0,12}农历.*",  # a page's calendar widget: "公元 月 农历 年 [ 年 ]"
    # "日韩精品…_亚洲色图p_亚洲综合…": a list of search keywords joined by underscores (three or more)
    "keyword list": r"[^_\s]{2,}(?:\s*_\s*[^_]{1,40}){2,}",
    # "湖北白癜风医院 http://news.39.net/…html", "湖南邵阳墙体广告 3333.png": a link or an image a headline never holds
    "link or image": r"[^。，,<>\"=]{0,30}?\s*(?:(?:https?://|www\.)\S+|\S+\.(?:png|jpe?g|gif|bmp|webp))",
    "reading time": r"本篇文章\s*\d+\s*字.*|(?:全文)?(?:共|约)\s*\d+\s*字.*|阅读(?:时间|本文需要).*",
    # "各科室:" "公司各部门：" "各区(市)县政府,市政府各部门:": whom a notice is sent to
    # A long list (各镇(街道)、…、市直各单位、八届政协委员:) or one that lost its colon: "各科处,各街道司法所"
    # "东莞市豪恩检测仪器有限公司全体员工:": all the staff of one body
    "addressee": r"(?:各[^:：]{0,80}|[^:：]{0,20}各(?:部门|单位|科室|处室|直属机构)[^:：]{0,20}"
    r"|[^:：]{0,30}全体[\u4e00-\u9fff]{1,6})[:：]"
    rf"|{_ADDRESSED_UNIT}(?:\s*[、,，]\s*{_ADDRESSED_UNIT})+"
    r"|[\u4e00-\u9fff]{0,4}各[\u4e00-\u9fff]{0,3}(?:单位|部门|企业|科室|处室)(?:及[\u4e00-\u9fff]{1,6})?[:：]?",
    # a site's column: "通知公告", and the short "本地新闻", "学会新闻", "工作信息", "足球论坛"
    "column label": r"(?:图文回放|图片新闻|视频新闻|要闻|通知公告|工作动态|新闻中心|新闻动态|院务动态)"
    r"|[\u4e00-\u9fff]{2}(?:新闻|动态|信息|资讯|论坛)|[\u4e00-\u9fff]{2,4}信箱",  # 院长信箱, 书记信箱
    "font size": r"字\s*号\s*[:：]?.*|[大中小\s]{3,}",
    # a record's own fields: "会议时间:2024年4月19日", "会议地点:监理公司会议室"
    "record field": r"(?:会议)?(?:时间|日期|地点|主持人?|参会人员|参加人员|出席人员|记录人?|议题)\s*[:：].*"
    r"|会议议程\s*[:：]?",
    # a forum post's author and time: "TUhjnbcbe - 2020/11/15 5:14:00"
    "post stamp": r"\S{1,24}\s+-\s+\d{4}/\d{1,2}/\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?",
    "document number": r"(?:编\s*号|文\s*号)\s*[:：]\s*\S*",  # "文      号:" (its value may be empty)
    # "中消协〔2023〕61号", "国办发[2019]3号": a 发文字号 (GB/T 9704's document number) standing alone
    # with its 签发人 beside it: "大安办﹝2020﹞27号 签发人:应虎"
    "issuing number": ISSUING_NUMBER + r"(?:\s*签发人\s*[:：]\s*[\u4e00-\u9fff]{2,4})?",
    "section label": r"[【\[]\s*[\u4e00-\u9fff]{2,6}\s*[】\]]",  # 【参考资料】 【华为文件】 above a document
    "table row": r"[^|｜]*(?:[|｜][^|｜]*){2,}",  # "设为首页 | 加入收藏 | 联系我们", "| 发文日期: | … |"
    "share prompt": r".{0,6}(?:扫描|扫一扫).{0,20}(?:分享|关注).*|分享到\s*[:：]?.*",  # 用微信扫描二维码分享至…
    "issue masthead": r".{0,20}第\s*\d+\s*期.{0,30}(?:编印|出版)",  # "A3:社会总第2676期 >2021-09-20编印"
    # "周口日报·周到客户端记者 韩志刚", "来源:周道客户端", "(记者 张智杰)": who wrote or carried the report
    "byline": r"[^。，,]{0,20}(?:记者|通讯员|编辑|作者)\s*[:：]?\s*[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4}){0,3}"
    r"|(?:来源|稿源|出处)\s*[:：].{0,30}",
    # "作 者:朱 伟 核 稿:马小惠 编发:兰天峨": who wrote, checked and posted it, its labels spaced to align
    "credits": r"(?:(?:作\s*者|核\s*稿|编\s*发|编\s*辑|审\s*核|审\s*稿|责\s*编|校\s*对|摄\s*影|供\s*稿)\s*[:：]"
    r"\s*[\u4e00-\u9fff]{1,4}(?:\s[\u4e00-\u9fff]{1,3})?\s*){2,}",
    "date widget": r"今天是(?:\s*\d{4}年.{0,20}|\s*星期.)?",  # "今天是", its date filled in by the page's script
}
# A list bullet or a table's bar may stand before any of them: "• 索引号:6735597301/2021-1801120", "| 首页 >".
CHROME_TITLE = re.compile("^[•·●◆■▪|｜]?\\s*(?:" + "|".join(f"(?:{p})" for p in CHROME_TITLES.values()) + r")\s*$")

_CRUMB = re.compile(rf"\s*{_TRAIL_SIGN}\s*")


def goes_on_from_crumbs(above: str, line: str) -> bool:
    """A section's name under a breadcrumb that ends with it ("当前位置:首页 > 信息传达 > 本地新闻" / "本地新闻")
    or breaks off before it ("| 首页 >" / "公司新闻"): the trail's, not a title. A trail may end with the
    page's own title ("… > 会议纪要 > 医院周会会议纪要"): a line naming a kind of document is kept."""
    above, line = above.strip(), line.strip()
    if len(line) > 10 or not _CRUMB.search(above) or not CHROME_TITLE.match(above):
        return False
    last = _CRUMB.split(above)[-1]
    return last == "" or (last == line and not DOCUMENT_KIND.search(line))


def names_the_trails_site(line: str, below: str) -> bool:
    """The site's name and slogan above its breadcrumb ("1000字范文,内容丰富有趣,学习的好帮手!" over
    "1000字范文 > 全州…会议召开"), or the breadcrumb above the headline it ends with: the page's, not a title."""
    below_crumbs, crumbs = _CRUMB.split(below.strip()), _CRUMB.split(line.strip())
    site = len(below_crumbs) > 1 and len(below_crumbs[0]) >= 2 and line.strip().startswith(below_crumbs[0])
    return site or (len(crumbs) > 1 and crumbs[-1] == below.strip())


# A column or source label glued before a headline: "图文回放:历下区政府召开…", "公司新闻 | 冯永安对…提出要求".
COLUMN_PREFIX = re.compile(
    r"^(?:(?:图文回放|图片新闻|视频新闻|要闻|原创|转载|专稿)\s*[:：]|[\u4e00-\u9fff]{2}(?:新闻|动态|要闻)\s*[|｜])\s*(?=\S{4})"
)

# --- people -----------------------------------------------------------------------------------

# The commonest surnames (about nine in ten Chinese people): a name found without a title is taken
# only when it opens with one of these ("祝耀明主持召开", never "县政府主持召开"). Characters that
# mostly open words (全 和 都 时 国 区 …) are left out.
COMMON_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施"
    "文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷"
    "盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏"
    "席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝官封谈匡鞠惠荆冀郁胥班储"
    "栗燕楚鄢劳谌奚皮粟冼蔺楼盘闻厉伊仝郜阚帅屠豆朴盖练廉禹井祖漆巴丰卿狄索宣晋容敬扈晁芮阙浦戈伏鹿薄邸雍辜羊"
    "乌裘亓修邰赫"
)
# The last characters of units, bodies and places, never of a person's name ("安全部主持会议", "办组织")
UNIT_ENDS = "局委办部科处室所站队组院校厅司会社省市县区镇乡村"

# --- where a page names its own title ----------------------------------------------------------

# Lines that quote the page's title in 《》 when no line above the text gives it (name: pattern
# with the group ``t``). Searched in this order.
TITLE_MENTIONS: dict[str, re.Pattern[str]] = {
    # 《当好参谋助手.docx》由会员分享 / 由用户提供 (a document-sharing site's reprint line)
    "reprint": re.compile(r"《(?P<t>[^》\n]{4,80}?)(?:\.(?:docx?|pdf|pptx?|wps|txt))?》由[^\n]{1,30}?(?:提供|分享)"),
    # 本站为你精心整理了《…》，希望对你有帮助 (a 范文 site's preamble); a bare verb only with 了: "机具准备、技术
    # 培训、发放《跨区作业证》" names a document the text mentions
    # (精心 spelt out in each branch: a pattern opening with an optional group is tried at every character of the
    # page, one opening with a word skips to where one stands; the same matches, 8× faster)
    "preamble": re.compile(
        r"(?:精心(?:整理|收集|搜集|准备)了?|(?:整理|收集|搜集|准备)了)[^《\n、，,。]{0,10}《(?P<t>[^》\n]{4,80})》"
    ),
    # 下面是小编为大家整理的…讲话【优秀范文】，供大家参考 (the same preamble without 《》)
    "preamble, unquoted": re.compile(
        r"(?:下面|以下)是?(?:小编|本站|编者)?(?:为(?:大家|你|您))?(?:精心)?(?:整理|收集|搜集|准备|带来|分享)的"
        r"(?P<t>[^,，。\n《》【]{6,80}?)(?:【[^】\n]{0,8}】)?[,，]\s*(?:供|希望|欢迎|仅供)"
    ),
    # 收藏《…》 / 下载《…》 (the page's footer)
    "footer": re.compile(r"(?:收藏|下载|分享)\s*《(?P<t>[^》\n]{4,80})》"),
    # 当前位置:首页 > 管理学资料 > 关于创建文明城市的会议记录 (a breadcrumb ending on the page itself; a
    # column's name, "领导讲话", "常务会议纪要", is shorter)
    "breadcrumb": re.compile(
        r"^\s*(?:当前位置|您的位置|你的位置|所在位置)\s*[:：][^\n]*[>›»]\s*(?P<t>[^>›»\n]{8,60}?)\s*$", re.M
    ),
}


# A line that opens with a list's number: 1. 2、 一、 (三) (an outline item, a contents entry, an attachment)
LIST_ITEM_OPENING = re.compile(
    r"\s*(?:\d{1,2}\s*[.、．]|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）])"
)


SENTENCE_BREAK = re.compile(r"(?<=[。！？!?；;])")
# The small form variants of the marks (U+FE50…), one for one: "三﹑任何单位…" numbers a heading as 三、 does, and
# Whisper writes them too
SMALL_MARKS = str.maketrans("﹐﹑﹒﹔﹕﹖﹗", "，、。；：？！")


def bare(text: str) -> str:
    """The text's letters and digits alone: what two texts are compared by, whatever their punctuation and spaces."""
    return _NOT_BARE.sub("", text)


_NOT_BARE = re.compile(r"[\W_]+")  # \w is str.isalnum() or "_": what is left is exactly the alphanumerics


def first_sentences(text: str, limit: int) -> str:
    """Whole sentences from the start of ``text`` up to about ``limit`` characters (at least one)."""
    kept = ""
    for sentence in SENTENCE_BREAK.split(text.strip()):
        if kept and len(kept) + len(sentence) > limit:
            break
        kept += sentence
    return kept.strip()


# An editor's note above a published speech, opening its line: "【导  读】…", "编者按：…", ">【导读】…".
# It speaks about the speech: its numbered points are not the speaker's outline.
EDITOR_NOTE = re.compile(r"\s*>?\s*(?:[【\[]\s*(?:导\s*读|编者按|按语|题记)\s*[】\]]|编者按|按语[:：]|题记[:：])")
