//! The engine never panics, whatever it is given, and its report is always whole.

mod common;

use proptest::prelude::*;
use selfeval::{check_bytes, check_text, Profile, Report};

const FIXTURE: &str = include_str!("fixtures/000_7b7c0afb335e079f.txt");

/// Cell values that stress the readers: numbers at the edges of Decimal, comparators, labels, quotes.
const TOKENS: &[&str] = &[
    "",
    "-",
    "—",
    "0",
    "0.00",
    "-1",
    "1e5",
    "99999999999999999999999999999",
    "0.0000000000000000000000000001",
    "79228162514264337593543950335",
    "≥",
    "≥abc",
    "≤0",
    "<0",
    "=0%",
    "0次",
    "≥100人次",
    "100万人次",
    "1,2,3",
    "及时",
    "不及时",
    "部分",
    "一级指标",
    "三级指标",
    "项目资金(万元)",
    "年度资金总额",
    "其中:",
    "总分",
    "合计",
    "评分等级",
    "优",
    "财政项目支出绩效自评表",
    "预算执行情况(万元)(20分)",
    "得分(20分*执行率)",
    "年度绩效目标(80分)",
    "年初目标值(A)",
    "实际完成值(B)",
    "指标性质",
    "指标值",
    "度量单位",
    "权重",
    "未完成原因分析",
    "偏差大或目标未完成原因分析",
    "项目类别",
    "报表编号",
    "绩效指标(90分)",
    "预算单位名称",
    "年度预算申请",
    "按收入性质分",
    "单位名称:某局 填报日期:2021年3月",
    "产出指标(60分)",
    "未发生重大安全事故",
    "无重大安全事故",
    "指标1:",
    "……",
    "/",
    "0.98",
    "004 >=",
    "═",
    "\"",
    "\"\"",
    "<p>",
    "</p>",
    "<",
    "\t",
    "\n",
    "\r",
    "（",
    "％",
    "产出指标(50分)",
    "满意度指标",
    "指标性质",
    "得分(20分*执行率)",
    "年度总体目标",
    "实际完成情况",
    "分值",
    "得分",
];

fn consistent(report: &Report) {
    let all = report.sheets.iter().flat_map(|s| &s.findings).chain(&report.findings);
    assert_eq!(all.count(), report.counts.error + report.counts.warning + report.counts.info);
    assert!(serde_json::from_str::<serde_json::Value>(&report.to_json()).is_ok());
    let _ = report.to_text(true);
}

/// The form view of a grid: every cell of every sheet is drawn exactly once, inside the sheet.
fn drawn_once(grid: &selfeval::Grid, merges: &[selfeval::Merge]) {
    let (report, views) = selfeval::check_form(grid, merges, &Profile::default());
    assert_eq!(report.sheets.len(), views.len());
    for v in &views {
        let mut seen = vec![0u8; (v.last_row - v.first_row + 1) * v.width];
        for c in &v.cells {
            assert!(c.rows >= 1 && c.cols >= 1 && c.row + c.rows <= v.last_row + 1 && c.col + c.cols <= v.width);
            for r in c.row..c.row + c.rows {
                for col in c.col..c.col + c.cols {
                    seen[(r - v.first_row) * v.width + col] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&n| n == 1), "a cell is drawn twice or not at all");
    }
}

fn mutated() -> impl Strategy<Value = String> {
    let lines: Vec<Vec<String>> = FIXTURE.lines().map(|l| l.split('\t').map(str::to_owned).collect()).collect();
    prop::collection::vec((0..lines.len(), 0usize..12, prop::sample::select(TOKENS)), 1..30).prop_map(move |edits| {
        let mut rows = lines.clone();
        for (r, c, token) in edits {
            if rows[r].len() <= c {
                rows[r].resize(c + 1, String::new());
            }
            rows[r][c] = token.to_owned();
        }
        rows.iter().map(|r| r.join("\t")).collect::<Vec<_>>().join("\n")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_text(text in "\\PC*") {
        consistent(&check_text(&text, &Profile::default()));
    }

    #[test]
    fn any_tokens(tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..200)) {
        consistent(&check_text(&tokens.concat(), &Profile::default()));
        drawn_once(&selfeval::Grid::parse(&tokens.concat(), None), &[]);
    }

    #[test]
    fn any_html(html in "(<(/)?(table|tr|td|th|br|p|script)( (rowspan|colspan)=[0-9]{1,7})?>|&[a-z#0-9]{0,6};?|[^<&]{0,8})*") {
        consistent(&selfeval::check_html(&html, &Profile::default()));
        if let Ok(Some((grid, merges))) = selfeval::input::html::parse(&html) {
            drawn_once(&grid, &merges);
        }
    }

    #[test]
    fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        consistent(&check_bytes("x.csv", &bytes, &Profile::default()));
    }

    #[test]
    fn edited_fixture(text in mutated()) {
        let report = check_text(&text, &Profile::default());
        consistent(&report);
        drawn_once(&selfeval::Grid::parse(&text, None), &[]);
    }

    #[test]
    fn any_profile_json(json in "\\PC{0,80}") {
        let _ = Profile::from_json(&json);
    }
}
