//! Every check on a sheet that trips it and on one that does not.

mod common;

use common::{check, edit, findings, of_code, TWENTY_EIGHTY, VALID};
use selfeval::{check_bytes, Code, Profile};

/// Asserts that the edited sheet gives `code` at `cell` with `expected`, and that the untouched sheet
/// gives no finding of that code.
fn trips(edits: &[(&str, &str)], code: &str, cell: Option<&str>, expected: Option<&str>) {
    let report = check(&edit(VALID, edits));
    let got = of_code(&report, code);
    let want = (cell.map(str::to_owned), expected.map(str::to_owned));
    assert!(got.contains(&want), "{code}: want {want:?}, got {:?}", findings(&report));
    assert!(of_code(&check(VALID), code).is_empty());
}

/// Asserts that the edited sheet gives no finding of `code`.
fn passes(edits: &[(&str, &str)], code: &str) {
    let report = check(&edit(VALID, edits));
    assert!(of_code(&report, code).is_empty(), "{code} tripped: {:?}", findings(&report));
}

#[test]
fn the_valid_sheet_gives_no_finding() {
    let report = check(VALID);
    assert_eq!(findings(&report), Vec::<String>::new());
    let sheet = &report.sheets[0];
    assert_eq!((sheet.totals.computed_weight.as_str(), sheet.totals.computed_score.as_str()), ("100", "99"));
    assert_eq!(sheet.totals.rule_score, "99");
    assert_eq!(sheet.grade.by_rule, "优");
}

#[test]
fn every_code_is_tested_here() {
    let source = include_str!("checks.rs");
    for code in Code::ALL {
        let c = code.spec().code;
        let uses = source.matches(&format!("\"{c}\"")).count();
        assert!(uses >= 2, "{c} needs a test that trips it and one that does not ({uses} uses)");
    }
}

#[test]
fn d001_undecodable() {
    let report = check_bytes("book.xlsx", b"PK\x03\x04\x14\x00\xCF\xEE", &Profile::default());
    assert_eq!(of_code(&report, "D001").len(), 1);
    let ok = check_bytes("utf8.txt", VALID.as_bytes(), &Profile::default());
    assert!(of_code(&ok, "D001").is_empty());
}

#[test]
fn l001_no_sheet() {
    assert_eq!(findings(&check("姓名\t年龄\n张三\t30")), vec!["L001"]);
    assert!(of_code(&check(VALID), "L001").is_empty());
}

#[test]
fn l002_unknown_layout() {
    // No 年度资金总额 row and no completion column: one finding that says what was found, nothing else.
    let unknown = edit(VALID, &[("B6", "某项资金"), ("E12", "备注")]);
    assert_eq!(findings(&check(&unknown)), vec!["L002@A1"]);
    let report = check(&unknown);
    assert_eq!(report.sheets[0].layout, "unknown");
    assert_eq!(of_code(&report, "L002").len(), 1);
    assert!(report.sheets[0].findings[0].message.contains("指标表（无实际完成值列）"));
    assert!(of_code(&check(VALID), "L002").is_empty());
}

#[test]
fn l008_no_scores() {
    // The valid sheet without its 分值 and 得分 columns: said once, on the completion's head.
    let unscored: String = VALID
        .lines()
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let keep = cells.len() == 8
                && !cells[5].is_empty()
                && !line.starts_with("项目资金")
                && !line.contains("年度资金总额");
            let kept: Vec<&str> = if keep {
                cells.iter().enumerate().filter(|(i, _)| *i != 5 && *i != 6).map(|(_, c)| *c).collect()
            } else {
                cells
            };
            format!("{}\n", kept.join("\t"))
        })
        .collect();
    let unscored = unscored.replace("总分\t\t\t\t\t100\t99\t\n", "").replace("评分等级\t优\n", "");
    let report = check(&unscored);
    assert_eq!(report.sheets[0].layout, "no-scores", "{unscored}");
    assert_eq!(of_code(&report, "L008"), vec![(Some("E12".into()), None)]);
    assert!(
        report.sheets[0].findings.iter().all(|f| f.severity != selfeval::Severity::Error),
        "{:?}",
        findings(&report)
    );
    assert!(of_code(&check(VALID), "L008").is_empty());
}

/// A Chongqing 部门整体绩效自评表 with one indicator: 得分系数 × 指标权重 = 指标得分.
const CHONGQING: &str = "2021年度部门整体绩效自评表\n项目名称:\t某协会\t自评总分:\t100\n项目主管部门:\t某协会\t财政归口处室:\t\t部门联系人:\t张三\n\
    资金情况\n\t年初预算数\t全年(调整)预算数\t全年执行数\t执行率\t执行率权重\t执行率得分\n年度总金额\t100\t100\t100\t100\t10\t10\n\
    指标名称\t计量单位\t指标性质\t年初指标值\t调整指标值\t全年完成值\t得分系数(%)\t指标权重(分)\t指标得分(分)\t是否核心指标\n\
    服务对象满意度\t%\t≥\t90\t\t95\t100\t90\t90\t是\n";

#[test]
fn i016_coefficient() {
    let report = check(CHONGQING);
    assert_eq!(report.sheets[0].layout, "chongqing-department");
    assert!(of_code(&report, "I016").is_empty(), "{:?}", findings(&report));
    // 得分 not 系数 × 权重: on the 得分, with the product.
    let report = check(&edit(CHONGQING, &[("I8", "80"), ("C2", "90")]));
    assert_eq!(of_code(&report, "I016"), vec![(Some("I8".into()), Some("90".into()))]);
    // A coefficient written as a fraction is that share of the weight.
    assert!(of_code(&check(&edit(CHONGQING, &[("G8", "1")])), "I016").is_empty());
    // A missed target whose coefficient stays 100%: on the coefficient, with the completion's share.
    let report = check(&edit(CHONGQING, &[("F8", "72")]));
    assert_eq!(of_code(&report, "I016"), vec![(Some("G8".into()), Some("80%".into()))]);
}

#[test]
fn l005_hubei_layout() {
    trips(&[("H5", "得分(20分*执行率)")], "L005", Some("A5"), None);
    let hubei = Profile::from_json(r#"{"budgetPoints": 20}"#).unwrap();
    let report = selfeval::check_text(&edit(VALID, &[("H5", "得分(20分*执行率)")]), &hubei);
    assert!(of_code(&report, "L005").is_empty());
    // A 20/80 sheet is scored by its own profile unless the user chose one.
    assert!(of_code(&check(TWENTY_EIGHTY), "L005").is_empty());
    let central = Profile::from_json("{}").unwrap();
    assert_eq!(of_code(&selfeval::check_text(TWENTY_EIGHTY, &central), "L005").len(), 1);
}

#[test]
fn l006_duplicate_sheet() {
    let twice = format!("{VALID}\n{VALID}");
    let report = check(&twice);
    assert_eq!(of_code(&report, "L006"), vec![(Some("A23".into()), None)]);
    assert!(report.sheets[1].findings[0].message.contains("表 2 与表 1"));
    assert!(of_code(&check(VALID), "L006").is_empty());
    // Trailing blank cells and blank rows do not make a copy differ; a cell moved to a row of its own does.
    let padded = VALID.lines().map(|l| format!("{l}\t \t")).collect::<Vec<_>>().join("\n\n");
    assert_eq!(of_code(&check(&format!("{VALID}\n{padded}")), "L006").len(), 1);
    let last = VALID.lines().rfind(|l| l.trim_end().contains('\t')).unwrap();
    let moved = VALID.replacen(last, &last.replacen('\t', "\n", 1), 1);
    assert!(of_code(&check(&format!("{VALID}\n{moved}")), "L006").is_empty());
}

#[test]
fn l007_other_forms() {
    // A workbook from a budget system: the 申报表 before the 自评表 and a 监控表 after it are named once,
    // not read as broken 自评表.
    let application = "项目支出绩效目标申报表\n(2023年度)\n项目名称\t测试项目\n主管部门\t某局\t实施单位\t某中心\n\
                       项目资金(万元)\t\t年度资金总额\t10\n三级指标\t指标值\n数量\t1\n";
    let monitoring =
        "2023年度项目绩效目标执行监控表\n项目名称\t测试项目\n三级指标\t全年指标值\t1-7月执行情况\n数量\t1\t1\n";
    let report = check(&format!("{application}\n{VALID}\n{monitoring}"));
    assert_eq!(report.sheets.len(), 1);
    assert_eq!(of_code(&report, "L007"), vec![(Some("A1".into()), None)]);
    assert!(report.findings[0].message.contains("2 张") && report.findings[0].message.contains("执行监控表"));
    assert_eq!(findings(&report), vec!["L007@A1"], "the 自评表 between them reads as when alone");
    assert!(of_code(&check(VALID), "L007").is_empty());
    // A form titled otherwise whose indicators are scored is a self-evaluation all the same.
    let retitled = VALID.replacen("财政项目支出绩效自评表", "2023年度项目支出绩效目标完成情况表", 1);
    let report = check(&retitled);
    assert_eq!(findings(&report), Vec::<String>::new(), "read as the 自评表 it is");
    assert_eq!(report.sheets.len(), 1);
    // Prose that mentions a table is no form's title.
    let prose = format!("项目情况详见下表\n{VALID}");
    assert!(of_code(&check(&prose), "L007").is_empty());
}

#[test]
fn h002_year_only_dated() {
    let dated = edit(VALID, &[("A2", ""), ("C3", "填报日期"), ("D3", "2024年3月1日")]);
    let report = check(&dated);
    assert_eq!(of_code(&report, "H002"), vec![(Some("A1".into()), None)]);
    assert_eq!(report.sheets[0].year, None);
    // The year is not required where only a date is given: no H001 for it.
    assert!(of_code(&report, "H001").is_empty());
    assert!(of_code(&check(VALID), "H002").is_empty());
}

#[test]
fn f007_rate_as_fraction() {
    trips(&[("G6", "0.9")], "F007", Some("G6"), Some("90%"));
    passes(&[("G6", "0.9")], "F001");
    // A fraction that is not B/A is still wrong.
    trips(&[("G6", "0.8")], "F001", Some("G6"), Some("90%"));
    passes(&[("G6", "0.8")], "F007");
}

#[test]
fn f008_budget_reason_missing() {
    // A profile that asks for a reason under 95% (VALID executes 90%), and a 原因 column in the funds block.
    let profile = Profile::from_json(r#"{"budgetReasonBelow": 95}"#).unwrap();
    let with_column = edit(VALID, &[("I5", "原因")]);
    let report = selfeval::check_text(&with_column, &profile);
    assert_eq!(of_code(&report, "F008"), vec![(Some("I6".into()), None)]);
    let explained = selfeval::check_text(&edit(&with_column, &[("I6", "年底采购未结算")]), &profile);
    assert!(of_code(&explained, "F008").is_empty());
    // The central profile asks for none.
    assert!(of_code(&check(&with_column), "F008").is_empty());
}

#[test]
fn w005_score_above_declared() {
    let over = edit(TWENTY_EIGHTY, &[("G10", "35"), ("B12", "93")]);
    let report = check(&over);
    assert_eq!(of_code(&report, "W005"), vec![(Some("B9".into()), Some("60".into()))]);
    let block = edit(TWENTY_EIGHTY, &[("G11", "25"), ("B12", "103")]);
    assert_eq!(
        of_code(&check(&block), "W005"),
        vec![(Some("A8".into()), Some("80".into())), (Some("B11".into()), Some("20".into()))]
    );
    assert!(of_code(&check(TWENTY_EIGHTY), "W005").is_empty());
}

#[test]
fn twenty_eighty_sheets_are_read_as_their_layout() {
    let report = check(TWENTY_EIGHTY);
    assert_eq!(findings(&report), Vec::<String>::new());
    let sheet = &report.sheets[0];
    assert_eq!((sheet.layout, sheet.profile.as_str()), ("20/80", "twenty-eighty"));
    assert!(sheet.layout_evidence.len() >= 3, "{:?}", sheet.layout_evidence);
    assert_eq!((sheet.budget.points.as_str(), sheet.budget.rule_score.as_deref()), ("20", Some("18")));
    assert_eq!((sheet.totals.stated_score.as_deref(), sheet.totals.computed_score.as_str()), (Some("88"), "88"));
    assert_eq!(sheet.implementer.as_deref(), Some("某县农业农村局"));
    // The checks that apply without weights still apply.
    let wrong = edit(TWENTY_EIGHTY, &[("E7", "18.5"), ("B12", "90")]);
    assert_eq!(findings(&check(&wrong)), vec!["F002@E7", "T002@B12"]);
    // A missed target needs the reasons row.
    let missed =
        edit(TWENTY_EIGHTY, &[("C7", "100"), ("D7", "100%"), ("E7", "20"), ("F9", "12"), ("B12", "90"), ("B13", "无")]);
    assert_eq!(findings(&check(&missed)), vec!["I006@B13"]);
}

#[test]
fn l003_block_missing() {
    let cut: String = VALID.lines().take(18).collect::<Vec<_>>().join("\n");
    let report = check(&cut);
    assert_eq!(of_code(&report, "L003"), vec![(Some("G18".into()), None)]);
    trips(&[("B6", "某项资金")], "L003", Some("A5"), None);
    passes(&[], "L003");
}

#[test]
fn l004_nonstandard_label() {
    trips(&[("A12", "-")], "L004", Some("A12"), Some("一级指标"));
    trips(&[("F12", "分数")], "L004", Some("F12"), Some("分值"));
    // The funds block may say 分数: the template allows it there.
    passes(&[("F5", "分数")], "L004");
}

#[test]
fn h001_header_missing() {
    // On the blank cell, where the value is to be written.
    trips(&[("B4", "")], "H001", Some("B4"), None);
    trips(&[("A2", "")], "H001", Some("A1"), None);
    passes(&[("B4", "某某局")], "H001");
    // No 实施单位 row at all beside 项目名称 and 主管部门: the template's, said as H003, not an error.
    passes(&[("C4", ""), ("D4", "")], "H001");
}

#[test]
fn h003_header_field_absent() {
    // On the header's first label.
    trips(&[("C4", ""), ("D4", "")], "H003", Some("A3"), None);
    // With only one named field left, the header was cut, not templated: H001, not H003.
    passes(&[("C4", ""), ("D4", ""), ("A3", ""), ("B3", "")], "H003");
    trips(&[("C4", ""), ("D4", ""), ("A3", ""), ("B3", "")], "H001", Some("A1"), None);
}

#[test]
fn f001_rate() {
    trips(&[("G6", "95%")], "F001", Some("G6"), Some("90%"));
    trips(&[("G6", "很高")], "F001", Some("G6"), Some("90%"));
    // 86.183% computed: 86.18% and 86.19% both agree (rounded either way), so does 86%.
    let base = [("D6", "100"), ("E6", "86.183"), ("H6", "8.62"), ("G7", "86%"), ("E7", "86.183"), ("G22", "99.62")];
    for rate in ["86.18%", "86.19%", "86%", "86.2%"] {
        let mut edits = base.to_vec();
        edits.push(("G6", rate));
        passes(&edits, "F001");
    }
    let mut edits = base.to_vec();
    edits.push(("G6", "86.17%"));
    let report = check(&edit(VALID, &edits));
    assert_eq!(of_code(&report, "F001"), vec![(Some("G6".into()), Some("86.18%".into()))]);
}

#[test]
fn f002_budget_score() {
    trips(&[("H6", "10"), ("G20", "100")], "F002", Some("H6"), Some("9"));
    // 99.1% executed: 9.91 by rule; 9 given looks like rounding down, 10 like rounding up.
    let report = check(&edit(VALID, &[("E6", "99.1"), ("E7", "99.1"), ("G6", "99.10%"), ("H6", "10"), ("G20", "100")]));
    let f = report.sheets[0].findings.iter().find(|f| f.code == "F002").unwrap();
    assert_eq!(f.expected.as_deref(), Some("9.91"));
    assert!(f.message.contains("疑似取整"), "{}", f.message);
    passes(&[("H6", "9.00")], "F002");
    passes(&[("E6", "99.1"), ("E7", "99.1"), ("G6", "99.1%"), ("H6", "9.91"), ("G20", "99.91")], "F002");
}

#[test]
fn f003_total_not_sum() {
    trips(&[("E7", "80")], "F003", Some("E6"), Some("80"));
    trips(&[("C9", "5")], "F003", Some("C6"), Some("105"));
    passes(&[("D7", "90"), ("D8", "10"), ("C7", "90"), ("C8", "10")], "F003");
    // A part broken down under it (中央补助 of the 当年财政拨款) is not counted twice.
    let appropriation = "\t其中:当年财政拨款\t100\t100\t90\t-\t90%\t-\n";
    let nested = VALID.replace(appropriation, &format!("{appropriation}\t其中:中央补助\t60\t60\t54\t-\t90%\t-\n"));
    assert!(of_code(&check(&nested), "F003").is_empty(), "{:?}", findings(&check(&nested)));
    assert_eq!(of_code(&check(&edit(&nested, &[("C9", "5")])), "F003").len(), 1);
}

#[test]
fn f004_over_executed() {
    trips(&[("E6", "110"), ("E7", "110"), ("G6", "110%"), ("H6", "10"), ("G20", "100")], "F004", Some("E6"), None);
    passes(&[("E6", "100"), ("E7", "100"), ("G6", "100%"), ("H6", "10"), ("G20", "100")], "F004");
}

#[test]
fn f005_funds_cell_blank() {
    // Each with the value the rules put there: B/A, min(rate, 100%) × 分值, the profile's points.
    trips(&[("G6", "")], "F005", Some("G6"), Some("90%"));
    trips(&[("H6", "")], "F005", Some("H6"), Some("9"));
    trips(&[("F6", "")], "F005", Some("F6"), Some("10"));
    // The 其中 rows' 分值 and 得分 are dashes by design.
    passes(&[("F7", "—"), ("H7", "")], "F005");
}

#[test]
fn f006_initial_differs() {
    trips(&[("C6", "80"), ("C7", "80")], "F006", Some("C6"), None);
    passes(&[("C6", "100.00")], "F006");
}

#[test]
fn g001_goal_blank() {
    trips(&[("B11", "")], "G001", Some("B11"), None);
    trips(&[("E11", "<p></p>")], "G001", Some("E11"), None);
    passes(&[("B11", "另一目标")], "G001");
}

#[test]
fn w001_weight_total() {
    trips(&[("F13", "25"), ("G13", "25"), ("G20", "104")], "W001", Some("F20"), Some("100"));
    passes(&[("F13", "25"), ("G13", "25"), ("F14", "5"), ("G14", "5")], "W001");
}

#[test]
fn w002_weight_split() {
    let report = check(&edit(VALID, &[("F13", "30"), ("G13", "30"), ("F17", "5"), ("G17", "5"), ("G20", "99")]));
    let f = report.sheets[0].findings.iter().find(|f| f.code == "W002").expect("W002");
    assert_eq!(f.cell.as_deref(), Some("A13"));
    assert!(f.message.contains("产出 60、效益 20、满意度 10、预算执行 10"), "{}", f.message);
    passes(&[("F13", "15"), ("G13", "15"), ("F14", "15"), ("G14", "15")], "W002");
}

#[test]
fn w003_declared_weight() {
    trips(&[("A13", "产出指标(40分)")], "W003", Some("A13"), Some("50"));
    passes(&[("A13", "产出指标（50分）")], "W003");
}

#[test]
fn w004_no_satisfaction() {
    trips(&[("A19", "效益指标"), ("B19", "社会效益指标")], "W004", Some("A12"), None);
    passes(&[("A19", "满意度指标(10分)")], "W004");
}

#[test]
fn t001_stated_weight_total() {
    trips(&[("F20", "90")], "T001", Some("F20"), Some("100"));
    passes(&[("F20", "100.00")], "T001");
}

#[test]
fn t002_stated_score_total() {
    trips(&[("G20", "98")], "T002", Some("G20"), Some("99"));
    passes(&[("G20", "99.00")], "T002");
}

#[test]
fn r001_stated_grade() {
    trips(&[("B21", "良")], "R001", Some("B21"), Some("优"));
    passes(&[("B21", "优秀")], "R001");
    // The grade written after its label in one cell.
    trips(&[("A21", "评分等级：良"), ("B21", "")], "R001", Some("A21"), Some("优"));
    passes(&[("A21", "评分等级：优"), ("B21", "")], "R001");
    passes(&[("B21", "优（99分）")], "R001");
    trips(&[("B21", "良（99分）")], "R001", Some("B21"), Some("优"));
}

#[test]
fn r002_rule_grade() {
    // 10 of ≥100 人次 with full marks: 2 points by rule, so the rule total is 81 (良).
    trips(&[("E13", "10人次"), ("H13", "疫情影响")], "R002", Some("B21"), Some("良"));
    passes(&[("E13", "99人次"), ("H13", "疫情影响")], "R002");
}

#[test]
fn i001_indicator_cell_blank() {
    trips(&[("G14", "")], "I001", Some("G14"), None);
    trips(&[("F14", "十")], "I001", Some("F14"), None);
    passes(&[("G14", "10分")], "I001");
    // A template row that names nothing and holds only a 0 is no indicator.
    let template_row = VALID.replace("\t可持续影响指标", "\t生态效益指标\t\t\t\t\t0\t\n\t可持续影响指标");
    assert!(of_code(&check(&template_row), "I001").is_empty(), "{:?}", findings(&check(&template_row)));
    // 20/80, one 得分 merged down a 二级 block's rows: the rows under the first are blank when pasted.
    let merged = TWENTY_EIGHTY.replace(
        "\t资金拨付及时率\t100%\t100%\t30\n",
        "\t资金拨付及时率\t100%\t100%\t30\n\t\t\t验收及时率\t100%\t100%\t\n",
    );
    assert!(of_code(&check(&merged), "I001").is_empty(), "{:?}", findings(&check(&merged)));
    // But a block's only row left blank, in a 一级 whose scores do not make up its points, is unfilled.
    let unfilled = TWENTY_EIGHTY.replace("\t10\n总分", "\t\n总分");
    assert!(!of_code(&check(&unfilled), "I001").is_empty(), "{:?}", findings(&check(&unfilled)));
}

#[test]
fn i002_score_out_of_range() {
    trips(&[("G13", "25"), ("G20", "104")], "I002", Some("G13"), Some("20"));
    trips(&[("G13", "-1"), ("G20", "78")], "I002", Some("G13"), Some("20"));
    passes(&[("G13", "0"), ("E13", "0人次"), ("H13", "未开展")], "I002");
}

#[test]
fn i003_unmet_full_marks() {
    trips(&[("E14", "90%")], "I003", Some("G14"), Some("9.47"));
    // Reverse indicator: 10% against ≤5% is 5/10 of 15.
    trips(&[("E18", "10%")], "I003", Some("G18"), Some("7.5"));
    passes(&[("E14", "90%"), ("G14", "9.47"), ("G20", "98.47"), ("H14", "原因")], "I003");
    // A bare duration under 时效指标 is a limit: done in 2 days meets 3天, 5 days does not (3/5 of 10).
    passes(&[("D15", "3天"), ("E15", "2天")], "I003");
    trips(&[("D15", "3天"), ("E15", "5天")], "I003", Some("G15"), Some("6"));
    // Likewise a bare amount under 成本指标; elsewhere a bare number is a floor.
    passes(&[("D16", "90万元"), ("E16", "85万元")], "I003");
    trips(&[("D13", "100人次"), ("E13", "90人次")], "I003", Some("G13"), Some("18"));
    // A month is a deadline wherever it stands, bare or with 前: done in July meets 9月 and 9月前.
    passes(&[("D13", "9月"), ("E13", "7月")], "I003");
    passes(&[("D13", "9月前"), ("E13", "7月")], "I003");
    trips(&[("D13", "9月前"), ("E13", "12月")], "I003", Some("G13"), Some("15"));
    // A completion written without its unit is in the target's: 5 meets ≥5万元, 4 is 4/5 of 20.
    passes(&[("D13", "≥5万元"), ("E13", "5")], "I003");
    trips(&[("D13", "≥5万元"), ("E13", "4")], "I003", Some("G13"), Some("16"));
}

#[test]
fn i004_unmet_not_proportional() {
    trips(&[("E14", "90%"), ("G14", "8"), ("G20", "97"), ("H14", "原因")], "I004", Some("G14"), Some("9.47"));
    passes(&[("E14", "90%"), ("G14", "9.47"), ("G20", "98.47"), ("H14", "原因")], "I004");
    passes(&[("E14", "90%"), ("G14", "9.48"), ("G20", "98.48"), ("H14", "原因")], "I004");
}

#[test]
fn i005_met_but_deducted() {
    trips(&[("G14", "8"), ("G20", "97"), ("H14", "原因")], "I005", Some("G14"), Some("10"));
    passes(&[("G14", "9.995"), ("G20", "98.995")], "I005");
}

#[test]
fn i006_reason_missing() {
    trips(&[("E14", "90%"), ("G14", "9.47"), ("G20", "98.47")], "I006", Some("H14"), None);
    // A qualitative indicator marked down needs a reason too.
    trips(&[("G15", "9"), ("G20", "98")], "I006", Some("H15"), None);
    passes(&[("E14", "90%"), ("G14", "9.47"), ("G20", "98.47"), ("H14", "设备故障")], "I006");
    // Saying the target was met is no reason for missing it.
    trips(&[("E14", "90%"), ("G14", "9.47"), ("G20", "98.47"), ("H14", "已完成")], "I006", Some("H14"), None);
}

#[test]
fn i007_reason_without_deviation() {
    trips(&[("H14", "满意度未达指标值")], "I007", Some("H14"), None);
    passes(&[("H14", "<p></p>")], "I007");
    // A met target's reason cell that only says it was met gives no reason to warn of.
    passes(&[("H14", "无偏差，已完成")], "I007");
    passes(&[("H14", "达到预期")], "I007");
}

#[test]
fn i008_unit_mismatch() {
    trips(&[("E13", "100件")], "I008", Some("E13"), Some("人次"));
    passes(&[("E13", "100")], "I008");
}

#[test]
fn i009_completion_bound() {
    trips(&[("E13", "≥100人次")], "I009", Some("E13"), Some("100人次"));
    passes(&[("E13", "=100人次")], "I009");
    // A round number (`100余人次`) is more than 100: said as such, not as a unit of its own (I008).
    trips(&[("E13", "100余人次")], "I009", Some("E13"), Some("100人次"));
    passes(&[("E13", "100余人次")], "I008");
    let report = check(&edit(VALID, &[("E13", "100余人次")]));
    let message = &report.sheets[0].findings.iter().find(|f| f.code == "I009").unwrap().message;
    assert!(message.contains("是概数"), "{message}");
}

#[test]
fn i010_far_above() {
    trips(&[("E13", "130人次")], "I010", Some("H13"), None);
    passes(&[("E13", "129人次")], "I010");
    passes(&[("E13", "200人次"), ("H13", "需求超出预期")], "I010");
}

#[test]
fn i011_blank_value_scored() {
    trips(&[("E13", "")], "I011", Some("E13"), Some("0"));
    trips(&[("D16", "")], "I011", Some("D16"), Some("0"));
    passes(&[("E13", ""), ("G13", "0"), ("G20", "79"), ("H13", "未开展")], "I011");
}

#[test]
fn i012_qualitative_out_of_band() {
    // 不及时 is not met: 0–6 of 10.
    trips(&[("E15", "不及时"), ("H15", "延误")], "I012", Some("G15"), Some("0–6"));
    passes(&[("E15", "不及时"), ("G15", "5"), ("G20", "94"), ("H15", "延误")], "I012");
    // 部分完成 is partly met: 6–8.
    trips(&[("E15", "部分完成"), ("G15", "9"), ("G20", "98"), ("H15", "延误")], "I012", Some("G15"), Some("6–8"));
}

#[test]
fn i013_level2_mismatch() {
    trips(&[("B13", "经济效益指标")], "I013", Some("B13"), None);
    passes(&[("B13", "数量")], "I013");
    // A word written twice is still its 二级; a 效益 word under 产出 is not one of its.
    passes(&[("B13", "数量数量指标")], "I013");
    trips(&[("B13", "社会效益数量指标")], "I013", Some("B13"), None);
}

#[test]
fn i014_unreadable() {
    trips(&[("D14", "≥abc")], "I014", Some("D14"), None);
    trips(&[("E15", "一般")], "I014", Some("E15"), None);
    passes(&[("E15", "按时完成")], "I014");
}

#[test]
fn i015_value_as_fraction() {
    trips(&[("E14", "0.96")], "I015", Some("E14"), Some("96%"));
    // 0.90 against ≥95% is 90%: not met, scored by proportion.
    let report = check(&edit(VALID, &[("E14", "0.90"), ("G14", "9.47"), ("G20", "98.47"), ("H14", "原因")]));
    assert_eq!(report.sheets[0].indicators[1].judgement, "notMet");
    passes(&[("E14", "96")], "I015");
}

#[test]
fn x001_markup() {
    trips(&[("B11", "<p>完成某事</p>")], "X001", Some("B11"), Some("完成某事"));
    passes(&[("B11", "完成 <5% 的差错")], "X001");
}
