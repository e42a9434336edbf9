"""The Chinese word lists of task extraction, each named once (issue 12: rules as data).

Each list is a plain tuple of words; the rules in ``tasks.py`` build their patterns from these
names instead of retyping the words in each regex. One new word is one new entry here.
"""

from __future__ import annotations

from speechkit.lang import alternation  # here too: the rules of extract build their patterns with it

__all__ = [
    "ACTION_VERBS",
    "ACT_ADVERBS",
    "ADDRESSEES",
    "CARRIER_VERBS",
    "CHAIN_DIRECTIVES",
    "DEMONSTRATIVES",
    "DIRECTIVE_WORDS",
    "FUNCTION_UNITS",
    "NOT_A_LABEL",
    "NOT_UNITS",
    "ONE_CHARACTER_UNITS",
    "PARTNER_PREPOSITIONS",
    "ROLE_SUFFIXES",
    "SCOPE_PREPOSITIONS",
    "STRONG_DIRECTIVES",
    "UNIT_SUFFIXES",
    "alternation",
]

# Words that give work to someone; "要" only as a word of its own (not 重要/需要/要求).
DIRECTIVE_WORDS = (
    "要", "必须", "务必", "确保", "负责", "牵头", "抓紧", "加紧", "尽快", "将", "须", "需", "应", "应当",
    "请", "力争", "争取", "抓好", "做好", "组织", "完成", "立即", "马上", "迅速", "着手", "正在", "会同",
)  # fmt: skip
# Directives strong enough to make even a general exhortation (要求) of a clause.
STRONG_DIRECTIVES = ("要", "必须", "务必", "负责", "牵头", "确保", "抓紧", "加紧")
# A sentence opening on one of these ("要…", "还要…") goes on with the party of the chain before it.
CHAIN_DIRECTIVES = ("要", "必须", "务必", "须", "需", "应当", "应", "抓紧", "加紧", "加快", "尽快", "立即", "全力")

# Acts a tracker can tick off, done to something named: 关闭小煤矿, 体温检测, 限期整改. A comma chunk
# headed by one of these (after adverbs, or after 进行/做好 as its object) is work, not an attitude.
ACTION_VERBS = (
    "关闭", "取缔", "停产", "停业", "整顿", "拆除", "清理", "清运", "补种", "维修", "更换", "安装", "检测", "登记",
    "消毒", "消杀", "排查", "摸排", "整改", "审核", "核查", "抽查", "复查", "巡查", "督查", "查处", "公布", "公示",
    "设立", "开通", "配备", "配齐", "转移", "撤离", "张贴", "录用", "招聘", "评选", "申购", "采购", "报批", "备案",
    "移交", "收回", "办理", "签订", "发布", "编制", "修订", "销号", "上报", "报送", "汇报", "报告", "备案", "培训",
    "考试", "考核", "值班", "值守", "审计", "验收", "召开", "试点", "追究", "处置", "改造", "淘汰", "评估", "通报",
    "告知", "制作", "印制",
)  # fmt: skip
# Verbs that carry an act as their object: 进行审核, 做好体温检测、身份登记等工作.
CARRIER_VERBS = ("进行", "开展", "组织", "做好", "抓好", "搞好", "完成", "实施", "实行", "启动")
# Adverbs said before an act: 继续依法关闭, 限期整改, 逐个进行审核.
ACT_ADVERBS = (
    "要", "必须", "务必", "一定", "都", "也", "还", "再", "须", "应", "应当", "及时", "立即", "迅速", "尽快", "马上",
    "依法", "依规", "严格", "继续", "全面", "认真", "切实", "按时", "按期", "限期", "定期", "逐一", "逐个", "坚决",
    "抓紧", "加紧", "全力", "统一", "集中", "重新", "再次", "先", "一律", "分别", "按程序", "按规定", "负责",
)  # fmt: skip

# How a party's name ends: units (局 办 委 …), groups (各地 各校 乡镇).
UNIT_SUFFIXES = (
    "人民政府", "政府", "办事处", "指挥部", "领导小组", "工作组", "督查组", "专班", "委员会", "管委会", "党委", "党组",
    "集团", "公司", "银行", "企业", "部门", "单位", "机关", "中心", "分局", "局", "办公室", "办", "(办)", "委", "厅",
    "部", "室", "处", "科", "股", "所", "站", "院", "校", "学校", "社", "会", "团", "队", "队伍", "组", "镇", "乡",
    "乡镇", "街道", "街", "村", "巷", "社区", "县", "市", "区", "各地", "地区", "主体", "集体", "工程", "医院",
    "中学", "小学", "大学", "学院", "幼儿园", "机构", "卡口", "系统", "成员", "班子", "两级", "三级",
    "妇联", "残联", "侨联", "文联", "工商联", "科协", "馆", "电视台", "气象台", "电台", "厂", "分场", "年级",
    "车间", "班组", "分行", "支行", "防指",
)  # fmt: skip
# Words that end as a unit does but name none: "…重大任务布局" is no 局 (but 全局, the whole bureau, is one).
NOT_UNITS = (
    "布局", "格局", "大局", "结局", "开局", "变局", "好处", "益处", "长处", "难处", "用处", "到处", "社会",
    "机会", "返乡", "下乡", "城乡", "家乡", "老乡", "内部", "外部", "局部",
)  # fmt: skip
# Roles that end a party: 分管领导, 办公室主任, 财务总监.
ROLE_SUFFIXES = (
    "领导", "主任", "书记", "局长", "县长", "市长", "区长", "镇长", "乡长", "主席", "负责人", "同志", "干部",
    "科长", "处长", "所长", "站长", "队长", "院长", "校长", "部长", "厂长", "行长", "秘书长", "组长",
    "经理", "总经理", "董事长", "总监", "主管", "管理者", "责任人", "人员",
    "厅长", "股长", "省长", "州长", "旗长", "会长", "社长", "指挥长", "河长", "林长", "湖长", "田长", "路长", "网格长",
    "教师", "老师", "辅导员", "法官", "民警", "网格员", "骨干", "专家", "领队", "同事",
)  # fmt: skip
# A company calls a department by its function alone ("行政要…", "人力资源也要…", "工程稽查要…"): these
# words stand for a unit when they close the subject of a directive (see ``tasks._is_party``).
FUNCTION_UNITS = ("行政", "人力资源", "人事", "财务", "法务", "审计", "稽查", "采购", "后勤", "物业", "HR")
# The people a speaker gives work to face to face ("你们要对这些节点进行考试"): a party, though a broad one.
ADDRESSEES = ("你们", "你们大家", "你们几个", "你们部门", "你们单位")
# A township's own minutes call it 镇 ("镇要在月底前…"): one character that is a unit on its own.
ONE_CHARACTER_UNITS = ("镇", "乡", "村", "县", "市", "区")
# "该校要…" under "1、旅游职专：": the label is the party these stand for.
DEMONSTRATIVES = ("该校", "该单位", "该局", "该部门", "该院", "该公司", "该镇", "该乡", "该村", "其", "他们")
# Prepositions that open what work is on, after or by, never who does it: "对重点水文站…进行再检查",
# "请结合本单位实际…", "按照…要求". (对 is no preposition in 对外联络部, 对口支援办公室: the patterns say so.)
SCOPE_PREPOSITIONS = ("对", "针对", "结合", "根据", "按照", "依据", "围绕", "通过")
# Prepositions before a party that make it a place, a time, an object or a partner of the work, not its
# subject: "在…", "由…", "协助县国土资源局完成…".
PARTNER_PREPOSITIONS = ("在", "为", "从", "把", "按", "关于", "由", "以便", "经过", "协助", "配合", "会同", "协同")
# Words that make "X：" at a paragraph's head a field or a lead-in, not a party's label.
NOT_A_LABEL = (
    "会议", "要求", "指出", "强调", "认为", "提出", "决定", "明确", "议定", "时间", "地点", "主持", "参加", "出席",
    "列席", "记录", "议题", "内容", "备注", "附件", "说明", "请假", "缺席", "主题", "情况", "问题", "意见", "建议",
    "目标", "任务", "措施", "工作", "原则", "背景", "依据", "范围", "对象", "方式", "步骤", "安排", "总体", "主要",
    "基本", "具体",
)  # fmt: skip
