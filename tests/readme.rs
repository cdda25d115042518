//! The README says what the code does: its table of findings is the registry, and its example output
//! is what the command prints.

use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

/// The text of a `## ` section, up to the next one.
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text.find(&format!("\n## {heading}\n")).unwrap_or_else(|| panic!("no section {heading}"));
    let body = &text[start + heading.len() + 5..];
    &body[..body.find("\n## ").unwrap_or(body.len())]
}

#[test]
fn the_findings_table_is_the_registry() {
    let text = readme();
    let table: String =
        section(&text, "Findings").lines().filter(|l| l.starts_with('|')).map(|l| format!("{l}\n")).collect();
    assert_eq!(table, selfeval::finding::codes_table(), "README's table differs from `selfeval codes`");
    let out = Command::new(env!("CARGO_BIN_EXE_selfeval")).arg("codes").output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), selfeval::finding::codes_table());
}

#[test]
fn the_example_output_is_the_real_output() {
    let text = readme();
    let body = section(&text, "The `check` command");
    let block = body.split("```").find(|b| b.trim_start().starts_with("$ selfeval check")).expect("example block");
    let mut lines = block.trim().lines();
    let command = lines.next().unwrap().trim_start_matches("$ selfeval ");
    let args: Vec<&str> = command.split_whitespace().collect();
    let out = Command::new(env!("CARGO_BIN_EXE_selfeval"))
        .args(&args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let real = String::from_utf8(out.stdout).unwrap();
    let mut real_lines = real.lines();
    for line in lines.filter(|l| l.trim() != "…") {
        assert!(
            real_lines.any(|r| r == line),
            "README line not in the output, in order:\n{line}\n\nreal output:\n{real}"
        );
    }
}
