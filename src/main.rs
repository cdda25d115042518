//! The `selfeval` command: checks sheets from files, for batch checks and tests.
//!
//! `selfeval check [--json] [--verbose] [--profile FILE] [--xlsx OUT] FILE...`; `-` reads standard input;
//! `--xlsx` also saves the one file checked as an Excel workbook with its findings as notes. Exit
//! status: 0 when no error-level finding, 1 when there are some, 2 when an input or the profile cannot
//! be read. `selfeval codes` lists every code of the registry (the README's table is this list).

use std::io::{Read, Write};
use std::process::ExitCode;

use selfeval::{check_bytes, Code, Profile};

const USAGE: &str = "用法：selfeval check [--json] [--verbose] [--profile 配置.json] [--xlsx 输出.xlsx] 文件...（文件为 - 时读取标准输入；--xlsx 将所查的一个文件另存为带问题批注的 Excel 工作簿）\n      selfeval codes（列出全部问题代码、级别、名称与依据）";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else { return Err(USAGE.into()) };
    if command == "codes" && rest.is_empty() {
        let mut stdout = std::io::stdout().lock();
        let _ = write!(stdout, "{}", selfeval::finding::codes_table());
        return Ok(ExitCode::SUCCESS);
    }
    if command != "check" {
        return Err(if command == "--help" || command == "-h" {
            USAGE.into()
        } else {
            format!("未知命令“{command}”。\n{USAGE}")
        });
    }
    let mut json = false;
    let mut verbose = false;
    let mut profile = Profile::default();
    let mut files = Vec::new();
    let mut xlsx: Option<String> = None;
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--verbose" | "-v" => verbose = true,
            "--profile" => {
                let path = iter.next().ok_or_else(|| format!("--profile 后须给出配置文件。\n{USAGE}"))?;
                let text = std::fs::read_to_string(path).map_err(|e| format!("无法读取评分配置 {path}：{e}"))?;
                profile = Profile::from_json(&text).map_err(|e| format!("{path}：{e}"))?;
            }
            "--xlsx" => xlsx = Some(iter.next().ok_or_else(|| format!("--xlsx 后须给出输出文件。\n{USAGE}"))?.clone()),
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with("--") => return Err(format!("未知选项“{flag}”。\n{USAGE}")),
            file => files.push(file.to_owned()),
        }
    }
    if files.is_empty() {
        return Err(USAGE.into());
    }
    if xlsx.is_some() && files.len() > 1 {
        return Err(format!("--xlsx 只能用于一个文件（给出了 {} 个）。", files.len()));
    }
    let mut reports = Vec::new();
    let mut unreadable = false;
    for file in &files {
        // No more than one byte past the bound is read: a bigger file is refused without filling memory.
        let limit = selfeval::input::limits::MAX_FILE_BYTES as u64 + 1;
        let mut buf = Vec::new();
        let bytes = if file == "-" {
            std::io::stdin().take(limit).read_to_end(&mut buf).map(|_| buf)
        } else {
            std::fs::File::open(file).and_then(|f| f.take(limit).read_to_end(&mut buf)).map(|_| buf)
        };
        match bytes {
            Ok(bytes) => {
                let report = check_bytes(file, &bytes, &profile);
                if let (Some(out), Ok((grid, merges))) = (&xlsx, selfeval::read_bytes(file, &bytes)) {
                    let book = selfeval::export::xlsx(&grid, &merges, &profile)?;
                    std::fs::write(out, book).map_err(|e| format!("无法写入 {out}：{e}"))?;
                }
                unreadable |= report.findings.iter().any(|f| f.code == Code::Undecodable.spec().code);
                reports.push(report);
            }
            Err(e) => {
                eprintln!("无法读取 {file}：{e}");
                unreadable = true;
            }
        }
    }
    let mut stdout = std::io::stdout().lock();
    let written = if json {
        let body: Vec<String> = reports.iter().map(|r| r.to_json()).collect();
        if reports.len() == 1 {
            writeln!(stdout, "{}", body[0])
        } else {
            writeln!(stdout, "[{}]", body.join(",\n"))
        }
    } else {
        reports.iter().try_for_each(|r| writeln!(stdout, "{}", r.to_text(verbose)))
    };
    // A closed pipe (`selfeval check … | head`) is not an error of the check.
    let _ = written;
    let errors = reports.iter().any(|r| r.counts.error > 0);
    Ok(ExitCode::from(if unreadable {
        2
    } else if errors {
        1
    } else {
        0
    }))
}
