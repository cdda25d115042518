//! Scoring profiles: the settings that differ between provinces and years, as data.
//!
//! The default is the central profile of RULES.md §3 (财预〔2020〕10号): 产出 50 · 效益 30 · 满意度 10 ·
//! 预算执行 10, far above at 130%, qualitative bands 80–100% / 60–80% / 0–60%, grades 优 ≥ 90, 良 ≥ 80,
//! 中 ≥ 60, else 差, tolerance 0.01. A profile is a JSON document; every field may be left out and then
//! takes the central value, so `{"budgetPoints": 20}` is a whole profile for the Hubei family.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer};

/// The profiles that come with selfeval, by name: the central one, and those of the layout families
/// (chosen automatically for a sheet of that layout), and an example to adjust.
pub const BUILTIN: &[(&str, &str)] = &[
    ("central", include_str!("../profiles/central.json")),
    ("twenty-eighty", include_str!("../profiles/twenty-eighty.json")),
    ("sichuan-2023", include_str!("../profiles/sichuan-2023.json")),
    ("hubei-pre2021", include_str!("../profiles/hubei-pre2021.json")),
    ("evaluation", include_str!("../profiles/evaluation.json")),
    ("chongqing-department", include_str!("../profiles/chongqing-department.json")),
];

/// Scoring settings. Build one with [`Profile::default`] (central) or [`Profile::from_json`].
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    /// A name shown in reports.
    pub name: String,
    /// Its Chinese name, shown where the user chooses a profile.
    pub label: String,
    /// Points of each 一级指标; `null` where a layout sets no split (Sichuan's 权重, the 20/80 family).
    pub weights: Option<Weights>,
    /// Points of the budget execution (预算执行率): 10 centrally, 20 in the Hubei family.
    #[serde(deserialize_with = "decimal")]
    pub budget_points: Decimal,
    /// An execution rate (in percent) below which the budget row must give its reason, where the layout
    /// has a column for it (Sichuan 2023: 90); `null` where no rate needs one.
    #[serde(deserialize_with = "optional_decimal")]
    pub budget_reason_below: Option<Decimal>,
    /// A completion at or above this multiple of its target is "far above" (1.3 = 130%).
    #[serde(deserialize_with = "decimal")]
    pub far_above_ratio: Decimal,
    /// Shares of the weight a qualitative indicator may score, by how far it was met.
    pub qualitative_bands: QualitativeBands,
    /// Lowest total of each grade.
    pub grade_bands: GradeBands,
    /// How far a stated score or rate may be from the computed one and still agree.
    #[serde(deserialize_with = "decimal")]
    pub tolerance: Decimal,
    /// Whether the user chose this profile. One not chosen (the default) gives way, sheet by sheet, to
    /// the profile of the layout a sheet is read as ([`crate::read::family::profile`]).
    #[serde(skip)]
    pub chosen: bool,
}

/// Points of each 一级指标.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// 产出指标.
    #[serde(rename = "产出", alias = "output", deserialize_with = "decimal")]
    pub output: Decimal,
    /// 效益指标.
    #[serde(rename = "效益", alias = "benefit", deserialize_with = "decimal")]
    pub benefit: Decimal,
    /// 满意度指标.
    #[serde(rename = "满意度", alias = "satisfaction", deserialize_with = "decimal")]
    pub satisfaction: Decimal,
}

/// A share of an indicator's weight, from `min` to `max` (0.8 to 1 for a met qualitative target).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Lowest share, inclusive.
    #[serde(deserialize_with = "decimal")]
    pub min: Decimal,
    /// Highest share, inclusive.
    #[serde(deserialize_with = "decimal")]
    pub max: Decimal,
}

/// The bands of qualitative scoring.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct QualitativeBands {
    /// 达成: 80–100%.
    pub met: Band,
    /// 部分达成: 60–80%.
    pub partly: Band,
    /// 未达成: 0–60%.
    pub not_met: Band,
}

/// The lowest total of each grade; below `fair` is 差.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GradeBands {
    /// 优.
    #[serde(rename = "优", alias = "excellent", deserialize_with = "decimal")]
    pub excellent: Decimal,
    /// 良.
    #[serde(rename = "良", alias = "good", deserialize_with = "decimal")]
    pub good: Decimal,
    /// 中.
    #[serde(rename = "中", alias = "fair", deserialize_with = "decimal")]
    pub fair: Decimal,
}

/// A profile that cannot be used, with the reason in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError(pub String);

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "评分配置无效：{}", self.0)
    }
}

impl std::error::Error for ProfileError {}

fn dec(n: i64, scale: u32) -> Decimal {
    Decimal::new(n, scale)
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: "central".into(),
            label: "中央（财预〔2020〕10号）".into(),
            weights: Some(Weights::default()),
            budget_points: dec(10, 0),
            budget_reason_below: None,
            far_above_ratio: dec(13, 1),
            qualitative_bands: QualitativeBands::default(),
            grade_bands: GradeBands::default(),
            tolerance: dec(1, 2),
            chosen: false,
        }
    }
}

impl Default for Weights {
    fn default() -> Self {
        Weights { output: dec(50, 0), benefit: dec(30, 0), satisfaction: dec(10, 0) }
    }
}

impl Default for QualitativeBands {
    fn default() -> Self {
        QualitativeBands {
            met: Band { min: dec(8, 1), max: dec(1, 0) },
            partly: Band { min: dec(6, 1), max: dec(8, 1) },
            not_met: Band { min: dec(0, 0), max: dec(6, 1) },
        }
    }
}

impl Default for GradeBands {
    fn default() -> Self {
        GradeBands { excellent: dec(90, 0), good: dec(80, 0), fair: dec(60, 0) }
    }
}

impl Profile {
    /// Reads a profile the user chose from JSON; fields left out take the central values.
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        if !json.trim_start().starts_with('{') {
            return Err(ProfileError("须为 JSON 对象（以 { 开头）".into()));
        }
        let profile: Profile = serde_json::from_str(json).map_err(|e| {
            ProfileError(format!("JSON 第 {} 行第 {} 列：{}", e.line(), e.column(), translate_serde(&e.to_string())))
        })?;
        profile.validate()?;
        Ok(Profile { chosen: true, ..profile })
    }

    fn validate(&self) -> Result<(), ProfileError> {
        let one = Decimal::ONE;
        let w = self.weights.clone().unwrap_or_default();
        if [w.output, w.benefit, w.satisfaction, self.budget_points].iter().any(|p| p.is_sign_negative()) {
            return Err(ProfileError("分值不能为负数".into()));
        }
        if self.far_above_ratio < one {
            return Err(ProfileError("farAboveRatio（超额阈值）不能小于 1".into()));
        }
        let b = &self.qualitative_bands;
        for (name, band) in [("met", b.met), ("partly", b.partly), ("notMet", b.not_met)] {
            if band.min.is_sign_negative() || band.max > one || band.min > band.max {
                return Err(ProfileError(format!("qualitativeBands.{name} 须满足 0 ≤ min ≤ max ≤ 1")));
            }
        }
        let g = &self.grade_bands;
        if !(g.excellent >= g.good && g.good >= g.fair) {
            return Err(ProfileError("gradeBands 须满足 优 ≥ 良 ≥ 中".into()));
        }
        if self.tolerance.is_sign_negative() {
            return Err(ProfileError("tolerance（容差）不能为负数".into()));
        }
        Ok(())
    }

    /// The grade of a total: 优, 良, 中 or 差.
    pub fn grade(&self, total: Decimal) -> &'static str {
        let g = &self.grade_bands;
        if total >= g.excellent {
            "优"
        } else if total >= g.good {
            "良"
        } else if total >= g.fair {
            "中"
        } else {
            "差"
        }
    }

    /// Whether two values agree within the tolerance.
    pub fn agrees(&self, a: Decimal, b: Decimal) -> bool {
        a.checked_sub(b).is_some_and(|diff| diff.abs() <= self.tolerance)
    }
}

/// Reads a decimal from a JSON number or string, exactly (`1.3` is 1.3, not a float near it).
fn decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    let text = match &value {
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => s.clone(),
        other => return Err(serde::de::Error::custom(format!("应为数字，实为 {other}"))),
    };
    Decimal::from_str(text.trim())
        .or_else(|_| Decimal::from_scientific(text.trim()))
        .map_err(|_| serde::de::Error::custom(format!("“{text}”不是数字")))
}

/// Reads an optional decimal: `null`, or a number as [`decimal`] reads it.
fn optional_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
    let value = serde_json::Value::deserialize(deserializer)?;
    if value.is_null() {
        return Ok(None);
    }
    decimal(value).map(Some).map_err(serde::de::Error::custom)
}

/// Turns serde's English reasons into Chinese where they are common.
fn translate_serde(reason: &str) -> String {
    let reason = reason.split(" at line ").next().unwrap_or(reason);
    if let Some(field) = reason.strip_prefix("unknown field ") {
        let name = field.split(',').next().unwrap_or(field);
        return format!("未知字段 {name}");
    }
    if let Some(field) = reason.strip_prefix("missing field ") {
        return format!("缺少字段 {field}");
    }
    if reason.starts_with("invalid type") {
        return format!("类型不对（{reason}）");
    }
    if reason.starts_with("EOF") || reason.starts_with("expected") || reason.starts_with("trailing") {
        return format!("不是有效的 JSON（{reason}）");
    }
    reason.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_central() {
        let p = Profile::default();
        assert_eq!(p.weights.as_ref().unwrap().output, dec(50, 0));
        assert_eq!(p.budget_points, dec(10, 0));
        assert!(!p.chosen);
        let p = Profile { chosen: true, ..p };
        assert_eq!(Profile::from_json("{}").unwrap(), p);
        assert_eq!(Profile::from_json(include_str!("../profiles/central.json")).unwrap(), p);
    }

    #[test]
    fn builtin_profiles_parse_under_their_names() {
        for (name, json) in BUILTIN {
            assert_eq!(&Profile::from_json(json).unwrap().name, name);
        }
    }

    #[test]
    fn partial_profiles_and_exact_decimals() {
        let p = Profile::from_json(r#"{"budgetPoints": 20, "farAboveRatio": 1.3, "weights": {"产出": "40"}}"#).unwrap();
        assert_eq!(p.budget_points, dec(20, 0));
        assert_eq!(p.far_above_ratio, dec(13, 1));
        let weights = p.weights.as_ref().unwrap();
        assert_eq!((weights.output, weights.benefit), (dec(40, 0), dec(30, 0)));
        assert_eq!(Profile::from_json(r#"{"weights": null}"#).unwrap().weights, None);
    }

    #[test]
    fn malformed_profiles_are_clear_errors() {
        let cases = [
            ("{", "不是有效的 JSON"),
            (r#"{"budget": 10}"#, "未知字段 `budget`"),
            (r#"{"budgetPoints": "十"}"#, "不是数字"),
            (r#"{"budgetPoints": true}"#, "应为数字"),
            (r#"{"budgetPoints": -1}"#, "不能为负数"),
            (r#"{"farAboveRatio": 0.5}"#, "不能小于 1"),
            (r#"{"qualitativeBands": {"met": {"min": 0.9, "max": 0.8}}}"#, "qualitativeBands.met"),
            (r#"{"gradeBands": {"优": 70, "良": 80}}"#, "优 ≥ 良"),
            ("[]", "须为 JSON 对象"),
            (r#"{"weights": 5}"#, "类型不对"),
        ];
        for (json, want) in cases {
            let err = Profile::from_json(json).unwrap_err().to_string();
            assert!(err.contains(want), "{json}: {err}");
            assert!(err.starts_with("评分配置无效"), "{err}");
        }
    }

    #[test]
    fn grades_have_inclusive_lower_bounds() {
        let p = Profile::default();
        let g = |n: i64| p.grade(Decimal::from(n));
        assert_eq!((g(90), g(89), g(80), g(79), g(60), g(59)), ("优", "良", "良", "中", "中", "差"));
        assert_eq!(p.grade(Decimal::new(8999, 2)), "良");
    }
}
