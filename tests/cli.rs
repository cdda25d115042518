//! The `selfeval check` command: output and exit status.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_selfeval")).args(args).output().expect("run selfeval")
}

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("selfeval-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const FIXTURE: &str = "tests/fixtures/000_7b7c0afb335e079f.txt";

#[test]
fn errors_exit_1_with_a_chinese_summary() {
    let out = run(&["check", FIXTURE]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("4 张自评表，错误 6，警告 12，提示 1"), "{text}");
    assert!(text.contains("错误 I003 G78"), "{text}");
    assert!(text.contains("应为 9.68"), "{text}");
}

#[test]
fn a_clean_sheet_exits_0() {
    let path = temp("valid.txt", common::VALID.as_bytes());
    let out = run(&["check", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8(out.stdout).unwrap().contains("未发现问题"));
}

#[test]
fn json_output_is_the_report() {
    let out = run(&["check", "--json", FIXTURE]);
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["schemaVersion"], 1);
    assert_eq!(json["sheets"][3]["totals"]["computedWeight"], "115");
    assert_eq!(json["sheets"][3]["totals"]["computedScore"], "113");
    // Several files give an array of reports.
    let out = run(&["check", "--json", FIXTURE, FIXTURE]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_profile_changes_the_scoring() {
    let profile = temp("split.json", r#"{"weights": {"产出": 60, "效益": 20}}"#.as_bytes());
    let out = run(&["check", "--json", "--profile", profile.to_str().unwrap(), FIXTURE]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first: Vec<&str> =
        json["sheets"][0]["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap()).collect();
    assert_eq!(first, ["I004"]);
}

#[test]
fn unreadable_input_exits_2() {
    assert_eq!(run(&["check", "no/such/file.txt"]).status.code(), Some(2));
    let binary = temp("book.xlsx", b"PK\x03\x04\x14\x00\xCF\xEE");
    let out = run(&["check", binary.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stdout).unwrap().contains("损坏或不完整"));
    let bad = temp("bad.json", b"{\"budget\": 1}");
    let out = run(&["check", "--profile", bad.to_str().unwrap(), FIXTURE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("评分配置无效"));
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["lint", FIXTURE]).status.code(), Some(2));
    assert_eq!(run(&["check", "--color", FIXTURE]).status.code(), Some(2));
}
