//! `decision-engine demo`: the 平桥区 demo data of PROCEDURE.md §7, so a new user opens GraphiQL
//! on a living system — decisions at every stage, each taken there through the real API (the
//! same GraphQL operations a client sends), by accounts of the units that do each act.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::{Context as _, bail};
use chrono::{Days, NaiveDate};
use serde_json::{Value, json};

use crate::graphql::{AppSchema, build_schema};
use crate::procedure::{DocumentKind, Role};
use crate::service::{Caller, Service};
use crate::store::NewAccount;

/// The district government, and a township that decides by the same procedure (Art. 42): its
/// officials see the district's published decisions and none of its drafts, and the reverse.
const DISTRICT: &str = "平桥区人民政府";
const TOWNSHIP: &str = "平桥区明港镇人民政府";

/// The demo's accounts: (key, name, organ, unit, roles).
const ACCOUNTS: [(&str, &str, &str, &str, &[Role]); 15] = [
    (
        "office",
        "秘书科",
        DISTRICT,
        "平桥区人民政府办公室",
        &[Role::Secretariat],
    ),
    ("head", "区长", DISTRICT, "平桥区人民政府", &[Role::Head]),
    (
        "review",
        "合法性审查科",
        DISTRICT,
        "平桥区司法局",
        &[Role::ReviewOffice],
    ),
    (
        "lawyer",
        "公职律师",
        DISTRICT,
        "平桥区司法局",
        &[Role::Counsel],
    ),
    (
        "adviser",
        "法律顾问",
        DISTRICT,
        "河南天中律师事务所",
        &[Role::Counsel],
    ),
    (
        "audit",
        "审计监督科",
        DISTRICT,
        "平桥区审计局",
        &[Role::Auditor],
    ),
    (
        "housing",
        "住建局综合科",
        DISTRICT,
        "平桥区住房和城乡建设局",
        &[Role::Sponsor],
    ),
    (
        "water",
        "规划科",
        DISTRICT,
        "平桥区水利局",
        &[Role::Sponsor],
    ),
    (
        "farm",
        "发展规划科",
        DISTRICT,
        "平桥区农业农村局",
        &[Role::Sponsor],
    ),
    (
        "ecology",
        "生态环境分局综合科",
        DISTRICT,
        "信阳市生态环境局平桥分局",
        &[Role::Sponsor],
    ),
    (
        "civil",
        "基层政权科",
        DISTRICT,
        "平桥区民政局",
        &[Role::Sponsor],
    ),
    (
        "transport",
        "建设科",
        DISTRICT,
        "平桥区交通运输局",
        &[Role::Sponsor],
    ),
    (
        "town_office",
        "党政综合办公室",
        TOWNSHIP,
        "明港镇党政综合办公室",
        &[Role::Secretariat, Role::Head],
    ),
    (
        "town_review",
        "司法所",
        TOWNSHIP,
        "明港镇司法所",
        &[Role::ReviewOffice, Role::Counsel],
    ),
    (
        "town_farm",
        "农业服务中心",
        TOWNSHIP,
        "明港镇农业服务中心",
        &[Role::Sponsor],
    ),
];

struct Demo {
    schema: AppSchema,
    callers: BTreeMap<&'static str, Caller>,
}

fn input_type(mutation: &str) -> String {
    match mutation {
        "recordPartyCommitteeReport" | "recordCongressReport" => "RecordReportInput".into(),
        m => format!("{}{}Input", m[..1].to_uppercase(), &m[1..]),
    }
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .unwrap_or_else(|_| unreachable!("demo dates are literals"))
}

/// One decision being taken through the procedure.
struct Case {
    id: String,
    version: i64,
    sponsor: &'static str,
    lead_unit: &'static str,
}

impl Demo {
    async fn run(&self, who: &str, query: &str, variables: Value) -> anyhow::Result<Value> {
        let caller = self.callers.get(who).cloned().context("demo account")?;
        let req = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(variables))
            .data(caller);
        let resp = self.schema.execute(req).await;
        if let Some(e) = resp.errors.first() {
            bail!("{}: {}", query.lines().next().unwrap_or(query), e.message);
        }
        Ok(resp.data.into_json()?)
    }

    async fn propose(&self, c: (&'static str, &'static str), input: Value) -> anyhow::Result<Case> {
        let data = self
            .run(
                c.0,
                "mutation($input: ProposeDecisionInput!) { proposeDecision(input: $input) { id version } }",
                json!({ "input": input }),
            )
            .await?;
        Ok(Case {
            id: data["proposeDecision"]["id"]
                .as_str()
                .context("id")?
                .to_owned(),
            version: data["proposeDecision"]["version"]
                .as_i64()
                .context("version")?,
            sponsor: c.0,
            lead_unit: c.1,
        })
    }

    /// A catalogue act by `who`; returns the catalogue's new version and its submissions' ids.
    async fn catalogue(
        &self,
        who: &str,
        mutation: &str,
        input: Value,
    ) -> anyhow::Result<(i64, Vec<String>)> {
        let query = format!(
            "mutation($input: {}!) {{ {mutation}(input: $input) {{ version submissions {{ id }} }} }}",
            input_type(mutation)
        );
        let data = self.run(who, &query, json!({ "input": input })).await?;
        let version = data[mutation]["version"].as_i64().context("version")?;
        let ids = data[mutation]["submissions"]
            .as_array()
            .context("submissions")?
            .iter()
            .filter_map(|s| s["id"].as_str().map(str::to_owned))
            .collect();
        Ok((version, ids))
    }

    async fn act(
        &self,
        case: &mut Case,
        who: &str,
        mutation: &str,
        mut input: Value,
    ) -> anyhow::Result<()> {
        input["decisionId"] = json!(case.id);
        input["expectedVersion"] = json!(case.version);
        let query = format!(
            "mutation($input: {}!) {{ {mutation}(input: $input) {{ version }} }}",
            input_type(mutation)
        );
        let data = self.run(who, &query, json!({ "input": input })).await?;
        case.version = data[mutation]["version"].as_i64().context("version")?;
        Ok(())
    }

    /// A short text attached as a document of `kind` by `who`, dated on the last day of 2025.
    async fn attach(
        &self,
        service: &Service,
        case: &mut Case,
        who: &str,
        kind: DocumentKind,
        name: &str,
        text: &str,
    ) -> anyhow::Result<()> {
        let caller = self.callers.get(who).cloned().context("demo account")?;
        let mut spool = tempfile::tempfile()?;
        std::io::Write::write_all(&mut spool, text.as_bytes())?;
        let d = service
            .attach_material(
                &caller,
                None,
                &case.id,
                case.version,
                crate::service::Attachment {
                    kind,
                    dated: d("2025-12-31"),
                    note: None,
                },
                crate::service::Upload {
                    name: name.to_owned(),
                    file: tokio::fs::File::from_std(spool),
                },
                None,
            )
            .await?;
        case.version = d.version as i64;
        Ok(())
    }

    /// The drafting procedures, each run or lawfully marked not required, from `start` on.
    async fn draft(&self, c: &mut Case, start: NaiveDate, flags: &Value) -> anyhow::Result<()> {
        let on = |n: u64| (start + Days::new(n)).to_string();
        let s = c.sponsor;
        self.act(c, "office", "startProcedure", json!({"startedOn": on(0), "leadUnit": c.lead_unit, "organDecision": "区政府常务会议研究决定启动"})).await?;
        self.act(
            c,
            s,
            "reviseDraft",
            json!({"revisedOn": on(5), "text": "（决策草案正文）", "explanation": "起草说明"}),
        )
        .await?;
        self.act(c, s, "openPublicConsultation", json!({"openedOn": on(7), "endsOn": on(37), "channels": ["平桥区人民政府网站", "“平桥发布”政务新媒体"], "howToComment": "电子邮件、信函或登录区政府网站留言"})).await?;
        self.act(
            c,
            s,
            "closePublicConsultation",
            json!({"closedOn": on(38), "adoptionReport": "征求意见期间未收到书面意见"}),
        )
        .await?;
        if flags["professionalTechnical"] == true {
            self.act(c, s, "recordExpertArgumentation", json!({"heldOn": on(20), "method": "MEETING", "organizer": c.lead_unit,
                "opinions": [{"expert": "信阳师范大学 刘教授", "interestDeclaration": "与本事项无直接利害关系", "hasDirectInterest": false, "opinion": "方案总体可行，建议细化分期目标", "signed": true},
                             {"expert": "河南省水利勘测设计研究有限公司", "institution": true, "interestDeclaration": "未参与项目设计", "hasDirectInterest": false, "opinion": "技术路线可行", "signed": true, "sealed": true}],
                "adoptionReport": "专家意见均已研究采纳"})).await?;
        } else {
            self.act(c, s, "markTrackNotRequired", json!({"track": "EXPERT_ARGUMENTATION", "basis": "不属于专业性、技术性较强的事项（第十九条）"})).await?;
        }
        if flags["stabilityImpact"] == true {
            self.act(c, s, "recordRiskAssessment", json!({"assessedOn": on(25), "assessingUnit": "平桥区社会稳定风险评估中心",
                "riskPoints": ["群众利益诉求差异", "施工期间交通影响"], "measures": ["入户宣传解释", "分段施工"],
                "responsePlan": "成立应急处置工作专班", "departmentsHeard": ["区信访局", "区公安分局"], "conclusion": "CONTROLLABLE"})).await?;
        } else {
            self.act(c, s, "markTrackNotRequired", json!({"track": "RISK_ASSESSMENT", "basis": "不涉及社会稳定、公共安全等方面不利影响（第二十二条）"})).await?;
        }
        if flags["affectsMarketEntities"] == true {
            self.act(c, s, "recordFairCompetitionReview", json!({"reviewedOn": on(30), "reviewingUnit": "平桥区市场监督管理局", "conclusion": "NO_RESTRICTION", "summary": "未发现排除、限制竞争的内容"})).await?;
        } else {
            self.act(
                c,
                s,
                "markTrackNotRequired",
                json!({"track": "FAIR_COMPETITION_REVIEW", "basis": "不涉及市场主体经济活动"}),
            )
            .await?;
        }
        Ok(())
    }

    fn account_id(&self, who: &str) -> anyhow::Result<String> {
        match self.callers.get(who) {
            Some(Caller::Official(o)) => Ok(o.id.clone()),
            _ => bail!("no demo account {who}"),
        }
    }

    async fn review(&self, c: &mut Case, on: NaiveDate) -> anyhow::Result<()> {
        let s = c.sponsor;
        self.act(c, s, "requestLegalityReview", json!({"requestedOn": on.to_string(), "legalBasis": ["《重大行政决策程序暂行条例》", "《河南省重大行政决策程序规定》"]})).await?;
        let lawyer = self.account_id("lawyer")?;
        self.act(c, "review", "assignCounsel", json!({"assignedOn": (on + Days::new(1)).to_string(), "counselAccountId": lawyer, "kind": "PUBLIC_LAWYER", "affiliation": "平桥区司法局"})).await?;
        self.act(c, "lawyer", "submitLegalOpinion", json!({"givenOn": (on + Days::new(5)).to_string(), "kind": "PUBLIC_LAWYER", "opinion": "草案符合法定权限，程序完备，内容合法"})).await?;
        Ok(())
    }

    async fn conclude(&self, c: &mut Case, on: NaiveDate) -> anyhow::Result<()> {
        self.act(c, "review", "concludeLegalityReview", json!({"concludedOn": on.to_string(), "conclusion": "LAWFUL",
            "authorityFinding": "属于区政府法定职权", "procedureFinding": "已履行公众参与、专家论证、风险评估等程序", "contentFinding": "内容不违反法律、法规、规章和国家政策"})).await
    }

    async fn adopt(&self, c: &mut Case, on: NaiveDate, session: &str) -> anyhow::Result<()> {
        self.act(c, "office", "recordCollectiveDiscussion", json!({"heldOn": on.to_string(), "kind": "EXECUTIVE", "session": session, "draftVersion": 1,
            "attendance": {"members": 7, "present": 4},
            "speeches": [{"speaker": "常务副区长", "position": "AGREE", "statement": "同意"},
                         {"speaker": "副区长（分管）", "position": "AGREE", "statement": "同意，建议加强资金监管"},
                         {"speaker": "副区长", "position": "DISAGREE", "statement": "实施进度安排偏紧，建议延长一年"},
                         {"speaker": "区长", "isHead": true, "position": "AGREE", "statement": "原则通过，按讨论意见修改后印发"}],
            "outcome": "ADOPTED"})).await?;
        self.act(c, "office", "recordPartyCommitteeReport", json!({"reportedOn": (on + Days::new(2)).to_string(), "recipient": "中共信阳市平桥区委员会", "summary": "按规定请示报告"})).await
    }

    async fn publish(&self, c: &mut Case, on: NaiveDate, number: &str) -> anyhow::Result<()> {
        self.act(c, "office", "publishDecision", json!({"publishedOn": on.to_string(), "channels": ["平桥区人民政府网站", "平桥区人民政府公报"], "documentNumber": number, "opinionExplanation": "公众意见和专家论证意见采纳情况已随文说明"})).await
    }
}

/// Loads the demo and returns what to print: the decisions made and each account's token.
pub async fn load(service: Service) -> anyhow::Result<String> {
    if service.store().count().await? > 0 {
        bail!(
            "the database already holds decisions; the demo loads only into an empty one (use another --database-url)"
        );
    }
    let mut callers = BTreeMap::new();
    let mut tokens = Vec::new();
    for (key, name, organ, unit, roles) in ACCOUNTS {
        let (row, token) = service
            .store()
            .add_account(
                NewAccount {
                    name: name.into(),
                    organ: organ.into(),
                    unit: unit.into(),
                    roles: roles.to_vec(),
                    expires_at: None,
                },
                service.now(),
            )
            .await?;
        // A password of its own for each demo account, so that a new user signs in to the
        // workbench at once; random, so that a demo left running is not open to anyone.
        let password = demo_password();
        crate::service::set_password(service.store(), &row.official.id, password.clone()).await?;
        let roles: Vec<&str> = roles.iter().map(|r| crate::store::role_name(*r)).collect();
        tokens.push((roles.join(","), organ, unit, name, password, token));
        callers.insert(key, Caller::Official(row.official));
    }
    // The one case dated from the service's today, because its consultation must be open now;
    // the others carry fixed dates in 2025, whose intervals hold whatever today is (a test loads
    // the demo on several days, one beyond the shipped calendar).
    let t = service.today();
    let demo = Demo {
        schema: build_schema(service.clone()),
        callers,
    };
    let mut out = String::new();
    let plan = json!({"professionalTechnical": true, "stabilityImpact": true, "affectsMarketEntities": true, "normativeDocument": true});
    let plain = json!({});

    // The district's 2025 catalogue (Art. 3(3)): the units submit, the office accepts, the
    // executive meeting fixes it, the district Party committee consents, and it is published;
    // an adjustment in August withdraws one item and re-plans another.
    let items = catalogue_2025(&demo).await?;
    let item = |name: &str| -> anyhow::Result<String> {
        items
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, id)| id.clone())
            .with_context(|| format!("catalogue item {name}"))
    };

    // 1. 房票安置实施办法: adopted, published, filed, executed and evaluated (the district's post-evaluation).
    let mut c = demo.propose(("housing", "平桥区住房和城乡建设局"), json!({"catalogueItemId": item("平桥区房票安置实施办法")?, "title": "平桥区房票安置实施办法", "summary": "以房票方式对征收范围内被征收人进行安置",
        "category": "HENAN_PUBLIC_SERVICE", "source": "DEPARTMENT_OR_LOWER_GOVERNMENT", "legalBasis": ["《国有土地上房屋征收与补偿条例》"],
        "sourceStatement": {"problem": "安置房建设周期长", "reasonsAndBasis": "《国有土地上房屋征收与补偿条例》", "preliminaryPlan": "发放房票，被征收人自主购房", "necessityAndFeasibility": "减少过渡期，盘活存量商品房"},
        "flags": plan, "proposedOn": "2025-02-20"})).await?;
    demo.draft(&mut c, d("2025-03-01"), &plan).await?;
    demo.review(&mut c, d("2025-04-20")).await?;
    demo.conclude(&mut c, d("2025-05-04")).await?;
    demo.adopt(&mut c, d("2025-05-16"), "区政府第15次常务会议")
        .await?;
    demo.publish(&mut c, d("2025-05-25"), "平政〔2025〕9号")
        .await?;
    demo.act(&mut c, "office", "fileDecision", json!({"filedOn": "2025-06-10", "authority": "本级人民代表大会常务委员会", "receiptNumber": "平人大备〔2025〕3号"})).await?;
    demo.act(
        &mut c,
        "office",
        "startExecution",
        json!({"startedOn": "2025-06-01", "executingUnit": "平桥区住房和城乡建设局"}),
    )
    .await?;
    demo.act(
        &mut c,
        "housing",
        "reportExecution",
        json!({"reportedOn": "2025-09-30", "summary": "累计发放房票312张，安置群众1024人"}),
    )
    .await?;
    demo.act(&mut c, "office", "startPostEvaluation", json!({"startedOn": "2025-10-15", "trigger": "ORGAN_DEEMS_NECESSARY", "triggerExplanation": "依据《平桥区重大行政决策跟踪反馈和评估制度》开展评估", "evaluator": "信阳师范大学法学与社会学学院"})).await?;
    demo.act(&mut c, "office", "concludePostEvaluation", json!({"concludedOn": "2025-12-10", "conclusion": "政策总体达到预期效果，建议完善房票使用期限", "recommendation": "CONTINUE"})).await?;
    // Its file (Art. 33): every document its path formed, each attached by the office that
    // formed it, as short texts.
    for (who, kind, name, text) in [
        (
            "housing",
            DocumentKind::DraftText,
            "房票安置实施办法（草案）及起草说明.txt",
            "平桥区房票安置实施办法（草案）及其起草说明。",
        ),
        (
            "housing",
            DocumentKind::ConsultationAdoption,
            "公众意见研究采纳情况.txt",
            "公开征求意见期间收到的主要意见及其研究采纳情况。",
        ),
        (
            "housing",
            DocumentKind::ExpertOpinion,
            "专家论证意见.txt",
            "专家论证会书面论证意见（专家署名）。",
        ),
        (
            "housing",
            DocumentKind::RiskReport,
            "社会稳定风险评估报告.txt",
            "风险点、防范措施和处置预案。",
        ),
        (
            "housing",
            DocumentKind::FairCompetitionReview,
            "公平竞争审查表.txt",
            "经审查，不含排除、限制竞争的内容。",
        ),
        (
            "review",
            DocumentKind::ReviewOpinion,
            "合法性审查意见书.txt",
            "平司审〔2025〕12号：决策草案合法。",
        ),
        (
            "office",
            DocumentKind::MeetingMinutes,
            "区政府第15次常务会议纪要.txt",
            "会议讨论通过平桥区房票安置实施办法，不同意见如实载明。",
        ),
        (
            "office",
            DocumentKind::PublishedText,
            "平政〔2025〕9号.txt",
            "平桥区人民政府关于印发平桥区房票安置实施办法的通知。",
        ),
        (
            "office",
            DocumentKind::FilingReport,
            "备案报告.txt",
            "报送本级人民代表大会常务委员会备案的报告，平人大备〔2025〕3号。",
        ),
        (
            "office",
            DocumentKind::EvaluationReport,
            "决策后评估报告.txt",
            "政策总体达到预期效果，建议完善房票使用期限。",
        ),
    ] {
        demo.attach(&service, &mut c, who, kind, name, text).await?;
    }
    writeln!(out, "IN_EXECUTION\t{}\t平桥区房票安置实施办法", c.id)?;

    // 2. 城乡供水一体化项目: reviewed, waiting for the executive meeting.
    let mut c = demo.propose(("water", "平桥区水利局"), json!({"catalogueItemId": item("平桥区城乡供水一体化项目")?, "title": "平桥区城乡供水一体化项目", "summary": "建设覆盖全区的城乡一体化供水管网",
        "category": "HENAN_PUBLIC_CONSTRUCTION", "source": "ORGAN_LEADER", "legalBasis": ["《中华人民共和国水法》"], "flags": plan, "proposedOn": "2025-03-10"})).await?;
    demo.draft(&mut c, d("2025-03-20"), &plan).await?;
    demo.review(&mut c, d("2025-05-10")).await?;
    demo.conclude(&mut c, d("2025-05-22")).await?;
    writeln!(
        out,
        "AWAITING_DISCUSSION\t{}\t平桥区城乡供水一体化项目",
        c.id
    )?;

    // 3. 乡村产业振兴规划: under legality review, counsel's opinion in.
    let mut c = demo.propose(("farm", "平桥区农业农村局"), json!({"catalogueItemId": item("平桥区乡村产业振兴规划（2025—2028年）")?, "title": "平桥区乡村产业振兴规划（2025—2028年）", "summary": "茶叶、稻米、生猪等主导产业发展规划",
        "category": "HENAN_PLAN", "source": "DEPARTMENT_OR_LOWER_GOVERNMENT", "legalBasis": ["《中华人民共和国乡村振兴促进法》"],
        "sourceStatement": {"problem": "产业链条短", "reasonsAndBasis": "《乡村振兴促进法》", "preliminaryPlan": "三大产业集群", "necessityAndFeasibility": "已纳入区十四五规划"},
        "flags": {"professionalTechnical": true}, "proposedOn": "2025-04-03"})).await?;
    demo.draft(
        &mut c,
        d("2025-04-10"),
        &json!({"professionalTechnical": true}),
    )
    .await?;
    demo.review(&mut c, d("2025-06-01")).await?;
    writeln!(
        out,
        "LEGALITY_REVIEW\t{}\t平桥区乡村产业振兴规划（2025—2028年）",
        c.id
    )?;

    // 4. 声环境功能区划分方案: drafting, its consultation open now so the public can comment.
    let mut c = demo.propose(("ecology", "信阳市生态环境局平桥分局"), json!({"outsideCatalogueReason": "群众对城区夜间噪声反映集中，区政府决定年中启动，未列入年度目录", "title": "平桥区声环境功能区划分方案", "summary": "按功能划定城区声环境功能区",
        "category": "HENAN_MARKET_SOCIAL_ENVIRONMENT", "source": "DEPARTMENT_OR_LOWER_GOVERNMENT", "legalBasis": ["《中华人民共和国噪声污染防治法》"],
        "sourceStatement": {"problem": "功能区划分已不适应城区发展", "reasonsAndBasis": "《噪声污染防治法》第十四条", "preliminaryPlan": "划分四类功能区", "necessityAndFeasibility": "监测数据完备"},
        "flags": plain, "proposedOn": (t - Days::new(20)).to_string()})).await?;
    demo.act(&mut c, "office", "startProcedure", json!({"startedOn": (t - Days::new(18)).to_string(), "leadUnit": "信阳市生态环境局平桥分局"})).await?;
    demo.act(&mut c, "ecology", "reviseDraft", json!({"revisedOn": (t - Days::new(12)).to_string(), "text": "（声环境功能区划分方案征求意见稿）", "explanation": "编制说明"})).await?;
    demo.act(&mut c, "ecology", "openPublicConsultation", json!({"openedOn": (t - Days::new(10)).to_string(), "endsOn": (t + Days::new(20)).to_string(),
        "channels": ["平桥区人民政府网站"], "howToComment": "通过本系统提交意见，或发送电子邮件"})).await?;
    writeln!(
        out,
        "DRAFTING\t{}\t平桥区声环境功能区划分方案（正在公开征求意见）",
        c.id
    )?;

    // 5. 村民委员会设置调整: just proposed.
    let c = demo.propose(("civil", "平桥区民政局"), json!({"catalogueItemId": item("关于调整部分村民委员会设置的方案")?, "title": "关于调整部分村民委员会设置的方案", "summary": "撤并人口较少的行政村",
        "category": "HENAN_OTHER", "source": "DEPARTMENT_OR_LOWER_GOVERNMENT", "flags": {"affectsSpecificGroup": true, "stabilityImpact": true},
        "sourceStatement": {"problem": "部分村人口过少", "reasonsAndBasis": "《村民委员会组织法》第三条", "preliminaryPlan": "撤并12个村", "necessityAndFeasibility": "村民会议已讨论"},
        "proposedOn": "2025-07-12"})).await?;
    writeln!(out, "PROPOSED\t{}\t关于调整部分村民委员会设置的方案", c.id)?;

    // 6. 高速公路平桥段: adopted and published.
    let mut c = demo.propose(("transport", "平桥区交通运输局"), json!({"catalogueItemId": item("沪陕高速平桥段改扩建项目")?, "title": "沪陕高速平桥段改扩建项目", "summary": "配合省重点项目实施征迁和配套建设",
        "category": "HENAN_PUBLIC_CONSTRUCTION", "source": "ORGAN_LEADER", "legalBasis": ["《中华人民共和国公路法》"], "flags": plan, "proposedOn": "2025-03-01"})).await?;
    demo.draft(&mut c, d("2025-03-06"), &plan).await?;
    demo.review(&mut c, d("2025-04-25")).await?;
    demo.conclude(&mut c, d("2025-05-08")).await?;
    demo.adopt(&mut c, d("2025-05-16"), "区政府第15次常务会议")
        .await?;
    demo.publish(&mut c, d("2025-05-26"), "平政〔2025〕10号")
        .await?;
    writeln!(out, "PUBLISHED\t{}\t沪陕高速平桥段改扩建项目", c.id)?;

    // 7. 景区总体规划: withdrawn before adoption.
    let mut c = demo.propose(("housing", "平桥区住房和城乡建设局"), json!({"catalogueItemId": item("震雷山风景区总体规划")?, "title": "震雷山风景区总体规划", "summary": "风景区总体规划编制",
        "category": "HENAN_PLAN", "source": "ORGAN_LEADER", "flags": plain, "proposedOn": "2025-05-05"})).await?;
    demo.act(
        &mut c,
        "office",
        "startProcedure",
        json!({"startedOn": "2025-05-10", "leadUnit": "平桥区住房和城乡建设局"}),
    )
    .await?;
    demo.act(
        &mut c,
        "office",
        "withdrawDecision",
        json!({"withdrawnOn": "2025-08-01", "reason": "纳入市级统一编制，本级不再单独决策"}),
    )
    .await?;
    writeln!(out, "WITHDRAWN\t{}\t震雷山风景区总体规划", c.id)?;

    // 8. The township (Art. 42): its own matter, drafting, not visible to the district's
    // officials; its officials see the district's published decisions only.
    let mut c = demo.propose(("town_farm", "明港镇农业服务中心"), json!({"outsideCatalogueReason": "明港镇未编制年度决策事项目录", "title": "明港镇高标准农田建设实施方案", "summary": "全镇新建高标准农田1.2万亩",
        "category": "HENAN_PLAN", "source": "ORGAN_LEADER", "legalBasis": ["《中华人民共和国农业法》"], "flags": plain, "proposedOn": "2025-06-02"})).await?;
    demo.act(
        &mut c,
        "town_office",
        "startProcedure",
        json!({"startedOn": "2025-06-05", "leadUnit": "明港镇农业服务中心"}),
    )
    .await?;
    demo.act(&mut c, "town_farm", "reviseDraft", json!({"revisedOn": "2025-06-20", "text": "（高标准农田建设实施方案草案）", "explanation": "起草说明"})).await?;
    writeln!(
        out,
        "DRAFTING\t{}\t明港镇高标准农田建设实施方案（明港镇人民政府）",
        c.id
    )?;

    // 9. 停车收费管理办法: the whole path with what the others lack, so that every section of
    // the 2025 statistics counts something (issue 12): opinions received by letter, e-mail and at
    // a symposium, each disposed of; a hearing; a legal adviser's opinion; a filing made late;
    // an incident in execution, the head's suspension and the resumption.
    let mut c = demo.propose(("transport", "平桥区交通运输局"), json!({"outsideCatalogueReason": "城区停车矛盾突出，区政府决定年初启动，未列入年度目录", "title": "平桥区城区机动车停放服务收费管理办法", "summary": "规范城区公共停车场和道路停车泊位收费",
        "category": "HENAN_MARKET_SOCIAL_ENVIRONMENT", "source": "ORGAN_LEADER", "legalBasis": ["《中华人民共和国价格法》", "《河南省定价目录》"], "flags": plan, "proposedOn": "2025-01-15"})).await?;
    let (s, lead) = (c.sponsor, c.lead_unit);
    demo.act(&mut c, "office", "startProcedure", json!({"startedOn": "2025-01-20", "leadUnit": lead, "organDecision": "区政府常务会议研究决定启动"})).await?;
    demo.act(&mut c, s, "reviseDraft", json!({"revisedOn": "2025-01-25", "text": "（停车服务收费管理办法草案）", "explanation": "起草说明"})).await?;
    demo.act(&mut c, s, "openPublicConsultation", json!({"openedOn": "2025-02-01", "endsOn": "2025-03-03", "channels": ["平桥区人民政府网站"], "howToComment": "信函、电子邮件或者参加座谈会"})).await?;
    demo.act(&mut c, s, "publishHearingNotice", json!({"publishedOn": "2025-02-03", "hearingOn": "2025-03-10", "place": "区发展和改革委员会会议室",
        "channels": ["平桥区人民政府网站"], "selectionMethod": "自愿报名、随机抽取", "participants": ["市民代表", "停车场经营者代表", "人大代表"]})).await?;
    for (on, channel, body) in [
        ("2025-02-10", "LETTER", "建议夜间停车免费"),
        ("2025-02-15", "EMAIL", "建议首小时免费"),
        ("2025-02-20", "SYMPOSIUM", "建议取消住宅小区周边收费"),
    ] {
        demo.act(
            &mut c,
            s,
            "recordOpinion",
            json!({"receivedOn": on, "channel": channel, "body": body}),
        )
        .await?;
    }
    for (id, outcome, reason) in [
        ("R-1", "ADOPTED", "夜间22时至次日7时免费"),
        ("R-2", "PARTLY_ADOPTED", "首30分钟免费"),
        ("R-3", "NOT_ADOPTED", "周边泊位周转率低，仍需收费调节"),
    ] {
        demo.act(
            &mut c,
            s,
            "disposeComment",
            json!({"commentId": id, "outcome": outcome, "reason": reason}),
        )
        .await?;
    }
    demo.act(&mut c, s, "recordHearing", json!({"heldOn": "2025-03-10", "materialsDeliveredOn": "2025-03-01", "place": "区发展和改革委员会会议室",
        "participants": [{"name": "市民代表", "represents": "城区居民", "signedRecord": true},
                         {"name": "停车场经营者代表", "represents": "经营者", "signedRecord": true},
                         {"name": "人大代表", "signedRecord": true}],
        "recordSummary": "听证参加人对收费标准和免费时段发表意见"})).await?;
    demo.act(&mut c, s, "closePublicConsultation", json!({"closedOn": "2025-03-11", "adoptionReport": "收到意见3条，采纳1条、部分采纳1条、未采纳1条"})).await?;
    demo.act(&mut c, s, "recordExpertArgumentation", json!({"heldOn": "2025-03-15", "method": "MEETING", "organizer": lead,
        "opinions": [{"expert": "信阳师范大学 王教授", "interestDeclaration": "与本事项无直接利害关系", "hasDirectInterest": false, "opinion": "收费标准应分区分时", "signed": true},
                     {"expert": "河南省交通规划设计研究院", "institution": true, "interestDeclaration": "未参与停车场经营", "hasDirectInterest": false, "opinion": "泊位测算合理", "signed": true, "sealed": true},
                     {"expert": "平桥区价格认证中心 李高级经济师", "interestDeclaration": "与本事项无直接利害关系", "hasDirectInterest": false, "opinion": "成本测算可行", "signed": true}],
        "adoptionReport": "专家意见均已研究采纳"})).await?;
    demo.act(&mut c, s, "recordRiskAssessment", json!({"assessedOn": "2025-03-20", "assessingUnit": "平桥区社会稳定风险评估中心",
        "riskPoints": ["群众对收费上涨的不满"], "measures": ["设置免费时段", "分步实施"], "responsePlan": "设立投诉热线，及时回应群众诉求", "departmentsHeard": ["区信访局"], "conclusion": "CONTROLLABLE"})).await?;
    demo.act(&mut c, s, "recordFairCompetitionReview", json!({"reviewedOn": "2025-03-22", "reviewingUnit": "平桥区市场监督管理局", "conclusion": "NO_RESTRICTION", "summary": "未发现排除、限制竞争的内容"})).await?;
    demo.act(
        &mut c,
        s,
        "requestLegalityReview",
        json!({"requestedOn": "2025-04-01", "legalBasis": ["《中华人民共和国价格法》"]}),
    )
    .await?;
    let adviser = demo.account_id("adviser")?;
    demo.act(&mut c, "review", "assignCounsel", json!({"assignedOn": "2025-04-02", "counselAccountId": adviser, "kind": "LEGAL_ADVISER", "affiliation": "河南天中律师事务所"})).await?;
    demo.act(&mut c, "adviser", "submitLegalOpinion", json!({"givenOn": "2025-04-08", "kind": "LEGAL_ADVISER", "opinion": "收费权限有据，建议明确收费公示"})).await?;
    demo.conclude(&mut c, d("2025-04-14")).await?;
    demo.adopt(&mut c, d("2025-04-18"), "区政府第12次常务会议")
        .await?;
    demo.publish(&mut c, d("2025-04-25"), "平政〔2025〕7号")
        .await?;
    // Due within 30 days of publication (by 26 May, the 25th being a Sunday): the government
    // office supervises the late filing (督办), then it is filed, late.
    demo.act(
        &mut c,
        "office",
        "issueSupervisionNotice",
        json!({"issuedOn": "2025-06-03", "deadline": "FILING", "due": "2025-05-26",
        "newDate": "2025-06-20", "requirement": "即向区人大常委会报送备案，并说明逾期原因"}),
    )
    .await?;
    demo.act(&mut c, "office", "fileDecision", json!({"filedOn": "2025-06-20", "authority": "本级人民代表大会常务委员会", "receiptNumber": "平人大备〔2025〕6号"})).await?;
    demo.act(
        &mut c,
        "office",
        "startExecution",
        json!({"startedOn": "2025-05-01", "executingUnit": "平桥区交通运输局"}),
    )
    .await?;
    demo.act(
        &mut c,
        "transport",
        "reportExecution",
        json!({"reportedOn": "2025-07-01", "summary": "已完成城区2600个泊位的收费公示"}),
    )
    .await?;
    demo.act(&mut c, "transport", "reportIncident", json!({"reportedOn": "2025-08-05", "kind": "MAJOR_CHANGE", "description": "省里调整定价目录，道路停车收费权限下放"})).await?;
    demo.act(&mut c, "head", "suspendExecution", json!({"suspendedOn": "2025-08-08", "reason": "收费依据调整，情况紧急", "incidentNumber": 1})).await?;
    demo.act(
        &mut c,
        "head",
        "resumeExecution",
        json!({"resumedOn": "2025-09-01", "reason": "经核实收费依据有效"}),
    )
    .await?;
    writeln!(
        out,
        "IN_EXECUTION\t{}\t平桥区城区机动车停放服务收费管理办法（曾中止执行）",
        c.id
    )?;

    year_end_2025(&demo, &item("平桥区乡村产业振兴规划（2025—2028年）")?).await?;
    writeln!(
        out,
        "CATALOGUE\t2025\t《平桥区人民政府2025年度重大行政决策事项目录》（第2版，含年度执行情况）：/catalogues/2025.html"
    )?;

    writeln!(
        out,
        "\nDemo accounts: sign in to the workbench at /console/login with the account's name and password; \
         for GraphiQL, paste the token into its headers as {{\"Authorization\": \"Bearer <token>\"}}.\n\
         roles\torgan\tunit\tname\tpassword\ttoken"
    )?;
    for (roles, organ, unit, name, password, token) in tokens {
        writeln!(out, "{roles}\t{organ}\t{unit}\t{name}\t{password}\t{token}")?;
    }
    Ok(out)
}

/// Twelve letters and digits that cannot be mistaken for one another when read off a screen.
fn demo_password() -> String {
    use rand::Rng as _;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..12)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// A matter of the 2025 catalogue as its unit submits it.
struct DemoItem {
    /// The submitting unit's demo account.
    unit: &'static str,
    kind: &'static str,
    name: &'static str,
    basis: &'static str,
    /// Public consultation, hearing, expert argumentation, risk assessment.
    procedures: [bool; 4],
    planned: &'static str,
}

/// The 2025 catalogue's items: the demo decisions' matters and one no decision was proposed
/// for (a notice on the reservoir's flood zone), which is late by year end.
const ITEMS_2025: [DemoItem; 8] = [
    DemoItem {
        unit: "housing",
        kind: "PUBLIC_POLICY",
        name: "平桥区房票安置实施办法",
        basis: "依据《国有土地上房屋征收与补偿条例》，以房票方式对征收范围内被征收人进行安置，明确房票的发放、使用和兑付",
        procedures: [true, false, true, true],
        planned: "2025-05",
    },
    DemoItem {
        unit: "transport",
        kind: "CONSTRUCTION",
        name: "沪陕高速平桥段改扩建项目",
        basis: "依据《中华人民共和国公路法》，配合省重点项目实施沿线征迁和配套道路建设",
        procedures: [true, false, true, true],
        planned: "2025-05",
    },
    DemoItem {
        unit: "water",
        kind: "CONSTRUCTION",
        name: "平桥区城乡供水一体化项目",
        basis: "依据《中华人民共和国水法》，建设覆盖全区的城乡一体化供水管网，统一水源、水质和服务",
        procedures: [true, true, true, true],
        planned: "2025-06",
    },
    DemoItem {
        unit: "water",
        kind: "PUBLIC_POLICY",
        name: "关于出山店水库防洪区限制新建建筑物的通告",
        basis: "依据《中华人民共和国防洪法》，在出山店水库防洪区内限制新建、扩建建筑物",
        procedures: [true, false, true, true],
        planned: "2025-08",
    },
    DemoItem {
        unit: "housing",
        kind: "PLAN",
        name: "震雷山风景区总体规划",
        basis: "依据《风景名胜区条例》，编制震雷山风景区总体规划，明确保护范围和功能分区",
        procedures: [true, false, true, false],
        planned: "2025-08",
    },
    DemoItem {
        unit: "farm",
        kind: "PLAN",
        name: "平桥区乡村产业振兴规划（2025—2028年）",
        basis: "依据《中华人民共和国乡村振兴促进法》，规划茶叶、稻米、生猪等主导产业发展",
        procedures: [true, false, true, false],
        planned: "2025-09",
    },
    DemoItem {
        unit: "civil",
        kind: "OTHER",
        name: "关于调整部分村民委员会设置的方案",
        basis: "依据《中华人民共和国村民委员会组织法》第三条，撤并人口较少的行政村",
        procedures: [true, true, false, true],
        planned: "2025-10",
    },
    DemoItem {
        unit: "ecology",
        kind: "PUBLIC_POLICY",
        name: "平桥区城区声环境质量提升行动方案",
        basis: "依据《中华人民共和国噪声污染防治法》，治理交通和施工噪声",
        procedures: [true, false, false, false],
        planned: "2025-11",
    },
];

async fn catalogue_2025(demo: &Demo) -> anyhow::Result<Vec<(String, String)>> {
    let (mut version, _) = demo
        .catalogue(
            "office",
            "openCatalogue",
            json!({"year": 2025, "openedOn": "2025-01-06"}),
        )
        .await?;
    let id = {
        let data = demo
            .run("office", "{ catalogue(year: 2025) { id } }", json!({}))
            .await?;
        data["catalogue"]["id"]
            .as_str()
            .context("catalogue id")?
            .to_owned()
    };
    let mut items = Vec::new();
    for DemoItem {
        unit: who,
        kind,
        name,
        basis,
        procedures: [consult, hearing, experts, risk],
        planned,
    } in ITEMS_2025
    {
        let lead = ACCOUNTS
            .iter()
            .find(|a| a.0 == who)
            .map(|a| a.3)
            .context("unit")?;
        let (v, ids) = demo
            .catalogue(who, "submitCatalogueItem", json!({"catalogueId": id, "submittedOn": "2025-01-10",
                "item": {"name": name, "leadUnit": lead, "kind": kind, "basisAndContent": basis,
                    "publicConsultation": consult, "hearing": hearing, "expertArgumentation": experts,
                    "riskAssessment": risk, "plannedTime": planned}}))
            .await?;
        version = v;
        let submission = ids.last().context("submission")?.clone();
        items.push((name.to_owned(), submission));
    }
    // The ecology bureau's matter is left to next year by the office; the rest are accepted.
    for (name, submission) in &items {
        let (mutation, input) = if name.starts_with("平桥区城区声环境") {
            (
                "rejectCatalogueSubmission",
                json!({"reason": "与正在起草的声环境功能区划分方案内容重叠，待其出台后再行申报", "rejectedOn": "2025-01-20"}),
            )
        } else {
            (
                "acceptCatalogueSubmission",
                json!({"acceptedOn": "2025-01-20"}),
            )
        };
        let mut input = input;
        input["catalogueId"] = json!(id);
        input["expectedVersion"] = json!(version);
        input["submissionId"] = json!(submission);
        version = demo.catalogue("office", mutation, input).await?.0;
    }
    items.retain(|(name, _)| !name.starts_with("平桥区城区声环境"));
    let steps = [
        (
            "recordCatalogueDiscussion",
            json!({"heldOn": "2025-02-07", "session": "区政府第3次常务会议"}),
        ),
        (
            "recordCatalogueConsent",
            json!({"consentedOn": "2025-02-12", "reference": "区委常委会2025年第4次会议"}),
        ),
        (
            "publishCatalogue",
            json!({"publishedOn": "2025-02-17", "channels": ["平桥区人民政府网站", "平桥区人民政府公报"], "documentNumber": "平政办〔2025〕3号"}),
        ),
    ];
    for (mutation, mut input) in steps {
        input["catalogueId"] = json!(id);
        input["expectedVersion"] = json!(version);
        version = demo.catalogue("office", mutation, input).await?.0;
    }
    // The adjustment (动态调整): the scenic-area plan goes to the city, the industry plan waits
    // for the city's.
    let item = |name: &str| {
        items
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, i)| i.clone())
            .context("item")
    };
    let (_, ids) = demo
        .catalogue(
            "housing",
            "submitCatalogueWithdrawal",
            json!({"catalogueId": id, "submittedOn": "2025-07-20",
            "itemId": item("震雷山风景区总体规划")?,
            "reason": "纳入信阳市统一编制，本级不再单独决策"}),
        )
        .await?;
    let withdraw = ids.last().context("submission")?.clone();
    let (v, ids) = demo
        .catalogue("farm", "submitCatalogueAmendment", json!({"catalogueId": id, "submittedOn": "2025-07-22",
            "itemId": item("平桥区乡村产业振兴规划（2025—2028年）")?, "item": {
                "name": "平桥区乡村产业振兴规划（2025—2028年）", "leadUnit": "平桥区农业农村局", "kind": "PLAN",
                "basisAndContent": "依据《中华人民共和国乡村振兴促进法》，规划茶叶、稻米、生猪等主导产业发展",
                "publicConsultation": true, "expertArgumentation": true, "plannedTime": "2025-12"},
            "reason": "需与信阳市乡村振兴规划衔接，计划决策时间调整至12月"}))
        .await?;
    let amend = ids.last().context("submission")?.clone();
    version = demo
        .catalogue("office", "acceptCatalogueSubmission", json!({"catalogueId": id, "expectedVersion": v, "submissionId": withdraw, "acceptedOn": "2025-07-25"}))
        .await?
        .0;
    version = demo
        .catalogue("office", "acceptCatalogueSubmission", json!({"catalogueId": id, "expectedVersion": version, "submissionId": amend, "acceptedOn": "2025-07-25"}))
        .await?
        .0;
    let steps = [
        (
            "recordCatalogueDiscussion",
            json!({"heldOn": "2025-08-08", "session": "区政府第18次常务会议"}),
        ),
        (
            "recordCatalogueConsent",
            json!({"consentedOn": "2025-08-15", "reference": "区委常委会2025年第11次会议"}),
        ),
        (
            "publishCatalogue",
            json!({"publishedOn": "2025-08-20", "channels": ["平桥区人民政府网站"], "documentNumber": "平政办〔2025〕21号"}),
        ),
    ];
    for (mutation, mut input) in steps {
        input["catalogueId"] = json!(id);
        input["expectedVersion"] = json!(version);
        version = demo.catalogue("office", mutation, input).await?.0;
    }
    Ok(items)
}

/// Year end: the industry plan, still under review, is carried into 2026; the report is
/// published in January; the 2026 catalogue opens with the carried item.
async fn year_end_2025(demo: &Demo, carried: &str) -> anyhow::Result<()> {
    let data = demo
        .run(
            "office",
            "{ catalogue(year: 2025) { id version } }",
            json!({}),
        )
        .await?;
    let id = data["catalogue"]["id"].as_str().context("id")?.to_owned();
    let version = data["catalogue"]["version"].as_i64().context("version")?;
    let (version, _) = demo
        .catalogue(
            "office",
            "carryOverCatalogueItem",
            json!({"catalogueId": id, "expectedVersion": version, "itemId": carried,
            "reason": "规划草案正在合法性审查，转入2026年度继续办理", "carriedOn": "2025-12-20"}),
        )
        .await?;
    demo.catalogue("office", "publishCatalogueReport", json!({"catalogueId": id, "expectedVersion": version,
        "publishedOn": "2026-01-15", "channels": ["平桥区人民政府网站"], "documentNumber": "平政办〔2026〕2号"}))
        .await?;
    demo.catalogue(
        "office",
        "openCatalogue",
        json!({"year": 2026, "openedOn": "2026-01-20"}),
    )
    .await?;
    Ok(())
}
