//! A valid sheet to edit one cell at a time, and helpers to read a report's findings.
#![allow(dead_code)]

pub mod hostile;

use selfeval::{check_text, Profile, Report};

/// A sheet in the central layout that the rules accept as it is: no finding at all.
/// Weights 产出 50 · 效益 30 · 满意度 10 · 预算 10; scores 50 + 30 + 10 + 9 = 99; 优.
pub const VALID: &str = "\
财政项目支出绩效自评表
(2023年度)
项目名称\t测试项目
主管部门\t某局\t实施单位\t某中心
项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t100\t100\t90\t10\t90%\t9
\t其中:当年财政拨款\t100\t100\t90\t-\t90%\t-
\t上年结转资金\t0\t0\t0\t-\t-\t-
\t其他资金\t0\t0\t0\t-\t-\t-
年度总体目标\t预期目标\t\t\t实际完成情况
\t完成某事\t\t\t已完成某事
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析
产出指标\t数量指标\t培训人次\t≥100人次\t100人次\t20\t20\t
\t质量指标\t合格率\t≥95%\t96%\t10\t10\t
\t时效指标\t完成及时性\t及时\t及时\t10\t10\t
\t成本指标\t成本控制\t不超成本预算\t不超成本预算\t10\t10\t
效益指标\t社会效益指标\t服务提升\t提升\t提升\t15\t15\t
\t可持续影响指标\t差错率\t≤5%\t3%\t15\t15\t
满意度指标\t服务对象满意度指标\t满意度\t≥90%\t92%\t10\t10\t
总分\t\t\t\t\t100\t99\t
评分等级\t优
";

/// A sheet of the 20/80 family (Yunnan's counties, Hubei before 2021), modelled on a published 保山
/// form: budget execution 20 points with no 分值 column, indicators 80 points with no 分值 column, a
/// 总分 row with its total beside the label, the reasons as a row under the table. Nothing is wrong:
/// 执行率 90 ÷ 100 = 90%, budget 20 × 90% = 18; indicators 30 + 30 + 10 = 70; 18 + 70 = 88; the
/// budget is not fully executed, and the reasons row says why.
pub const TWENTY_EIGHTY: &str = "\
2022年度项目支出绩效自评表
单位名称：某县农业农村局\t填报日期：2023年3月5日
项目名称\t某扶持项目
主管部门\t某县人民政府\t项目实施单位\t某县农业农村局
项目类别\t1、部门预算项目 □ 2、上级专项 þ
预算执行情况(万元)(20分)\t预算数(A)\t执行数(B)\t执行率(B/A)\t得分(20分*执行率)
年度财政资金总额\t100\t90\t90%\t18
年度绩效目标(80分)\t一级指标\t二级指标\t三级指标\t年初目标值(A)\t实际完成值(B)\t得分
\t产出指标(60分)\t数量指标\t扶持主体(个)\t15\t15\t30
\t\t时效指标\t资金拨付及时率\t100%\t100%\t30
\t满意度指标(20分)\t服务对象满意度指标\t满意度\t≥90%\t95%\t10
总分\t88
偏差大或目标未完成原因分析\t部分资金待验收后拨付
改进措施及结果应用方案\t加快验收
";

/// Column and row (both from 0) of an A1 name such as `G13`.
fn parse_a1(a1: &str) -> (usize, usize) {
    let letters: String = a1.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let col = letters.bytes().fold(0usize, |acc, b| acc * 26 + usize::from(b - b'A' + 1)) - 1;
    let row: usize = a1[letters.len()..].parse().expect("row number");
    (col, row - 1)
}

/// The text with the cells named by A1 set to new values (rows and columns are added as needed).
pub fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    let mut rows: Vec<Vec<String>> = text.lines().map(|l| l.split('\t').map(str::to_owned).collect()).collect();
    for (a1, value) in edits {
        let (col, row) = parse_a1(a1);
        if rows.len() <= row {
            rows.resize(row + 1, Vec::new());
        }
        if rows[row].len() <= col {
            rows[row].resize(col + 1, String::new());
        }
        rows[row][col] = (*value).to_owned();
    }
    rows.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join("\n")
}

/// Checks text with the central profile.
pub fn check(text: &str) -> Report {
    check_text(text, &Profile::default())
}

/// Every finding as `code@cell` (`code` alone when it has no cell), sheets in order.
pub fn findings(report: &Report) -> Vec<String> {
    report
        .findings
        .iter()
        .chain(report.sheets.iter().flat_map(|s| &s.findings))
        .map(|f| match &f.cell {
            Some(cell) => format!("{}@{cell}", f.code),
            None => f.code.to_owned(),
        })
        .collect()
}

/// The findings of one code: `(cell, expected)`.
pub fn of_code(report: &Report, code: &str) -> Vec<(Option<String>, Option<String>)> {
    report
        .findings
        .iter()
        .chain(report.sheets.iter().flat_map(|s| &s.findings))
        .filter(|f| f.code == code)
        .map(|f| (f.cell.clone(), f.expected.clone()))
        .collect()
}

/// A zip archive of the given parts, deflated.
pub fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        writer.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}
