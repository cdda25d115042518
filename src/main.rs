//! The `selfeval` command: checks sheets from files and folders, for auditors' batches and for tests.
//!
//! `selfeval check [--json] [--verbose] [--profile FILE] [--xlsx OUT] [--summary OUT.csv] [--jobs N]
//! PATH...`: each PATH is a file, a folder (walked for the kinds of file read), or `-` for standard input.
//! Files are checked in parallel on all cores (`--jobs` sets how many threads), a file of many sheets on
//! the cores its batch leaves it, and each file's report is written as soon as it is done, then
//! dropped, so memory stays that of a few files whatever the batch.
//! `--summary` writes one CSV row per form (file, project, unit, stated and rule score, grades, counts);
//! `--xlsx` saves the one file checked as an Excel workbook with its findings as notes. On a terminal,
//! progress is shown on standard error. Exit status: 0 when no error-level finding, 1 when there are
//! some, 2 when an input or the profile cannot be read. `selfeval codes` lists every code of the
//! registry (the README's table is this list). `selfeval grid [--json] FILE...` shows what the readers
//! saw: every worksheet in the workbook's order, hidden ones too (marked), its cells as shown and its
//! merged ranges, to tell why a form was read as it was.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use selfeval::report::SUMMARY_HEADER;
use selfeval::Profile;

/// mimalloc instead of the system's allocator: the engine allocates many small strings, and it made the
/// 10,000-sheet bench about 15% faster (README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options `arena_eager_commit` and `purge_delay`, by their place in its `mi_option_t` (the
/// same in its v2 and v3 headers; the crate names neither).
const MI_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

const USAGE: &str = "用法：selfeval check [--json] [--verbose] [--profile 配置.json] [--xlsx 输出.xlsx] [--summary 汇总.csv] [--jobs 并行数] 文件或文件夹...\n      （文件为 - 时读取标准输入；文件夹中的工作簿、Word 文档、网页和文本文件都会检查；--xlsx 将所查的一个文件另存为带问题批注的 Excel 工作簿；--summary 每张表一行写出汇总）\n      selfeval codes（列出全部问题代码、级别、名称与依据）\n      selfeval grid [--json] 文件...（列出读到的每张工作表及其单元格与合并区域，含隐藏的工作表）";

fn main() -> ExitCode {
    // Memory committed as it is used and given back as soon as it is freed: a batch's peak is then what
    // it holds, not what the allocator kept of what it held (10,000 sheets: 114 → 71 MB, same time).
    // SAFETY: plain setters of the allocator's options, called before any thread is started.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_PURGE_DELAY, 0);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

/// What `check` was asked for.
struct Options {
    json: bool,
    verbose: bool,
    profile: Profile,
    xlsx: Option<String>,
    summary: Option<String>,
    jobs: usize,
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some((command, rest)) = args.split_first() else { return Err(USAGE.into()) };
    if command == "codes" && rest.is_empty() {
        let mut stdout = std::io::stdout().lock();
        let _ = write!(stdout, "{}", selfeval::finding::codes_table());
        return Ok(ExitCode::SUCCESS);
    }
    if command == "grid" {
        return grid(rest);
    }
    if command != "check" {
        return Err(if command == "--help" || command == "-h" {
            USAGE.into()
        } else {
            format!("未知命令“{command}”。\n{USAGE}")
        });
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut options =
        Options { json: false, verbose: false, profile: Profile::default(), xlsx: None, summary: None, jobs: cores };
    let mut paths = Vec::new();
    let mut iter = rest.iter();
    let value = |iter: &mut std::slice::Iter<String>, flag: &str, what: &str| {
        iter.next().cloned().ok_or_else(|| format!("{flag} 后须给出{what}。\n{USAGE}"))
    };
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--json" => options.json = true,
            "--verbose" | "-v" => options.verbose = true,
            "--profile" => {
                let path = value(&mut iter, "--profile", "配置文件")?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("无法读取评分配置 {path}：{e}"))?;
                options.profile = Profile::from_json(&text).map_err(|e| format!("{path}：{e}"))?;
            }
            "--xlsx" => options.xlsx = Some(value(&mut iter, "--xlsx", "输出文件")?),
            "--summary" => options.summary = Some(value(&mut iter, "--summary", "输出文件")?),
            "--jobs" | "-j" => {
                let n = value(&mut iter, "--jobs", "并行数")?;
                options.jobs =
                    n.parse().ok().filter(|&n| n > 0).ok_or_else(|| format!("--jobs 须为正整数，而不是“{n}”。"))?;
            }
            "-h" | "--help" => return Err(USAGE.into()),
            flag if flag.starts_with("--") => return Err(format!("未知选项“{flag}”。\n{USAGE}")),
            path => paths.push(path.to_owned()),
        }
    }
    if paths.is_empty() {
        return Err(USAGE.into());
    }
    // What this run writes is not read by it, when it lies in a folder being checked.
    let outputs: Vec<_> = options.summary.iter().chain(&options.xlsx).map(|p| absolute(Path::new(p))).collect();
    let files: Vec<String> =
        collect(&paths)?.into_iter().filter(|f| !outputs.contains(&absolute(Path::new(f)))).collect();
    if files.is_empty() {
        return Err(format!(
            "{} 中没有可检查的文件（{}）。",
            paths.join("、"),
            selfeval::input::FILE_ENDINGS.map(|(e, _, _)| e).join("、")
        ));
    }
    if options.xlsx.is_some() && files.len() > 1 {
        return Err(format!("--xlsx 只能用于一个文件（给出了 {} 个）。", files.len()));
    }
    batch(&files, &options)
}

/// `selfeval grid [--json] FILE...`: each file's worksheets as the readers saw them. Exit status 2 when
/// a file could not be read (it is listed with why), else 0.
fn grid(args: &[String]) -> Result<ExitCode, String> {
    let json = args.iter().any(|a| a == "--json");
    if let Some(flag) = args.iter().find(|a| a.starts_with("--") && *a != "--json") {
        return Err(format!("未知选项“{flag}”。\n{USAGE}"));
    }
    let files: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    if files.is_empty() {
        return Err(USAGE.into());
    }
    let mut failed = false;
    let mut out = Vec::new();
    for file in files {
        let bytes = read_input(file).map_err(|e| format!("无法读取 {file}：{e}"))?;
        let read = selfeval::input::read_worksheets(file, &bytes);
        failed |= read.is_err();
        let kind = selfeval::input::kind_name(file, &bytes);
        out.push(match read {
            Ok(sheets) => (file.clone(), kind, None, sheets),
            Err(e) => (file.clone(), kind, Some(e.message(file)), Vec::new()),
        });
    }
    let mut stdout = std::io::stdout().lock();
    let text = if json { grid_json(&out) } else { grid_text(&out) };
    let _ = stdout.write_all(text.as_bytes());
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// A file read for `grid`: its name, its kind, why it could not be read, its worksheets.
type GridFile = (String, &'static str, Option<String>, Vec<selfeval::input::Worksheet>);

/// `grid --json`: `{"files":[{"file", "kind", "error", "sheets":[{"name", "hidden", "rows", "merges"}]}]}`,
/// a merge as `[firstRow, firstCol, lastRow, lastCol]`, rows and columns from 0.
fn grid_json(files: &[GridFile]) -> String {
    #[derive(serde::Serialize)]
    struct Files<'a> {
        files: Vec<File<'a>>,
    }
    #[derive(serde::Serialize)]
    struct File<'a> {
        file: &'a str,
        kind: &'a str,
        error: &'a Option<String>,
        sheets: Vec<Sheet<'a>>,
    }
    #[derive(serde::Serialize)]
    struct Sheet<'a> {
        name: &'a str,
        hidden: bool,
        rows: &'a [Vec<String>],
        merges: Vec<[usize; 4]>,
    }
    let files = files
        .iter()
        .map(|(file, kind, error, sheets)| File {
            file,
            kind,
            error,
            sheets: sheets
                .iter()
                .map(|s| Sheet {
                    name: &s.name,
                    hidden: s.hidden,
                    rows: &s.rows,
                    merges: s
                        .merges
                        .iter()
                        .map(|m| [m.at.row, m.at.col, m.at.row + m.rows - 1, m.at.col + m.cols - 1])
                        .collect(),
                })
                .collect(),
        })
        .collect();
    format!("{}\n", serde_json::to_string(&Files { files }).unwrap_or_default())
}

/// `grid`'s text: each file, each worksheet by name, its cells as a table (a line a row: the row's
/// number, then its cells by column letter; a line break in a cell shown as ↵), its merged ranges.
fn grid_text(files: &[GridFile]) -> String {
    let mut out = String::new();
    for (file, kind, error, sheets) in files {
        out += &format!("{file}（{kind}）\n");
        if let Some(error) = error {
            out += &format!("  无法读取：{error}\n");
        }
        for sheet in sheets {
            let hidden = if sheet.hidden { "（隐藏）" } else { "" };
            out += &format!("  工作表“{}”{hidden}：{} 行\n", sheet.name, sheet.rows.len());
            for (r, row) in sheet.rows.iter().enumerate() {
                let cells: Vec<String> = row
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| !c.is_empty())
                    .map(|(c, text)| format!("{}={}", selfeval::grid::column_name(c), text.replace('\n', "↵")))
                    .collect();
                if !cells.is_empty() {
                    out += &format!("  {:>5}  {}\n", r + 1, cells.join("  "));
                }
            }
            if !sheet.merges.is_empty() {
                let merges: Vec<String> = sheet
                    .merges
                    .iter()
                    .map(|m| {
                        let end = selfeval::grid::Pos::new(m.at.row + m.rows - 1, m.at.col + m.cols - 1);
                        format!("{}:{end}", m.at)
                    })
                    .collect();
                out += &format!("  合并：{}\n", merges.join(" "));
            }
        }
    }
    out
}

/// The files to check: files named as they are, folders walked (sorted, hidden files and Office's
/// `~$` lock files left out) for the kinds of [`selfeval::input::FILE_ENDINGS`].
fn collect(paths: &[String]) -> Result<Vec<String>, String> {
    fn walk(dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("无法读取文件夹 {}：{e}", dir.display()))?;
        let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            if path.is_dir() {
                walk(&path, out)?;
            } else if selfeval::input::kind_named(name).is_some() {
                // The kinds read, and those told how to save them (an auditor's folder of old `.doc`
                // forms should hear why they were not checked).
                out.push(path.to_string_lossy().into_owned());
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    for path in paths {
        if path != "-" && Path::new(path).is_dir() {
            walk(Path::new(path), &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// A path made absolute, to compare paths given differently.
fn absolute(path: &Path) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// One file checked: what to print, its summary rows, and what its exit status contributes.
struct Done {
    output: String,
    rows: Vec<[String; 12]>,
    errors: bool,
    unreadable: bool,
}

/// Checks the files on `options.jobs` threads, writing each file's report as it is done.
fn batch(files: &[String], options: &Options) -> Result<ExitCode, String> {
    let mut summary = match &options.summary {
        Some(path) => {
            let mut file =
                std::io::BufWriter::new(std::fs::File::create(path).map_err(|e| format!("无法写入 {path}：{e}"))?);
            // A byte-order mark, so that Excel opens the CSV as UTF-8.
            let header = selfeval::grid::write_for_excel(&[SUMMARY_HEADER], ',');
            write!(file, "\u{feff}{header}").map_err(|e| format!("无法写入 {path}：{e}"))?;
            Some((path, file))
        }
        None => None,
    };
    let progress = files.len() > 1 && std::io::stderr().is_terminal();
    let next = AtomicUsize::new(0);
    let jobs = options.jobs.min(files.len()).max(1);
    // The threads the files at once leave each file's sheets: one file alone has them all.
    let threads = (options.jobs / jobs).max(1);
    let (send, receive) = mpsc::sync_channel::<Result<Done, String>>(jobs * 2);
    let mut stdout = std::io::stdout().lock();
    let (mut errors, mut unreadable) = (false, false);
    let json_array = options.json && files.len() > 1;
    // A closed pipe (`selfeval check … | head`) is not an error of the check: writes are not checked.
    if json_array {
        let _ = write!(stdout, "[");
    }
    let outcome = std::thread::scope(|scope| {
        for _ in 0..jobs {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(file) = files.get(i) else { break };
                if send.send(check_file(file, options, threads)).is_err() {
                    break;
                }
            });
        }
        drop(send);
        for (done_count, done) in receive.into_iter().enumerate() {
            let done = done?;
            if json_array && done_count > 0 {
                let _ = writeln!(stdout, ",");
            }
            let _ = write!(stdout, "{}", done.output);
            if !json_array {
                let _ = writeln!(stdout);
            }
            errors |= done.errors;
            unreadable |= done.unreadable;
            if let Some((path, file)) = &mut summary {
                let csv = selfeval::grid::write_for_excel(&done.rows, ',');
                file.write_all(csv.as_bytes()).map_err(|e| format!("无法写入 {path}：{e}"))?;
            }
            if progress {
                eprint!("\r已检查 {}/{} 个文件", done_count + 1, files.len());
            }
        }
        Ok::<(), String>(())
    });
    if json_array {
        let _ = writeln!(stdout, "]");
    }
    if progress {
        eprintln!();
    }
    outcome?;
    if let Some((path, mut file)) = summary {
        file.flush().map_err(|e| format!("无法写入 {path}：{e}"))?;
    }
    Ok(ExitCode::from(if unreadable {
        2
    } else if errors {
        1
    } else {
        0
    }))
}

/// A file's bytes (`-`: standard input), no more than one byte past the bound: a bigger file is refused
/// without filling memory.
fn read_input(file: &str) -> std::io::Result<Vec<u8>> {
    let limit = selfeval::input::limits::MAX_FILE_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    if file == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)?;
    } else {
        // Room for the file at once: grown by doubling, a 25 MB file took 33 MB.
        let f = std::fs::File::open(file)?;
        let size = f.metadata().map_or(0, |m| m.len().min(limit));
        bytes.reserve_exact(usize::try_from(size).unwrap_or(0));
        f.take(limit).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Reads and checks one file; the report is formatted here, on the worker, and dropped.
/// Its sheets are checked on up to `threads` threads.
fn check_file(file: &str, options: &Options, threads: usize) -> Result<Done, String> {
    let bytes = match read_input(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("无法读取 {file}：{e}");
            return Ok(Done { output: String::new(), rows: Vec::new(), errors: false, unreadable: true });
        }
    };
    if let Some(out) = &options.xlsx {
        if let Ok((grid, merges)) = selfeval::read_bytes(file, &bytes) {
            let book = selfeval::export::xlsx(&grid, &merges, &options.profile)?;
            std::fs::write(out, book).map_err(|e| format!("无法写入 {out}：{e}"))?;
        }
    }
    // The report (text or JSON) is written sheet by sheet as each is checked, and no sheet's model or
    // report is kept: a file of thousands of sheets is checked in the memory of its cells.
    let grid = match selfeval::input::read_owned(file, bytes) {
        Ok((grid, _)) => grid,
        Err(e) => {
            let report = selfeval::refused(file, &e, &options.profile);
            return Ok(Done {
                output: if options.json { report.to_json() } else { report.to_text(options.verbose) },
                rows: report.summary_rows(file),
                errors: report.counts.error > 0,
                unreadable: true,
            });
        }
    };
    // Each sheet's part of the report is written on the thread that checked it.
    let written = |sheet: selfeval::report::SheetReport| {
        let mut part = String::new();
        match options.json {
            true => sheet.write_json(&mut part),
            false => sheet.write_text(&mut part, options.verbose),
        }
        (part, sheet.summary_row(file))
    };
    let (mut body, mut rows) = (String::new(), Vec::new());
    let profile = &options.profile;
    let (report, sheets) = selfeval::check_each_made(&grid, Some(file.to_owned()), profile, threads, written, |part| {
        if options.json && !body.is_empty() {
            body.push_str(",\n");
        }
        body.push_str(&part.0);
        rows.push(part.1);
    });
    if sheets == 0 {
        rows.push(report.no_sheet_row(file));
    }
    let output = match options.json {
        true => report.json_around(body),
        false => report.text_head(sheets, options.verbose) + &body,
    };
    Ok(Done { output, rows, errors: report.counts.error > 0, unreadable: false })
}
