//! Each layout family of RULES.md §6 read by its labels and checked for what can be checked in it: a
//! correct sheet of each gives no error (nor anything unexpected), and a broken one gives its findings.
//! The 20/80 family's sheet is `common::TWENTY_EIGHTY` (tests in `checks.rs`); the real forms are the
//! corpus (`corpus.rs`).

mod common;

use common::{check, edit, findings};

/// A central variant: amounts in 元, `全年预算数(A)` headers, header labels with (盖章), a `绩效指标`
/// label column, 一级 labels with their points, the target split into 指标性质 / 指标值 / 度量单位, a
/// negated completion, a completion pasted as a fraction.
const CENTRAL_VARIANT: &str = "\
项目支出绩效自评表
( 2022年度)
项目名称\t体育中心结算费用
主管部门(盖章)\t某区体育局\t\t项目实施单位\t某区体育事业管理中心
项目资金（元）\t\t年初预算数\t全年预算数(A)\t全年执行数(B)\t分值\t执行率(B/A)\t得分
\t年度资金总额\t250000.00\t250000.00\t215,457.6\t10\t86.19%\t8.62
\t其中：当年财政拨款\t250000.00\t250000.00\t215457.6\t—\t—\t—
\t上年结转资金\t0\t0\t0\t—\t—\t—
年度总体目标\t预期目标\t\t\t实际完成情况
\t完成结算\t\t\t已完成结算
绩效指标\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t实际完成值(B)\t分值\t得分\t偏差原因分析
\t产出指标(50分)\t数量指标\t结算完成率\t=\t100\t%\t100\t30\t30\t无
\t\t时效指标\t结算及时性\t\t及时\t\t按时完成\t20\t20\t/
\t效益指标(30分)\t社会效益指标\t安全运营\t\t无重大安全事故\t\t未发生重大安全事故\t30\t30\t
\t满意度指标(10分)\t服务对象满意度指标\t场馆满意度\t≥\t90\t%\t0.95\t10\t10\t
总分\t\t\t\t\t\t\t\t100\t98.62\t
";

#[test]
fn a_central_variant_is_read_by_its_labels() {
    let report = check(CENTRAL_VARIANT);
    let sheet = &report.sheets[0];
    assert_eq!(sheet.layout, "central");
    assert_eq!((sheet.unit.as_deref(), sheet.year.as_deref()), (Some("元"), Some("2022")));
    assert_eq!(sheet.department.as_deref(), Some("某区体育局"));
    // Only the fraction is said, as info.
    assert_eq!(findings(&report), vec!["I015@H15"]);
    assert_eq!(sheet.indicators[0].target, "=100%");
    assert_eq!((sheet.indicators[3].actual.as_str(), sheet.indicators[3].judgement), ("0.95", "met"));
    assert_eq!(sheet.totals.rule_score, "98.62");
    // A missed target in the split columns is scored by proportion, and needs a reason.
    let missed = edit(CENTRAL_VARIANT, &[("H12", "90"), ("K12", "")]);
    assert_eq!(findings(&check(&missed)), vec!["I003@J12", "I006@K12", "I015@H15"]);
    // A completion that reports the event the target rules out is not met.
    let event = edit(CENTRAL_VARIANT, &[("H14", "发生1起安全事故"), ("J14", "30")]);
    assert!(findings(&check(&event)).contains(&"I012@J14".to_owned()));
    // The declared points of a 一级 label are checked against its rows.
    let declared = edit(CENTRAL_VARIANT, &[("B12", "产出指标(60分)")]);
    assert!(findings(&check(&declared)).contains(&"W003@B12".to_owned()));
}

/// Sichuan 2023: 报表编号, 预算执行情况(10分) with 调整后预算数 and 权重, 绩效指标(90分), 指标性质 /
/// 指标值 / 度量单位 / 完成值 / 权重 / 得分 / 未完成原因分析, 合计, 评价结论 rows.
const SICHUAN: &str = "\
报表编号:510000_0013zp
部门预算项目支出绩效自评表(2023年度)
项目名称\t工资性支出
主管部门\t某县发展和改革局\t\t\t\t实施单位(盖章)\t\t某县发展和改革局
项目基本情况\t1.项目年度目标完成情况\t项目年度目标\t\t\t\t\t年度目标完成情况
\t\t保障工资及时足额发放\t\t\t\t\t已及时足额发放
预算执行情况(10分)\t年度预算数(万元)\t年初预算\t调整后预算数\t预算执行数\t预算执行率\t权重\t得分\t原因
\t总额\t238.93\t251.89\t251.89\t100.00%\t10\t10\t
\t其中:财政资金\t238.93\t251.89\t251.89\t100.00%\t/\t/\t
绩效指标(90分)\t一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t完成值\t权重\t得分\t未完成原因分析
\t产出指标\t数量指标\t发放覆盖率\t=\t100\t%\t100\t50\t50\t
\t效益指标\t社会效益指标\t足额保障率\t=\t100\t%\t100\t30\t30\t
\t满意度指标\t服务对象满意度指标\t职工满意度\t≥\t90\t%\t88\t10\t9.78\t个别职工对发放时间有意见
合计\t\t\t\t\t\t\t\t100\t99.78\t
评价结论\t项目完成良好
存在问题\t无
改进措施\t无
";

#[test]
fn sichuan_2023_is_read_and_checked() {
    let report = check(SICHUAN);
    let sheet = &report.sheets[0];
    assert_eq!((sheet.layout, sheet.profile.as_str()), ("sichuan-2023", "sichuan-2023"));
    // 年初预算 differs from 调整后预算数: said as info, nothing else.
    assert_eq!(findings(&report), vec!["F006@C8"]);
    assert_eq!((sheet.budget.computed_rate.as_deref(), sheet.budget.rule_score.as_deref()), (Some("100"), Some("10")));
    assert_eq!(sheet.totals.computed_score, "99.78");
    // A rate under 90% needs its reason in the budget row.
    let low = edit(
        SICHUAN,
        &[("E8", "220"), ("F8", "87.34%"), ("H8", "8.73"), ("E9", "220"), ("F9", "87.34%"), ("J14", "98.51")],
    );
    assert_eq!(findings(&check(&low)), vec!["F006@C8", "F008@I8"]);
    let explained = edit(&low, &[("I8", "部分工资年底清算，次年初支付")]);
    assert_eq!(findings(&check(&explained)), vec!["F006@C8"]);
    let broken = edit(SICHUAN, &[("H8", "9"), ("J13", "10"), ("K13", ""), ("J14", "100")]);
    assert_eq!(findings(&check(&broken)), vec!["F006@C8", "F002@H8", "I003@J13", "I006@K13", "T002@J14"]);
}

/// A department-wide form: 预算单位名称, 年度预算申请 with the total broken down two ways.
const DEPARTMENT: &str = "\
2022年度部门整体支出绩效自评表
预算单位名称\t某县教育局
年度预算申请（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
年度资金总额\t\t1000\t1200\t1140\t10\t95%\t9.5
按收入性质分\t一般公共预算\t800\t1000\t950\t\t\t
\t政府性基金\t200\t200\t190\t\t\t
按支出性质分\t基本支出\t600\t700\t680\t\t\t
\t项目支出\t400\t500\t460\t\t\t
年度总体目标\t预期目标\t\t\t实际完成情况
\t保障教育事业运转\t\t\t已保障
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析
产出指标\t数量指标\t保障学校数\t≥30所\t30所\t50\t50\t
效益指标\t社会效益指标\t义务教育巩固率\t≥98%\t99%\t30\t30\t
满意度指标\t服务对象满意度指标\t家长满意度\t≥90%\t95%\t10\t10\t
总分\t\t\t\t\t100\t99.5\t
";

#[test]
fn department_wide_forms_are_read_and_their_funds_checked() {
    let report = check(DEPARTMENT);
    let sheet = &report.sheets[0];
    assert_eq!(sheet.layout, "department");
    assert_eq!(sheet.implementer.as_deref(), Some("某县教育局"));
    assert_eq!(findings(&report), vec!["F006@C4"]);
    // The funds checks are its main value: 执行率 = B/A, the budget score, each breakdown's sum.
    // 项目支出 400 makes the 按支出性质分 breakdown 1100, not 1200 (and spent above its budget); the
    // budget score 10 makes the total 100, not 99.5.
    let broken = edit(DEPARTMENT, &[("G4", "90%"), ("H4", "10"), ("D8", "400")]);
    assert_eq!(findings(&check(&broken)), vec!["F006@C4", "F003@D4", "F001@G4", "F002@H4", "F004@E8", "T002@G15"]);
}

/// Hunan's department-wide form: the two breakdowns side by side, their amounts inside the label cells.
const DEPARTMENT_INLINE: &str = "\
2023年度部门整体支出绩效自评表
预算部门、单位名称\t某乡人民政府
年度预算申请(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t自评得分
\t年度资金总额\t861.10\t2030.12\t2030.12\t10\t100%\t10
\t按收入性质分:2030.12\t\t\t按支出性质分:2030.12
\t其中: 一般公共预算:1325.68\t\t\t其中:基本支出:900.47
\t政府性基金拨款:118.82\t\t\t项目支出:1129.65
\t纳入专户管理的非税收入拨款:
\t其他资金:585.62
年度总体目标\t预期目标\t\t\t实际完成情况
\t完成年度工作\t\t\t已完成
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析
产出指标\t数量指标\t办结事项数\t≥100件\t120件\t50\t50\t
效益指标\t社会效益指标\t群众办事便利度\t提升\t提升\t30\t30\t
满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t10\t10\t
总分\t\t\t\t\t100\t100\t
";

#[test]
fn breakdowns_written_inside_their_labels_are_summed() {
    let report = check(DEPARTMENT_INLINE);
    assert_eq!(report.sheets[0].layout, "department");
    assert_eq!(findings(&report), vec!["F006@C4"]);
    // A breakdown's amount that is none of the total row's; parts that do not add up to their breakdown.
    let wrong_total = edit(DEPARTMENT_INLINE, &[("E5", "按支出性质分:1925.67"), ("E7", "项目支出:1025.20")]);
    assert_eq!(findings(&check(&wrong_total)), vec!["F006@C4", "F003@E5"]);
    let wrong_parts = edit(DEPARTMENT_INLINE, &[("B7", "政府性基金拨款:18.82")]);
    assert_eq!(findings(&check(&wrong_parts)), vec!["F006@C4", "F003@B5"]);
}

#[test]
fn an_unknown_layout_gets_one_finding_and_no_cascade() {
    // A table of targets with no title: no completion, no score, no funds total.
    let table = "项目名称\t某项目\n主管部门\t某局\n\
                 一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数\t≥100人\n";
    let report = check(&format!("\n{table}"));
    assert_eq!(findings(&report), vec!["L002@A2"]);
    assert_eq!(report.sheets[0].layout, "unknown");
    assert!(report.to_text(false).contains("版式无法识别"));
    assert!(!report.to_text(false).contains("等级 填报"));
    // Under its title it is a target declaration (申报表) pasted by mistake: named as another form.
    let declared = check(&format!("项目支出绩效目标申报表\n{table}"));
    assert_eq!(findings(&declared), vec!["L001", "L007@A1"]);
}

#[test]
fn a_table_whose_columns_mean_something_else_is_not_misread() {
    // A provincial system's export: 权重占比 in percent beside 指标分值, a raw 单项指标得分 out of 100
    // beside the 折算得分 that counts. Read by its labels: 指标分值 is the weight, 折算得分 the score.
    let export = "2020年度项目支出绩效自评表\n项目名称\t某项目\n主管部门\t某局\t实施单位\t某中心\n\
        项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
        年度资金总额\t100\t100\t100\t10\t100%\t10\n\
        年度总体目标\t预期目标\t实际完成情况\n\t完成\t已完成\n\
        一级指标\t二级指标\t三级指标\t指标分值\t预期指标值\t实际完成值\t单项指标得分\t权重占比\t单项指标折算得分\n\
        产出指标\t数量指标\t培训人数\t50\t≥10个\t10个\t100\t50%\t50\n\
        效益指标\t社会效益指标\t知晓率\t30\t≥90%\t95%\t100\t30%\t30\n\
        满意度指标\t服务对象满意度指标\t满意度\t10\t≥90%\t92%\t100\t10%\t10\n\
        总分\t\t\t90\t\t\t\t\t90\n";
    let report = check(export);
    assert_eq!(report.sheets[0].layout, "central");
    // Its 总分 leaves the budget's 10 out: both totals are 10 short.
    assert_eq!(findings(&report), vec!["T001@D12", "T002@I12"]);
    // With only percentages where the weights should be, the table is not read as one: one finding.
    let percent = export.replace("指标分值", "占比");
    let report = check(&percent);
    assert_eq!(findings(&report), vec!["L002@A1"]);
}

#[test]
fn a_table_without_scores_needs_no_totals_row() {
    // A county's 专项资金 form: funds scored, indicators with targets and completions but no 分值 or
    // 得分, so no 总分 row either. Nothing to total is not a missing block.
    let text = "2020年度县级专项资金绩效目标自评表\n项目名称\t储备粮补贴\n主管部门\t县发改局\t实施单位\t县粮食中心\n\
        项目资金(万元)\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n\
        年度资金总额\t50\t50\t50\t10\t100%\t10\n\
        年度总体目标\t预期目标\t实际完成情况\n\t储备到位\t已到位\n\
        一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n\
        产出指标\t数量指标\t储备数量\t≥500吨\t520吨\n";
    let report = check(text);
    assert_eq!(report.sheets[0].layout, "no-scores");
    assert!(!findings(&report).iter().any(|f| f.starts_with("L003")), "{:?}", findings(&report));
    // With a 得分 column, the 总分 row is required.
    let scored = text.replace("实际完成值\n", "实际完成值\t得分\n").replace("520吨\n", "520吨\t90\n");
    assert!(findings(&check(&scored)).iter().any(|f| f.starts_with("L003")));
}

#[test]
fn indicator_names_that_look_like_labels_stay_indicators() {
    // Names that begin as a block's, a closing row's or a reason row's label would (see common::VALID).
    let edits = [
        ("C13", "项目资金到位率"),
        ("B14", ""),
        ("C14", "结果应用情况"),
        ("C15", "年度总体目标完成率"),
        ("C16", "偏差率"),
    ];
    let report = check(&edit(common::VALID, &edits));
    assert_eq!(findings(&report), Vec::<String>::new());
    let names: Vec<&str> = report.sheets[0].indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        ["项目资金到位率", "结果应用情况", "年度总体目标完成率", "偏差率", "服务提升", "差错率", "满意度"]
    );
    assert_eq!(report.sheets[0].totals.computed_score, "99");
    // Nor does a goal that begins as the funds block's label, where goals come first.
    let goals_first = "财政项目支出绩效自评表\n(2023年度)\n项目名称\t测试项目\n主管部门\t某局\t实施单位\t某中心\n\
        年度总体目标\t预期目标\t\t\t实际完成情况\n\t项目资金主要用于设备采购\t\t\t已完成采购\n";
    let report =
        check(&format!("{goals_first}{}", common::VALID.lines().skip(4).take(5).collect::<Vec<_>>().join("\n")));
    let sheet = &report.sheets[0];
    assert_eq!(sheet.budget.computed_rate.as_deref(), Some("90"));
    assert!(!findings(&report).iter().any(|f| f.starts_with("G001")), "{:?}", findings(&report));
}

/// A 20/80 form whose indicators are grouped: `一、` rows that add up the `1、` `2、` rows under them, the
/// totals and the grade on one row, and 主管部门 left blank though its label is there.
const GROUPED: &str = "\
2022年度项目支出绩效自评表
项目名称\t某示范项目
主管部门\t\t项目实施单位\t某站
预算执行情况(万元)(20分)\t\t预算数(A)\t执行数(B)\t执行率(B/A)\t得分(20分*执行率)
\t年度财政资金总额\t100\t100\t100%\t20
年度绩效目标(80分)\t一级指标\t二级指标\t三级指标\t年初目标值(A)\t实际完成值(B)\t得分
\t产出指标\t数量指标\t一、示范区建立\t≥300亩\t300亩\t30
\t\t\t1、水稻示范\t≥100亩\t100亩\t15
\t\t\t2、玉米示范\t≥200亩\t200亩\t15
\t\t质量指标\t配方肥到位率\t≥80%\t85%\t30
\t满意度指标\t服务对象满意度指标\t农户满意度\t≥90%\t95%\t20
总分(100分)\t100\t自评等级\t优
偏差大或目标未完成原因分析\t无
改进措施及结果应用方案\t无
";

#[test]
fn a_group_that_adds_up_its_rows_counts_once_and_totals_share_a_row_with_the_grade() {
    let report = check(GROUPED);
    // 主管部门 stands blank: unfilled, though the 20/80 family does not require it.
    assert_eq!(findings(&report), vec!["H001@B3"]);
    assert_eq!(report.sheets[0].grade.stated.as_deref(), Some("优"));
    // A `一、` row that is not the sum of the rows under it is an indicator of its own: 95 > 80.
    let not_a_sum = edit(GROUPED, &[("G7", "25")]);
    assert!(findings(&check(&not_a_sum)).contains(&"W005@A6".to_owned()), "{:?}", findings(&check(&not_a_sum)));
}

/// 海淀 2016: 年初预算数(A) with no 全年预算数 column, the goals on their label's row with no column
/// heads, and the indicator table's 分值 before its target.
const HAIDIAN: &str = "\
项目支出绩效自评表(2016年度)
项目名称\t道路清扫保洁
主管部门及代码\t某街道办事处\t\t实施单位:\t某服务中心
项目资金(万元)\t\t年初预算数(A)\t全年执行数(B)\t分值(10分)\t执行率(B/A)\t得分
\t年度资金总额:\t310.2\t154.74\t10\t50%\t5
年度总体目标\t将自管道路保洁外包\t\t\t按照年初设定目标完成外包
绩效指标\t一级指标\t二级指标\t三级指标\t分值\t年度指标值(A)\t全年实际值(B)\t得分\t未完成原因分析
\t产出指标(50分)\t数量指标\t清扫道路条数\t50\t20条\t20条\t50\t
\t效益指标(30分)\t社会效益指标\t环境改善\t30\t改善\t改善\t30\t
\t满意度指标(10分)\t服务对象满意度指标\t居民满意度\t10\t≥90%\t95%\t10\t
总分\t\t\t\t100\t\t\t95\t
";

#[test]
fn a_budget_given_as_the_initial_one_and_goals_beside_their_label_are_read() {
    let report = check(HAIDIAN);
    assert_eq!(report.sheets[0].budget.computed_rate.as_deref(), Some("49.88"));
    assert_eq!(findings(&report), Vec::<String>::new());
    // The rate is taken against 年初预算数(A): 200 executed of 310.2 is not 50%.
    assert_eq!(findings(&check(&edit(HAIDIAN, &[("D5", "200")]))), vec!["F001@F5", "F002@G5"]);
}

/// A Xinjiang variant's indicator head: `指标分值权重`, `指标实际完成值`, `指标得分`, beside columns that
/// describe (设置依据, 赋分规则, 佐证资料).
#[test]
fn indicator_heads_that_start_with_zhibiao_are_read() {
    let text = "\
项目支出绩效自评表
(2023年度)
项目名称\t调查经费
主管部门\t某局\t实施单位\t某调查队
项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t1.96\t1.96\t1.96\t10\t100.00%\t10
年度总体目标\t预期目标\t\t\t实际完成情况
\t完成调查\t\t\t已完成调查
\t一级指标\t二级指标\t三级指标\t指标值\t指标值设置依据\t指标分值权重\t指标赋分规则\t指标实际完成值\t完成率\t指标得分\t偏差原因分析及改进措施
\t产出指标\t数量指标\t调查户数\t≥120人\t通知\t50\t按比例\t120人\t100%\t50\t
\t效益指标\t社会效益指标\t数据质量\t提升\t计划\t30\t按等级\t提升\t100%\t30\t
\t满意度指标\t服务对象满意度指标\t被调查户满意度\t≥90%\t计划\t10\t按比例\t100%\t100%\t10\t
总分\t\t\t\t\t\t100\t\t\t\t100\t
";
    let report = check(text);
    // The heads are named as not the template's (info), and read.
    assert_eq!(findings(&report), vec!["L004@G9", "L004@I9"]);
    assert_eq!(report.sheets[0].totals.rule_score, "100");
    assert_eq!(
        findings(&check(&edit(text, &[("K10", "45")]))),
        vec!["L004@G9", "L004@I9", "I005@K10", "I006@L10", "T002@K13"]
    );
}

/// An evaluation-style 自评表 (银川's template): 一级 项目决策 / 项目管理 / 项目产出 / 项目效益 with their
/// points, 参考分值, criteria rows without targets, 预算执行率 as an indicator row under 项目管理, a funds
/// row without 分值 or 得分, 自评得分 in the header, 满意度 under 项目效益. Every row agrees.
const EVALUATION: &str = "\
银川市本级部门项目支出绩效自评表(2021年)
项目名称\t测试项目\t主管部门\t某局
实施单位\t某中心\t自评得分\t100
项目资金(万元)\t\t年初预算数\t调整预算数(A)\t全年执行数(B)\t执行率(B/A)
\t年度资金总额\t50\t50\t50\t100%
一级指标\t二级指标\t三级指标\t参考分值\t指标值\t全年实际值\t得分\t未完成原因分析及改进措施
项目决策(10分)\t项目目标\t目标明确性\t5\t—\t目标明确\t5\t
\t项目立项\t立项规范性\t5\t—\t程序规范\t5\t
项目管理(25分)\t投入管理\t预算执行率\t10\t—\t100%\t10\t
\t财务管理\t资金使用合规性\t15\t—\t合规\t15\t
项目产出(30分)\t数量指标(15分)\t培训人次\t15\t≥100人次\t120人次\t15\t
\t质量指标(15分)\t合格率\t15\t≥95%\t96%\t15\t
项目效益(35分)\t社会效益指标(25分)\t服务提升\t25\t提升\t提升\t25\t
\t服务对象满意度指标(10分)\t满意度\t10\t≥90%\t95%\t10\t
";

#[test]
fn an_evaluation_style_form_is_read_as_one() {
    let report = check(EVALUATION);
    let sheet = &report.sheets[0];
    assert_eq!(sheet.layout, "evaluation");
    // No funds 分值/得分, no totals row, no 年度总体目标 block, criteria rows without targets: all normal.
    assert_eq!(findings(&report), Vec::<String>::new());
    assert_eq!((sheet.totals.computed_weight.as_str(), sheet.totals.computed_score.as_str()), ("100", "100"));
}

#[test]
fn an_evaluation_style_form_trips_its_checks() {
    // 预算执行率 scored 9 against 100% executed, the header's total following it: F002 on the row's 得分,
    // and a reason is wanted for the point lost.
    let report = check(&edit(EVALUATION, &[("G9", "9"), ("D3", "99")]));
    assert_eq!(findings(&report), vec!["F002@G9", "I006@H9"]);
    assert_eq!(common::of_code(&report, "F002"), vec![(Some("G9".into()), Some("10".into()))]);
    // A 二级 whose points its rows do not make; the header total not the sum; a met target deducted.
    let report = check(&edit(EVALUATION, &[("B11", "数量指标(10分)")]));
    assert_eq!(findings(&report), vec!["W003@B11"]);
    let report = check(&edit(EVALUATION, &[("D3", "95")]));
    assert_eq!(findings(&report), vec!["T002@D3"]);
    let report = check(&edit(EVALUATION, &[("G12", "12"), ("D3", "97"), ("H12", "抽检不足")]));
    assert_eq!(findings(&report), vec!["I005@G12"]);
}

/// Chongqing's 部门整体绩效自评表: 自评总分 in the header, 执行率权重 / 执行率得分, one flat table with
/// 得分系数 × 指标权重 = 指标得分, a group row between indicators, an adjusted target.
const CHONGQING: &str = "\
2021年度部门整体绩效自评表
项目名称:\t某区科学技术协会整体\t项目编码:\t500000\t自评总分:\t100
项目主管部门:\t某区科学技术协会\t财政归口处室:\t\t部门联系人:\t张三
资金情况
\t年初预算数\t全年(调整)预算数\t全年执行数\t执行率\t执行率权重\t执行率得分
年度总金额\t100\t120\t120\t100\t10\t10
其中:财政拨款\t100\t120\t120
绩效目标
年初绩效目标\t全年(调整)绩效目标\t全年目标实际完成情况
完成科普工作\t完成科普工作\t已完成科普工作
指标名称\t计量单位\t指标性质\t年初指标值\t调整指标值\t全年完成值\t得分系数(%)\t指标权重(分)\t指标得分(分)\t是否核心指标
公共服务
科普活动场次\t场\t≥\t100\t80\t85\t100\t45\t45\t是
政府采购执行率\t%\t≥\t100\t\t100\t100\t35\t35\t否
服务对象满意度\t%\t≥\t90\t\t95\t100\t10\t10\t否
";

#[test]
fn a_chongqing_department_form_is_read_as_one() {
    let report = check(CHONGQING);
    let sheet = &report.sheets[0];
    assert_eq!(sheet.layout, "chongqing-department");
    // Its header has no 实施单位 row (said, not counted); the adjusted target 80 is the one met by 85.
    assert_eq!(findings(&report), vec!["H003@A2", "F006@B6"]);
    assert_eq!(sheet.totals.computed_score, "100");
}

#[test]
fn a_chongqing_department_form_trips_its_checks() {
    // 72.74% done against 100%, coefficient and score left full: I003 on the score, I016 on the coefficient.
    let report = check(&edit(CHONGQING, &[("F14", "72.74"), ("J14", "因项目延期")]));
    let codes = findings(&report);
    assert!(codes.contains(&"I003@I14".to_owned()) && codes.contains(&"I016@G14".to_owned()), "{codes:?}");
    assert_eq!(common::of_code(&report, "I016"), vec![(Some("G14".into()), Some("72.74%".into()))]);
    // A score that is not coefficient × weight; a header total that is not the sum.
    let report = check(&edit(CHONGQING, &[("G13", "50"), ("J13", "部分完成")]));
    assert!(findings(&report).contains(&"I016@I13".to_owned()), "{:?}", findings(&report));
    let report = check(&edit(CHONGQING, &[("F2", "98")]));
    assert!(findings(&report).contains(&"T002@F2".to_owned()), "{:?}", findings(&report));
    // 执行率得分 = 执行率 × 执行率权重: 96% of 10 is 9.6, not the 10 left in (the header total follows it).
    let report = check(&edit(CHONGQING, &[("D6", "115.2"), ("E6", "96"), ("D7", "115.2"), ("F2", "100")]));
    assert_eq!(common::of_code(&report, "F002"), vec![(Some("G6".into()), Some("9.6".into()))]);
}

/// Targets and completions with no 分值 or 得分 column (蔡甸's 2021 form).
const NO_SCORES: &str = "\
项目支出绩效自评表
(2021年度)
项目名称\t测试项目
主管部门\t某局\t实施单位\t某中心
项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t执行率
\t年度资金总额\t100\t100\t90\t90%
年度总体目标\t预期目标\t\t实际完成情况
\t完成某事\t\t已完成某事
一级指标\t二级指标\t三级指标\t年初目标值\t实际完成值\t未完成原因及改进措施
产出指标\t数量指标\t培训人次\t≥100人次\t120人次\t
\t质量指标\t合格率\t≥95%\t96%\t
满意度指标\t服务对象满意度指标\t满意度\t≥90%\t95%\t
";

#[test]
fn a_form_without_scores_is_said_once_and_checked_for_what_it_holds() {
    let report = check(NO_SCORES);
    assert_eq!(report.sheets[0].layout, "no-scores");
    assert_eq!(findings(&report), vec!["L008@E9"]);
    // It has no totals to show: neither the page nor the text report shows any.
    assert!(!report.sheets[0].scored && check(EVALUATION).sheets[0].scored);
    assert!(!report.to_text(false).contains("分值 填报"), "{}", report.to_text(false));
    // A missed target without a reason, a wrong rate, a unit changed: found; no score or total error.
    let report = check(&edit(NO_SCORES, &[("E10", "90人次"), ("F6", "95%"), ("E11", "96分")]));
    assert_eq!(findings(&report), vec!["F001@F6", "L008@E9", "I006@F10", "I008@E11"]);
    let report = check(&edit(NO_SCORES, &[("E10", "90人次"), ("F10", "场地不足")]));
    assert_eq!(findings(&report), vec!["L008@E9"]);
}

#[test]
fn an_unknown_layout_gets_one_error_and_nothing_else() {
    // Titled as a 自评表, but its tables are a funds list and a scoring sheet of no known family.
    let text =
        "项目支出绩效自评表\n(2022年度)\n项目名称\t某项目\n序号\t评价内容\t评价要点\t满分\n1\t决策\t目标明确\t10\n";
    let report = check(text);
    assert_eq!(findings(&report), vec!["L002@A1"]);
    assert_eq!(report.sheets[0].layout, "unknown");
    assert!(report.sheets[0].findings[0].message.contains("项目支出绩效自评表"));
}
