"""Document → Document: remove site chrome, page-break numbers, pinyin and mojibake; 繁→简.

Cleaning removes noise and nothing else. It works line by line on the source text; every
cleaned paragraph remembers the span of the source it came from, so a heading or a task can
always be traced back to the page as scraped. ``Document.original`` keeps the source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from speechkit.document import Document, Paragraph
from speechkit.lang import SMALL_MARKS, bare

# --- inline noise -------------------------------------------------------------------------

# Discuz "jammer" text, hidden by the forum's CSS and kept by scrapers (sample 003, dev d14):
# runs of 1–2 printable ASCII characters separated by spaces, e.g. "! L9 z- `, p% v3 b/ X".
_JAMMER = re.compile(r"(?=[!-~])(?<![!-~])(?:[!-~]{1,2}[^\S\n]+){2,}(?:[!-~]{1,2}(?![A-Za-z0-9、．.)）]))?")
_SUSPICIOUS = re.compile(r"[^A-Za-z0-9\s]|[A-Za-z][0-9]|[0-9][A-Za-z]")  # "z-" "`," "L9" "3b"
_ALNUM = re.compile(r"[A-Za-z0-9]")
_SHORT_GARBAGE = re.compile(r"^(?=.*[^A-Za-z0-9\s])[!-~\s]{1,12}$")  # what is left of a run: "2 @", "U( g"
# "系統(tǒng)": a pinyin reading with its tone mark (sample 002); the "(" is sometimes lost ("實績?nèi)"), a space
# sometimes left before the ")" ("會(huì )").
_PINYIN = re.compile(
    r"(?=[(（?])(?:[(（]([a-zü\u00e0-\u01dc]{1,14}) ?[)）]|(?<=[\u3400-\u9fff])\?([a-zü\u00e0-\u01dc]{1,14}) ?[)）])"
)
_TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
# "芜湖(hu)城(cheng)市(shi)": readings without tone marks, taken for pinyin only where a line has several
# (one "(a)" or "(kg)" after a character is text). A syllable: an initial, then a final.
_BARE_READING = re.compile(r"[(（](?<=[\u3400-\u9fff][(（])([a-z]{1,6})[)）]")
_SYLLABLE = re.compile(
    r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?"
    r"(?:a|o|e|i|u|v|ai|ei|ao|ou|an|en|ang|eng|ong|er|ia|ie|iao|iu|ian|in|iang|ing|iong|ua|uo|uai|ui|uan|un|uang|ue|ve)"
)
_READINGS_IN_A_LINE = 3
# Left-overs of Word HTML: "任g=EN-US>" (sample 002), "<span ...>", "&nbsp;".
_HTML = re.compile(
    r"(?=[<A-Za-z&])(?:</?[A-Za-z][^<>\n]{0,80}>|(?<![A-Za-z])[A-Za-z]+=[\"']?[\w-]+[\"']?>|&(?:nbsp|amp|lt|gt|quot|#\d{2,5});)"
)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")  # "![]()" image markdown (dev d06)
_SYNDICATION = re.compile(r"^\s*\S{2,12}\s*[据據]\s*\S{2,12}\s*[讯訊][:：]\s*")  # "中国传媒联盟 据 乐讯时代 讯:"
_EDITOR = re.compile(r"[(（]\s*[责責]任[编編][辑輯][:：][^)）\n]{0,20}[)）]\s*[|｜]?")  # "(责任编辑:梦晶) |"
# A site's disclaimer and its template's comment marks: "【本新闻由…搜集自网络,如有侵权,请联系本站删除】 begin-->"
_DISCLAIMER = re.compile(
    r"[【\[][^】\]\n]{0,60}?(?:侵权|版权|转载)[^】\]\n]{0,40}[】\]]\s*"
    r"|(?:如有侵权|若有侵权)[,，]?\s*请联系[^。\n]{0,10}删除[。.]?"
)
_TEMPLATE_MARK = re.compile(r"(?:<!--\s*)?\b(?:begin|end)\s*-->\s*")
_PAGE_FOOT = re.compile(r"\s*-\s*\d{1,3}\s*-\s*$")  # "- 1 -" printed at a page's foot (sample 001)
# Letter-spaced labels of a printed form: "会  议  纪  要", "时  间:" (dev d01).
_SPACED = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?:[ \u3000]{1,3}[\u4e00-\u9fff](?![\u4e00-\u9fff]))+")
_SPACE_IN = re.compile(r"[ \u3000]+")
_WHITE_SPACE = re.compile(r"\s")
_FILENAME = re.compile(r"^(.{2,80}?)\.(?:docx?|pdf|pptx?|wps|txt|rtf)$", re.I)  # "当好参谋助手做好后勤保障.docx"

# --- whole lines that are chrome ------------------------------------------------------------

_CHROME_LINE = re.compile(
    r"""^(?:
      第\s*\d+\s*页\s*/\s*共\s*\d+\s*页                       # 第1页 / 共9页
    | .{1,80}\.(?:docx?|pdf|pptx?|wps|txt)_第\d+页             # 当好….docx_第1页
    | 上传人[:：].* | .*文档编号[:：]\s*\d+.*                   # upload info
    | 下载\s*相关\s*举报 | 下载资源 | 资源描述 | 相关资源 | 猜你喜欢 | 相关搜索 | 资源标签
    | 收藏\s*分销.* | 关灯 | 开启左侧 | \[复制链接\] | 正序浏览 | 精彩评论\d* | 倒序浏览
    | 亲[,，]该文档总共\d+页.*                                  # 亲,该文档总共9页,全部预览完了
    | 《[^》\n]{1,80}》由会员分享.*
    | .*转载请注明出处.*
    | 打印本文.* | .*关闭窗口】?
    | .{0,30}首页(?:\s+[^\s|｜]{2,6}){3,}\s*                       # 站名 | 首页  医院概况  新闻中心 …
    | [^\s]{2,12}\s*(?:www\.)?[a-z0-9-]+\.(?:com|cn|net|org)(?:\.cn)?                # 原创力文档 book118.com
    | 原创\s.{0,40}\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}.*                      # a WeChat article's byline
    | 收录于合集.* | 阅读原文 | 点击上方.{0,10}关注.*
    | 字号\s*[:：]\s*[大中小\s]+.*                                # 字号：大 中 小 【打印本页】
    | 阅读已结束.* | .*下载本文.*积分.*                           # doc88's paywall line
    | 投稿人[:：].* | 来源\s*[:：]\s*\S{1,30}                       # 来源:周道客户端
    | 文章播报 | 我要投稿 | 上一篇.* | 下一篇.*
    | (?:详细|文章|新闻|信息|内容)(?:内容|详情|正文) | 正文                # a CMS page's label above the article
    | 用户登录 | 还没有账号[?？]? | 立即注册
    | 预览结束.* | 合集下载
    # a collection's contents line: "1、董事长在…开学仪式上的讲话 2"
    | \d{1,3}[、.．]\s*.{4,60}?(?:讲话|发言|致辞|讲稿|报告|总结|通知|方案|纪要)稿?\s+\d{1,3}
    # a doc-sharing site's buyer notice, its items numbered twice ("1. 1、下载文档前请自行甄别…")
    | (?:\d{1,2}\.\s*)?\d{1,2}[、.]\s*(?:下载文档前请自行甄别|["“]?仅部分预览["”]?的文档|如文档侵犯您的权益).*
    | [.。…·]{3,}                                                # "......" elision
    | [|｜]+
    | level\s*\d+                                                 # Tieba user level
    | 楼主\s*[|｜]? | \d{1,4}\s*楼 | 沙发 | 板凳
    | 本帖最后由\s*\S.{0,30}?于\s*\d{4}-\d{1,2}-\d{1,2}.{0,12}编辑       # a Discuz forum's edit notice
    | 显示全部楼层 | .*[|｜]\s*阅读模式.*
    | \d{1,4}                                                     # a lone floor or page number
    | -\s*\d{1,3}\s*-
    | \d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}[点:：]\d{1,2}分?(?:[:：]\d{1,2})?        # a post's time stamp (dev d11)
    | 发布(?:时间|日期)[:：].*                                    # 发布时间:2017-12-21 08:58 我要投稿
    | (?:您?当前(?:所在)?位置|您的位置|所在位置)[:：].*                # 您当前所在位置:首页>…
    # a portal's 政府信息公开 fields in brackets: "[ 索引号 ] 1150…/2025-00068 [ 发文字号 ] 丰都住建发〔2025〕61号"
    | [\[【]\s*(?:索引号|发文字号|文号|主题分类|体裁分类|发布机构|成文日期|发布日期|有效性|公开方式|公开范围)\s*[\]】].*
    | 相关推荐
    | .{0,20}(?i:logo)                                             # a logo's alt text: 书通网logo
    | [^\s]{2,12}网\s*[-－—_|｜]\s*[^。]{0,60}[。]?  # 书通范文网 -工作总结,…: a site name line
    | 跳(?:到|至|转到)主(?:要)?内容(?:区块?)? | (?i:skip\s+to\s+(?:main\s+)?content)      # a screen reader's skip link
    | .{0,30}联系热线\s*[:：]?\s*[\d\-－\s]{7,}.*                 # 2018年1月5日| 联系热线:176…: a site's header
    | (?:【[^】\n]{1,8}】\s*)+                                    # 【打印本页】【关闭窗口】
    # 站名 首页 | 政务公开 | 政务服务 | … (not a table's header row: 序号 | 工作任务 | 牵头单位 | …)
    | (?!.*(?:序号|单位|时限|责任人))(?:[^|｜\n]{1,30}[|｜])(?:[^|｜\n]{1,8}[|｜]){2,}[^|｜\n]{0,30}
    | 搜索\s*请?输入关键[词字].* | (?:登录\s*)?注册 | 登录
    | [^>\n]{1,12}(?:\s*>\s*[^>\n]{1,12}){2,}                       # 第一范文网 > 讲话稿 > 领导讲话
    )$""",
    re.X,
)
# A page's metadata line: two or more labels such as "来源:… 发布时间:… 浏览次数:…".
_META_LABEL = re.compile(
    r"(?=[来时发浏阅点作字编更责索成公文有主])"  # the first characters of the labels: a quick skip of the rest
    r"(?:(?:来源|时间|发布时间|发布日期|浏览次数|阅读次数|阅读|点击数|点击量|作者|字号|编辑|更新时间|责任编辑)\s*[:：]"
    # a government portal's 政府信息公开 table: "索引号 | … | 公开目录: | 会议纪要 |"
    r"|(?:索引号|发布机构|成文日期|公开日期|发文日期|文号|有效性|公开方式|公开目录|主题分类|公开范围)\s*[:：|｜])"
)
# Chrome lines seen are at most ~100 characters (an upload-info or 转载请注明出处 line); a line
# past this is a page's text, whatever words it holds (a 5 MB one-line page was dropped whole).
MAX_CHROME_CHARS = 300
# The page's footer: everything from such a line on is chrome (when it sits in the last part). A
# transcript ends the line with 。 ("…版权与免责声明。", a page read aloud).
_FOOTER = re.compile(
    r"^(?:展开阅读全文|您需要登录后才可以回帖.*|(?:相关|热门|延伸|推荐|精彩|猜你喜欢|往期)(?:范文)?(?:推荐|阅读|文章|链接|文档|新闻|资讯|下载|信息|资源|回顾)?(?:推荐)?[:：]?|本版积分规则|扫一扫在手机打开当前页|.{0,20}版权与免责声明。?"
    r"|[^。]{0,40}(?:[Cc]opyright|COPYRIGHT|版权所有|ICP备)[^。]{0,60}"
    r"|(?:[【\[]\s*)?(?:免责声明|版权声明)\s*[】\]:：].*)$"  # "[免责声明] 本文来源于网络转载,…请在30日内与本网联系"
)
# "【参考资料】" over "《2013年华为公司内控管理要点》": the label of a document the page appends (dev2 e28).
_SECTION_LABEL = re.compile(r"^[【\[]\s*[\u4e00-\u9fff]{2,6}\s*[】\]]$")
_BOOK_TITLE = re.compile(r"^\s*《[^《》\n]{4,80}》\s*$")
# A forum post header: "仲伯间 发表于 2012-3-12 14:42:09 | 显示全部楼层" (sample 003, dev d07).
_POST_HEADER = re.compile(r"^(?:楼主\s*[|｜]\s*)?.{0,30}?发表于\s*\d{4}-\d{1,2}-\d{1,2}.*$")
_TIEBA_USER = re.compile(r"^level\s*\d+$")  # "level 8" / user name / "楼主" (dev d11)
_TIEBA_POST = re.compile(r"^(?:楼主|\d{1,4}\s*楼)$")

_PUBLISHED = re.compile(
    r"(?:发布时间|发布日期|发表于|发表时间|发文日期|刊发日期|发稿时间|更新时间|更新日期|上传时间)\s*[:：]?\s*\[?"
    r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})"
)
_BYLINE_DATE = re.compile(r"^原创\s.{0,40}?\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", re.M)  # a WeChat byline
_MASTHEAD_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})编印")  # a paper's: "社会总第2676期 >2021-09-20编印"
# A date alone on a line of the page's head, as a news page shows it under its source ("来源:…\n2020-11-12")
_DATE_LINE = re.compile(r"^[ \t]*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*$", re.M)
_DATE_LINE_REACH = 300  # characters of the page's head
# Page-chunk numbers of document-sharing sites: "1、…" "2、…" open each chunk of the text (sample 001, d12).
_CHUNK_NUMBER = re.compile(r"^(\d{1,3})、")
_SENTENCE_END = '。！？!?；;…”"’）)》:：'
PAGE_CHUNKS_JOINED = "page-chunk numbers removed"


@dataclass(slots=True)
class _Line:
    text: str
    start: int  # span in the source
    end: int


def clean(document: Document) -> Document:
    """Return the document with noise removed, each paragraph mapped to its source offsets."""
    source = document.text
    log: list[str] = []
    lines = _simplified_lines(source, log)
    lines, sections = _drop_chrome(lines, log)
    lines, sections = _join_page_chunks(lines, sections, log)
    chunks_joined = PAGE_CHUNKS_JOINED in log  # a typed flag for structure: no stage reads another's log
    lines, sections = _join_stray_page_numbers(lines, sections, log)
    lines, sections = _join_wrapped_lines(lines, sections, log)
    lines, sections = _join_cut_sentences(lines, sections, log)
    lines, sections = _drop_repeated_summary(lines, sections, log)
    paragraphs: list[Paragraph] = []
    breaks: list[int] = []
    offset = 0
    for index, line in enumerate(lines):
        if index in sections:
            breaks.append(offset)
        paragraphs.append(Paragraph(line.text, offset, line.start, line.end))
        offset += len(line.text) + 1
    return replace(
        document,
        text="\n".join(p.text for p in paragraphs),
        original=source,
        paragraphs=tuple(paragraphs),
        cleaning_log=tuple(log),
        published=document.published or find_published(source),
        sections=tuple(breaks),
        page_chunks_joined=chunks_joined,
    )


def _drop_repeated_summary(lines: list[_Line], sections: set[int], log: list[str]) -> tuple[list[_Line], set[int]]:
    """Drop a page's summary that the text then gives again from its start: a document site prints the
    article's first words, cut short, above the article ("…作出重要指示:一是…三是迅速推进聚氨酯包" over the
    same paragraphs whole), and their outline and tasks came out twice."""
    for i, line in enumerate(lines[:_SUMMARY_REACH]):
        if len(line.text) > _SUMMARY_MAX:
            continue  # a page run together on one line is the text itself
        summary = bare(line.text)
        if len(summary) < _SUMMARY_MIN:
            continue
        following = ""
        for later in lines[i + 1 :]:
            words = bare(later.text)
            following += words if len(words) > 4 else ""  # not an image's "图片" or a page number between them
            if len(following) >= len(summary):
                break
        if following.startswith(summary):
            _note(log, "page summary repeating the text removed")
            return lines[:i] + lines[i + 1 :], {s - (s > i) for s in sections if s != i}
    return lines, sections


_SUMMARY_REACH = 6  # lines: a summary stands among the page's first
_SUMMARY_MIN = 40  # characters: a short line that the text repeats is a title or a kicker, not a summary
_SUMMARY_MAX = 2000


def find_published(source: str) -> date | None:
    """The page's own publication date ("发布时间:2017-12-21"), if the text shows one."""
    m = (
        _PUBLISHED.search(source)
        or (_BYLINE_DATE.search(source) if "原创" in source else None)
        or (_MASTHEAD_DATE.search(source) if "编印" in source else None)
        or _DATE_LINE.search(source, 0, _DATE_LINE_REACH)
    )
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def clean_line(text: str, log: list[str] | None = None) -> str:
    """Remove the inline noise of one line: forum garbage, pinyin, HTML left-overs, editor tags."""
    if not _MAY_HOLD_NOISE.search(text):  # most lines of a speech: nothing any of the removals below could match
        return text
    found = log if log is not None else []
    for _ in range(4):  # one removal can expose another ("(è)" gone, garbage meets garbage): repeat until none
        cleaned = _clean_line_once(text, found)
        if cleaned == text:
            break
        text = cleaned
    return text


def _clean_line_once(text: str, found: list[str]) -> str:
    # Each removal only where the line holds what every match of it holds (whitespace for a jammer run,
    # "![", ">" or "&", a closing bracket, 据/據, 任, 侵权/版权/转载, -->): most lines that may hold noise hold
    # one kind, and a substitution finding nothing still cost a call and a scan (issue 18).
    if text.startswith("??"):
        text = _sub(_LOST_INDENT, "", text, found, "indentation lost to question marks removed")
    if _WHITE_SPACE.search(text):
        text = _sub(_JAMMER, _drop_jammer, text, found, "forum anti-scraping garbage removed")
    if "![" in text:
        text = _sub(_IMAGE, "", text, found, "image markup removed")
    if ">" in text or "&" in text:
        text = _sub(_HTML, "", text, found, "HTML/Word mojibake fragments removed")
    if ")" in text or "）" in text:
        text = _sub(_PINYIN, _drop_pinyin, text, found, "pinyin annotations removed")
        text = _drop_bare_readings(text, found)
    if "据" in text or "據" in text:
        text = _sub(_SYNDICATION, "", text, found, "syndication prefixes removed")
    if "任" in text:
        text = _sub(_EDITOR, "", text, found, "editor credits removed")
    if "侵权" in text or "版权" in text or "转载" in text:
        text = _sub(_DISCLAIMER, "", text, found, "site disclaimers removed")
    if "-->" in text:
        text = _sub(_TEMPLATE_MARK, "", text, found, "site disclaimers removed")
    if "-" in text:
        text = _sub(_PAGE_FOOT, "", text, found, "printed page numbers removed")
    if " " in text or "\u3000" in text:
        text = _sub(_SPACED, _unspace, text, found, "letter-spaced labels closed up")
    text = text.strip().strip("\ufeff\u200b").strip()
    return "" if _SHORT_GARBAGE.match(text) else text


# What each removal of ``_clean_line_once`` needs in a line, one of them at least: whitespace (jammer runs,
# letter-spaced labels, the strip), ASCII punctuation (markup, "(è)", "- 1 -", what _SHORT_GARBAGE
# leaves), 据/據 (syndication), 权 (a disclaimer's 侵权/版权), a BOM or zero-width space, "（" before a
# letter or 责 (pinyin, editor).
# A line's indentation (ideographic spaces) saved in an encoding that lost them: "??????? 主持人:胡建平"
_LOST_INDENT = re.compile(r"^\?{2,}[ \t\u3000\xa0]+")
_MAY_HOLD_NOISE = re.compile(r"[\s!-/:-@\[-`{-~据據权\ufeff\u200b]|（[a-zü\u00e0-\u01dc责責]")

_Repl = str | Callable[[re.Match[str]], str]


def _sub(pattern: re.Pattern[str], repl: _Repl, text: str, log: list[str], message: str) -> str:
    new = pattern.sub(repl, text)
    if new != text and message not in log:
        log.append(message)
    return new


def _drop_jammer(m: re.Match[str]) -> str:
    run = m[0]
    # Only runs of odd tokens are jammer text; "A B C D" could be real.
    tokens = run.split()
    if sum(1 for t in tokens if _SUSPICIOUS.search(t)) < 2 or sum(1 for t in tokens if _ALNUM.search(t)) < 2:
        return run
    # A ")" glued to the text before it closes a real bracket: "(2016年9月2日) - @5 O)" (dev d14).
    before = m.string[: m.start()]
    if run[0] in ")）" and before.count("(") + before.count("（") > before.count(")") + before.count("）"):
        return run[0]
    # A "(" glued to the run opens the numbered heading after it: "2 b8 C2 X3 t1 l' C(一)通过书面送交".
    if run[-1] in "(（" and _NUMBER_CLOSES.match(m.string, m.end()):
        return run[-1]
    return " "


_NUMBER_CLOSES = re.compile(r"[一二三四五六七八九十\d]{1,3}[)）]")


def _drop_bare_readings(text: str, found: list[str]) -> str:
    readings = [m for m in _BARE_READING.finditer(text) if _SYLLABLE.fullmatch(m[1])]
    if len(readings) < _READINGS_IN_A_LINE:
        return text
    for m in reversed(readings):
        text = text[: m.start()] + text[m.end() :]
    if "pinyin annotations removed" not in found:
        found.append("pinyin annotations removed")
    return text


def _drop_pinyin(m: re.Match[str]) -> str:
    return "" if _TONE.search(m[1] or m[2]) else m[0]


def _unspace(m: re.Match[str]) -> str:
    return _SPACE_IN.sub("", m[0])


_BLOCK_CHARS = 1 << 20  # characters OpenCC converts at a time


def _simplified_lines(source: str, log: list[str]) -> list[_Line]:
    """Each non-empty line of the source in simplified characters, inline noise not yet removed, with
    its span in ``source``: the conversion keeps the length, so offsets stay valid.

    OpenCC converts a block of whole lines at a time and each block is cut into lines at once: its
    own copies of a whole 30 MB text (UTF-8 in, segments, UTF-8 out) took 125 MiB (issue 18: memory).
    No phrase of its dictionaries holds a line break, so the blocks give the text it gives whole.
    """
    lines: list[_Line] = []
    length = 0
    changed = False
    for start, end in _blocks(source):
        block = source[start:end]
        simplified = to_simplified(block)
        changed = changed or simplified != block
        lines += _source_lines(_full_marks(simplified), length)
        length += len(simplified)
    if length != len(source):  # a phrase conversion changed the length: convert per character
        simplified = "".join(to_simplified(ch) if len(to_simplified(ch)) == 1 else ch for ch in source)
        changed = simplified != source
        lines = _source_lines(_full_marks(simplified), 0)
    if changed:
        log.append("traditional characters converted to simplified")
    return lines


def _full_marks(text: str) -> str:
    """The small form marks as the marks they are (``SMALL_MARKS``), one for one; translated only where one
    is: ``str.translate`` takes a dictionary look-up a character, a third of the cleaning's time on a page."""
    return text.translate(SMALL_MARKS) if _SMALL_MARK.search(text) else text


_SMALL_MARK = re.compile(f"[{''.join(chr(c) for c in SMALL_MARKS)}]")


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of about ``_BLOCK_CHARS`` characters, each ending after a line break (or at the end)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + _BLOCK_CHARS)
        end = len(text) if end < 0 else end + 1
        yield start, end
        start = end


def _source_lines(text: str, offset: int) -> list[_Line]:
    """Each non-empty line of ``text`` and its span, ``text`` starting at ``offset`` of the source. An HTML
    line break written into the text (``<br>``, as markdown tables and pasted pages hold it: "会议结论:…<br>1)输出…
    --责任人:李凯") ends a line as a line break does."""
    out: list[_Line] = []
    for raw, at in _raw_lines(text):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(stripped, offset + at + lead, offset + at + lead + len(stripped)))
    return out


_BR_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_LINE_BREAK = re.compile(rf"\n|{_BR_TAG.pattern}", re.IGNORECASE)


def _raw_lines(text: str) -> Iterator[tuple[str, int]]:
    """The lines of ``text`` with where each starts; a plain split where no ``<br>`` is written (most texts)."""
    if "<" not in text or not _BR_TAG.search(text):
        at = 0
        for raw in text.split("\n"):
            yield raw, at
            at += len(raw) + 1
        return
    at = 0
    for m in _LINE_BREAK.finditer(text):
        yield text[at : m.start()], at
        at = m.end()
    yield text[at:], at


def _drop_chrome(lines: list[_Line], log: list[str]) -> tuple[list[_Line], set[int]]:
    """Remove chrome lines and the page footer; note where forum posts begin."""
    total = sum(len(line.text) for line in lines) or 1
    seen_files: set[str] = set()
    kept: list[_Line] = []
    sections: set[int] = set()
    done = 0
    skip: set[int] = set()
    for i, line in enumerate(lines):
        done += len(line.text)
        if i in skip:
            continue
        text = clean_line(line.text, log)
        if not text:
            continue
        if len(text) > MAX_CHROME_CHARS:  # a page saved as one long line is the text, not chrome (issue 14)
            kept.append(_Line(text, line.start, line.end))
            continue
        if "发表于" in text and _POST_HEADER.match(text):  # the word every match holds: most lines have none
            sections.add(len(kept))
            _note(log, "forum post headers removed")
            continue
        if done > total * 0.4 and _FOOTER.match(text):  # the pattern only where a footer counts
            _note(log, "page footer removed")
            break
        chrome = _CHROME_LINE.match(text) or (len(text) <= 120 and len(_META_LABEL.findall(text)) >= 2)
        # "【参考资料】" above "《…》" labels a second document (structure.split), unlike "【打印本页】"
        labels_a_document = _SECTION_LABEL.match(text) and i + 1 < len(lines) and _BOOK_TITLE.match(lines[i + 1].text)
        if chrome and not labels_a_document:
            if _TIEBA_USER.match(text) and i + 2 < len(lines) and _TIEBA_POST.match(lines[i + 2].text):
                skip.add(i + 1)  # the user name between "level 8" and "楼主" on a Tieba page (dev d11)
            _note(log, "site chrome lines removed")
            continue
        name = _FILENAME.match(text) if "." in text else None  # a file name's extension follows a dot
        if name:
            if name[1] in seen_files:
                _note(log, "repeated file names removed")
                continue
            seen_files.add(name[1])
            text = name[1]
        kept.append(_Line(text, line.start, line.end))
    return kept, sections


def _note(log: list[str], message: str) -> None:
    if message not in log:
        log.append(message)


def _join_page_chunks(lines: list[_Line], sections: set[int], log: list[str]) -> tuple[list[_Line], set[int]]:
    """Strip the "1、" "2、" that open each page chunk and rejoin sentences the chunks cut."""
    numbered = [(i, int(m[1])) for i, line in enumerate(lines) if (m := _CHUNK_NUMBER.match(line.text))]
    run = [i for k, (i, n) in enumerate(numbered) if n == k + 1]
    if len(run) < 2 or len(run) != len([n for _, n in numbered if n <= len(run)]):
        return lines, sections
    chunks = [lines[i].text for i in run]
    cut = sum(1 for i in run[1:] if lines[i - 1].text[-1] not in _SENTENCE_END)
    if sum(len(c) for c in chunks) / len(chunks) < 150 or cut * 2 < len(run) - 1:
        return lines, sections
    _note(log, PAGE_CHUNKS_JOINED)
    in_run = set(run)
    out: list[_Line] = []
    new_sections: set[int] = set()
    for i, line in enumerate(lines):
        if i in sections:
            new_sections.add(len(out))
        if i in in_run:
            text = _CHUNK_NUMBER.sub("", line.text, count=1).lstrip()
            if out and i != run[0] and out[-1].text[-1] not in _SENTENCE_END:
                out[-1] = _Line(out[-1].text + text, out[-1].start, line.end)
                continue
            line = _Line(text, line.start, line.end)
        out.append(line)
    return [line for line in out if line.text], new_sections


def _join_stray_page_numbers(lines: list[_Line], sections: set[int], log: list[str]) -> tuple[list[_Line], set[int]]:
    """Rejoin a sentence a page break cut, leaving its page number: "…参谋\n3、助手，主动…".

    A "3、" that opens a line right after an unfinished one, with no "2、" before it, numbers a
    page, not a list item.
    """
    seen: set[int] = set()
    out: list[_Line] = []
    new_sections: set[int] = set()
    for i, line in enumerate(lines):
        m = _CHUNK_NUMBER.match(line.text)
        if m:
            n = int(m[1])
            cut = out and i not in sections and out[-1].text[-1] not in _SENTENCE_END
            if cut and n >= 2 and n - 1 not in seen:
                out[-1] = _Line(out[-1].text + line.text[m.end() :].lstrip(), out[-1].start, line.end)
                _note(log, "page-break numbers removed")
                continue
            seen.add(n)
        if i in sections:
            new_sections.add(len(out))
        out.append(line)
    return out, new_sections


# Text copied from a PDF or a document site's page view is wrapped at a fixed width: its sentences run
# on over lines that all end at the right margin ("…年底前足额拨付各村\n以奖代补资金，…"). A text is
# taken as wrapped where at least this many lines, and this share of its longer lines, end unfinished
# at one width, and hardly any line is wider; a scraped page, one paragraph a line, has no such width, and
# a list whose items happen to share a length has longer lines around it.
_WRAPPED_LINES = 4
_WRAPPED_SHARE = 0.25
_WIDER_SHARE = 0.2  # of the longer lines, beyond the margin: titles and chrome lines of the page
_WRAP_SLACK = 2  # how far a wrapped line may fall short of the margin (a word the typesetter moved on)
_LONG_LINE = 30  # shorter lines are headings, signatures, table cells
# A line that opens with a written heading marker starts afresh even after an unfinished one.
_OPENS_HEADING = re.compile(r"[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[、.．]")
WRAPPED_LINES_JOINED = "lines wrapped at a fixed width joined"


def _display_width(text: str) -> int:
    """Columns the text takes: two for a Han character or full-width mark, one for ASCII."""
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def _wrapped_at(lines: list[_Line], measure: Callable[[str], int]) -> tuple[int, int] | None:
    """The margin the text is wrapped at by this measure of a line, and how many lines end at it
    unfinished; None if the text is not wrapped."""
    widths = [measure(line.text) for line in lines]
    long = [w for w in widths if w >= _LONG_LINE]
    if len(long) < _WRAPPED_LINES:
        return None
    counts = Counter(long)  # not long.count for each width: that is quadratic in a long text's lines
    margin = max(set(long), key=counts.__getitem__)
    unfinished = sum(
        1
        for line, w in zip(lines, widths, strict=True)
        if margin - _WRAP_SLACK <= w <= margin and line.text[-1] not in _SENTENCE_END
    )
    wider = sum(1 for w in long if w > margin + _WRAP_SLACK)
    if unfinished < _WRAPPED_LINES or unfinished < _WRAPPED_SHARE * len(long) or wider > _WIDER_SHARE * len(long):
        return None
    return margin, unfinished


def _join_wrapped_lines(lines: list[_Line], sections: set[int], log: list[str]) -> tuple[list[_Line], set[int]]:
    """Rejoin the sentences of a text wrapped at a fixed width: a line that reaches the margin
    unfinished runs on into the next, unless the next opens a heading or a new post. A typesetter
    wraps at a width in columns, a text editor at a count of characters: whichever the text shows."""
    found = [(wrap, measure) for measure in (_display_width, len) if (wrap := _wrapped_at(lines, measure))]
    if not found:
        return lines, sections
    (margin, _), measure = max(found, key=lambda f: f[0][1])

    def reaches_the_margin(line: _Line, _joined: _Line) -> bool:
        return margin - _WRAP_SLACK <= measure(line.text) <= margin and line.text[-1] not in _SENTENCE_END

    return _join_runs(lines, sections, log, WRAPPED_LINES_JOINED, reaches_the_margin, lambda _line: True)


def _join_runs(
    lines: list[_Line],
    sections: set[int],
    log: list[str],
    note: str,
    runs_on: Callable[[_Line, _Line], bool],
    may_follow: Callable[[_Line], bool],
) -> tuple[list[_Line], set[int]]:
    """Join each line to the one before it where that one ``runs_on`` (asked of the line as read and of the
    paragraph it ended) and this one ``may_follow``; a heading or a new post always starts afresh."""
    out: list[_Line] = []
    new_sections: set[int] = set()
    joins = False
    for i, line in enumerate(lines):
        if joins and i not in sections and not _OPENS_HEADING.match(line.text) and may_follow(line):
            out[-1] = _Line(out[-1].text + line.text, out[-1].start, line.end)
            _note(log, note)
        else:
            if i in sections:
                new_sections.add(len(out))
            out.append(line)
        joins = runs_on(line, out[-1])
    return out, new_sections


# A sentence's first characters left at a line's end after the last one ended: "…密切配合。其" + "他课程由…"
_CUT_AFTER_SENTENCE = re.compile(r"[。！？!?；;][\u4e00-\u9fff]{1,3}$")
_HAN_FIRST = re.compile(r"[\u4e00-\u9fff]")
SENTENCES_REJOINED = "sentences a line break cut rejoined"


def _join_cut_sentences(lines: list[_Line], sections: set[int], log: list[str]) -> tuple[list[_Line], set[int]]:
    """Rejoin a sentence a stray line break cut a few characters in ("…其他相关系部密切配合。其\n他课程由…"):
    no paragraph ends on the first characters of a new sentence, unless a heading or a new post follows."""
    return _join_runs(
        lines,
        sections,
        log,
        SENTENCES_REJOINED,
        lambda _line, joined: _CUT_AFTER_SENTENCE.search(joined.text) is not None,
        lambda line: _HAN_FIRST.match(line.text) is not None,
    )


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified (OpenCC t2s)."""
    return _t2s().convert(text)


_converter: Any = None


def _t2s() -> Any:
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC("t2s")
    return _converter
