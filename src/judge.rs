//! Whether a completion meets its target, read by what the words mean (RULES.md §2).
//!
//! The vocabulary is data: words that say a target was not reached, adverse events whose absence is
//! the goal, the negations that say an event did not happen, words of timeliness, words of
//! achievement, and words that fill a reason cell but give no reason. A 未 or 无 alone never means "not
//! met": many targets are themselves negative (`无重大安全事故`), and a completion that negates a bad
//! event (`未发生重大安全事故`, `未收到投诉`, `未延期`, `0起`) meets them. A completion is not met when it
//! negates the target's own achievement (`未完成`, `未达到`, `未按时`).

use crate::text::{has, label_key, strip_markup};

/// Whether a target is met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Judgement {
    /// 达成.
    Met,
    /// 部分达成.
    Partly,
    /// 未达成.
    NotMet,
    /// Cannot be judged from what is written.
    Unknown,
}

impl Judgement {
    /// The Chinese word.
    pub fn label(self) -> &'static str {
        match self {
            Judgement::Met => "达成",
            Judgement::Partly => "部分达成",
            Judgement::NotMet => "未达成",
            Judgement::Unknown => "无法判断",
        }
    }
}

/// Words that say the target was not reached: the negation of an achievement, or lateness.
pub const NOT_REACHED: &[&str] = &[
    "未完成",
    "未达到",
    "未达标",
    "未达",
    "未按时",
    "未按期",
    "未如期",
    "未及时",
    "不及时",
    "未实现",
    "未能",
    "没有完成",
    "没有达到",
    "没完成",
    "尚未",
    "不达标",
    "不符合",
    "不合格",
    "未通过",
    "未落实",
    "未到位",
    "未全部",
    "滞后",
    "延期",
    "延迟",
    "推迟",
    "逾期",
    "较差",
    "不满意",
    "无法",
    "不能",
    "不明显",
    "不到位",
    "不规范",
    "不合规",
    "不稳定",
];

/// Rates whose name says lower is better: a bare target on one of them (`预算调整率 3%`) is a ceiling,
/// not a floor (RULES.md §2). Rates of a bad event (事故率, 受害率, 成灾率), of money gone astray
/// (超支率, 结转结余率) or of things lost (流失率, 损失率). `变动率` counts only for a cost (成本变动率).
pub const LOWER_IS_BETTER: &[&str] = &[
    "调整率",
    "结转结余率",
    "结余率",
    "结转率",
    "差错率",
    "错误率",
    "投诉率",
    "事故率",
    "发生率",
    "受害率",
    "成灾率",
    "超支率",
    "成本变动率",
    "费用变动率",
    "空置率",
    "流失率",
    "返工率",
    "损失率",
    "失误率",
    "故障率",
    "违规率",
    "死亡率",
    "发病率",
    "犯罪率",
    "辍学率",
    "复发率",
    "误报率",
    "漏报率",
];

/// Whether an indicator's name says lower is better ([`LOWER_IS_BETTER`]).
pub fn names_lower_is_better(name: &str) -> bool {
    let k = key(name);
    LOWER_IS_BETTER.iter().any(|w| has(&k, w))
}

/// Adverse events: a target that wants none of them is met by a completion that says none happened.
pub const ADVERSE: &[&str] = &[
    "事故",
    "投诉",
    "延期",
    "逾期",
    "延误",
    "违规",
    "违纪",
    "违法",
    "泄露",
    "泄密",
    "差错",
    "失误",
    "纠纷",
    "上访",
    "信访",
    "伤亡",
    "死亡",
    "损失",
    "超支",
    "超预算",
    "超成本",
    "超标",
    "超出",
    "超过",
    "返工",
    "问题",
    "风险",
    "舆情",
    "闲置",
    "挪用",
    "浪费",
    "截留",
    "套取",
    "事件",
    "案件",
    "火灾",
    "污染",
    "中断",
    "故障",
    "质疑",
    "不良",
];

/// Words that say an event did not happen, longest first.
pub const NEGATIONS: &[&str] = &[
    "未发生",
    "未出现",
    "未收到",
    "未接到",
    "没有发生",
    "没有出现",
    "没有收到",
    "不发生",
    "不出现",
    "不存在",
    "无任何",
    "杜绝",
    "避免",
    "没有",
    "未有",
    "未",
    "无",
    "零",
    "不",
    "0起",
    "0次",
    "0件",
    "0例",
    "0个",
];

/// Words of timeliness: being on time is the absence of delay.
pub const ON_TIME: &[&str] = &["按时", "按期", "如期", "及时", "准时", "按计划", "按进度"];

/// Words that say the target was met.
pub const MET_WORDS: &[&str] = &[
    "达成",
    "已完成",
    "完成",
    "达到",
    "符合",
    "实现",
    "及时",
    "满足",
    "合格",
    "良好",
    "显著",
    "达标",
    "到位",
    "满意",
    "提升",
    "提高",
    "改善",
    "有效",
    "全部",
    "明显",
    "较好",
    "优良",
    "稳定",
    "落实",
    "完工",
    "竣工",
    "建成",
    "保障",
    "规范",
];

/// What a reason cell may hold that gives no reason.
pub const EMPTY_REASONS: &[&str] = &[
    "无",
    "暂无",
    "没有",
    "无偏差",
    "没有偏差",
    "无偏离",
    "不存在偏差",
    "未发生偏差",
    "无差异",
    "无原因",
    "0",
    "不适用",
];

/// What a reason cell may say of a target that was met, which explains no deviation: the whole of a
/// clause, so that `受疫情影响延期完成` stays a reason.
pub const ACHIEVED_ONLY: &[&str] = &[
    "完成",
    "已完成",
    "全部完成",
    "已全部完成",
    "按计划完成",
    "已按计划完成",
    "按期完成",
    "已按期完成",
    "按时完成",
    "已按时完成",
    "完成目标",
    "已完成目标",
    "完成年度目标",
    "目标完成",
    "达标",
    "已达标",
    "达成",
    "已达成",
    "达到预期",
    "已达到预期",
    "达到预期目标",
    "达到预期效果",
    "符合预期",
    "正常",
];

/// The text as compared: markup dropped, folded, no white space.
fn key(text: &str) -> String {
    label_key(&strip_markup(text)).into_owned()
}

/// Whether a reason cell says something: some clause of it is more than a blank, a dash or slash, one of
/// [`EMPTY_REASONS`], or a word that the target was met ([`ACHIEVED_ONLY`]: `无偏差，已完成` says nothing).
pub fn says_a_reason(text: &str) -> bool {
    let k = key(text);
    k.split([',', '，', '。', ';', '；', '!', '！']).any(|clause| {
        let c = clause.trim_end_matches('.');
        !(c.is_empty()
            || c.chars().all(|c| matches!(c, '/' | '\\' | '-' | '…' | '.' | '、'))
            || EMPTY_REASONS.contains(&c)
            || ACHIEVED_ONLY.contains(&c))
    })
}

/// The spans of `k` where a negation is followed, within a few characters, by an adverse event or a
/// word of timeliness negated (未延期): each says an event did not happen.
fn absences(k: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < k.len() {
        let rest = &k[i..];
        let Some(neg) = NEGATIONS.iter().find(|n| rest.starts_with(*n)) else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let after = &rest[neg.len()..];
        // The event: the nearest adverse word within 12 characters, with no achievement word between.
        let event = ADVERSE
            .iter()
            .filter_map(|a| after.find(a).map(|at| (at, a.len())))
            .filter(|(at, _)| after[..*at].chars().count() <= 12 && !after[..*at].contains("完成"))
            .min();
        match event {
            Some((at, len)) => {
                spans.push((i, i + neg.len() + at + len));
                i += neg.len() + at + len;
            }
            // `0起`, or `未发生` / `杜绝` with nothing after: the event is the target's.
            None if neg.starts_with('0') || (after.is_empty() && neg.chars().count() >= 2) => {
                spans.push((i, i + neg.len()));
                i += neg.len();
            }
            None => i += neg.len(),
        }
    }
    spans
}

/// The text with its absence phrases taken out, so that `未延期` does not read as `延期`.
fn without_absences(k: &str) -> String {
    let mut out = String::with_capacity(k.len());
    let mut last = 0;
    for (start, end) in absences(k) {
        out.push_str(&k[last..start]);
        last = end;
    }
    out.push_str(&k[last..]);
    out
}

/// Whether the text says a bad event did not happen (`未发生安全事故`, `无投诉`, `零事故`, `杜绝浪费`).
pub fn is_absence(text: &str) -> bool {
    !absences(&key(text)).is_empty()
}

/// Whether the text reports an adverse event that happened (`发生1起事故`, `收到投诉2件`).
fn reports_event(k: &str) -> bool {
    let rest = without_absences(k);
    ADVERSE.iter().any(|a| rest.contains(a))
}

/// Whether the text says something was on time (`按时完成`), not negated.
fn on_time(k: &str) -> bool {
    ON_TIME.iter().any(|w| has(k, w)) && !NOT_REACHED.iter().any(|w| has(k, w))
}

/// Whether the completion negates an achievement, after its absence phrases are taken out. A
/// not-reached word that the target itself holds does not count.
fn negates_achievement(c: &str, t: &str) -> bool {
    let rest = without_absences(c);
    NOT_REACHED.iter().any(|w| has(&rest, w) && !has(t, w)) || rest == "否"
}

/// Judges a written completion against a written target. `target_is_absence` says the target wants an
/// event not to happen (its text does, or it is the quantity 0).
pub fn judge_text(target: &str, completion: &str, target_is_absence: bool) -> Judgement {
    let (t, c) = (key(target), key(completion));
    if c.is_empty() {
        return Judgement::Unknown;
    }
    if c == t {
        return Judgement::Met;
    }
    if negates_achievement(&c, &t) {
        return Judgement::NotMet;
    }
    if has(&c, "部分") || has(&c, "基本") {
        return Judgement::Partly;
    }
    // A negation of the target's own words (`没有保障` against `保障`).
    if negates_target(&c, &t) {
        return Judgement::NotMet;
    }
    if !t.is_empty() && c.contains(&t) {
        return Judgement::Met;
    }
    let target_absence = target_is_absence || is_absence(&t);
    if target_absence && reports_event(&c) && !is_absence(&c) {
        return Judgement::NotMet;
    }
    if !absences(&c).is_empty() {
        return Judgement::Met;
    }
    if (on_time(&t) || has(&t, "延期")) && on_time(&c) {
        return Judgement::Met;
    }
    if c == "是" || MET_WORDS.iter().any(|w| has(&c, w)) {
        return Judgement::Met;
    }
    Judgement::Unknown
}

/// Whether the completion puts a negation right before two or more characters of the target, which
/// the target itself does not negate (`没有保障` against `保障`, but not `未超成本` against `不超成本`).
fn negates_target(c: &str, t: &str) -> bool {
    const NEGATORS: [&str; 4] = ["没有", "未", "不", "无"];
    if t.chars().count() < 2 {
        return false;
    }
    let c = without_absences(c);
    NEGATORS.iter().any(|neg| {
        c.match_indices(neg).any(|(i, _)| {
            let after: String = c[i + neg.len()..].chars().take(2).collect();
            let negated_in_target = NEGATORS.iter().any(|n| t.contains(&format!("{n}{after}")));
            after.chars().count() == 2 && t.contains(&after) && !negated_in_target
        })
    })
}

/// Whether a written target says achievement itself (`完成`, `已完成`, `全部完成`), which a completion
/// of 100% meets.
pub fn is_achievement(text: &str) -> bool {
    let k = key(text);
    !k.is_empty() && MET_WORDS.iter().any(|w| has(&k, w)) && !negates_achievement(&k, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Judgement::*;

    #[test]
    fn judgements() {
        let table: &[(&str, &str, Judgement)] = &[
            ("及时", "及时", Met),
            ("不超成本预算", "不超成本预算", Met),
            ("提升", "有所提升", Met),
            ("及时", "不及时", NotMet),
            ("提升", "部分提升", Partly),
            ("及时", "部分完成", Partly),
            ("达成预期指标", "未达到预期", NotMet),
            ("保障", "没有保障", NotMet),
            ("不超成本预算", "未超预算", Met),
            ("符合标准", "已完成", Met),
            ("是", "是", Met),
            ("是", "否", NotMet),
            ("不超成本预算", "未超成本预算", Met),
            ("持续发挥效益", "效益明显", Met),
            ("按期完工", "已完工", Met),
            ("及时", "基本及时", Partly),
            ("效果显著", "效果不明显", NotMet),
            ("规范管理", "管理不规范", NotMet),
            ("≥95%", "未统计", Unknown),
            ("提升", "不断提升", Met),
            ("无重大安全事故", "无重大安全事故发生", Met),
            ("有效", "是", Met),
            ("及时", "一般", Unknown),
            ("及时", "", Unknown),
            ("<p>提升</p>", "提升", Met),
            ("按时完成", "未按时完成", NotMet),
            ("按计划完成", "延期完成", NotMet),
            ("无重大安全事故", "发生1起重大安全事故", NotMet),
            ("无投诉", "收到投诉2件", NotMet),
        ];
        for &(t, c, want) in table {
            assert_eq!(judge_text(t, c, false), want, "{t} vs {c}");
        }
    }

    /// Completions that mean the same, each meeting the other as a target.
    #[test]
    fn equivalences_hold_both_ways() {
        let pairs: &[(&str, &str)] = &[
            ("无重大安全事故", "未发生重大安全事故"),
            ("无重大安全事故", "杜绝重大安全事故"),
            ("未收到投诉", "无投诉"),
            ("未收到投诉", "零投诉"),
            ("按时完成", "未延期"),
            ("不发生数据泄露", "未发生数据泄露"),
            ("无安全事故", "零事故"),
        ];
        for &(a, b) in pairs {
            assert_eq!(judge_text(a, b, false), Met, "{a} ← {b}");
            assert_eq!(judge_text(b, a, false), Met, "{b} ← {a}");
        }
        // The quantity 0 as a target (0起) is an absence: 未发生 meets it.
        assert_eq!(judge_text("", "未发生", true), Met);
        assert_eq!(judge_text("", "发生2起事故", true), NotMet);
    }

    #[test]
    fn empty_reasons() {
        for empty in ["", "无", "无。", "/", "0", "—", "-", "——", "暂无", "无偏差", " 无 ", "<p>无</p>", "……"]
        {
            assert!(!says_a_reason(empty), "{empty}");
        }
        for empty in ["已完成", "按计划完成。", "无偏差，已完成", "达到预期", "正常"] {
            assert!(!says_a_reason(empty), "{empty}");
        }
        for reason in
            ["受疫情影响延期", "满意度未达指标值", "无法按期开工", "受疫情影响延期完成", "已完成，但超支 5 万元"]
        {
            assert!(says_a_reason(reason), "{reason}");
        }
    }

    #[test]
    fn absences_and_achievements() {
        for yes in ["未发生重大安全事故", "无投诉", "零投诉", "未收到投诉", "未延期", "杜绝浪费", "0起"]
        {
            assert!(is_absence(yes), "{yes}");
        }
        for no in ["按时完成", "已完成", "完成率100%", "未完成"] {
            assert!(!is_absence(no), "{no}");
        }
        assert!(is_achievement("已完成"));
        assert!(is_achievement("全部完成"));
        assert!(!is_achievement("未完成"));
    }
}
