//! The Chinese words of the workbench's forms: a label (and where the officer needs one, a hint)
//! for every field of every input type of the API, a name for every value of its enums, and a
//! legend for every input type that is drawn as a group inside another.
//!
//! A dictionary rather than the schema's own descriptions: those are written for developers, in
//! English, and say what a field does in the API; the workbench speaks to officials, in Chinese,
//! in the terms of 《重大行政决策程序暂行条例》 and of the engine's own record (the stage, act,
//! flag and document names of `procedure`), so that a form, a refusal and the rule book name a
//! thing alike. The test below reads `schema.graphql` and fails, listing what is missing, when a
//! field, an enum value or a group has no words here, or when words here name nothing the schema
//! still has.

/// A form field's Chinese label and an optional hint shown under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub text: &'static str,
    pub hint: Option<&'static str>,
}

const fn l(text: &'static str) -> Label {
    Label { text, hint: None }
}

const fn h(text: &'static str, hint: &'static str) -> Label {
    Label {
        text,
        hint: Some(hint),
    }
}

/// The hint of a list given one item per line (the form draws `[String!]` as a textarea).
const EACH_LINE: &str = "每行一项";

/// Fields whose meaning depends on the act: `reason`, `summary`, `conclusion`, `kind`, the date
/// an act took place, and the like. Looked up before [`BY_NAME`].
const BY_ACT: &[(&str, &str, Label)] = &[
    // 年度决策事项目录
    ("OpenCatalogueInput", "openedOn", l("开始编制日期")),
    (
        "OpenCatalogueInput",
        "title",
        h(
            "目录名称",
            "不填则为《（决策机关）××××年度重大行政决策事项目录》",
        ),
    ),
    ("SubmitCatalogueItemInput", "item", l("申报的事项")),
    (
        "SubmitCatalogueItemInput",
        "reason",
        h("申报理由", "目录公布后申报新增事项的，应当说明理由"),
    ),
    (
        "SubmitCatalogueAmendmentInput",
        "itemId",
        l("调整的目录事项编号"),
    ),
    (
        "SubmitCatalogueAmendmentInput",
        "item",
        h("调整后的事项", "按调整后的内容填写完整"),
    ),
    (
        "SubmitCatalogueAmendmentInput",
        "reason",
        h("调整理由", "目录公布后调整事项的，应当说明理由"),
    ),
    (
        "SubmitCatalogueWithdrawalInput",
        "itemId",
        l("撤销的目录事项编号"),
    ),
    (
        "SubmitCatalogueWithdrawalInput",
        "reason",
        h("撤销理由", "目录公布后撤销事项的，应当说明理由"),
    ),
    (
        "AcceptCatalogueSubmissionInput",
        "acceptedOn",
        l("采纳日期"),
    ),
    (
        "AcceptCatalogueSubmissionInput",
        "note",
        h("修改说明", "修改了申报内容的，写明修改了什么、为什么"),
    ),
    (
        "RejectCatalogueSubmissionInput",
        "reason",
        l("不予采纳的理由"),
    ),
    (
        "RecordCatalogueDiscussionInput",
        "heldOn",
        l("常务会议日期"),
    ),
    ("CarryOverCatalogueItemInput", "reason", l("结转理由")),
    (
        "PublishCatalogueInput",
        "documentNumber",
        h("文号", "如 平政办〔2025〕8号"),
    ),
    (
        "CatalogueItemInput",
        "leadUnit",
        h("承办单位", "牵头承办单位"),
    ),
    ("CatalogueItemInput", "kind", l("事项类别")),
    // 决策启动
    ("ProposeDecisionInput", "title", l("决策事项名称")),
    ("ProposeDecisionInput", "summary", l("事项概要")),
    (
        "ProposeDecisionInput",
        "legalBasis",
        h("决策依据", "每行一项：有关法律、法规、规章和政策"),
    ),
    // 公众参与
    (
        "OpenPublicConsultationInput",
        "openedOn",
        h("公开征求意见日期", "期限自次日起算"),
    ),
    (
        "OpenPublicConsultationInput",
        "shortenedReason",
        h(
            "缩短期限的理由",
            "期限少于30日的，须在公开征求意见时说明，事后不能补充",
        ),
    ),
    (
        "ClosePublicConsultationInput",
        "adoptionReport",
        h(
            "公众意见研究采纳情况",
            "社会公众提出的主要意见的研究采纳情况",
        ),
    ),
    ("SubmitPublicCommentInput", "body", l("意见内容")),
    ("SubmitPublicFeedbackInput", "body", l("意见建议")),
    (
        "DisposeCommentInput",
        "reason",
        h("处理理由", "不予采纳的，应当说明理由"),
    ),
    ("DisposeCommentGroupInput", "summary", l("归纳的意见")),
    (
        "DisposeCommentGroupInput",
        "reason",
        h("处理理由", "一并处理这一组意见的理由"),
    ),
    ("HideCommentInput", "reason", l("屏蔽理由")),
    (
        "PublishHearingNoticeInput",
        "publishedOn",
        h("公告日期", "应早于听证日期"),
    ),
    (
        "PublishHearingNoticeInput",
        "participants",
        h("听证参加人名单", "每行一人"),
    ),
    ("RecordHearingInput", "heldOn", l("听证日期")),
    // 草案拟订
    ("CorrectFlagInput", "reason", l("更正理由")),
    // 专家论证
    ("RecordExpertArgumentationInput", "heldOn", l("论证日期")),
    (
        "RecordExpertArgumentationInput",
        "adoptionReport",
        l("专家论证意见研究采纳情况"),
    ),
    ("ExpertOpinionInput", "opinion", l("论证意见")),
    // 风险评估
    ("RecordRiskAssessmentInput", "conclusion", l("风险评估结论")),
    // 公平竞争审查
    (
        "RecordFairCompetitionReviewInput",
        "conclusion",
        l("审查结论"),
    ),
    ("RecordFairCompetitionReviewInput", "summary", l("审查情况")),
    // 合法性审查
    ("RequestLegalityReviewInput", "requestedOn", l("送审日期")),
    (
        "RequestLegalityReviewInput",
        "legalBasis",
        h("法律依据", "每行一项：有关法律、法规、规章等依据"),
    ),
    (
        "RequestLegalityReviewInput",
        "shortenedReason",
        h(
            "缩短审查时间的理由",
            "审查时间少于规定工作日的，须在送审时说明，事后不能补充",
        ),
    ),
    ("RequestSupplementInput", "requestedOn", l("要求补充日期")),
    ("SupplyMaterialsInput", "note", l("补充材料说明")),
    ("AssignCounselInput", "kind", l("身份")),
    ("SubmitLegalOpinionInput", "kind", l("身份")),
    ("SubmitLegalOpinionInput", "opinion", l("法律意见")),
    (
        "WithdrawCounselAssignmentInput",
        "reason",
        l("撤回指派的理由"),
    ),
    ("ReturnLegalityReviewInput", "reason", l("退回理由")),
    ("ConcludeLegalityReviewInput", "concludedOn", l("出具日期")),
    ("ConcludeLegalityReviewInput", "conclusion", l("审查结论")),
    // 集体讨论决定
    ("RecordCollectiveDiscussionInput", "kind", l("会议类型")),
    ("RecordCollectiveDiscussionInput", "outcome", l("会议结果")),
    ("RecordReportInput", "summary", l("报告内容")),
    // 决策公布
    (
        "PublishDecisionInput",
        "channels",
        h(
            "公布途径",
            "每行一项，如政府公报、政府网站、本行政区域内发行的报纸",
        ),
    ),
    // 决策执行和调整
    ("StartExecutionInput", "startedOn", l("开始执行日期")),
    ("ReportExecutionInput", "summary", l("执行情况")),
    ("ReportIncidentInput", "kind", l("情形")),
    (
        "SuspendExecutionInput",
        "reason",
        h("紧急情况说明", "需要先行中止执行的紧急情况"),
    ),
    ("ResumeExecutionInput", "reason", l("恢复执行的理由")),
    ("StartPostEvaluationInput", "startedOn", l("启动评估日期")),
    (
        "ConcludePostEvaluationInput",
        "concludedOn",
        l("评估结论日期"),
    ),
    ("ConcludePostEvaluationInput", "conclusion", l("评估结论")),
    ("WithdrawDecisionInput", "reason", l("撤回理由")),
    ("ChangeDecisionInput", "reason", l("调整或者停止执行的理由")),
    ("AttachMaterialInput", "kind", l("材料类别")),
    // 账号和查询
    ("CreateAccountInput", "name", l("姓名")),
    ("CreateAccountInput", "unit", l("所在单位")),
    ("DeadlineFilter", "kind", l("期限类别")),
    (
        "DeadlineFilter",
        "unit",
        h("责任单位", "执行情况报告为决策执行单位，其他为牵头承办单位"),
    ),
    ("HearingParticipantInput", "name", l("姓名")),
];

/// Fields by name alone: what a name means wherever no entry of [`BY_ACT`] says otherwise.
const BY_NAME: &[(&str, Label)] = &[
    // Every act on a decision or a catalogue; the form fills these in itself.
    ("decisionId", l("决策事项编号")),
    ("expectedVersion", l("版本号")),
    ("idempotencyKey", l("幂等键")),
    ("catalogueId", l("目录编号")),
    // 年度决策事项目录
    ("year", l("年度")),
    ("itemId", l("目录事项编号")),
    ("submissionId", l("申报编号")),
    ("submittedOn", l("申报日期")),
    (
        "amended",
        h(
            "修改后的事项",
            "采纳时修改申报内容的填写，并在修改说明中写明",
        ),
    ),
    ("name", l("决策事项名称")),
    ("basisAndContent", l("决策依据及主要内容")),
    ("publicConsultation", l("拟公开征求意见")),
    ("hearing", l("拟召开听证会")),
    ("expertArgumentation", l("拟组织专家论证")),
    ("riskAssessment", l("拟开展风险评估")),
    ("plannedTime", h("计划决策时间", "年月，如 2025-06")),
    ("remarks", l("备注")),
    ("carriedOn", l("结转日期")),
    ("rejectedOn", l("不予采纳日期")),
    ("consentedOn", l("同级党委同意日期")),
    (
        "reference",
        h("同意文件或会议", "如 区委常委会2025年第5次会议"),
    ),
    (
        "csv",
        h("目录CSV", "本系统导出的目录CSV；有一行有误即全部不导入"),
    ),
    ("importedOn", l("导入日期")),
    // 决策启动
    ("category", l("决策事项类别")),
    (
        "nature",
        h(
            "事项性质",
            "宏观调控、政府立法、突发事件应急处置决策不适用本条例",
        ),
    ),
    ("source", l("建议来源")),
    (
        "sourceStatement",
        h("建议的论证", "所属部门或者下一级人民政府提出的建议应当论证"),
    ),
    ("problem", l("拟解决的主要问题")),
    ("reasonsAndBasis", l("建议理由和依据")),
    ("preliminaryPlan", l("解决问题的初步方案")),
    ("necessityAndFeasibility", l("必要性、可行性")),
    ("flags", l("决策事项标记")),
    ("nonDisclosable", l("依法不予公开")),
    ("professionalTechnical", l("专业性、技术性较强")),
    ("stabilityImpact", l("可能影响社会稳定、公共安全")),
    ("affectsMarketEntities", l("涉及市场主体经济活动")),
    ("affectsSpecificGroup", l("涉及特定群体利益")),
    ("exploratoryReform", l("国家尚无明确规定的探索性改革")),
    ("congressReportRequired", l("出台前应向人大常委会报告")),
    ("normativeDocument", l("以规范性文件形式发布")),
    (
        "affectsOtherUnits",
        h(
            "涉及其他单位职责",
            "涉及所属部门、下一级人民政府等单位的职责，或者与其关系紧密",
        ),
    ),
    (
        "amends",
        h(
            "所调整或停止的决策编号",
            "调整或者停止执行已作出的决策时填写",
        ),
    ),
    ("proposedOn", l("提出日期")),
    (
        "catalogueItemId",
        h(
            "年度目录事项编号",
            "列入年度决策事项目录的填写；未列入的，说明理由",
        ),
    ),
    (
        "outsideCatalogueReason",
        h("未列入目录的理由", "未列入年度决策事项目录的填写"),
    ),
    ("leadUnit", l("牵头承办单位")),
    ("startedOn", l("启动日期")),
    ("coUnits", h("协办单位", EACH_LINE)),
    (
        "organDecision",
        h("启动决定", "如 区政府常务会议研究决定启动"),
    ),
    // 草案拟订
    ("revisedOn", l("成稿日期")),
    ("text", l("草案正文")),
    ("explanation", l("起草说明")),
    ("changeNote", l("修改说明")),
    ("consultedOn", l("协商日期")),
    ("units", h("协商单位", EACH_LINE)),
    ("agreed", l("取得一致意见")),
    ("dispute", l("争议情况")),
    ("mainIssues", l("争议的主要问题")),
    ("unitsOpinions", l("有关单位的意见")),
    ("sponsorOpinion", l("承办单位的意见、理由和依据")),
    ("analysedOn", l("分析日期")),
    ("costBenefit", l("成本效益分析")),
    ("options", h("备选方案", EACH_LINE)),
    ("correctedOn", l("更正日期")),
    ("flag", l("更正的标记")),
    ("value", h("更正为适用", "不勾选即更正为不适用")),
    // 公众参与
    (
        "endsOn",
        h("征求意见截止日期", "期限一般不少于30日，最后一日至24时届满"),
    ),
    (
        "channels",
        h("公布途径", "每行一项，如政府网站、政务新媒体、报刊"),
    ),
    ("howToComment", l("提出意见的方式")),
    (
        "groupsConsulted",
        h(
            "听取意见的群体组织或代表",
            "每行一项；涉及特定群体利益的填写",
        ),
    ),
    ("closedOn", l("结束日期")),
    ("body", l("意见内容")),
    ("commenter", h("姓名或单位", "不公开")),
    ("contact", h("联系方式", "仅用于联系提出人，不公开")),
    (
        "commentId",
        h("意见编号", "公众意见或者登记的意见（R-1 等）"),
    ),
    (
        "commentIds",
        h(
            "意见编号",
            "每行一项，至少两条：公众意见或者登记的意见（R-1 等）",
        ),
    ),
    ("outcome", l("处理结果")),
    ("receivedOn", l("收到日期")),
    ("channel", l("收到途径")),
    ("author", l("提出人")),
    ("hearingOn", l("听证日期")),
    ("place", l("听证地点")),
    ("selectionMethod", h("遴选办法", "需要遴选听证参加人的填写")),
    ("participants", l("听证参加人")),
    (
        "materialsDeliveredOn",
        h(
            "材料送达日期",
            "听证会材料应当于召开听证会7日前送达听证参加人",
        ),
    ),
    ("recordSummary", l("听证会记录摘要")),
    ("represents", l("代表的群体或组织")),
    ("signedRecord", l("已确认听证会记录并签字")),
    // 专家论证
    ("method", l("论证方式")),
    ("organizer", l("组织单位")),
    ("opinions", l("专家论证意见")),
    ("expert", l("专家或专业机构")),
    (
        "institution",
        h("专业机构", "勾选：专业机构而非个人，其论证意见还应当盖章"),
    ),
    ("interestDeclaration", l("利害关系声明")),
    (
        "hasDirectInterest",
        h("与决策事项有直接利害关系", "有直接利害关系的，不得参与论证"),
    ),
    ("signed", l("已署名")),
    ("sealed", l("已盖章")),
    // 风险评估
    ("assessedOn", l("评估日期")),
    ("assessingUnit", h("评估单位", "可以是受委托的第三方")),
    ("riskPoints", h("风险点", EACH_LINE)),
    ("measures", h("风险防范措施", EACH_LINE)),
    ("responsePlan", l("处置预案")),
    ("departmentsHeard", h("听取意见的部门", EACH_LINE)),
    (
        "priorAssessment",
        h(
            "已作的评估",
            "按有关规定已作评价、评估的，写明出处，不作重复评估",
        ),
    ),
    // 公平竞争审查
    ("reviewedOn", l("审查日期")),
    ("reviewingUnit", l("审查单位")),
    // 标记程序无需开展
    ("track", l("无需开展的程序")),
    ("basis", l("无需开展的依据")),
    // 合法性审查
    (
        "procedureStatement",
        h("履行决策法定程序的说明", "不填则根据过程记录生成"),
    ),
    ("materials", l("需补充的材料")),
    ("acceptedOn", l("受理日期")),
    ("suppliedOn", l("补充日期")),
    (
        "counselAccountId",
        h("法律顾问、公职律师账号", "本决策机关的法律顾问、公职律师"),
    ),
    ("affiliation", l("所在律师事务所或单位")),
    ("assignedOn", l("指派日期")),
    ("givenOn", l("出具日期")),
    ("returnedOn", l("退回日期")),
    (
        "authorityFinding",
        h("权限审查结论", "决策事项是否符合法定权限"),
    ),
    (
        "procedureFinding",
        h("程序审查结论", "决策草案的形成是否履行相关法定程序"),
    ),
    (
        "contentFinding",
        h(
            "内容审查结论",
            "是否符合有关法律、法规、规章和国家政策的规定",
        ),
    ),
    ("requiredRevisions", l("修改意见")),
    (
        "riskStatement",
        h("法律风险提示", "探索性改革决策事项明示法律风险的填写"),
    ),
    ("opinionNumber", l("审查意见书文号")),
    // 集体讨论决定
    ("heldOn", l("会议日期")),
    ("session", h("会次", "如 区政府第12次常务会议")),
    ("draftVersion", h("讨论的草案版本", "第几稿；须为当前稿")),
    ("attendance", l("出席情况")),
    ("members", h("会议组成人员人数", "含行政首长")),
    ("present", h("出席人数", "含行政首长")),
    (
        "speeches",
        h("会议发言", "按发言顺序，每位出席人员一条；行政首长最后发言"),
    ),
    ("speaker", l("发言人")),
    ("isHead", l("发言人为行政首长")),
    ("position", l("意见")),
    ("statement", h("发言内容", "不同意的，如实记录原话")),
    (
        "headReason",
        h(
            "行政首长说明的理由",
            "行政首长的决定与多数人意见不一致的，记录其在会上说明的理由",
        ),
    ),
    ("reportedOn", l("报告日期")),
    ("recipient", l("报告对象")),
    // 决策公布和备案
    ("publishedOn", l("公布日期")),
    ("documentNumber", l("文号")),
    (
        "opinionExplanation",
        h("意见采纳情况说明", "公众意见、专家论证意见的采纳情况"),
    ),
    (
        "nonDisclosureBasis",
        h("不予公开的依据", "依法不予公开的填写"),
    ),
    ("filedOn", l("备案日期")),
    ("authority", h("备案机关", "本地规定的备案机关之一")),
    ("receiptNumber", l("备案回执号")),
    ("reviewResult", h("备案审查结果", "备案机关已答复的填写")),
    ("result", l("备案审查结果")),
    ("answeredOn", l("答复日期")),
    // 决策执行和调整
    ("executingUnit", l("决策执行单位")),
    ("completed", l("已执行完毕")),
    ("description", l("情况说明")),
    ("suspendedOn", l("中止执行日期")),
    (
        "incidentNumber",
        h(
            "关联的执行问题编号",
            "已报告的执行中的问题、重大变化或者不可抗力",
        ),
    ),
    (
        "onBehalfOf",
        h("行政首长账号", "政府办公室代为登记行政首长的决定时填写"),
    ),
    ("resumedOn", l("恢复执行日期")),
    ("trigger", l("启动情形")),
    ("triggerExplanation", l("启动情形说明")),
    (
        "evaluator",
        h("评估单位", "决策作出前承担主要论证评估工作的单位除外"),
    ),
    ("recommendation", l("评估建议")),
    ("withdrawnOn", l("撤回日期")),
    ("changedOn", l("调整或者停止执行日期")),
    (
        "byDecisionId",
        h("新决策编号", "以本决策为调整对象、已经集体讨论通过的新决策"),
    ),
    ("archivedOn", l("归档日期")),
    // 督办
    ("issuedOn", l("督办日期")),
    ("deadline", h("逾期的期限", "已经逾期、尚未办理的期限")),
    ("due", h("原到期日期", "该期限原定的到期日期")),
    ("newDate", h("新的办理期限", "应晚于督办日期")),
    ("requirement", l("督办要求")),
    // 材料
    ("note", l("说明")),
    ("dated", h("材料日期", "材料形成或者收到的日期")),
    // 账号和查询
    ("roles", h("角色", "至少一个；办理时按所列顺序使用")),
    ("expiresOn", h("有效期至", "不填则长期有效，直至注销")),
    ("accountId", l("账号")),
    ("overdue", h("只看逾期的期限", "含逾期办结的")),
    ("dueBefore", l("到期日期早于")),
    ("organ", l("决策机关")),
    ("stage", l("所处阶段")),
];

const ENUMS: &[(&str, &[(&str, &str)])] = &[
    (
        "ArgumentationMethod",
        &[
            ("MEETING", "论证会"),
            ("WRITTEN_CONSULTATION", "书面咨询"),
            ("COMMISSIONED", "委托咨询论证"),
        ],
    ),
    (
        "CatalogueStep",
        &[
            ("DRAFTING", "起草中"),
            ("DISCUSSED", "已经常务会议讨论"),
            ("CONSENTED", "已经同级党委同意"),
        ],
    ),
    // The five of Art. 3(1), and the seven of 河南省人民政府令第210号 Art. 3; a profile uses one
    // list or the other, but a form may offer both, so the Henan ones say whose they are.
    (
        "Category",
        &[
            ("NATIONAL_PUBLIC_POLICY", "重大公共政策和措施"),
            (
                "NATIONAL_DEVELOPMENT_PLAN",
                "经济和社会发展等方面的重要规划",
            ),
            (
                "NATIONAL_RESOURCES",
                "自然资源和文化资源开发利用、保护政策措施",
            ),
            ("NATIONAL_PUBLIC_CONSTRUCTION", "重大公共建设项目"),
            ("NATIONAL_OTHER", "其他重大事项"),
            (
                "HENAN_PUBLIC_SERVICE",
                "公共服务方面的重大公共政策和措施（河南）",
            ),
            (
                "HENAN_MARKET_SOCIAL_ENVIRONMENT",
                "市场监管、社会管理、环境保护方面的重大公共政策和措施（河南）",
            ),
            (
                "HENAN_NATURAL_RESOURCES",
                "开发利用、保护重要自然资源的重大公共政策和措施（河南）",
            ),
            (
                "HENAN_CULTURAL_RESOURCES",
                "开发利用、保护重要文化资源的重大公共政策和措施（河南）",
            ),
            ("HENAN_PLAN", "经济和社会发展等方面的重要规划（河南）"),
            ("HENAN_PUBLIC_CONSTRUCTION", "重大公共建设项目（河南）"),
            ("HENAN_OTHER", "其他重大事项（河南）"),
        ],
    ),
    (
        "ChangeKind",
        &[
            ("ADDED", "新增"),
            ("CHANGED", "调整"),
            ("WITHDRAWN", "撤销"),
        ],
    ),
    (
        "CounselKind",
        &[("LEGAL_ADVISER", "法律顾问"), ("PUBLIC_LAWYER", "公职律师")],
    ),
    (
        "DeadlineDirection",
        &[("BY", "截止日期"), ("NOT_BEFORE", "最早日期")],
    ),
    (
        "DeadlineKind",
        &[
            ("CONSULTATION_END", "公开征求意见期限届满"),
            ("HEARING_MATERIALS", "听证会材料送达"),
            ("EARLIEST_MEETING", "提请集体讨论的最早日期"),
            ("FILING", "决策备案"),
            ("EXECUTION_REPORT", "报告执行情况"),
            ("CATALOGUE_PLANNED_TIME", "目录事项计划决策时间"),
        ],
    ),
    (
        "DeadlineStatus",
        &[
            ("OPEN", "未到期"),
            ("MET", "按期办结"),
            ("MET_LATE", "逾期办结"),
            ("OVERDUE", "逾期"),
            ("REACHED", "已到最早日期"),
            ("UNCOMPUTABLE", "暂无法计算"),
        ],
    ),
    (
        "DeskStatus",
        &[
            ("AWAITING_INTAKE", "待受理"),
            ("AWAITING_MATERIALS", "待补充材料"),
            ("AWAITING_ASSIGNMENT", "待指派法律顾问、公职律师"),
            ("AWAITING_OPINION", "待提出法律意见"),
            ("READY_TO_CONCLUDE", "可以出具审查意见"),
            ("ENDED", "已办结"),
        ],
    ),
    (
        "DispositionOutcome",
        &[
            ("ADOPTED", "采纳"),
            ("PARTLY_ADOPTED", "部分采纳"),
            ("NOT_ADOPTED", "不予采纳"),
        ],
    ),
    (
        "DocumentKind",
        &[
            ("DRAFT_TEXT", "决策草案及其说明"),
            ("CONSULTATION_ADOPTION", "公众意见研究采纳情况"),
            ("HEARING_RECORD", "听证会记录"),
            ("EXPERT_OPINION", "专家论证意见"),
            ("RISK_REPORT", "风险评估报告"),
            ("FAIR_COMPETITION_REVIEW", "公平竞争审查材料"),
            ("LEGAL_OPINION", "法律顾问、公职律师法律意见"),
            ("REVIEW_OPINION", "合法性审查意见书"),
            ("MEETING_MINUTES", "集体讨论会议纪要"),
            ("PUBLISHED_TEXT", "决策公布文本"),
            ("FILING_REPORT", "备案报告"),
            ("EXECUTION_REPORT", "决策执行情况报告"),
            ("EVALUATION_REPORT", "决策后评估报告"),
            ("OTHER", "其他材料"),
        ],
    ),
    (
        "EvaluationTrigger",
        &[
            ("BELOW_EXPECTED_EFFECT", "实施后明显未达到预期效果"),
            ("MANY_PUBLIC_OPINIONS", "公民、法人或者其他组织提出较多意见"),
            ("ORGAN_DEEMS_NECESSARY", "决策机关认为有必要"),
        ],
    ),
    (
        "FairCompetitionConclusion",
        &[
            ("NO_RESTRICTION", "不具有排除、限制竞争效果"),
            ("RESTRICTION_REMOVED", "经调整已消除排除、限制竞争效果"),
        ],
    ),
    (
        "Flag",
        &[
            ("NON_DISCLOSABLE", "依法不予公开"),
            ("PROFESSIONAL_TECHNICAL", "专业性、技术性较强"),
            ("STABILITY_IMPACT", "可能影响社会稳定、公共安全"),
            ("AFFECTS_MARKET_ENTITIES", "涉及市场主体经济活动"),
            ("AFFECTS_SPECIFIC_GROUP", "涉及特定群体利益"),
            ("EXPLORATORY_REFORM", "国家尚无明确规定的探索性改革"),
            ("CONGRESS_REPORT_REQUIRED", "出台前应向人大常委会报告"),
            ("NORMATIVE_DOCUMENT", "以规范性文件形式发布"),
            ("AFFECTS_OTHER_UNITS", "涉及其他单位职责"),
        ],
    ),
    (
        "IncidentKind",
        &[
            ("PROBLEM", "决策存在问题"),
            ("MAJOR_CHANGE", "客观情况发生重大变化"),
            ("FORCE_MAJEURE", "不可抗力"),
        ],
    ),
    (
        "ItemChangeKind",
        &[
            ("ADDED", "新增"),
            ("CHANGED", "调整"),
            ("WITHDRAWN", "撤销"),
        ],
    ),
    (
        "ItemOutcome",
        &[
            ("DECIDED", "已决策"),
            ("IN_PROGRESS", "正在推进"),
            ("CARRIED_OVER", "结转下一年度"),
            ("WITHDRAWN", "已撤销"),
        ],
    ),
    (
        "MatterKind",
        &[
            ("PUBLIC_POLICY", "重大公共政策和措施"),
            ("PLAN", "重要规划"),
            ("RESOURCES", "自然资源和文化资源开发利用、保护政策措施"),
            ("CONSTRUCTION", "重大公共建设项目"),
            ("OTHER", "其他重大事项"),
        ],
    ),
    (
        "MatterNature",
        &[
            ("ORDINARY", "重大行政决策事项"),
            ("MACRO_CONTROL", "宏观调控决策"),
            ("GOVERNMENT_LEGISLATION", "政府立法决策"),
            ("EMERGENCY_RESPONSE", "突发事件应急处置决策"),
        ],
    ),
    (
        "MeetingKind",
        &[
            ("EXECUTIVE", "常务会议"),
            ("PLENARY", "全体会议"),
            ("SPECIAL_TOPIC", "专题会议"),
            ("HEAD_OFFICE", "行政首长办公会"),
        ],
    ),
    (
        "MeetingOutcome",
        &[
            ("ADOPTED", "通过"),
            ("NOT_ADOPTED", "不予通过"),
            ("DEFERRED", "暂缓，另行讨论"),
            ("RETURNED_FOR_REDRAFTING", "退回修改"),
        ],
    ),
    (
        "OpinionChannel",
        &[
            ("LETTER", "信函"),
            ("EMAIL", "电子邮件"),
            ("PHONE", "电话"),
            ("SYMPOSIUM", "座谈会"),
            ("ONLINE_ELSEWHERE", "其他网络平台留言"),
            ("VISIT", "实地走访"),
            ("OTHER", "其他途径"),
        ],
    ),
    (
        "Position",
        &[
            ("AGREE", "同意"),
            ("DISAGREE", "不同意"),
            ("ABSTAIN", "弃权"),
        ],
    ),
    (
        "ProposalSource",
        &[
            ("ORGAN_LEADER", "决策机关领导人员"),
            (
                "DEPARTMENT_OR_LOWER_GOVERNMENT",
                "决策机关所属部门或者下一级人民政府",
            ),
            ("DEPUTIES_AND_MEMBERS", "人大代表、政协委员"),
            ("PUBLIC", "公民、法人或者其他组织"),
        ],
    ),
    (
        "Recommendation",
        &[
            ("CONTINUE", "继续执行"),
            ("ADJUST", "调整"),
            ("TERMINATE", "停止执行"),
        ],
    ),
    (
        "ReminderThreshold",
        &[
            ("BEFORE", "到期预警"),
            ("PASSED", "逾期提醒"),
            ("SUPERVISION", "督办"),
        ],
    ),
    (
        "ReviewConclusion",
        &[
            ("LAWFUL", "合法"),
            ("LAWFUL_WITH_REVISIONS", "修改后合法"),
            ("UNLAWFUL", "不合法"),
            ("LEGAL_RISK_DISCLOSED", "明示法律风险"),
        ],
    ),
    (
        "RiskConclusion",
        &[
            ("CONTROLLABLE", "风险可控"),
            ("UNCONTROLLABLE", "风险不可控"),
        ],
    ),
    (
        "Role",
        &[
            ("SECRETARIAT", "政府办公室"),
            ("SPONSOR", "决策承办单位"),
            ("REVIEW_OFFICE", "合法性审查部门"),
            ("COUNSEL", "法律顾问、公职律师"),
            ("HEAD", "行政首长"),
            ("AUDITOR", "监督审计"),
            ("ADMIN", "系统管理员"),
            ("SYSTEM", "系统"),
        ],
    ),
    (
        "Stage",
        &[
            ("PROPOSED", "已提出"),
            ("DRAFTING", "草案拟订"),
            ("LEGALITY_REVIEW", "合法性审查"),
            ("AWAITING_DISCUSSION", "待集体讨论"),
            ("ADOPTED", "已通过"),
            ("PUBLISHED", "已公布"),
            ("IN_EXECUTION", "执行中"),
            ("SUSPENDED", "中止执行"),
            ("POST_EVALUATION", "决策后评估"),
            ("REJECTED", "未通过"),
            ("WITHDRAWN", "已撤回"),
            ("TERMINATED", "已停止执行"),
            ("ADJUSTED", "已调整"),
            ("ARCHIVED", "已归档"),
        ],
    ),
    (
        "StatisticsCounted",
        &[("DECISIONS", "决策事项"), ("CATALOGUE_ITEMS", "目录事项")],
    ),
    (
        "SubmissionKind",
        &[
            ("ADD", "新增事项"),
            ("AMEND", "调整事项"),
            ("WITHDRAW", "撤销事项"),
        ],
    ),
    (
        "SubmissionStatus",
        &[
            ("PENDING", "待处理"),
            ("ACCEPTED", "已采纳"),
            ("REJECTED", "不予采纳"),
        ],
    ),
    (
        "Track",
        &[
            ("PUBLIC_PARTICIPATION", "公众参与"),
            ("EXPERT_ARGUMENTATION", "专家论证"),
            ("RISK_ASSESSMENT", "风险评估"),
            ("FAIR_COMPETITION_REVIEW", "公平竞争审查"),
        ],
    ),
    (
        "TrackStatus",
        &[
            ("PENDING", "未开展"),
            ("IN_PROGRESS", "进行中"),
            ("DONE", "已完成"),
            ("NOT_REQUIRED", "无需开展"),
        ],
    ),
    (
        "Visibility",
        &[("RECORD", "全部过程记录"), ("PUBLISHED", "仅公开的内容")],
    ),
];

/// Legends of the input types drawn inside another input's form; a list of them numbers each
/// row after its legend ("听证参加人 1"), so these name one row.
const GROUPS: &[(&str, &str)] = &[
    ("AttendanceInput", "出席情况"),
    ("CatalogueItemInput", "目录事项"),
    ("DisputeStatementInput", "争议情况"),
    ("ExpertOpinionInput", "专家或专业机构"),
    ("FlagsInput", "决策事项标记"),
    ("HearingParticipantInput", "听证参加人"),
    ("SourceStatementInput", "建议的论证"),
    ("SpeechInput", "发言"),
];

/// The label of input field `field` (GraphQL camelCase name, e.g. "receivedOn") of input type
/// `input` (e.g. "RecordOpinionInput"). A match on (input, field) first for the few fields whose
/// meaning differs by act, then on the field name alone. None when unknown.
pub fn field(input: &str, field: &str) -> Option<Label> {
    BY_ACT
        .iter()
        .find(|(i, f, _)| *i == input && *f == field)
        .map(|(_, _, label)| *label)
        .or_else(|| {
            BY_NAME
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, label)| *label)
        })
}

/// The Chinese name of value `value` (e.g. "LAWFUL") of GraphQL enum `enum_name` (e.g.
/// "ReviewConclusion"). None when unknown.
pub fn enum_value(enum_name: &str, value: &str) -> Option<&'static str> {
    ENUMS
        .iter()
        .find(|(e, _)| *e == enum_name)
        .and_then(|(_, values)| values.iter().find(|(v, _)| *v == value))
        .map(|(_, name)| *name)
}

/// The Chinese name of a GraphQL input object type used as a nested group (a fieldset legend),
/// e.g. "HearingParticipantInput" → "听证参加人". None when unknown.
pub fn group(input: &str) -> Option<&'static str> {
    GROUPS
        .iter()
        .find(|(i, _)| *i == input)
        .map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    const SCHEMA: &str = include_str!("../../schema.graphql");

    /// One field of an input type: its name and its type as written (`[String!]! `, `Date!`).
    struct InputField {
        name: String,
        ty: String,
    }

    /// The schema's input types with their fields, and its enums with their values.
    #[derive(Default)]
    struct Schema {
        inputs: BTreeMap<String, Vec<InputField>>,
        enums: BTreeMap<String, Vec<String>>,
    }

    impl Schema {
        /// A line scanner for the SDL the API prints: blocks open with `input X {` or
        /// `enum X {` and close with `}`; descriptions are `"""` blocks, skipped wherever they
        /// are.
        fn read() -> Schema {
            enum Block {
                None,
                Input(String),
                Enum(String),
            }
            let mut schema = Schema::default();
            let mut block = Block::None;
            let mut in_description = false;
            for line in SCHEMA.lines() {
                let trimmed = line.trim();
                if trimmed.starts_with("\"\"\"") {
                    let one_line = trimmed.len() > 6 && trimmed.ends_with("\"\"\"");
                    if !one_line {
                        in_description = !in_description;
                    }
                    continue;
                }
                if in_description || trimmed.is_empty() {
                    continue;
                }
                if trimmed == "}" {
                    block = Block::None;
                    continue;
                }
                match &block {
                    Block::None => {
                        let mut words = trimmed.split_whitespace();
                        let (kind, name) = (words.next(), words.next());
                        if let (Some(kind), Some(name), Some("{")) = (kind, name, words.next()) {
                            block = match kind {
                                "input" => Block::Input(name.to_owned()),
                                "enum" => Block::Enum(name.to_owned()),
                                _ => Block::None,
                            };
                            match &block {
                                Block::Input(n) => {
                                    schema.inputs.insert(n.clone(), Vec::new());
                                }
                                Block::Enum(n) => {
                                    schema.enums.insert(n.clone(), Vec::new());
                                }
                                Block::None => {}
                            }
                        }
                    }
                    Block::Input(input) => {
                        let (name, rest) = trimmed
                            .split_once(':')
                            .unwrap_or_else(|| panic!("a field line of {input}: {line}"));
                        let ty = rest.split(" =").next().unwrap_or(rest).trim();
                        schema
                            .inputs
                            .get_mut(input)
                            .expect("opened")
                            .push(InputField {
                                name: name.trim().to_owned(),
                                ty: ty.to_owned(),
                            });
                    }
                    Block::Enum(e) => {
                        let value = trimmed.split_whitespace().next().expect("not blank");
                        schema
                            .enums
                            .get_mut(e)
                            .expect("opened")
                            .push(value.to_owned());
                    }
                }
            }
            assert!(!in_description, "the schema ends inside a description");
            schema
        }

        /// The input types some other input has a field of.
        fn nested(&self) -> BTreeSet<String> {
            self.inputs
                .values()
                .flatten()
                .map(|f| named_type(&f.ty).to_owned())
                .filter(|t| self.inputs.contains_key(t))
                .collect()
        }
    }

    /// `[SpeechInput!]!` → `SpeechInput`.
    fn named_type(ty: &str) -> &str {
        ty.trim_matches(|c| c == '[' || c == ']' || c == '!')
    }

    #[test]
    fn the_scanner_reads_the_whole_schema() {
        let s = Schema::read();
        assert!(s.inputs.len() >= 60, "{} input types", s.inputs.len());
        assert!(s.enums.len() >= 30, "{} enums", s.enums.len());
        let opinion = &s.inputs["RecordOpinionInput"];
        assert!(
            opinion
                .iter()
                .any(|f| f.name == "receivedOn" && f.ty == "Date!")
        );
        assert!(s.enums["ReviewConclusion"].contains(&"LAWFUL".to_owned()));
        assert!(s.nested().contains("SpeechInput"));
    }

    #[test]
    fn every_field_enum_value_and_group_of_the_schema_has_chinese_words() {
        let s = Schema::read();
        let mut missing = Vec::new();
        for (input, fields) in &s.inputs {
            for f in fields {
                if field(input, &f.name).is_none() {
                    missing.push(format!("field {input}.{}", f.name));
                }
            }
        }
        for (e, values) in &s.enums {
            for v in values {
                if enum_value(e, v).is_none() {
                    missing.push(format!("enum value {e}.{v}"));
                }
            }
        }
        for input in s.nested() {
            if group(&input).is_none() {
                missing.push(format!("group {input}"));
            }
        }
        assert!(
            missing.is_empty(),
            "no Chinese words for {} of the schema's names:\n{}",
            missing.len(),
            missing.join("\n")
        );
    }

    #[test]
    fn every_entry_names_something_the_schema_has() {
        let s = Schema::read();
        let has_field = |input: &str, name: &str| {
            s.inputs
                .get(input)
                .is_some_and(|fs| fs.iter().any(|f| f.name == name))
        };
        let mut stale = Vec::new();
        for (input, name, _) in BY_ACT {
            if !has_field(input, name) {
                stale.push(format!("field {input}.{name}"));
            }
        }
        for (name, _) in BY_NAME {
            // A field name's plain words are used only where no act overrides them.
            let used = s.inputs.iter().any(|(input, fs)| {
                fs.iter().any(|f| f.name == *name)
                    && !BY_ACT.iter().any(|(i, n, _)| i == input && n == name)
            });
            if !used {
                stale.push(format!("field name {name}"));
            }
        }
        for (e, values) in ENUMS {
            for (v, _) in *values {
                if !s.enums.get(*e).is_some_and(|vs| vs.iter().any(|x| x == v)) {
                    stale.push(format!("enum value {e}.{v}"));
                }
            }
        }
        let nested = s.nested();
        for (input, _) in GROUPS {
            if !nested.contains(*input) {
                stale.push(format!("group {input}"));
            }
        }
        assert!(
            stale.is_empty(),
            "words for names the schema no longer has (or never uses):\n{}",
            stale.join("\n")
        );
    }

    #[test]
    fn words_by_act_are_for_names_several_inputs_share() {
        let s = Schema::read();
        let lone: Vec<String> = BY_ACT
            .iter()
            .filter(|(_, name, _)| {
                s.inputs
                    .values()
                    .filter(|fs| fs.iter().any(|f| f.name == *name))
                    .count()
                    < 2
            })
            .map(|(input, name, _)| format!("{input}.{name}"))
            .collect();
        assert!(
            lone.is_empty(),
            "only one input has these names; give them by name: {lone:?}"
        );
    }

    #[test]
    fn no_name_is_given_words_twice() {
        let mut seen = BTreeSet::new();
        let mut twice = Vec::new();
        let keys =
            BY_ACT
                .iter()
                .map(|(i, f, _)| format!("{i}.{f}"))
                .chain(BY_NAME.iter().map(|(f, _)| format!("*.{f}")))
                .chain(ENUMS.iter().map(|(e, _)| format!("enum {e}")))
                .chain(GROUPS.iter().map(|(g, _)| format!("group {g}")))
                .chain(ENUMS.iter().flat_map(|(e, vs)| {
                    vs.iter().map(move |(v, _)| format!("enum value {e}.{v}"))
                }));
        for key in keys {
            if !seen.insert(key.clone()) {
                twice.push(key);
            }
        }
        assert!(twice.is_empty(), "given twice: {twice:?}");
    }

    #[test]
    fn a_list_of_text_says_one_item_a_line() {
        let s = Schema::read();
        let mut silent = Vec::new();
        for (input, fields) in &s.inputs {
            for f in fields {
                let of_text = matches!(named_type(&f.ty), "String" | "ID");
                if f.ty.starts_with('[') && of_text {
                    let hint = field(input, &f.name).and_then(|l| l.hint);
                    if !hint.is_some_and(|h| h.starts_with("每行一")) {
                        silent.push(format!("{input}.{}", f.name));
                    }
                }
            }
        }
        assert!(
            silent.is_empty(),
            "a textarea of items without the hint \"每行一项\": {silent:?}"
        );
    }

    #[test]
    fn the_values_of_an_enum_read_apart() {
        for (e, values) in ENUMS {
            let names: BTreeSet<&str> = values.iter().map(|(_, n)| *n).collect();
            assert_eq!(names.len(), values.len(), "{e} offers two values alike");
        }
    }
}
