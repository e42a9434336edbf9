"""clean(): site chrome, page-chunk numbers, forum garbage, pinyin, mojibake, 繁→简; offsets kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from speechkit.clean import clean, clean_line, to_simplified
from speechkit.document import Document
from speechkit.ingest import read
from speechkit.structure import find_headings


def cleaned(text: str) -> Document:
    return clean(Document(source=Path("t.txt"), text=text, kind="txt"))


# fmt: off
INLINE_NOISE = [
    ("??????? 主持人:胡建平", "主持人:胡建平"),                             # indentation lost to "?" (real17 z17)
    ("是不是这样?? 对", "是不是这样?? 对"),                                 # question marks inside a line stay
    ("系統(tǒng)辦公室", "系統辦公室"),                                    # pinyin reading (sample 002)
    ("實績?nèi)取人", "實績取人"),                                         # its "(" lost
    ("領(lǐng)會(huì )精神", "領會精神"),                                       # a space before its ")" (real26 b19)
    ("工作(gōngzuò)人员深入田间(tiánjiān)地头", "工作人员深入田间地头"),    # a word's reading (real20 m08)
    ("会议(yi)由集(ji)团(tuan)公司副总(zong)经理曹(cao)慧主持(chi)", "会议由集团公司副总经理曹慧主持"),  # no tone marks
    ("称重单位(kg)与体积(l)", "称重单位(kg)与体积(l)"),              # units, not pinyin syllables
    ("督办?,F(xiàn)在有", "督办?,F在有"),                                   # after mojibake
    ("推動了各項任g=EN-US>務", "推動了各項任務"),                          # Word HTML left-over
    ("! G$ v6 V0 i7 _5 ](2016年9月2日) - @5 O) s7 I# d) O8 L", "(2016年9月2日)"),  # Discuz jammer (d14)
    (": H7 L6 r% {. }2 t同志们:", "同志们:"),
    ("& u$ B# d: o0 m\" t. d3 K办公室在一级党委", "办公室在一级党委"),
    (": b- \\) u# m  i    1、党员意识。", "1、党员意识。"),              # the list number stays (sample 003)
    ("2 b8 C2 X3 t1 l' C(一)通过书面送交。", "(一)通过书面送交。"),      # a "(" glued to the run opens a heading
    ("![]() 中国传媒联盟 据 乐讯时代 讯:4月20日,县长主持召开", "4月20日,县长主持召开"),  # d06
    ("做好机关保洁工作。(责任编辑:梦晶) |", "做好机关保洁工作。"),
    ("【本新闻由汶上信息港搜集自网络,如有侵权,请联系本站删除】 begin--> 4月23日,县召开会议。", "4月23日,县召开会议。"),
    ("让群众心里明白有数。- 1 -", "让群众心里明白有数。"),                 # printed page number (001)
    ("会  议  纪  要", "会议纪要"),                                       # letter-spaced label (d01)
    ("参会人:李永辉    樊波平", "参会人:李永辉    樊波平"),                # names stay apart
    ("WTO知识和A B C D方案", "WTO知识和A B C D方案"),                      # plain ASCII is not garbage
    ("增长6.2%左右(a)", "增长6.2%左右(a)"),
]
# fmt: on


@pytest.mark.parametrize("line, expected", INLINE_NOISE)
def test_clean_line_removes_inline_noise_only(line: str, expected: str) -> None:
    assert clean_line(line) == expected


# fmt: off
CHROME_LINES = [
    "第1页 / 共9页",
    "当好参谋助手做好后勤保障.docx_第2页",
    "上传人:b****5 文档编号:14921755 上传时间:2023-06-28 格式:DOCX 页数:9 大小:22.81KB",
    "下载 相关 举报",
    "亲,该文档总共9页,全部预览完了,如果喜欢就下载吧!",
    "《办公室综合协调工作四大职能.doc》由会员分享,可在线阅读,更多相关《办公室综合协调工作四大职能.doc(6页珍藏版)》",
    "发布时间:2017-12-21 08:58 我要投稿",
    "打印本文 打印本文  关闭窗口 关闭窗口",
    "[复制链接]",
    "2013年09月01日 12点09分",
    "level 8",
    "1. 1、下载文档前请自行甄别文档内容的完整性,平台不提供额外的编辑、内容补充、找答案等附加服务。",  # real7 u04
    '2、"仅部分预览"的文档,不可在线预览部分如存在完整性等问题,可反馈申请退款(可完整预览的文档不适用该条件!)。',
    "合集下载",
    "1、董事长在中学校区2021春季开学仪式上的讲话 2",  # a 范文 collection's contents (real8 v08)
    "2、校长在2020学年第二学期开学典礼上的讲话 11",
    "详细内容",  # a CMS page's label between its breadcrumb and its headline (real45 ai06)
    "文章内容",
    "本帖最后由 石童 于 2013-11-3 23:24 编辑",  # a forum post's edit notice, above its headline (real45 ai18)
]
# fmt: on


@pytest.mark.parametrize("chrome", CHROME_LINES)
def test_clean_drops_chrome_lines(chrome: str) -> None:
    doc = cleaned(f"在全市会议上的讲话\n{chrome}\n同志们:\n今天我们开会。")
    assert doc.text == "在全市会议上的讲话\n同志们:\n今天我们开会。"
    assert "site chrome lines removed" in doc.cleaning_log


def test_clean_joins_page_chunks_cut_mid_sentence() -> None:
    body = "办公室是一个单位的“大脑”和“窗口”,是沟通上下的“咽喉”,联系左右的“纽带”。" * 5
    text = f"1、题目{body}一、“参谋助\n2、手”要谋高度{body}二是\n3、要超前谋划。{body}"
    doc = cleaned(text)
    assert "一、“参谋助手”要谋高度" in doc.text and "2、" not in doc.text and "\n" not in doc.text
    assert [h.marker for h in find_headings(doc.text)][:1] == ["一、"]
    assert "page-chunk numbers removed" in doc.cleaning_log


def test_clean_rejoins_a_sentence_a_stray_line_break_cut() -> None:
    # real22 k24: "其\n他课程" left "他课程由课程承担系部" for a party; a heading after such a line stays apart
    doc = cleaned("二、考试安排:公共基础课由基础部安排,其他相关系部密切配合。其\n他课程由课程承担系部负责组织实施。\n")
    assert "密切配合。其他课程由课程承担系部负责组织实施。" in doc.text
    assert "sentences a line break cut rejoined" in doc.cleaning_log
    kept = cleaned("各单位务必于4月25日前上报。附件\n1.考试安排表\n")
    assert kept.text.split("\n")[:2] == ["各单位务必于4月25日前上报。附件", "1.考试安排表"]


@pytest.mark.parametrize(
    "footer",
    [
        "[免责声明] 本文来源于网络转载,仅供学习交流使用。版权归原作者所有,如涉及作品内容、版权和其它问题,"
        "请在30日内与本网"
        "联系,我们将在第一时间处理。",  # real38 ab11: its 请…联系 was read as an assignment
        "免责声明:\n凡本站注明“国际空港信息网”的稿件,其版权属于本站所有。其他媒体转载使用时必须注明:“文章来源”。",
        "版权声明：本站所有文章均来自网友投稿及网络整理，仅供学习参考，如有侵权请联系删除。",
    ],
)
def test_clean_drops_a_disclaimer_and_what_follows_it(footer: str) -> None:
    body = "12月18日晚,区长李朝锋主持召开我区重点区域征迁工作推进会。" * 4
    doc = cleaned(f"{body}\n{footer}\n- 上一篇: 全区召开安全生产会议")
    assert doc.text == body and "page footer removed" in doc.cleaning_log


def test_clean_drops_a_portals_disclosure_fields_and_trail() -> None:
    """real11 y18: a 政府信息公开 page: its trail and bracketed fields stood above the title, which was lost."""
    page = (
        "您当前所在位置:首页>丰都县住房和城乡建设委员会>政务公开>政策文件\n"
        "[ 索引号 ] 115002300086898343/2025-00068 [ 发文字号 ] 丰都住建发〔2025〕61号\n"
        "[ 主题分类 ] 城乡建设、环境保护 [ 体裁分类 ] 公告公示\n[ 发布机构 ] 丰都县住房和城乡建设委员会\n"
        "[ 成文日期 ] 2025-04-17 [ 发布日期 ] 2025-05-07\n[ 有效性 ]\n"
    )
    body = (
        "丰都县住房和城乡建设委员会关于开展自建房安全隐患整治“回头看”的通知\n各乡镇人民政府、街道办事处:\n"
        "现将有关工作通知如下。"
    )
    assert cleaned(page + body).text == body


def test_clean_drops_a_page_summary_the_text_repeats() -> None:
    """real38 ab01: a document site prints the article's first words, cut short, above the article: its
    一是…三是 came out twice."""
    body = (
        "5月15日,杨才超董事长赴河南鄂中考察指导工作。\n在河南鄂中肥业,董事长听取了汇报,作出重要指示:一是分析蒸汽试用数据,"
        "科学制定蒸汽使用方案;二是利用完善的基础设施,迅速推进各项准备工作;三是迅速推进聚氨酯包膜工艺技术应用。"
    )
    summary = body.replace("\n", "")[:90]
    doc = cleaned(f"杨才超董事长考察指导基地生产建设工作\n{summary}\n图片\n{body}")
    assert doc.text == f"杨才超董事长考察指导基地生产建设工作\n图片\n{body}"
    assert "page summary repeating the text removed" in doc.cleaning_log


def test_clean_keeps_a_real_numbered_list() -> None:
    text = "1、积极参与政务,服务领导参谋有力。\n2、勇于管理事务,机关管理运转有序。\n3、不断提升服务。"
    assert cleaned(text).text == text


def test_clean_drops_the_page_footer_with_its_numbered_disclaimer() -> None:
    body = "12月18日晚,区长李朝锋主持召开我区重点区域征迁工作推进会。" * 4
    footer = "豫都网版权与免责声明\n1、未经豫都网许可,任何人不得非法使用本网自有版权作品。\n2、本网转载其他媒体之稿件"
    doc = cleaned(f"{body}\n{footer}")
    assert doc.text == body and "page footer removed" in doc.cleaning_log
    heard = "预动网版权与免责声明。\n1、未经预动网，以下简称本网，许可，任何人不得非法使用本网自由版权作品。"
    assert cleaned(f"{body}\n{heard}").text == body  # the page read aloud: the transcript ends the line with 。


def test_clean_converts_traditional_and_keeps_the_original() -> None:
    doc = cleaned("辦公室工作領導講話稿\n同志們:")
    assert doc.text == "办公室工作领导讲话稿\n同志们:"
    assert doc.original == "辦公室工作領導講話稿\n同志們:"
    assert "traditional characters converted to simplified" in doc.cleaning_log


def test_clean_finds_the_page_publication_date() -> None:
    assert cleaned("发布时间:2017-12-21 08:58 我要投稿\n12月18日晚,会议召开。").published.isoformat() == "2017-12-21"
    assert cleaned("发布日期: [2015-07-14] 作者:管委会\n正文。").published.isoformat() == "2015-07-14"
    assert cleaned("12月18日晚,会议召开。").published is None
    # a date alone on a line of the page's head, under its source (real8 v11)
    assert cleaned("来源:周道客户端\n2020-11-12\n11月12日下午,现场办公。").published.isoformat() == "2020-11-12"
    assert cleaned("正文。" * 200 + "\n2020-11-12\n").published is None  # not one at the text's end


def test_clean_marks_where_forum_posts_begin() -> None:
    text = (
        "帖子标题\n仲伯间 发表于 2012-3-12 14:40:59 | 显示全部楼层 |阅读模式\n正文一。\n"
        "楼主| 仲伯间 发表于 2012-3-12 14:42:09 | 显示全部楼层\n正文二。"
    )
    doc = cleaned(text)
    assert doc.text == "帖子标题\n正文一。\n正文二。"
    assert [doc.text[s:].split("\n")[0] for s in doc.sections] == ["正文一。", "正文二。"]


def test_clean_paragraphs_map_back_to_the_source(sample_files: list[Path]) -> None:
    for path in sample_files:
        doc = clean(read(path))
        assert doc.original is not None
        for p in doc.paragraphs:
            assert doc.text[p.start : p.start + len(p.text)] == p.text
            source = clean_line(to_simplified(doc.original[p.source_start : p.source_end]))
            assert p.text[:2] in source and p.text[-2:] in source, (path.name, p.text[:20])


def test_clean_converts_a_long_text_in_blocks_as_it_would_whole(
    sample_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 18: OpenCC converts a long text a block of lines at a time; the cleaned text, its
    paragraphs' offsets and the log are those of converting it whole (traditional sample 002 too)."""
    import speechkit.clean

    documents = [read(path) for path in sample_files]
    whole = [clean(d) for d in documents]
    monkeypatch.setattr(speechkit.clean, "_BLOCK_CHARS", 50)  # hundreds of blocks per sample
    for document, expected in zip(documents, whole, strict=True):
        assert clean(document) == expected
    assert any("traditional characters converted to simplified" in d.cleaning_log for d in whole)


def test_clean_loses_no_sentence_of_the_speech(samples_dir: Path) -> None:
    path = samples_dir / "000_ccfca2a2b2a83bab.txt"
    source = path.read_text(encoding="utf-8")
    body = source[source.index("同志们:") : source.index("展开阅读全文")]
    text = clean(read(path)).text
    for line in body.splitlines():
        if line.strip():
            assert line.strip() in text


def test_clean_logs_one_line_per_kind_of_noise(samples_dir: Path) -> None:
    log = clean(read(samples_dir / "003_742c7f89ba496aaa.txt")).cleaning_log
    assert len(log) == len(set(log))
    assert {"forum anti-scraping garbage removed", "forum post headers removed", "page footer removed"} <= set(log)


def test_clean_rejoins_a_sentence_cut_by_a_stray_page_number() -> None:
    text = "二、突出重点\n（一）管控火源。县林业局要当好县政府的参谋\n3、助手，主动牵头做好巡查。\n（二）建设队伍。"
    doc = cleaned(text)
    assert "参谋助手，主动牵头做好巡查。" in doc.text and "3、" not in doc.text
    assert "page-break numbers removed" in doc.cleaning_log


def test_clean_keeps_a_list_item_whose_predecessor_is_there() -> None:
    text = "1、加强领导\n2、压实责任"
    assert cleaned(text).text == text


def test_clean_drops_site_navigation() -> None:
    text = "首页 | 政务公开 | 政务服务 | 互动交流\n第一范文网 > 讲话稿 > 领导讲话\n来源：市政府 浏览次数：12\n正文。"
    assert cleaned(text).text == "正文。"


def test_clean_flags_rejoined_page_chunks(samples_dir) -> None:
    """structure reads a typed flag, not clean's log line, to look for a title glued to the first chunk."""
    from speechkit.clean import clean
    from speechkit.ingest import read

    assert clean(read(samples_dir / "001_96d783c7254f03f3.txt")).page_chunks_joined
    assert not clean(read(samples_dir / "000_ccfca2a2b2a83bab.txt")).page_chunks_joined


@pytest.mark.parametrize(
    "line",
    [
        "书通网logo",
        "书通范文网 -工作总结,演讲稿,思想汇报,信函等各种范文。",
        "跳到主内容区块",
        "2018年1月5日| 联系热线:17636155855",
    ],
)
def test_clean_drops_site_name_logo_skip_link_and_hotline_lines(line: str) -> None:
    """A scraped page's site lines (real set 3: r04, r09, r29) are chrome, not the speech's title."""
    text = f"{line}\n县政府召开常务会议\n会议要求各乡镇于6月底前完成排查。"
    assert cleaned(text).text.splitlines() == [
        "县政府召开常务会议",
        "会议要求各乡镇于6月底前完成排查。",
    ]


def _wrap(text: str, width: int) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


_WRAPPED_SPEECH = (
    "二是资金到位。镇财政所要统筹整合涉农资金，年底前足额拨付各村以奖代补资金，确保专款专用。"
    "三是督导到位。镇纪委每月开展一次专项监督检查，对工作不力、敷衍塞责的，严肃追责问责。"
    "镇人居环境整治办公室每周五对各村进行一次暗访检查，检查结果在镇工作群通报，并纳入年终考核。"
)


def test_clean_joins_a_text_wrapped_at_a_fixed_width() -> None:
    """A text copied from a PDF or a document site's page view (heldout2 h12) runs its sentences on
    over lines that end at the margin: each sentence is one again, and a heading still opens a line."""
    text = "一、强化保障\n" + _wrap(_WRAPPED_SPEECH, 34) + "\n二、压实责任\n" + _wrap(_WRAPPED_SPEECH, 34)
    doc = cleaned(text)
    assert doc.text.split("\n") == ["一、强化保障", _WRAPPED_SPEECH, "二、压实责任", _WRAPPED_SPEECH]
    assert "lines wrapped at a fixed width joined" in doc.cleaning_log


def test_clean_joins_a_real_page_view_wrapped_at_a_fixed_width(tmp_path: Path) -> None:
    doc = clean(read(Path(__file__).parent / "data" / "heldout2" / "raw" / "h12.txt"))
    assert "镇财政所要统筹整合涉农资金，年底前足额拨付各村以奖代补资金，确保专款专用。" in doc.text
    assert "镇人居环境整治办公室每周五对各村进行一次暗访检查，" in doc.text


def test_clean_keeps_list_items_that_only_happen_to_share_a_length() -> None:
    """Rooms of a notice, one a line, several of the same length, among longer lines: not a wrapped text."""
    items = [
        f"{floor}楼【晚自习期间由{college}学院管理与使用】"
        for floor, college in zip(
            "一二三四五六", ("化工食品", "工程技术", "特殊教育", "国际教育", "艺术设计", "经济贸易"), strict=True
        )
    ]
    text = "\n".join(
        [
            "各学院：",
            "晚自习教室的开放时间为每周一至周五晚上七点至十点，具体安排如下，请各学院做好学生的组织管理工作。" * 2,
            *items,
            "请各学院安排专人于每天晚上六点半前到各楼层管理员处领取教室钥匙，自习结束后及时归还，谢谢！" * 2,
        ]
    )
    assert cleaned(text).text == text


def test_clean_an_html_line_break_in_the_text_ends_a_line() -> None:
    """Markdown tables and pasted pages write line breaks as <br>: each piece is a paragraph of its own, mapped
    back to its place in the source."""
    source = "| No55 | 页面方案 | 会议结论：同意刷新页面。<br>遗留问题：<BR/>1）输出页面原型。--责任人：李凯 |"
    cleaned = clean(Document(source=Path("minutes.md"), text=source, kind="txt"))
    pieces = ["| No55 | 页面方案 | 会议结论：同意刷新页面。", "遗留问题：", "1）输出页面原型。--责任人：李凯 |"]
    assert [p.text for p in cleaned.paragraphs] == pieces
    assert [source[p.source_start : p.source_end] for p in cleaned.paragraphs] == pieces


def test_clean_reads_the_small_form_marks_as_the_marks_they_are() -> None:
    """ "三﹑任何单位…" (U+FE51, real42 af19) numbers a heading as 三、 does; the marks keep their places."""
    doc = cleaned("关于国庆放假的通知\n一﹑放假时间为10月1日至7日﹐8日上班﹒\n二﹑各系要召开班会﹔做好安全教育﹗")
    assert doc.text == "关于国庆放假的通知\n一、放假时间为10月1日至7日，8日上班。\n二、各系要召开班会；做好安全教育！"
    assert [(p.source_start, p.source_end) for p in doc.paragraphs] == [(0, 9), (10, 31), (32, 49)]
    assert [h.marker for h in find_headings(doc.text)] == ["一、", "二、"]
