"""One file → its speeches, with title, speaker, role, meeting and date.

A file may hold several speeches: a collection of speeches, each opening with its own title
and "同志们:" (sample 002), or a forum thread whose posts are separate texts (sample 003).
Short posts (comments such as "总结的都很精辟") are not speeches.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from itertools import pairwise

from speechkit.document import Document, Paragraph, Speech
from speechkit.lang import (
    CHROME_TITLE,
    CN_NUMERALS,
    COLUMN_PREFIX,
    COMMON_SURNAMES,
    DOCUMENT_KIND,
    DOCUMENT_KINDS,
    EDITOR_NOTE,
    ISSUING_NUMBER,
    LIST_ITEM_OPENING,
    ROLE_TITLES,
    SHORT_ROLE_SUFFIXES,
    TITLE_MENTIONS,
    UNIT_ENDS,
    alternation,
    goes_on_from_crumbs,
    names_the_trails_site,
    roles_pattern,
)
from speechkit.structure.dates import PAREN_DATE, find_meeting_date
from speechkit.structure.likely_speaker import likely_speaker

_CJK = r"\u4e00-\u9fff"
# The titles a speaker holds, as they stand before a name: "常务副县长郑建军", "代市长徐华水".
_ROLES = roles_pattern()
# A person's name: a common surname and one or two characters ("王玉德", "祝耀明"), not "县政府".
# Words that open with a surname's character and stand before an office as a name would: "项目经理", "车间主任";
# and no given name holds the 副 of a deputy's office ("熊副院长").
_NOT_NAMES = "项目|车间|班组|常务|党委|党组|支部|工会|团委|董事|常委|段长|司长"  # offices and bodies, not names
_NAME = rf"(?!{_NOT_NAMES})[{COMMON_SURNAMES}](?:(?!副)[{_CJK}]){{1,2}}"
_SHORT_ROLE = "(?:" + "|".join(SHORT_ROLE_SUFFIXES) + ")"  # 王主任, 任总
_SALUTATION = re.compile(
    r"^(?:尊敬的[^:：]{0,30}[、,，]\s*)?(?:各位[^:：。]{0,20}[、,，]\s*)?同志们\s*(?:[:：]|[!！]?$)"
)
# The units a notice is sent to (主送机关), never its title: "全校师生:", "各乡镇人民政府、县直各单位："
_ADDRESSEES = re.compile(
    r"^(?:各|全体|全校|全院|全县|全市|全区)[^:：。]{0,40}[:：]$"
    r"|^[^:：。]{0,40}(?:单位|部门|学院|系|师生|乡镇|街道|人民政府|委员会|局|办)[:：]$"
)
_THANKS = re.compile(r"^(?:谢谢大家|谢谢)[!！。.]?$")
# "——市教育局办公室主任范贵生在全市教育系统办公室工作会议上的讲话" (sample 000), "——任正非在市场部干部
# 培训的讲话", "——任正非关于艰苦地区员工生活专项问题的讲话"
_SUBTITLE = re.compile(
    r"^[—－\-]{1,2}\s*(?P<who>.*?)(?:同志)?(?:在(?P<meeting>.+?)上?|关于.+?)的(?:讲话|发言|致辞|报告|总结讲话|动员讲话)"
)
_TITLE_SPEECH = re.compile(r"^(?P<who>.{0,20}?)在(?P<meeting>.{2,40}?)(?:上的)?(?:讲话|发言|致辞)")
_ROLE_NAME = re.compile(rf"^(?P<role>.*{_ROLES})\s*(?P<name>[{_CJK}]{{2,3}})?$")
_NAME_THEN_ROLE = re.compile(rf"^(?P<name>{_NAME}?)(?P<role>(?:常务|执行)?{_ROLES})$")
# A name as a byline prints it, maybe letter-spaced to the width of a longer one: "王 琛", "盛 阅 春"
# (spaces, ideographic or no-break ones).
_SPACED_NAME = rf"[{_CJK}](?:[^\S\n]{{0,2}}[{_CJK}]){{1,2}}"
_ROLE_SPACE_NAME = re.compile(rf"^(?P<role>[{_CJK}、]{{0,14}}{_ROLES})\s+(?P<name>{_SPACED_NAME})(?:同志)?$")
# A byline of the name alone, under the title or the date: "——在市政府八届五次全体会议上的讲话\n盛 阅 春".
_NAMES_A_SPEECH = re.compile(r"(?:讲话|发言|致辞|报告|讲稿)(?:稿|提纲|摘要)?$")
_BARE_NAME = re.compile(rf"^(?P<name>(?=[{COMMON_SURNAMES}]){_SPACED_NAME})(?:同志)?$")  # a surname first
# The byline a flattened page runs on from its title: "…会议上的讲话 镇党委书记 罗建新 (2025年2月26日) 同志们:",
# "…推进会主持词党组副书记、副局长 宋勇" (a line of its own)
_BYLINE_IN_RUN = re.compile(
    rf"(?:讲话|发言|致辞|报告|主持词)\s*(?P<role>[{_CJK}、]{{0,14}}{_ROLES})\s+(?P<name>[{_CJK}]{{2,3}})(?:同志)?"
    r"[ \t\u3000]*(?=[(（]|\d{4}年|同志们|各位|\n|$)"
)
_ROLE_ONLY = re.compile(rf"^[{_CJK}、]{{0,14}}{_ROLES}$")
# "区长李朝锋主持召开", "副区长赵登义带领…", "代市长徐华水主持会议" (dev d03–d08)
# What the chair or speaker does in a report's opening lines: "主持召开", "传达", "作了讲话" (dev2 e11–e14).
_ACTS = (
    r"(?=主持|带领|带队|召集|强调|指出|要求|传达|组织召开|召开|专题调研|调研(?![员组])|总结了|发言[:：,，]"
    # 张希凡同志最后讲了三点重要意见; 园长戴琼琼围绕假前排查…周密部署
    r"|(?:出席|参加)了?会议[,，并]+(?=要求|强调|指出)"  # "县水利局局长王定昊出席会议,要求…"
    r"|讲了[^,，。;；]{0,8}?(?:意见|要求)|围绕[^。;；]{1,30}?(?:周密|具体|全面)?部署|(?P<spoke>[作做]了?(?:重要)?讲话|发表了?(?:重要)?讲话|进行了?(?:动员|总结)讲话|讲话|(?:出席|莅临|到会|参加)(?:会议)?并?(?:作重要)?讲话)"
    # 副市长李凤芝参加会议并作出要求; 局长陶乐平作了题为《…》的工作报告; 胡优华行长助理作会议总结; 总经理周平作工作指示
    r"|(?:(?:出席|参加|莅临|到会)(?:会议)?并)?(?<!工)[作做](?!的)(?:出|了)*(?:题为《[^》]{1,60}》的)?[^,，。;；《]{0,6}?(?:报告|总结|要求|部署|指示)"
    # 区人社局党委书记步志强提出了四点要求; 杜志雄会长在北京召集…; 县委书记张闻宇到供销社调研…
    r"|提出了?[^。，,;；]{0,6}?(?:要求|意见)"
    # 李文盛场长重点安排布署了今年营林工作的各项目标任务,并提出了具体要求
    r"|(?:重点)?(?:安排|部署|布署|回顾|总结|通报|传达|分析)[^。;；]{1,40}?并提出了?[^。，,;；]{0,6}?(?:要求|意见)"
    r"|在[^,，。;；]{1,25}(?:主持|召集)|[到来赴][^,，。;；]{1,20}?(?:调研|视察|督导|检查|考察|组织召开)|在(?:会上|会议上|讲话中)(?:向[^,，。;；]{1,6})?(?=强调|指出|要求|讲话|表示|传达|作了?[^,，。;；]{0,8}(?:部署|安排|讲话|报告))"
    # 县长刘国庆就…强调了具体意见
    r"|[就对][^。;；]{1,50}?(?:(?:强调了?|提出了?|指出)[^。;；]{0,6}?(?:要求|意见|期望|希望)|[作做]了?强调)"
    # 总经理吴福志结合公司现阶段经营情况…,研判内外部形势,提出要求
    r"|结合[^。;；]{1,50}?提出了?[^。，,;；]{0,6}?(?:要求|意见)"
    # 副市长米金套就…整改工作进行部署和安排 (not "部长马艳春对…完成情况进行了通报,并对…进行了安排部署")
    r"|就[^。;；,，]{1,50}?进行了?(?:安排)?部署"
    # 蔡丹副总裁就如何…确保质量提升提出:一要…: the points themselves follow the colon
    r"|[就对][^。;；]{1,50}?(?:强调|提出|指出)[:：]\s*(?=一[是要]|第一|首先|1[、.．]|[(（]一[)）]|一、)"
    # 董事长徐振海针对下半年目标进一步强调了…; 副院长李银福表示，…
    r"|针对[^。;；,，]{1,30}?(?:进一步)?(?:强调|指出|要求)|表示(?=[,，:：])"
    # 副主任赵保军对各镇办的汇报情况进行点评; 局长尹体强对…创建工作做了具体安排; 场长茌远方针对…进行了部署
    # 局长董开德结合沈阳市…实际,对做好当前监狱戒毒工作进行了周密安排部署
    # 总经理干英辉按照集团…的指导思想,结合…形势,对下一步…工作作出安排
    r"|(?:(?:按照|根据|结合)[^,，。;；]{1,30}\s*[,，]){0,2}针?对[^。;；]{1,30}?(?:进行|作|做)(?:出|了)?(?:具体|全面|详细|专题|重点|周密)?"
    r"(?:点评|部署|安排|总结))"
)
# The people a report names as acting, each pattern with ``name`` and, where given, ``role``; the
# earliest match in the text wins.
# "区长李朝锋主持召开", "副总经理杨松组织召开了…" , "经理杨国辉作了讲话"
_ROLE_REACH = 24  # characters a role title may hold before its last title word ("…副总经理")
# An office as a report writes it before a name, up to _ROLE_REACH characters: "景区党工委副书记、管委会主任"
_OFFICE = rf"(?P<role>[{_CJK}、]{{0,{_ROLE_REACH}}}?{_ROLES})"
# After a role the name needs no common surname ("市委书记千军昌作重要讲话"): the role and the act frame it.
# acts, links, adverbs (重点, 特别), an office cut short ("张远董事|长的讲话"), 书记 read as 支书|记
# ("党总支书|记周海"), the office an office heads and a body its members form ("河长|办组织召开", "业主委员|会主任")
_NOT_A_NAME_START = "在主作做出讲带召强指要传组专调同由和与及等的分助莅最首随再亲紧长记重办会特"
# ending as a room or a hall does, it is a place ("在行政楼校长接待室召开")
# ("副总经理李锰在讲话中充分肯定了…": 在 opens where the name ends, not its third character)
_FRAMED_NAME = rf"(?:(?![{_NOT_A_NAME_START}])[{_CJK}]{{2}}(?:(?!等|在(?:讲话|会))[{_CJK}])?)(?<![室厅楼馆的])"
# "镇长柳子琦同志紧急主持召开", "书记郭忠同志最后强调", "副会长孙齐云一行专程到…检查"
_HOW = r"(?:等|紧急|专门|特别|亲自|再次|随即|最后|首先|一行(?:\d{1,3}人)?(?:专程)?)"
_ROLE_NAME_ACTING = re.compile(rf"{_OFFICE}(?P<name>{_FRAMED_NAME})(?:同志)?{_HOW}?{_ACTS}")
# Where its role title can start: a match of it starts at most _ROLE_REACH characters before the first of
# these, so its search starts there instead of trying every role length at every character (issue 18).
# The roles are words here, 副 written out, each branch opening with a literal: the engine skips to the
# characters a role starts with instead of trying a lookahead at every character (the same starts, 11× faster).
_ROLE_WORDS = (*ROLE_TITLES, *(f"副{role}" for role in ROLE_TITLES))
_ROLE_WORD = alternation(_ROLE_WORDS)
_ROLE_NAME_ACTING_AT = re.compile(rf"(?:{_ROLE_WORD})(?={_FRAMED_NAME}(?:同志)?{_HOW}?{_ACTS})")
_LEAD_SPEAKERS = (
    _ROLE_NAME_ACTING,
    # "王玉德副县长主持召开", "魏建根区长主持"
    # "州水利局张建荣局长对…进行了安排布置": after a unit's name, the name starts afresh
    re.compile(
        rf"(?:(?<![{_CJK}])|(?<=[局委办院厅处科所站司府队])|(?<=会上)|(?<=会议上))(?P<name>{_NAME}?)"
        rf"(?P<role>(?:常务|执行)?{_ROLES}{{1,2}}){_HOW}?{_ACTS}"
    ),
    # "全体教师在吉利园长的主持下召开了…布置会"
    re.compile(rf"在(?P<name>{_NAME}?)(?P<role>{_ROLES})(?:同志)?的主持下"),
    # "祝耀明主持召开处务会议"
    # ("安全部主持会议": a unit that chairs is no person)
    re.compile(rf"(?<![{_CJK}])(?P<name>{_NAME}?)(?<![{UNIT_ENDS}])(?:同志)?(?=主持召开|主持会议|主持了)"),
    # "会议由李崇光校长主持" (before 由高院长主持: a full name, then the role)
    re.compile(  # "会议由邱松副大队长主持": a 副 or 大 before the role is the role's, not the name's
        rf"由(?P<name>[{COMMON_SURNAMES}][{_CJK}](?:(?![副正常执])[{_CJK}])?)(?P<role>(?:常务|执行)?副?[大总]?{_ROLES})(?:同志)?主持"
    ),
    # "由张主任主持", "由王玉德同志主持", "由社区毛主任主持"
    re.compile(
        rf"由(?:[{_CJK}]{{0,6}}?(?:社区|村委|村|镇|街道|局|办|委|院|公司|部|处|科))?(?P<name>[{COMMON_SURNAMES}](?:[{_CJK}]{{1,2}}?(?=同志)|[{_CJK}]{{0,2}}?{_SHORT_ROLE}))(?:同志)?主持"
    ),
    # "【区委副书记、区长杨福涛发言】": a time-stamped record (dev2 e18)
    re.compile(rf"【(?P<role>[{_CJK}、]{{0,24}}{_ROLES})(?P<name>{_NAME})(?:同志)?(?:发言|讲话|主持)】"),
    # "任正非在讲话中提出", "任正非在会上…": an editor's lead-in (dev2 e26, e28)
    re.compile(rf"(?<![{_CJK}])(?P<name>{_NAME})在(?:讲话中|会上|会议上|会)"),
    # "福建省水利厅丘汀萌副厅长在漳州市主持召开…": a name of any surname, framed by the unit before it and
    # the office after it, taken when the report names that person again ("丘汀萌指出")
    re.compile(rf"(?<=[厅局委办院部])(?P<name>[{_CJK}]{{2,3}}?)(?P<role>{_ROLES}){_ACTS}(?=[\s\S]*?(?P=name))"),
)
# An editor's note above a published speech: "【导  读】任正非认为，…", "> 这是毛泽东在…会议上所作的结论的
# 一部分", "编者按：…". It names the speaker as the one who thinks, says or spoke there; a note that
# says the text was drafted ("这是毛泽东为中共中央起草的…通知") names no speaker.
_EDITOR_NOTE = re.compile(rf"^(?:{EDITOR_NOTE.pattern}|\s*>)", re.M)  # or a quoted note under the title
_NOTE_SPEAKER = re.compile(
    rf"(?:^|(?<=[，,。：:；;“】>\s])|(?<=基于|这是))(?P<name>{_NAME})(?:同志)?"
    r"(?=认为|指出|强调|表示|说|的(?:一个)?(?:逻辑|观点|思想|“)|对[^。\n]{2,30}?的(?:主要)?(?:观点|看法|思考)"
    r"|(?:在|接见)[^。\n]{0,60}?(?:讲话|报告|结论|谈话|发言|演说|致辞))"
)
_TALK_OPENS = re.compile(r"同志们\s*[:：,，!！]|各位(?:领导|代表|同志|同事)")  # where the speaker's own words begin
_LABEL_ALONE = re.compile(r"^(?:会议)?(?:主持人?|主讲人?|讲话人|发言人|报告人)[:：]\s*\n", re.M)
_SIGNED = re.compile(rf"(?:签发人|讲话人|主讲人?|发言人)\s*[:：]\s*(?P<name>{_NAME})(?![{_CJK}])")
_LEAD_ROLE = re.compile(rf"(?<![{_CJK}])(?P<role>[{_CJK}]{{0,6}}?{_ROLES})(?=主持|召集)")
_MEETING = re.compile(
    rf"召开(?:了)?(?:[{_CJK}]{{0,3}}的)?(?P<m>[^,，。;；:：]{{2,40}}?(?:会议|会))(?=[,，。;；、\s]|$)"
)
# "文件名称 | …", "| 文 号: | … | 文件名称: | … |": a disclosure table's title cell, in any cell of its row;
# "名称: …的通知 文号: 泾政〔2023〕1号": a disclosure page's fields on one line
_META_TITLE = re.compile(
    r"(?:^|[|｜]\s*)(?:文件名称|信息名称|名称|标题|题目)\s*(?:[:：]\s*[|｜]?|[|｜])\s*(?P<t>[^|｜]{4,80}?)\s*"
    r"(?:[|｜].*|\s(?:文号|索引号|发文字号|发文机关|成文日期|发布日期)\s*[:：].*)?$"
)
_META_WORD = re.compile(r"名称|标题|题目")
_ISSUED = re.compile(r"关于印发\s*《(?P<t>[^》]{4,80})》\s*的通知")
_META_LABEL = re.compile(r"^(?:文件名称|标题|题目|文件标题)\s*[:：]$")  # "标　　题：" with the title on the next line
# An outline heading opens the line: "一、2013年工作回顾" is the text's first heading, not its title (dev2 e20).
_HEADING_LINE = re.compile(rf"^(?:[{CN_NUMERALS}]{{1,3}}、|[(（][{CN_NUMERALS}]{{1,3}}[)）]|\d{{1,2}}[、.．](?!\d))")
# A flattened page repeats its title with and without its byline: the shortest such phrase (dev2 e23).
_FLAT_TITLE = re.compile(
    rf"(?<![{_CJK}])(?P<t>[{_CJK}\d“”]{{6,40}}?(?:上的)?(?:讲话|主持词|发言|致辞|讲话稿|纪要|报告|通知|方案))"
)
# A flattened record opens with its title, a newsletter's issue maybe before it, run into its first day:
# "园区快第五期南谯工业开发区管委会2008年5月10日工作例会会议纪要2008年5月10日下午,…"
_KIND_THEN_DAY = re.compile(
    rf"^(?:[{_CJK}]{{0,8}}?第[一二三四五六七八九十百\d]{{1,4}}期)?"
    rf"(?P<t>[{_CJK}\d（）()]{{6,60}}?(?:会议纪要|纪要|通知|通报))(?=(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}日)"
)
# A flattened news page opens with its headline, a space, then a lead that repeats it (real set 3, r06).
_TALK_KIND = re.compile(r"讲话|发言|致辞|主持词")
# "…工作会议召开", "…会议在县城隆重举行": a news headline that says its meeting was held
_HEADLINE_HELD = re.compile(r"(?<=[会议])(?:在\S{2,8})?(?:顺利|隆重)?(?:召开|举行)$")
_TITLE_BEFORE_SALUTATION = re.compile(
    r"(?P<t>[^\s。，,:：;；]{6,80}?(?:讲话|发言|致辞|主持词))\s*(?:同志们|各位领导|各位代表)\s*[:：,，]"
)
_FLAT_HEADLINE = re.compile(r"(?P<t>[^\s,，。；;:：!！?？]{6,64})\s+")
# A flattened page that opens with its talk's title, maybe the page's part number, then a space
_OPENING_TALK_TITLE = re.compile(
    r"(?P<t>[^\s,，。；;:：!！?？]{6,60}?(?:讲话|发言|致辞)稿?)\s*(?:[(（]\d{1,2}[)）])?\s+"
)
_HEADER_LINE = re.compile(r"(?:人民政府|委员会|办公室|办公厅)文件$")  # the red header of an official document
_GREETING = re.compile(r"^(?:尊敬的|各位|同志们|大家好|朋友们)")  # a talk's opening words, never its title
_INTERJECTION = re.compile(r"^[\u4e00-\u9fff]{1,2}[，,]")  # "好，那我简单讲几句" opens a talk, it is no title
# "[分享] 【转载】…", "【英国威廉希尔公司_官方网站:】…": a tag, or a label ending with a colon, before the headline
_FORUM_TAG = re.compile(r"^(?:\s*[\[【](?:[^\]】]{1,4}|[^\]】]{1,24}[:：])[\]】])+\s*")
_TITLE_LABEL = re.compile(r"^(?:title|标题|题目|主题)\s*[:：]\s*(?=\S)", re.IGNORECASE)
_TITLE_PREFIX = re.compile(r"^(?:篇|其|第)[一二三四五六七八九十]{1,2}篇?\s*[:：、]\s*(?=.{4})")  # "篇一：在…上的讲话"
# "（录音转写稿）", " 录音转写（未校对）", "（根据录音整理）": how the text was made, not part of its title
_TITLE_NOTE = re.compile(
    r"\s*(?:[(（][^)）]{0,8}(?:稿|录音|整理|摘要|全文|节选|摘编)[)）]"
    r"|\s(?:(?:根据)?录音(?:转写|整理|记录)?稿?|(?:转写|整理)稿)(?:\s*[(（][^)）]{1,6}[)）])?"
    r"|\s*[\[【(（]\d{4}-\d{1,2}-\d{1,2}[\]】)）])\s*$"  # a list page's date stamp: "…审议多个事项[2013-03-15]"
)
# "主讲：王志刚（市城管局局长）" in a transcript's header; "主持人：总经理 杜明远", "主席：许副局长" in minutes
_SPEAKER_LABEL = re.compile(
    rf"^(?:会议)?(?:主讲|主讲人|讲话人|发言人|报告人|主持人|主持|主席)[:：]\s*(?:(?P<pre>[{_CJK}、]{{0,14}}{_ROLES})\s*)?"
    rf"(?P<name>[{COMMON_SURNAMES}]副?{_SHORT_ROLE}|[{_CJK}]{{2,3}})(?:同志)?(?:\s*[(（](?P<role>[^)）]{{2,30}})[)）])?$"
)
_SURNAME_TITLE = re.compile(rf"[{COMMON_SURNAMES}]副?{_SHORT_ROLE}")  # "丁局长" of 丁局长育群 (surname, title, name)
# A page that runs the document number into the title: "国务院办公厅关于…的实施意见国办发〔2020〕24号" (the
# number in brackets after the title is the page's own way of writing it and stays: "…任务(华政发〔2021〕2号)")
_TITLE_THEN_NUMBER = re.compile(
    rf"^(?P<t>[^\s。，,:：;；]{{4,80}}(?:{alternation(DOCUMENT_KINDS)}))\s*(?:{ISSUING_NUMBER})"
)
_SENTENCE = re.compile(r"[。！？!?；;]")
_SPACES = re.compile(r"[^\S\n]+")


# A post that goes on with the text of the one before: "(接上)…", or opening at 三、 / (二)
_CONTINUED = re.compile(
    r"^\s*(?:[(（【\[]?(?:接上|续上|接上楼|续)[)）】\]]?|[(（][二三四五六七八九十][)）]|[二三四五六七八九十]、)"
)
_SECTION_LABEL = re.compile(r"^[【\[]\s*[\u4e00-\u9fff]{2,6}\s*[】\]]$")  # 【参考资料】
_BOOK_TITLE = re.compile(r"^《[^《》]{4,80}》$")
_MIN_DOCUMENT = 500  # characters of text before a label for it to start a second document
# The header of one of several leaders' speeches a bulletin prints together: "马卫光同志的讲话摘要",
# "盛阅春同志在全市教育大会上的讲话" (real15 w02). Only a name with 同志 opens one: a bare "在…上的讲话"
# line is the speech's title printed again above its body, or a page header.
_SPEAKER_HEADER = re.compile(
    rf"^(?P<who>{_NAME})同志(?:在[^,，。;；]{{2,40}}?上)?的(?:讲话|发言|致辞|报告)(?:摘要|要点|摘编|提纲)?$"
)
_MIN_POST = 150  # characters: a shorter forum post is a comment, not a speech
_NAMED_REACH = 10  # opening lines of a forum post searched for its own title
_TITLE_MAX = 64  # a notice's or a hijacked page's headline runs to 60 characters (dev2 e07, e13)
_TITLE_WITH_COMMA = 40  # a longer line with a comma is a sentence
_FLAT_LINE = 300  # characters: a first line this long is a whole page run together
_FLAT_HEAD = 300  # characters of it where its title stands


@dataclass(frozen=True, slots=True)
class _Block:
    first: int  # paragraph indexes, end exclusive
    end: int
    title: str | None = None
    title_at: int | None = None  # paragraph holding the title, when it is outside [first, end)
    forum_post: bool = False


def split_speeches(document: Document) -> tuple[Speech, ...]:
    """Return the speeches a cleaned document holds, each with its title, speaker and date."""
    paragraphs = document.paragraphs or _paragraphs_of(document.text)
    if not paragraphs:
        return ()
    blocks = _forum_posts(document, paragraphs) if document.sections else _speech_blocks(paragraphs)
    speeches = [s for block in blocks if (s := _describe(document, paragraphs, block, len(blocks) == 1))]
    return tuple(_dated_by_cover(document, speeches))


def _dated_by_cover(document: Document, speeches: list[Speech]) -> list[Speech]:
    """Speeches of one file that give no date of their own take the date its cover gives before them."""
    if not speeches or speeches[0].start == 0 or all(s.meeting_date for s in speeches):
        return speeches
    cover = find_meeting_date(document.text[: speeches[0].start], document)
    return [s if s.meeting_date or cover is None else replace(s, meeting_date=cover) for s in speeches]


def _paragraphs_of(text: str) -> tuple[Paragraph, ...]:
    out: list[Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Paragraph(line, offset, offset, offset + len(line)))
        offset += len(line) + 1
    return tuple(out)


# --- where each speech lies -------------------------------------------------------------------


def _forum_posts(document: Document, paragraphs: tuple[Paragraph, ...]) -> list[_Block]:
    """One block per forum post long enough to be a text; the thread title goes to the first."""
    para_starts = [p.start for p in paragraphs]
    starts = (bisect_left(para_starts, offset) for offset in document.sections)
    bounds = sorted({s for s in starts if s < len(paragraphs)})
    blocks: list[_Block] = []
    head = [i for i in range(bounds[0] if bounds else 0) if _is_title_like(paragraphs[i].text)]
    for k, first in enumerate(bounds):
        end = bounds[k + 1] if k + 1 < len(bounds) else len(paragraphs)
        if blocks and _CONTINUED.match(paragraphs[first].text):  # "(接上)…": the poster's next part of the text
            blocks[-1] = replace(blocks[-1], end=end)
            continue
        if sum(len(paragraphs[i].text) for i in range(first, end)) < _MIN_POST:
            continue
        if not blocks and head:
            blocks.append(_Block(first, end, _strip_title(paragraphs[head[-1]].text), head[-1], True))
        else:
            blocks.append(_Block(first, end, forum_post=True))
    if bounds and bounds[0] > 0 and not head and not blocks:
        blocks.append(_Block(0, len(paragraphs)))
    return blocks or [_Block(0, len(paragraphs))]


def _speech_blocks(paragraphs: tuple[Paragraph, ...]) -> list[_Block]:
    """Split a file at each document it appends ("【参考资料】《…》"), else at each title + "同志们:"."""
    appended = _appended_documents(paragraphs)
    if appended:
        bounds = [0, *appended, len(paragraphs)]
        return [_Block(a, b) for a, b in pairwise(bounds) if a < b]
    return _collection_blocks(paragraphs)


def _appended_documents(paragraphs: tuple[Paragraph, ...]) -> list[int]:
    """Where a second document starts: a bracketed label line, then the document's 《title》 (dev2 e28, e29).

    "【参考资料】" / "【华为文件】" / "【附件】" above "《2013年华为公司内控管理要点》", after a text of its
    own: the page holds two documents, each with its own outline.
    """
    starts = []
    done = 0
    for i, p in enumerate(paragraphs[:-1]):
        if done >= _MIN_DOCUMENT and _SECTION_LABEL.match(p.text) and _BOOK_TITLE.match(paragraphs[i + 1].text):
            starts.append(i)
            done = 0
        done += len(p.text)
    return starts


def _collection_blocks(paragraphs: tuple[Paragraph, ...]) -> list[_Block]:
    """Split a collection of speeches at each speech's title + "同志们:", or at the headers naming each
    speaker; else one block."""
    greetings = [i for i, p in enumerate(paragraphs) if _SALUTATION.match(p.text)]
    if len(greetings) < 2:
        return _speaker_header_blocks(paragraphs) or [_Block(0, len(paragraphs))]
    starts = []
    previous = -1
    for g in greetings:
        start = g
        # Walk back over the speech's own header: its title, the speaker's line, the date (sample 002); not
        # into a table of contents above the first one ("2．县应急管理局：…的表态发言" over its title).
        titled = False
        while start - 1 > previous and g - start < 4 and _is_header_line(paragraphs[start - 1].text):
            line = paragraphs[start - 1].text
            if titled and LIST_ITEM_OPENING.match(line):
                break
            titled = titled or not (_frames_title(line) or LIST_ITEM_OPENING.match(line))
            start -= 1
        starts.append(start)
        previous = g
    blocks = []
    for k, first in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(paragraphs)
        blocks.append(_Block(first, end))
    return blocks


def _speaker_header_blocks(paragraphs: tuple[Paragraph, ...]) -> list[_Block]:
    """One block per speech of a bulletin that prints two or more leaders' speeches, each under a header
    naming its speaker, each a text of its own length. The bulletin's cover (its notice of what it prints,
    its date) is no speech's text."""
    headers = [(i, m["who"]) for i, p in enumerate(paragraphs) if (m := _SPEAKER_HEADER.match(p.text))]
    if len(headers) < 2 or len({who for _, who in headers}) < len(headers):
        return []
    starts = [i for i, _ in headers]
    ends = [*starts[1:], len(paragraphs)]
    if any(
        sum(len(paragraphs[k].text) for k in range(a + 1, b)) < _MIN_DOCUMENT for a, b in zip(starts, ends, strict=True)
    ):
        return []
    return [_Block(a, b) for a, b in zip(starts, ends, strict=True)]


# --- what each speech is ----------------------------------------------------------------------


def _describe(document: Document, paragraphs: tuple[Paragraph, ...], block: _Block, single: bool) -> Speech | None:
    texts = [paragraphs[i].text for i in range(block.first, block.end)]
    title, title_index = block.title, block.title_at
    first = block.first
    framed = _framed_title(texts) or _named_title(texts) if block.forum_post and title is not None else None
    if framed:  # a post's own title (above its speaker line, or naming its kind), not the thread's subject
        title, title_index = framed[0], block.first + framed[1]
    if title is None:
        title, offset = _find_title(texts, forum_post=block.forum_post)
        if block.forum_post:  # a post opens with the user's badges: the speech starts at its title or body
            first = block.first + (offset if offset is not None else _first_body(texts))
        if title is None and single:
            title = _title_elsewhere(document, texts)
    if title_index is not None and title_index < first:
        first = title_index
    start = paragraphs[first].start
    last = paragraphs[block.end - 1]
    text = document.text[start : last.start + len(last.text)]
    if not text.strip():
        return None
    info = _people_and_meeting(text, title)
    if not info.get("speaker") and single and _is_a_talk(text, title):
        info["speaker"] = _page_author(document)  # "家长开放日讲话稿 | 作者：王琛": a talk filed under its author
    if not info.get("speaker") and not _is_a_talk(text, title):
        # where no rule names one, the learned cues' choice; in a talk the names it holds are others'
        # ("…廳長邵漢生同志將親自到會講話", "传达了副市长何顺洪同志的讲话精神")
        info["speaker"] = likely_speaker(title, text)
    return Speech(
        text=text,
        title=title,
        speaker=info.get("speaker"),
        speaker_role=info.get("role"),
        meeting=info.get("meeting"),
        meeting_date=find_meeting_date(text, document),
        start=start,
    )


def _is_title_like(text: str) -> bool:
    return (
        2 <= len(text) <= _TITLE_MAX
        and (len(text) <= _TITLE_WITH_COMMA or not re.search("[,，]", text))  # else a first sentence, cut short
        and len(re.findall(rf"[{_CJK}A-Za-z0-9]", text)) >= 2  # "――――――" separates, it names nothing
        and not _SENTENCE.search(text.rstrip(";；:："))
        and not _SALUTATION.match(text)
        and not _ADDRESSEES.match(text)
        and not PAREN_DATE.match(text)
        and not _INTERJECTION.match(text)
        and not _GREETING.match(text)
        and not _DATED_OPENING.match(text)
        and not text.rstrip(":：").endswith("如下")  # "…现将春节放假时间通知如下": the notice's first sentence
    )


# A day alone ("3月6日"), or a sentence opening with its day cut off short ("2017年4月13日上午,高陂镇…召开了"):
# never a title, as a dated headline is ("2025年7月31日,召开市生态环境局局长办公会议")
_DATED_OPENING = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[上下]午|晚上?)?(?:$|[^,，。]{0,6}[,，].*了$)")


def _is_header_line(text: str) -> bool:
    if _THANKS.match(text) or text.rstrip().endswith(("。", "!", "！", "?", "？")):
        return False
    return _is_title_like(text) or bool(PAREN_DATE.match(text))


def _strip_title(text: str) -> str:
    text = _FORUM_TAG.sub("", text.strip("*").lstrip("#—－-> "))  # "## 在…上的讲话", "**…**", "> …": Markdown
    text = COLUMN_PREFIX.sub("", text)
    if labelled := _TITLE_LABEL.match(text):  # 'title: "114年1月 第一次会议纪录"' (a markdown file's front matter)
        text = text[labelled.end() :].strip().strip("\"'“”")
    if re.fullmatch(r"《[^《》]{4,80}》", text.strip()):  # the whole title in book-title marks (dev2 e08)
        text = text.strip()[1:-1]
    text = _TITLE_NOTE.sub("", _TITLE_PREFIX.sub("", text))
    if (numbered := _TITLE_THEN_NUMBER.match(text)) and numbered.end() == len(text):
        text = numbered["t"]
    return re.sub(r"[:：;；。!！|｜\s]+$", "", text).strip()  # "…节能工作会议 |": a table cell's bar


def _first_body(texts: list[str]) -> int:
    for i, t in enumerate(texts):
        if not _is_title_like(t):
            return i
    return 0


def _markdown_title(texts: list[str]) -> tuple[str, int] | None:
    """A markdown file's own title: its front matter's 'title: …' ("---" / 'title: "…"' / "---", the rules maybe
    dropped as page chrome), or the level-one heading it opens with ("# Team 10 - 16th Meeting", "# 【Alpha阶段】
    第十周Scrum Meeting！"), in any script; not one that only dates the meeting ("# 2025/04/09 10:00 线上会议")."""
    front = list(enumerate(texts[1:10], start=1)) if texts[0] == "---" else [(0, texts[0])]
    for i, t in front:
        if t == "---":
            break
        if _FRONT_MATTER_TITLE.match(t) and (title := _strip_title(t)):  # _strip_title drops the label
            return title, i
    if texts[0].startswith("# ") and not _DATED_HEADING.match(texts[0][2:]):
        title = _strip_title(texts[0])
        return (title, 0) if len(title) >= 4 else None
    return None


_FRONT_MATTER_TITLE = re.compile(r"^title\s*:\s*\S", re.IGNORECASE)
_DATED_HEADING = re.compile(r"\s*\d{4}\s*[-/.年]\s*\d{1,2}")


_CHROME_REACH = 20  # lines: a 政务公开 page's metadata table ("索引号:", "发文机关:", "成文日期:"…) before its headline


def _find_title(texts: list[str], forum_post: bool) -> tuple[str | None, int | None]:
    """The title among the short lines that open a speech: (title, its index in ``texts``)."""
    if texts and (marked := _markdown_title(texts)):
        return marked
    for i, t in enumerate(texts[:12]):
        m = (_META_TITLE.search(t) if _META_WORD.search(t[:_CHROME_MAX]) else None) or _ISSUED.search(t)
        if m:
            return re.sub(r"\s+", "", m["t"]), i
        if _META_LABEL.match(t) and i + 1 < len(texts) and _is_title_like(texts[i + 1]):
            return _strip_title(texts[i + 1]), i + 1
    for i, t in enumerate(texts[:8]):
        if _SUBTITLE.match(t) and i > 0 and _is_title_like(texts[i - 1]):
            return _strip_title(texts[i - 1]), i - 1
        if (run_on := _TITLE_THEN_ADDRESSEES.match(t)) and DOCUMENT_KIND.search(run_on["title"]):
            return run_on["title"], i  # "…活动公告 居民朋友们、辖区单位:": the addressees run on from the title
    for i, t in enumerate(texts[:12]):  # a page's lead-in (导读…, 转自…) may stand between the chrome and the title
        above_byline = i + 1 < len(texts) and _frames_title(texts[i + 1])
        if above_byline and _is_title_like(t) and DOCUMENT_KIND.search(_strip_title(t)):
            return _strip_title(t), i
    leading: list[int] = []
    for i, t in enumerate(texts[:_CHROME_REACH]):
        if (
            _is_chrome(t)
            or _NO_HAN.fullmatch(t)  # "NEWS CENTER", "Quick guide": a Chinese page's column in English
            or (i > 0 and goes_on_from_crumbs(texts[i - 1], t))
            or (i + 1 < len(texts) and names_the_trails_site(t, texts[i + 1]))
        ):
            continue  # "您所在的位置:首页 >> …", "政府信息公开", "各科室:": the page's, not the text's
        # the title is among the speech's own first 8 lines, however many lines of chrome come before them
        if len(leading) == 8 or not _is_title_like(t) or _HEADING_LINE.match(t):
            break
        leading.append(i)
    if forum_post and (framed := _framed_title(texts)):  # the post's own title, not the thread's subject
        return framed
    if forum_post:
        body = "".join(texts)
        scored = [(i, _overlap(texts[i], body)) for i in leading]
        closest = max(scored, key=lambda x: x[1], default=None)
        if closest and closest[1] >= 0.6:
            return _strip_title(texts[closest[0]]), closest[0]
        return None, None
    named = [i for i in leading if DOCUMENT_KIND.search(_strip_title(texts[i]))]
    if named and not _FORMAL_TITLE.match(_strip_title(texts[named[0]])) and (formal := _formal_title(texts)):
        return formal  # a document site's page title over the document's own "关于…的通知" below it
    if named:  # "关于…专题会议纪要" rather than the issuing body's header above it (a red-header document)
        # a meeting report's headline ("栖霞市召开…调度会议") over its kicker ("抓紧核实…改造方案")
        best = max(named, key=lambda i: ("召开" in texts[i], len(texts[i])))
        return _strip_title(texts[best]), best
    for i in leading:
        t = texts[i]
        if _HEADER_LINE.search(t) or _ROLE_ONLY.match(t):
            continue
        return _strip_title(t), i
    return _framed_title(texts) or (None, None)  # under a collection's table of contents: the line above the byline


_NO_HAN = re.compile(rf"[^{_CJK}]+")
_TITLE_THEN_ADDRESSEES = re.compile(rf"^(?P<title>[^\s:：。,，]{{4,60}})[ \u3000]+(?P<to>[{_CJK}、]{{2,30}})[:：]$")
# A 公文's own title (GB/T 9704: 发文机关 + 关于 + 事由 + 文种): "关于做好2014年春季开学初安全工作的通知".
_FORMAL_TITLE = re.compile(
    r"^关于.{4,60}的(?:通知|意见|决定|报告|请示|批复|函|会议纪要|纪要|方案|办法|规定|通报|公告)$"
)


def _formal_title(texts: list[str]) -> tuple[str, int] | None:
    """The first of the opening lines that is a 公文's own title ("关于…的通知")."""
    for i, t in enumerate(texts[:12]):
        if _is_title_like(t) and _FORMAL_TITLE.match(_strip_title(t)):
            return _strip_title(t), i
    return None


def _named_title(texts: list[str]) -> tuple[str, int] | None:
    """The longest opening line that names the kind of document: "关于…的专题会议纪要" in a reposted text."""
    opening = texts[:_NAMED_REACH]
    named = [i for i, t in enumerate(opening) if _is_title_like(t) and DOCUMENT_KIND.search(_strip_title(t))]
    if not named:
        return None
    best = max(named, key=lambda i: len(texts[i]))
    return _strip_title(texts[best]), best


def _is_chrome(line: str) -> bool:
    """A line of site chrome or a notice's addressee, never a title (speechkit.lang.CHROME_TITLES)."""
    return len(line) <= _CHROME_MAX and bool(CHROME_TITLE.match(line.strip()))


_CHROME_MAX = 200  # characters: a longer line is text (a flattened page), whatever it opens with


def _framed_title(texts: list[str]) -> tuple[str, int] | None:
    """A title among the opening lines that stands right above a speaker or date line."""
    for i, t in enumerate(texts[:8]):
        if not _is_title_like(t):
            break
        if i + 1 < len(texts) and _frames_title(texts[i + 1]) and not _frames_title(t):
            return _strip_title(t), i
    return None


def _frames_title(line: str) -> bool:
    """The line under a speech's title: its speaker ("镇党委书记  吴晓东") or its date ("（2025年3月6日）")."""
    line = line.strip()
    return bool(_ROLE_SPACE_NAME.match(line) or PAREN_DATE.match(line) or _SUBTITLE.match(line))


def _overlap(title: str, body: str) -> float:
    """Share of the title's character pairs that recur in the body (a post's badge lines do not)."""
    core = re.sub(rf"[^{_CJK}A-Za-z0-9]", "", title)
    pairs = [core[i : i + 2] for i in range(len(core) - 1)]
    if not pairs:
        return 0.0
    rest = body.replace(title, "", 1)
    return sum(1 for p in pairs if p in rest) / len(pairs)


def _title_elsewhere(document: Document, texts: list[str]) -> str | None:
    """A title glued to the first page chunk (sample 001), or named by the page's reprint line."""
    if document.page_chunks_joined and texts:
        glued = _glued_title(texts[0], "".join(texts))
        if glued:
            return glued
    if texts and len(texts[0]) > _FLAT_LINE:
        head = texts[0][:_FLAT_HEAD]
        if numbered := _TITLE_THEN_NUMBER.match(head.strip()):  # "…的通知国办发〔2014〕56号各省、…:" run together
            return numbered["t"]
        flat = [m["t"] for m in _FLAT_TITLE.finditer(head) if head.count(m["t"]) >= 2]
        if flat:
            return min(flat, key=len)
        if dated := _KIND_THEN_DAY.match(head):  # "…工作例会会议纪要2008年5月10日下午,主任…": run into its first day
            return dated["t"]
        lead = _FLAT_HEADLINE.match(head)  # "我县召开…动员会 9月21日上午,我县召开…动员会。": a news page's headline
        if lead and head.count(_HEADLINE_HELD.sub("", lead["t"])) >= 2:  # "…工作会议召开 6月15日,…召开了…工作会议"
            return lead["t"]
        if saluted := _TITLE_BEFORE_SALUTATION.search(head):  # "…会议上的讲话 同志们:": the talk's own title
            title = saluted["t"]
            earlier = list(_TALK_KIND.finditer(title, 0, len(title) - 2))
            return title[earlier[-1].end() :] if earlier else title  # "…上讲话县长在…上的讲话": its last copy
        if opening := _OPENING_TALK_TITLE.match(head):  # "在全市…会议上的讲话(1) 今天的…": the talk's title, a space
            return opening["t"]
    for pattern in TITLE_MENTIONS.values():
        m = pattern.search(document.original or document.text)
        if m:
            return m["t"].strip()
    return None


def _glued_title(first: str, body: str) -> str | None:
    """The title a flattened page runs into its first sentence: cut where that sentence starts.

    A sentence opening is recognised as one that recurs in the text ("办公室是…" in sample 001).
    """
    openers: dict[str, int] = {}
    for m in re.finditer(rf"[。！？!?；;]([{_CJK}]{{3}})", body):
        openers[m[1]] = openers.get(m[1], 0) + 1
    clause = re.split(r"[。！？!?；;,，]", first, maxsplit=1)[0]
    cuts = [p for p in range(6, min(len(clause) - 2, _TITLE_MAX)) if openers.get(clause[p : p + 3], 0) >= 3]
    return clause[: cuts[-1]].strip() if cuts else None


def _is_a_talk(text: str, title: str | None) -> bool:
    """A talk as given: its title names a talk, or it opens by saluting its audience."""
    return bool(title and _TALK_KIND.search(title)) or any(_SALUTATION.match(line) for line in text[:600].split("\n"))


def _page_author(document: Document) -> str | None:
    """The one person a page's byline names as its author (作者：王琛), from the page as it came."""
    m = _AUTHOR.search((document.original or document.text)[:800])
    return m["name"] if m else None


# A byline's author: one name alone, then the next field or the line's end (not "作者:鄂中生态 陈龙 徐克明")
_AUTHOR = re.compile(rf"作者\s*[:：]\s*(?P<name>{_NAME})(?=\s*(?:$|[|｜]|发布|来源|时间|点击|日期))", re.M)


def _people_and_meeting(text: str, title: str | None) -> dict[str, str | None]:
    """Speaker, role and meeting from a subtitle, the title, or the report's opening lines."""
    info: dict[str, str | None] = {}
    head = _labelled_lines_joined(text[:1200])
    lines = head.split("\n")
    for line in lines[:8]:
        m = _SUBTITLE.match(line)
        if m:
            _split_who(m["who"], info)
            if m["meeting"]:
                info["meeting"] = m["meeting"]
            break
    if "meeting" not in info and title:
        m = _TITLE_SPEECH.match(title)
        if m:
            info["meeting"] = m["meeting"]
            if m["who"]:
                _split_who(m["who"], info)
    if title and not info.get("speaker") and (m := _SPEAKER_HEADER.match(title)):
        info["speaker"] = m["who"]  # "马卫光同志的讲话摘要"
    if not info.get("speaker"):
        for line in lines[:8]:
            m = _ROLE_SPACE_NAME.match(line) if line is not lines[0] else None
            m = m or _SPEAKER_LABEL.match(line)
            if m:  # "县委书记 张建华" under the title, "主讲：王志刚（市城管局局长）"
                info["speaker"] = _SPACES.sub("", m["name"])
                info["role"] = m["role"] or m.groupdict().get("pre") or info.get("role")
                if info["role"] and _SURNAME_TITLE.fullmatch(info["role"]):  # "主席:丁局长育群": 丁育群, 局长
                    info["speaker"], info["role"] = info["role"][0] + m["name"], info["role"][1:]
                break
    if not info.get("speaker") and title and (name := _bare_byline(lines, title)):
        info["speaker"] = name
    if not info.get("speaker") and (m := _BYLINE_IN_RUN.search(head)):
        info["speaker"], info["role"] = m["name"], m["role"]  # a flattened page: "…上的讲话 镇党委书记 罗建新 (2025年…"
    if not info.get("speaker") and (legend := _legend_speaker(head)):
        info["speaker"], info["role"] = legend
    # Inside a talk ("同志们：…我们组织了…") "桂平行长作了重要讲话" names someone else who spoke (dev2 e24).
    talk = _TALK_OPENS.search(head)
    talk_from = talk.start() if talk else len(head)
    acting = [m for pattern in _LEAD_SPEAKERS if (m := _first_acting(pattern, head, talk_from))]
    if acting:
        m = _first_listed(head, min(acting, key=lambda m: m.start()))
        m = _head_after_deputy(head, m, talk_from) or m
        chairs = m[0].endswith("主持") or (  # "会议由侯应龙主任主持" holds its act
            _CHAIRS.match(head, m.end()) and not _CONVEYS_THEN_SPEAKS.match(head, m.end())
        )
        # "马锋旺院长主持召开…会议。现纪要如下:": minutes record what the chair's meeting decided, whoever spoke
        records = _RECORDS_AS_MINUTES.search(head) is not None
        if chairs and not records:
            if (speaker := _later_speaker(head, m, talk_from)) and not _speaks_last(head, m, speaker, talk_from):
                m = speaker  # "副县长邓晓宇主持会议…县委书记陆晓延要求": the one who speaks, not the chair
            m = _closing_speaker(head, m, talk_from) or m
        if (outlining := _outlining_speaker(head, talk_from)) is not None and not _same_person(outlining["name"], m):
            m = outlining  # "镇长王国熊…作了部署。镇党委书记周海通强调，…。一要…": whose points the report numbers
        if info.get("speaker") in (None, m["name"]):
            info["speaker"] = m["name"]
            role = m.groupdict().get("role") or _office_given(head, m["name"])
            if not info.get("role") and role:
                role = _office_in_its_clause(role)
                info["role"] = re.sub(r"^.*?(?:由|会上|会议上)", "", role) or None  # "会议由县长…主持": 县长
    if not info.get("speaker"):
        info["speaker"] = _noted_speaker(head[:talk_from])
    if not info.get("speaker") and (m := _name_opens_speaking(head, talk_from)):
        info["speaker"] = m["name"]  # "…参加会议。\n张春梅强调，一要…": a report names who spoke by name alone
        info["role"] = info.get("role") or _office_given(head, m["name"])
    if not info.get("speaker") and (m := _SURNAME_OFFICE_ACTING.search(head, 0, talk_from)):
        info["speaker"] = m["name"]  # "最后,安董事长对…提出了四点要求": _full_name gives the name the report gave
    if named := info.get("speaker"):
        info["speaker"] = _full_name(named, head)
    if not info.get("role") and not info.get("speaker"):
        m = _lead_role(head)
        if m:  # "代县长主持召开了县政府第xx次常务会议" names the office, not the person (dev d02)
            info["role"] = m["role"]
    if not info.get("role"):
        for line in lines[1:6]:
            if _ROLE_ONLY.match(line) and len(line) <= 16:
                info["role"] = line
                break
    if not info.get("meeting"):
        m = _MEETING.search(head)
        if m:
            info["meeting"] = re.sub(r"^(?:我[区市县省]|全[区市县省])(?=.{4})", "", m["m"])
        elif title and re.search(r"(?:会议|会)$", title):
            info["meeting"] = title
    return info


def _head_after_deputy(head: str, deputy: re.Match[str], talk_from: int) -> re.Match[str] | None:
    """The head of the same office acting after its deputy: "安委会副主任沈忠浩对安全工作提出:一是…。安委会主任刘鹰
    提出三方面要求:一是…" (real18 c17): the report closes on the senior's points."""
    role = deputy.groupdict().get("role") or ""
    if "副" not in role:
        return None
    senior = _office_in_its_clause(role).replace("副", "", 1)  # the same body's office: not another unit's 总经理
    for pattern in _LEAD_SPEAKERS[:2]:
        for m in pattern.finditer(head, deputy.end(), talk_from):
            if m["name"] and m["name"] != deputy["name"] and _office_in_its_clause(m["role"] or "") == senior:
                return m
    return None


def _first_listed(head: str, acting: re.Match[str]) -> re.Match[str]:
    """The first of the leaders a report lists as acting together, in order of rank: "…主任李刘杰,市文旅局…副局长
    张姬京出席会议并讲话" → 李刘杰 (the act is said once, after the last of them)."""
    if (listed := _listed_in_its_role(head, acting)) is not None:
        return listed
    start = max(head.rfind(c, 0, acting.start()) for c in "。；;\n") + 1
    before = head[start : acting.start()].rstrip()
    if not before.endswith((",", "，", "、")):
        return acting
    comma = start + len(before) - 1
    return _LISTED_LEADER.search(head, start, comma) or acting  # positions in head, as the callers read them


def _listed_in_its_role(head: str, acting: re.Match[str]) -> re.Match[str] | None:
    """The first leader of a list the acting match took for its office: "县委办公室四级调研员洪厂占、县委办公室
    副主任乔文清出席并讲话" → 洪厂占 (an office of one person, "县委常委、副县长", names nobody before its 、)."""
    role = acting.groupdict().get("role")
    if not role or "、" not in role:
        return None
    start = acting.start("role")
    for end in (start + i for i, c in enumerate(role) if c == "、"):
        if (m := _LEADER_BEFORE_A_COMMA.search(head, start, end)) is not None:
            return m
    return None


_LEADER_BEFORE_A_COMMA = re.compile(rf"{_OFFICE}(?P<name>{_FRAMED_NAME})$")  # framed by the office and the 、


# A leader named by office then name, the last thing before a comma of a list: "…管委会主任李刘杰"
_LISTED_LEADER = re.compile(rf"{_OFFICE}(?P<name>{_NAME})$")


def _bare_byline(lines: list[str], title: str) -> str | None:
    """The speaker's name standing alone on a line of a speech's header, below a line naming the speech
    and before its first words (a speech printed as its author gave it): "——在…上的讲话\n盛 阅 春\n同志们：".
    A name under a label ("责编:") or in a page's metadata table is no byline."""
    named = False
    for previous, line in pairwise(lines[:8]):
        if _SALUTATION.match(line) or _TALK_OPENS.match(line) or _SENTENCE.search(line):
            return None
        named = named or bool(_NAMES_A_SPEECH.search(previous))
        if named and line != title and not previous.endswith((":", "：")) and (m := _BARE_NAME.match(line)):
            return _SPACES.sub("", m["name"])
    return None


def _legend_speaker(head: str) -> tuple[str, str] | None:
    """The one named speaker of a transcript's legend, besides its chair: "发言人：发言人1（主持人 办公室主任）
    发言人2（赵国平 集团总经理）" → 赵国平, 集团总经理."""
    named = [m for m in _LEGEND_ENTRY.finditer(head) if not m["who"].startswith("主持")]
    return (named[0]["who"], named[0]["role"]) if len(named) == 1 else None


# A speaker in a transcript's legend, as 讯飞听见 and the like export it: "发言人2（赵国平 集团总经理）"
_LEGEND_ENTRY = re.compile(rf"发言人\s*\d{{1,2}}\s*[(（](?P<who>[{_CJK}]{{2,4}})\s+(?P<role>[^()（）\s]{{2,20}})[)）]")


def _noted_speaker(head: str) -> str | None:
    """The speaker an editor's note above the text names (see ``_EDITOR_NOTE``), if any."""
    for note in _EDITOR_NOTE.finditer(head):
        line = head[note.end() : head.find("\n", note.end()) % (len(head) + 1)]
        m = _NOTE_SPEAKER.search(line)
        if m:
            return m["name"]
    return None


_RECORDS_AS_MINUTES = re.compile(r"纪要如下")
_CHAIRS = re.compile(r"(?:同志)?(?:主持|召集|(?:首先)?传达)")  # who chairs or reads out a document first
# "院长程维明传达了…会议精神,指出…", "党委书记郑军传达了…精神,并对近期工作提出六点要求": who reads out a
# document and goes on in the same sentence with points of their own speaks
_CONVEYS_THEN_SPEAKS = re.compile(
    r"(?:同志)?(?:首先)?传达(?:了|学习了?)?[^。;；\n]{1,60}?(?:[,，]\s*(?:并|同时|还|随后)?|并)"
    r"(?:(?:对|就|针对|围绕)[^。;；,，\n]{1,30}?)?(?:提出了?[^,，。]{0,6}要求|强调|指出|要求)"
)
# "镇党委委员周明出席会议并作重要讲话" speaks; "局长武少卫就做好…工作提出三点要求:" speaks on a matter
_SPEAKS = re.compile(
    r"(?:同志)?(?:强调|指出|要求|提出?[^,，。]{0,6}要求|(?:(?:出席|参加)(?:会议)?并)?(?:[作做]|发表)[^,，。]{0,6}讲话"
    r"|[作做]了?[^,，。]{0,4}总结"  # "最后由党场长刘晓辉做会议总结并提出三点要求:一是"
    r"|(?:莅临|到会)?讲话|进行了?(?:动员|总结)讲话|在(?:会上|会议上|讲话中))"
)
_SPEAKS_ON = re.compile(
    r"(?:同志)?(?:就|对|针对|围绕|结合)[^。;；:：]{1,50}?(?:(?:提出|强调|指出|(?<!工)作出?|进行)[^。;；,，]{0,6}?(?:要求|部署)"
    r"|[作做]了?强调)"  # "副县长梁新科就贯彻落实会议精神作了强调,要求相关部门,一要…"
)


def _speaks_last(head: str, chair: re.Match[str], other: re.Match[str], talk_from: int) -> bool:
    """Whether the chair sums up after the other speaker: "会议由姚东书记主持。…徐雪棣主任指出，…。最后，姚东
    书记强调，…" (real24 n19): the report is his. Speaking after the other alone does not make it (real3 r27)."""
    name = chair["name"]
    if not name:
        return False
    at = head.find(name, other.end(), talk_from)
    if at < 0:
        return False
    after = min(at + len(name) + 8, len(head))  # the act said right after the name
    speaks = _SPEAKS.search(head, at + len(name), after) is not None
    return speaks and _SUMS_UP.search(head, max(at - 6, 0), after) is not None  # not "黄其松要求" alone


_SUMS_UP = re.compile(r"最后|总结")


def _later_speaker(head: str, chair: re.Match[str], talk_from: int) -> re.Match[str] | None:
    """Someone else named after the chair as speaking (讲话, 强调, 提出…要求) before the talk begins;
    by name alone ("王良永指出") when the report gave that name a role before."""
    for pattern in _LEAD_SPEAKERS:
        for m in pattern.finditer(head, chair.end(), talk_from):
            if m["name"] and m["name"] != chair["name"] and _speaks_at(head, m.end()) and not _conveyed(head, m):
                return m
    for m in _NAME_SPEAKS.finditer(head, chair.end(), talk_from):
        if m["name"] != chair["name"] and re.search(rf"{_ROLES}{m['name']}", head[: m.start()]):
            return m
    return None


def _closing_speaker(head: str, first: re.Match[str], talk_from: int) -> re.Match[str] | None:
    """After several speakers, the one whose 讲话 the report marks as the meeting's: "随后,保卫处长赵贞强调了…。
    田伏虎副书记在讲话中对…提出了明确要求" (real42 af05), or who asks last ("最后,马璀副院长通报了…,要求…"): the
    leader's speech closes the meeting."""
    for pattern in _SPEECH_OF_THE_MEETING:
        for m in pattern.finditer(head, first.end(), talk_from):
            if m["name"] != first["name"]:
                return m
    return None


_IN_THE_SPEECH = r"(?:同志)?在(?:讲话|总结讲话)中"
_LAST_ASKS = r"(?:同志)?(?=[^。\n]{0,40}?要求)"  # "最后,马璀副院长通报了…,要求口腔医院要…"
_SPEECH_OF_THE_MEETING = (
    re.compile(rf"(?<![{_CJK}])(?P<name>{_NAME})(?:{_ROLE_WORD})?{_IN_THE_SPEECH}"),  # 田伏虎副书记
    re.compile(rf"(?:{_ROLE_WORD})(?P<name>{_FRAMED_NAME}){_IN_THE_SPEECH}"),  # 副书记田伏虎
    re.compile(rf"(?<=最后[,，])(?P<name>{_NAME})(?:{_ROLE_WORD}){_LAST_ASKS}"),
)


def _speaks_at(head: str, at: int) -> bool:
    """Whether what follows a name at ``at`` is its own speaking: "强调…", "就…提出三点要求", "结合…形势,提出要求",
    "传达了…精神,并…提出六点要求"."""
    return any(p.match(head, at) for p in (_SPEAKS, _SPEAKS_ON, _CONVEYS_THEN_SPEAKS))


def _conveyed(head: str, m: re.Match[str]) -> bool:
    """Whether the name is that of someone whose words the meeting passes on ("传达学习市长吴晓晖与省统计局局长
    杨新洪交流座谈会议精神。…在这次交流座谈中,杨新洪局长强调…"): not there, so no speaker of this report."""
    return re.search(rf"传达(?:学习)?[^。\n]*?{re.escape(m['name'])}[^。\n]*?精神", head[: m.start()]) is not None


# A surname and the office alone, acting: "最后,安董事长对公司下一步发展提出了四点要求" (when nobody else is named so)
_SURNAME_OFFICE_ACTING = re.compile(
    rf"(?:(?<![{_CJK}])|(?<=最后|随后|接着|会上|同时))(?P<name>[{COMMON_SURNAMES}]副?{_SHORT_ROLE})(?:同志)?{_HOW}?{_ACTS}"
)
_NAME_SPEAKS = re.compile(rf"(?<![{_CJK}])(?P<name>{_NAME})(?:同志)?(?=指出|强调|要求|讲话|总结讲话|作总结)")
_NAME_OPENS_SPEAKING = re.compile(
    rf"(?:^|(?<=[。！？\n])|(?<=会上[,，])|(?<=会议上[,，]))\s*(?P<name>{_NAME})(?:同志)?"  # "会上,蔡立新指出"
    # not the noun: "申报要求详见附件1"
    r"(?=指出|强调|要求(?!详见|见|如下|是|为)|说[,，:：]|表示[,，:：]|[作做]了?(?:总结|重要|动员)?(?:发言|讲话))",
    re.M,
)


_SERIES_OPENS = re.compile(r"(?<=[：:，,。；;\n])\s*(?:一是|一要)")
# "他要求,特色名校建设一要集中精力…;二要…": after a subject, a series its second point confirms (not 统一是)
_SERIES_OPENS_AFTER_SUBJECT = re.compile(
    r"(?<![统唯第之其万同单专逐划均])一(?P<kind>[是要])(?=[^。\n]{2,200}?二(?P=kind))"
)


def _first_series(head: str, talk_from: int) -> re.Match[str] | None:
    patterns = (_SERIES_OPENS, _SERIES_OPENS_AFTER_SUBJECT, _LIST_OF_DEMANDS)
    found = [m for p in patterns if (m := p.search(head, 0, talk_from))]
    return min(found, key=lambda m: m.start(), default=None)


# "…提出以下五点要求:\n1、各科室必须…": the numbered demands a speaker lists, written as a list
_LIST_OF_DEMANDS = re.compile(r"(?<=要求|意见|部署)[:：]\s*(?=1[、.．]|[(（]一[)）]|一、)")


def _same_person(name: str, named: re.Match[str]) -> bool:
    """ "李区长" of "区长李朝锋": a surname and a short role naming someone the report named in full."""
    full = named["name"] or ""
    return name == full or (bool(re.fullmatch(rf"[{COMMON_SURNAMES}]{_SHORT_ROLE}", name)) and full[:1] == name[:1])


def _outlining_speaker(head: str, talk_from: int) -> re.Match[str] | None:
    """Who speaks in the two sentences before a report's first 一是/一要 series, if one of the speaker
    patterns names someone there."""
    series = _first_series(head, talk_from)
    if series is None:
        return None
    span_from = series.start()
    for _ in range(2):  # back over the sentence the series is in and the one before it
        span_from = max(head.rfind("。", 0, span_from), head.rfind("\n", 0, span_from))
        if span_from < 0:
            break
    span = head[span_from + 1 : series.start()]
    speaking = [
        found
        for pattern in (*_LEAD_SPEAKERS[:2], _NAME_OPENS_SPEAKING, _SURNAME_OFFICE_ACTING)
        for found in pattern.finditer(span)
        if found["name"] and (_SPEAKS.match(span, found.end()) or _SPEAKS_ON.match(span, found.end()))
    ]
    if not speaking and (he := _HE_SPEAKS.search(span)):  # "冯建华总经理发表重要讲话。他指出,…。…,他强调,一是"
        return _referent(head, span_from + 1 + he.start())
    # "副县长郭强…就…作了安排部署;…。最后，县委书记陆晓延要求…:一是": the one who speaks last before the series
    return max(speaking, key=lambda m: m.start(), default=None)


# "他指出", "他围绕五个方面作了简要回顾", "他就…提出": 他 speaks, or speaks on a matter
_HE_SPEAKS = re.compile(r"[他她](?:还|又|最后|再次|进一步|同时)?(?:强调|指出|要求|表示|围绕|就|针对)")
_CLAUSE_OPENING_NAME = re.compile(rf"(?:^|(?<=[。！？\n，,；;：:]))\s*(?=(?P<name>[{COMMON_SURNAMES}][{_CJK}]{{1,2}}))")


def _referent(head: str, at: int) -> re.Match[str] | None:
    """Whom the 他 at ``at`` names: the last person named acting in the sentences before it, by office and
    name ("冯建华总经理发表重要讲话。他指出") or by a name the report gave an office before ("…总经理李建红主持
    此次会议。…李建红针对…做了总结讲话,他指出")."""
    start = at
    for _ in range(4):
        start = max(head.rfind("。", 0, start), head.rfind("\n", 0, start), 0)
    named = [m for pattern in _LEAD_SPEAKERS[:2] for m in pattern.finditer(head, start, at) if m["name"]]
    for m in _CLAUSE_OPENING_NAME.finditer(head, start, at):
        for name in (m["name"], m["name"][:2]):  # "李建红针对…": the name is the one given an office before
            if re.search(rf"{_ROLES}(?:同志)?{name}|{name}(?:同志)?{_ROLES}", head[: m.start()]):
                named.append(re.compile(rf"(?P<name>{name})").match(head, m.end()) or m)
                break
    return max(named, key=lambda m: m.start(), default=None)


def _name_opens_speaking(head: str, talk_from: int) -> re.Match[str] | None:
    """A sentence opening with a name that 强调/指出; or 要求, 说, 表示, 作…发言 when the report named that person
    before ("…组长胡权卫,…出席会议。…胡权卫做总结发言,…并对2023年工作提出要求。一要…")."""
    for m in _NAME_OPENS_SPEAKING.finditer(head, 0, talk_from):
        if (
            not head.startswith(("要求", "说", "表示", "作", "做"), m.end())
            or m["name"] in head[: m.start("name")]
            or _SERIES_FOLLOWS.match(head, m.end())  # "叶华要求,一是园区各企业要…": the points are hers
        ):
            return m
    return _known_name_speaking(head, talk_from)


def _known_name_speaking(head: str, talk_from: int) -> re.Match[str] | None:
    """A name the report gave with an office, speaking later with no break before it: "公司总经理刘建平到…调研。
    …针对下一步工作刘建平指出:一要…" (the office before it already said it is a name)."""
    for named in _OFFICE_THEN_NAME.finditer(head, 0, talk_from):
        name = named["name"]  # three characters may hold a two-character name and the verb after it ("杨维洲递交")
        either = "|".join(re.escape(n) for n in (name, name[:2]) if len(n) >= 2)
        speaking = re.compile(rf"(?P<name>{either})(?:同志)?(?:(?:指出|强调)(?=[:：,，])|回顾了|总结了)")
        if m := speaking.search(head, named.end(), talk_from):
            return m
    return None


# The office's last word alone (a literal the engine skips to: the whole office, tried at every character, cost a
# sixth of the outline's time; issue 18)
_OFFICE_THEN_NAME = re.compile(rf"(?:{_ROLE_WORD})(?P<name>{_NAME})")


def _office_given(head: str, name: str) -> str | None:
    """The office the report gave a name it later uses alone: "副县长、县公安局长蔡立新出席会议。…会上,蔡立新指出"."""
    m = re.search(rf"{_OFFICE}{re.escape(name)}", head)
    if m is None:
        return None
    role = _office_in_its_clause(m["role"])
    return re.sub(r"^.*(?:的有|有|向|给)", "", role) or None  # "出席会议的有县委书记", "…负责人向总经理": the office


def _office_in_its_clause(role: str) -> str:
    """An office match cut to its own clause: what stands before a comma or a colon is the sentence's."""
    return re.split(r"[,，。:：;；\s]", role)[-1]


_SERIES_FOLLOWS = re.compile(r"要求[,，:：]?\s*(?:一是|一要|第一|首先)")


def _first_acting(pattern: re.Pattern[str], head: str, talk_from: int) -> re.Match[str] | None:
    """The first match of one speaker pattern, passing over mentions of speaking inside the talk."""
    start = _search_start(pattern, head)
    if start is None:
        return None
    for m in pattern.finditer(head, start):
        if not (m.groupdict().get("spoke") and m.start() > talk_from):
            return m
    return None


def _search_start(pattern: re.Pattern[str], head: str) -> int | None:
    """Where a speaker pattern's first match can start, None if it has none. Only the role pattern's
    search is worth cutting short: its role title starts at most _ROLE_REACH characters before a role."""
    if pattern is not _ROLE_NAME_ACTING:
        return 0
    at = _ROLE_NAME_ACTING_AT.search(head)
    return None if at is None else max(at.start() - _ROLE_REACH, 0)


def _lead_role(head: str) -> re.Match[str] | None:
    """``_LEAD_ROLE``'s first match, searched for only in a head holding the 主持 or 召集 every match ends
    before: most hold neither, and the pattern (a lookbehind, then a lazy run) is tried at every character."""
    return _LEAD_ROLE.search(head) if "主持" in head or "召集" in head else None


def _labelled_lines_joined(head: str) -> str:
    """ "会议主持人:" with the person on the next line, read as one line (dev2 e18)."""
    return _LABEL_ALONE.sub(lambda m: m[0].rstrip("\n"), head)


def _full_name(speaker: str, head: str) -> str:
    """ "任总" as the full name the header gives for that surname: "签发人：任正非" (dev2 e30)."""
    if not re.fullmatch(rf"[{COMMON_SURNAMES}]副?(?:{_SHORT_ROLE}|董)", speaker):  # 任总, 熊副院长, 林董
        return speaker
    for m in _SIGNED.finditer(head):
        if m["name"][0] == speaker[0]:
            return m["name"]
    # "…副总经理曹慧主持…曹总首先传达了…": the name the report gave with the office
    acts = r"(?=主持|讲话|强调|指出|要求|在|对|就|围绕|[作做]|[,，。、;；\s])"
    named = re.search(rf"{_ROLES}(?P<name>{speaker[0]}[{_CJK}]{{1,2}}?)(?:同志)?{acts}", head)
    # "林雪平董事长出席大会…林董表示": or before it, the office the short form cuts
    named = named or re.search(rf"(?P<name>{speaker[0]}[{_CJK}]{{1,2}}?){speaker[1:]}", head)
    return named["name"] if named else speaker


def _split_who(who: str, info: dict[str, str | None]) -> None:
    who = re.sub(r"\s*同志$", "", who.strip())
    if (m := _NAME_THEN_ROLE.match(who)) and not m["name"].endswith(("副", "代")):
        info["role"], info["speaker"] = m["role"], m["name"]  # "曾军山局长在沧州局调研时的讲话"
        return
    m = _ROLE_NAME.match(who)
    if m:
        info["role"] = m["role"]
        info["speaker"] = m["name"]
    elif 2 <= len(who) <= 4:
        info["speaker"] = who
