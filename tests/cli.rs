//! The `voices` binary run as a user runs it: output shapes, exit statuses and messages.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

const ARTICLE: &str =
    "\"We will not accept these cuts,\" said Jane Smith, general secretary of the \
National Union of Teachers. The Department for Education said the plans were fair and would \
protect front-line staff.\n";

const TOP_LEVEL_ARRAYS: [&str; 5] = ["people", "organisations", "topics", "quotes", "stances"];

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_voices"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the voices binary starts")
}

fn voices(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn(args);
    let mut child_stdin = child.stdin.take().expect("stdin is piped");
    let stdin = stdin.to_vec();
    // Fed from a thread so that a large input cannot deadlock against unread output. The
    // write fails harmlessly when voices reads a file and never touches stdin.
    let feeder = std::thread::spawn(move || {
        let _ = child_stdin.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("voices runs to the end");
    feeder.join().expect("the stdin feeder does not panic");
    output
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> &str {
    std::str::from_utf8(&output.stderr).expect("stderr is UTF-8")
}

#[track_caller]
fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(output),
        stderr(output)
    );
}

#[track_caller]
fn assert_analysis(value: &Value) {
    for key in TOP_LEVEL_ARRAYS {
        assert!(value[key].is_array(), "{key} is not an array in {value}");
    }
}

#[track_caller]
fn assert_empty_analysis(value: &Value) {
    let empty: serde_json::Map<String, Value> = TOP_LEVEL_ARRAYS
        .iter()
        .map(|key| (key.to_string(), json!([])))
        .collect();
    assert_eq!(value, &Value::Object(empty));
}

fn jsonl_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each output line is JSON"))
        .collect()
}

/// A path under the system temp directory that no other test or run uses.
fn unique_temp_path() -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!(
        "voices-cli-test-{}-{count}.txt",
        std::process::id()
    ))
}

/// A file that is removed when the test ends, pass or fail.
struct TempFile(PathBuf);

impl TempFile {
    fn new(contents: impl AsRef<[u8]>) -> Self {
        let path = unique_temp_path();
        std::fs::write(&path, contents).expect("temp file is written");
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("temp path is UTF-8")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn analyse_file_prints_one_line_of_json_with_the_five_arrays() {
    let file = TempFile::new(ARTICLE);
    let output = voices(&["analyse", file.path()], b"");
    assert_exit(&output, 0);
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    assert!(text.ends_with('\n'));
    assert_eq!(
        text.lines().count(),
        1,
        "compact output is one line: {text}"
    );
    let value: Value = serde_json::from_str(text).unwrap();
    assert_analysis(&value);
    assert_eq!(value.as_object().unwrap().len(), TOP_LEVEL_ARRAYS.len());
}

#[test]
fn dash_reads_standard_input() {
    let file = TempFile::new(ARTICLE);
    let from_file = voices(&["analyse", file.path()], b"");
    let from_stdin = voices(&["analyse", "-"], ARTICLE.as_bytes());
    assert_exit(&from_stdin, 0);
    assert_eq!(stdout(&from_stdin), stdout(&from_file));
}

#[test]
fn pretty_output_is_indented_and_the_same_value_as_compact() {
    let compact = voices(&["analyse", "-"], ARTICLE.as_bytes());
    let pretty = voices(&["analyse", "--pretty", "-"], ARTICLE.as_bytes());
    assert_exit(&pretty, 0);
    assert!(stdout(&pretty).lines().count() > 1);
    let compact: Value = serde_json::from_str(stdout(&compact)).unwrap();
    let pretty: Value = serde_json::from_str(stdout(&pretty)).unwrap();
    assert_eq!(pretty, compact);
}

#[test]
fn empty_and_whitespace_only_input_give_an_empty_analysis() {
    for text in ["", " \n\t\r\n  \n"] {
        let file = TempFile::new(text);
        let output = voices(&["analyse", file.path()], b"");
        assert_exit(&output, 0);
        assert_empty_analysis(&serde_json::from_str(stdout(&output)).unwrap());
    }
}

#[test]
fn a_three_megabyte_article_is_analysed() {
    let article = ARTICLE.repeat(3 * 1024 * 1024 / ARTICLE.len() + 1);
    let file = TempFile::new(&article);
    let output = voices(&["analyse", file.path()], b"");
    assert_exit(&output, 0);
    assert_analysis(&serde_json::from_str(stdout(&output)).unwrap());
}

#[test]
fn input_over_the_limit_is_refused_with_its_code() {
    let too_large = vec![b'a'; voices::MAX_INPUT_BYTES + 1];
    let output = voices(&["analyse", "-"], &too_large);
    assert_exit(&output, 2);
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).starts_with("voices: error[input_too_large]: <stdin>: "));
}

#[test]
fn a_missing_file_is_named_with_its_code() {
    let missing = unique_temp_path();
    let missing = missing.to_str().unwrap();
    for args in [
        ["analyse", missing].as_slice(),
        &["analyse", "--jsonl", missing],
    ] {
        let output = voices(args, b"");
        assert_exit(&output, 2);
        assert_eq!(stdout(&output), "");
        assert_eq!(
            stderr(&output),
            format!("voices: error[not_found]: {missing}: no such file\n")
        );
    }
}

#[test]
fn a_directory_is_refused_with_its_code() {
    let directory = std::env::temp_dir();
    let directory = directory.to_str().unwrap();
    let output = voices(&["analyse", directory], b"");
    assert_exit(&output, 2);
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        format!("voices: error[is_directory]: {directory}: is a directory, not a file\n")
    );
}

#[test]
fn non_utf8_input_is_refused_with_the_offset_of_the_bad_byte() {
    let file = TempFile::new(b"caf\xe9 au lait");
    let output = voices(&["analyse", file.path()], b"");
    assert_exit(&output, 2);
    assert_eq!(stdout(&output), "");
    let message = stderr(&output);
    assert!(message.starts_with(&format!("voices: error[invalid_utf8]: {}: ", file.path())));
    assert!(message.contains("offset 3"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn jsonl_gives_an_error_line_for_a_broken_line_and_goes_on() {
    let input = format!(
        "{}\n{}\n{}\n",
        json!({"id": "first", "text": ARTICLE}),
        r#"{"id": 2, "text": "unterminated"#,
        json!({"id": 3, "text": ARTICLE}),
    );
    let output = voices(&["analyse", "--jsonl"], input.as_bytes());
    assert_exit(&output, 1);
    let lines = jsonl_lines(&output);
    assert_eq!(lines.len(), 3);

    assert_eq!(lines[0]["id"], "first");
    assert_analysis(&lines[0]);
    assert_eq!(lines[1]["id"], Value::Null);
    assert_eq!(lines[1]["line"], 2);
    assert_eq!(lines[1]["error"]["code"], "invalid_json");
    assert!(lines[1]["error"]["message"].is_string());
    assert!(lines[1].get("people").is_none());
    assert_eq!(lines[2]["id"], 3);
    assert_analysis(&lines[2]);

    assert!(
        stderr(&output).starts_with("voices: 3 articles, 1 error in "),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).trim_end().ends_with(" articles/s)"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn jsonl_reports_each_kind_of_bad_line_with_its_line_number() {
    let mut input = Vec::new();
    input.extend_from_slice(b"not json\n");
    input.extend_from_slice(b"[1, 2]\n");
    input.extend_from_slice(b"{\"id\": \"no text\"}\n");
    input.extend_from_slice(b"{\"id\": \"number\", \"text\": 5}\n");
    input.extend_from_slice(b"{\"id\": \"bytes\", \"text\": \"caf\xe9\"}\n");
    input.extend_from_slice(b"\n   \n");
    input.extend_from_slice(b"{\"id\": \"fine\", \"text\": \"All quiet.\"}\n");
    let output = voices(&["analyse", "--jsonl", "-"], &input);
    assert_exit(&output, 1);

    let lines = jsonl_lines(&output);
    let errors: Vec<(Value, Value, Value)> = lines
        .iter()
        .filter(|line| line.get("error").is_some())
        .map(|line| {
            (
                line["id"].clone(),
                line["line"].clone(),
                line["error"]["code"].clone(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            (Value::Null, json!(1), json!("invalid_json")),
            (Value::Null, json!(2), json!("invalid_record")),
            (json!("no text"), json!(3), json!("invalid_record")),
            (json!("number"), json!(4), json!("invalid_record")),
            (Value::Null, json!(5), json!("invalid_utf8")),
        ]
    );
    assert_eq!(lines.len(), 6, "blank lines give no output");
    assert_eq!(lines[5]["id"], "fine");
    assert_analysis(&lines[5]);
    assert!(stderr(&output).starts_with("voices: 6 articles, 5 errors in "));
}

#[test]
fn jsonl_echoes_ids_exactly_as_given() {
    let input = "{\"id\": 12345678901234567890123, \"text\": \"a\"}\n\
                 {\"id\": 1.50, \"text\": \"b\"}\r\n\
                 {\"text\": \"c\", \"id\": \"x\\u00e9\", \"source\": \"ignored\"}\n\
                 {\"text\": \"no id\"}";
    let output = voices(&["analyse", "--jsonl"], input.as_bytes());
    assert_exit(&output, 0);
    let ids: Vec<&str> = stdout(&output)
        .lines()
        .map(|line| {
            line.split_once(",\"people\"")
                .expect("the id comes first")
                .0
        })
        .collect();
    assert_eq!(
        ids,
        [
            r#"{"id":12345678901234567890123"#,
            r#"{"id":1.50"#,
            r#"{"id":"x\u00e9""#,
            r#"{"id":null"#,
        ]
    );
    for line in jsonl_lines(&output) {
        assert_analysis(&line);
        assert!(line.get("source").is_none());
    }
}

#[test]
fn jsonl_reads_a_file_standard_input_or_dash_alike() {
    let input = format!(
        "{}\n{}\n",
        json!({"id": 1, "text": ARTICLE}),
        json!({"id": 2, "text": ""})
    );
    let file = TempFile::new(&input);
    let from_file = voices(&["analyse", "--jsonl", file.path()], b"");
    let from_default = voices(&["analyse", "--jsonl"], input.as_bytes());
    let from_dash = voices(&["analyse", "--jsonl", "-"], input.as_bytes());
    for output in [&from_file, &from_default, &from_dash] {
        assert_exit(output, 0);
        assert!(stderr(output).starts_with("voices: 2 articles, 0 errors in "));
    }
    assert_eq!(stdout(&from_default), stdout(&from_file));
    assert_eq!(stdout(&from_dash), stdout(&from_file));
    assert_eq!(jsonl_lines(&from_file).len(), 2);
}

#[test]
fn jsonl_text_over_the_limit_is_an_error_line() {
    let too_large = "a".repeat(voices::MAX_INPUT_BYTES + 1);
    let input = format!(
        "{}\n{}\n",
        json!({"id": "big", "text": too_large}),
        json!({"id": "small", "text": "ok"})
    );
    let output = voices(&["analyse", "--jsonl"], input.as_bytes());
    assert_exit(&output, 1);
    let lines = jsonl_lines(&output);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "big");
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["error"]["code"], "input_too_large");
    assert_eq!(lines[1]["id"], "small");
}

#[test]
fn jsonl_line_too_long_to_read_is_skipped_and_the_batch_goes_on() {
    // Lines are read up to twice the text limit, to leave room for JSON escapes.
    let mut input = br#"{"id": "huge", "text": ""#.to_vec();
    input.resize(2 * voices::MAX_INPUT_BYTES + 1, b'a');
    input.extend_from_slice(b"\"}\n");
    input.extend_from_slice(json!({"id": "next", "text": "ok"}).to_string().as_bytes());
    let output = voices(&["analyse", "--jsonl"], &input);
    assert_exit(&output, 1);
    let lines = jsonl_lines(&output);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], Value::Null);
    assert_eq!(lines[0]["line"], 1);
    assert_eq!(lines[0]["error"]["code"], "input_too_large");
    assert_eq!(lines[1]["id"], "next");
    assert_analysis(&lines[1]);
}

#[test]
fn jsonl_answers_each_line_as_it_arrives() {
    let mut child = spawn(&["analyse", "--jsonl"]);
    let mut child_stdin = child.stdin.take().unwrap();
    let mut child_stdout = BufReader::new(child.stdout.take().unwrap());
    writeln!(child_stdin, "{}", json!({"id": 1, "text": ARTICLE})).unwrap();
    child_stdin.flush().unwrap();

    // The answer must come while stdin is still open; a timeout rather than a hung test.
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = child_stdout.read_line(&mut line);
        let _ = sender.send(line);
    });
    let answer = receiver.recv_timeout(Duration::from_secs(30));
    drop(child_stdin);
    assert!(child.wait().unwrap().success());
    let answer: Value =
        serde_json::from_str(&answer.expect("an answer before stdin closes")).unwrap();
    assert_eq!(answer["id"], 1);
}

#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let input = format!("{}\n", json!({"id": 1, "text": ARTICLE})).repeat(2000);
    let mut child = spawn(&["analyse", "--jsonl"]);
    drop(child.stdout.take());
    let mut child_stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let _ = child_stdin.write_all(input.as_bytes());
    });
    let output = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_exit(&output, 0);
    assert_eq!(stderr(&output), "");
}

#[test]
fn usage_errors_exit_2_with_the_usage() {
    let cases: [&[&str]; 8] = [
        &[],
        &["--frobnicate"],
        &["frobnicate"],
        &["analyse"],
        &["analyse", "--frobnicate", "article.txt"],
        &["analyse", "-x"],
        &["analyse", "one.txt", "two.txt"],
        &["analyse", "--jsonl", "--pretty"],
    ];
    for args in cases {
        let output = voices(args, b"");
        assert_exit(&output, 2);
        assert_eq!(stdout(&output), "", "{args:?}");
        let message = stderr(&output);
        assert!(
            message.starts_with("voices: error[usage]: "),
            "{args:?}: {message}"
        );
        assert!(
            message.contains("Usage: voices analyse"),
            "{args:?}: {message}"
        );
    }
}

#[test]
fn double_dash_takes_the_next_argument_as_a_file() {
    let output = voices(&["analyse", "--", "--frobnicate"], b"");
    assert_exit(&output, 2);
    assert_eq!(
        stderr(&output),
        "voices: error[not_found]: --frobnicate: no such file\n"
    );
}

#[test]
fn help_explains_the_commands_codes_and_exit_statuses() {
    let help = voices(&["--help"], b"");
    assert_exit(&help, 0);
    assert_eq!(stderr(&help), "");
    for needle in [
        "voices analyse",
        "--jsonl",
        "--pretty",
        "--version",
        "Exit codes",
        "  0  success",
        "  1  --jsonl",
        "  2  usage",
    ] {
        assert!(stdout(&help).contains(needle), "--help lacks {needle:?}");
    }
    assert_eq!(stdout(&voices(&["-h"], b"")), stdout(&help));

    let analyse_help = voices(&["analyse", "--help"], b"");
    assert_exit(&analyse_help, 0);
    let codes = [
        "usage",
        "not_found",
        "is_directory",
        "permission_denied",
        "io",
        "invalid_utf8",
        "input_too_large",
        "invalid_json",
        "invalid_record",
    ];
    let limit = format!("{} MiB", voices::MAX_INPUT_BYTES / (1024 * 1024));
    let others = ["--jsonl", "\"id\"", "\"line\"", "Exit codes", &limit];
    for needle in codes.iter().chain(&others) {
        assert!(
            stdout(&analyse_help).contains(needle),
            "analyse --help lacks {needle:?}"
        );
    }
}

#[test]
fn analyze_is_accepted_for_analyse() {
    let output = voices(&["analyze", "-"], ARTICLE.as_bytes());
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        stdout(&voices(&["analyse", "-"], ARTICLE.as_bytes()))
    );
}

#[test]
fn version_prints_the_crate_version() {
    let output = voices(&["--version"], b"");
    assert_exit(&output, 0);
    assert_eq!(
        stdout(&output),
        format!("voices {}\n", env!("CARGO_PKG_VERSION"))
    );
}
