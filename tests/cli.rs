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

/// A directory that is removed with its contents when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        let path = unique_temp_path().with_extension("d");
        std::fs::create_dir(&path).expect("temp dir is made");
        TempDir(path)
    }

    /// Writes a file at `relative`, making its folders.
    fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("temp path is UTF-8")
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The one-article answer for `text`, as `voices analyse -` prints it.
fn analysis_of(text: &str) -> String {
    let output = voices(&["analyse", "-"], text.as_bytes());
    assert_exit(&output, 0);
    stdout(&output).to_string()
}

/// A batch answer line: the one-article answer with `id` (JSON) put first.
fn with_id(id: &str, analysis: &str) -> String {
    format!("{{\"id\":{id},{}", analysis.strip_prefix('{').unwrap())
}

const CSV_HEADER: &str =
    "id,quote_id,kind,speaker_id,speaker,speaker_type,organisation,text,start,end,cue\n";

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
fn speech_acts_adds_noun_phrase_contents_in_every_mode() {
    let text = "The Harbour Trust announced a review of ferry fares.\n";
    let quotes = |output: &Output| -> Vec<String> {
        assert_exit(output, 0);
        let line = stdout(output).lines().next().expect("one line");
        let value: Value = serde_json::from_str(line).unwrap();
        value["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["text"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(quotes(&voices(&["analyse", "-"], text.as_bytes())).is_empty());
    let wanted = vec!["a review of ferry fares".to_string()];
    assert_eq!(
        quotes(&voices(&["analyse", "--speech-acts", "-"], text.as_bytes())),
        wanted
    );
    let record = format!("{}\n", serde_json::json!({"id": 1, "text": text}));
    let batch = voices(&["analyse", "--jsonl", "--speech-acts"], record.as_bytes());
    assert_eq!(quotes(&batch), wanted);
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
        &["analyse", "--jsonl", "--format", "csv", missing],
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
fn a_directory_is_refused_with_its_code_as_jsonl_input() {
    let directory = std::env::temp_dir();
    let directory = directory.to_str().unwrap();
    let output = voices(&["analyse", "--jsonl", directory], b"");
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
    let directory = std::env::temp_dir();
    let directory = directory.to_str().unwrap();
    let cases: [&[&str]; 18] = [
        &[],
        &["--frobnicate"],
        &["frobnicate"],
        &["analyse"],
        &["analyse", "--frobnicate", "article.txt"],
        &["analyse", "-x"],
        &["analyse", "one.txt", "two.txt"],
        &["analyse", "--jsonl", "--pretty"],
        &["analyse", "--jsonl", "--threads", "0"],
        &["analyse", "--jsonl", "--threads=0"],
        &["analyse", "--jsonl", "--threads", "many"],
        &["analyse", "--jsonl", "--threads", "-1"],
        &["analyse", "--jsonl", "--threads", "1025"],
        &["analyse", "--jsonl", "--threads"],
        &["analyse", "--jsonl", "--format", "xml"],
        &["analyse", "--threads", "2", "article.txt"],
        &["analyse", "--format", "csv", "-"],
        &["analyse", "--pretty", directory],
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
        "  1  --jsonl or DIR",
        "  2  usage",
        "DIR",
        "--threads",
        "--format",
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
    let others = [
        "--jsonl",
        "\"id\"",
        "\"line\"",
        "Exit codes",
        &limit,
        "--threads N",
        "--format",
        ".html",
        "extracted text",
        CSV_HEADER.trim_end(),
    ];
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

#[test]
fn bad_thread_counts_name_the_value() {
    let output = voices(&["analyse", "--jsonl", "--threads", "0"], b"");
    assert_exit(&output, 2);
    assert!(
        stderr(&output).starts_with(
            "voices: error[usage]: --threads takes a whole number from 1 to 1024, not '0'\n\
             Usage: voices analyse"
        ),
        "{}",
        stderr(&output)
    );
}

/// A batch from the seed articles, each several times, with a bad line and a blank one.
fn seed_batch() -> (String, Vec<(String, String)>) {
    let mut seeds: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/seeds")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 5, "the seeds are there");
    let texts: Vec<(String, String)> = seeds
        .iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            (name, std::fs::read_to_string(path).unwrap())
        })
        .collect();
    let mut input = String::new();
    let mut expected = Vec::new();
    for round in 0..30 {
        for (name, text) in &texts {
            let id = format!("{name}#{round}");
            input += &format!("{}\n", json!({"id": id, "text": text}));
            expected.push((id, text.clone()));
            if expected.len() == 77 {
                input += "{\"id\": \"broken\", \"text\": \n\n";
            }
        }
    }
    (input, expected)
}

#[test]
fn jsonl_output_is_the_same_on_one_thread_or_four_and_in_input_order() {
    let (input, expected) = seed_batch();
    let one = voices(&["analyse", "--jsonl", "--threads", "1"], input.as_bytes());
    let four = voices(&["analyse", "--jsonl", "--threads=4"], input.as_bytes());
    let default = voices(&["analyse", "--jsonl"], input.as_bytes());
    for output in [&one, &four, &default] {
        assert_exit(output, 1);
        assert!(stderr(output).starts_with("voices: 151 articles, 1 error in "));
    }
    assert_eq!(stdout(&four), stdout(&one));
    assert_eq!(stdout(&default), stdout(&one));

    // Each answer is the one-article answer with the id first; the broken line is line 78.
    let singles: std::collections::HashMap<String, String> = expected
        .iter()
        .take(5)
        .map(|(_, text)| (text.clone(), analysis_of(text)))
        .collect();
    let mut lines: Vec<String> = expected
        .iter()
        .map(|(id, text)| with_id(&json!(id).to_string(), &singles[text]))
        .collect();
    lines.insert(
        77,
        "{\"id\":null,\"line\":78,\"error\":{\"code\":\"invalid_json\",\"message\":\
         \"line is not JSON: EOF while parsing a value at line 1 column 25\"}}\n"
            .to_string(),
    );
    // Line by line first, for a readable failure.
    for (n, (got, want)) in stdout(&one).split_inclusive('\n').zip(&lines).enumerate() {
        assert_eq!(got, want, "output line {}", n + 1);
    }
    assert_eq!(stdout(&one), lines.concat());
}

#[test]
fn csv_output_is_the_same_on_one_thread_or_four() {
    let (input, _) = seed_batch();
    let one = voices(
        &["analyse", "--jsonl", "--threads", "1", "--format", "csv"],
        input.as_bytes(),
    );
    let four = voices(
        &["analyse", "--jsonl", "--threads", "4", "--format=csv"],
        input.as_bytes(),
    );
    assert_exit(&one, 1);
    assert_exit(&four, 1);
    assert_eq!(stdout(&four), stdout(&one));
    assert!(stdout(&one).starts_with(CSV_HEADER));
    assert!(stdout(&one).lines().count() > 150, "{}", stdout(&one));
}

#[test]
fn csv_has_one_row_per_quote_quoted_as_rfc_4180_asks() {
    let input = format!(
        "{}\n{}\n{}\n{}\n",
        json!({"id": "a,\"b\"\nc", "text": ARTICLE}),
        json!({"id": 7, "text": "Jane Smith said the union had said \"no, never\" to the plan."}),
        json!({"text": "No one speaks here."}),
        json!({"id": "bad", "text": 5}),
    );
    let output = voices(&["analyse", "--jsonl", "--format", "csv"], input.as_bytes());
    assert_exit(&output, 1);
    assert_eq!(
        stdout(&output),
        [
            CSV_HEADER,
            "\"a,\"\"b\"\"\nc\",q1,direct,p1,Jane Smith,person,National Union of Teachers,\
             \"We will not accept these cuts,\",1,31,said\n",
            "\"a,\"\"b\"\"\nc\",q2,indirect,o2,Department for Education,organisation,\
             Department for Education,the plans were fair and would protect front-line staff,\
             137,191,said\n",
            "7,q1,mixed,p1,Jane Smith,person,,\
             \"the union had said \"\"no, never\"\" to the plan\",16,58,said\n",
            "7,q2,direct,o1,union,organisation,union,\"no, never\",36,45,said\n",
        ]
        .concat()
    );
    // Error records go to stderr as the JSON error line, before the summary.
    let (error_line, summary) = stderr(&output).split_once('\n').unwrap();
    assert_eq!(
        error_line,
        "{\"id\":\"bad\",\"line\":4,\"error\":{\"code\":\"invalid_record\",\
         \"message\":\"\\\"text\\\" is missing or not a string\"}}"
    );
    assert!(
        summary.starts_with("voices: 4 articles, 1 error in "),
        "{summary}"
    );
}

#[test]
fn csv_of_an_empty_batch_is_the_header() {
    let output = voices(&["analyse", "--jsonl", "--format", "csv"], b"");
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), CSV_HEADER);
}

const STORY_HTML: &str = "<!DOCTYPE html>\n<html><head><title>Cuts | News</title>\n\
<script>var x = \"<p>Nobody said this</p>\";</script></head>\n\
<body><nav><a href=\"/\">Home</a> said</nav>\n<article><h1>Teachers&rsquo;   union</h1>\n\
<p>&ldquo;We will not accept these cuts,&rdquo; said Jane Smith, general secretary of the\n\
National Union of Teachers.</p>\n<p>The Department for Education said the plans were <b>fair</b>.\
</p></article></body></html>\n";

/// The text `voices` extracts from STORY_HTML.
const STORY_TEXT: &str = "Teachers’ union\n\n“We will not accept these cuts,” said Jane Smith, \
general secretary of the National Union of Teachers.\n\nThe Department for Education said the \
plans were fair.";

/// A folder with text, HTML, a non-UTF-8 file and files that are not articles.
fn article_folder() -> TempDir {
    let dir = TempDir::new();
    dir.write("b.txt", ARTICLE);
    dir.write("a.txt", "");
    dir.write("bad.txt", b"caf\xe9 au lait");
    dir.write("image.png", ARTICLE);
    dir.write("notes.md", ARTICLE);
    dir.write("news/story.html", STORY_HTML);
    dir.write("news/old.HTM", "<p>All quiet.</p>");
    // A link to a folder is not followed (this one would loop), nor is a FIFO read (it would
    // block).
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&dir.0, dir.0.join("news/loop.txt")).unwrap();
        let fifo = dir.0.join("pipe.txt");
        let made = Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|status| status.success()), "mkfifo works");
    }
    dir
}

#[test]
fn a_folder_gives_one_line_per_article_file_in_path_order() {
    let dir = article_folder();
    let output = voices(&["analyse", dir.path()], b"");
    assert_exit(&output, 1);
    let expected = [
        with_id("\"a.txt\"", &analysis_of("")),
        with_id("\"b.txt\"", &analysis_of(ARTICLE)),
        "{\"id\":\"bad.txt\",\"error\":{\"code\":\"invalid_utf8\",\
         \"message\":\"file is not valid UTF-8 (first bad byte at offset 3)\"}}\n"
            .to_string(),
        with_id("\"news/old.HTM\"", &analysis_of("All quiet.")),
        with_id("\"news/story.html\"", &analysis_of(STORY_TEXT)),
    ];
    assert_eq!(stdout(&output), expected.concat());
    assert!(
        stderr(&output).starts_with("voices: 5 articles, 1 error in "),
        "{}",
        stderr(&output)
    );

    // Offsets are in the extracted text: the quote's slice of it is the quote.
    let story: Value = serde_json::from_str(stdout(&output).lines().nth(4).unwrap()).unwrap();
    let quote = &story["quotes"][0];
    let utf16: Vec<u16> = STORY_TEXT.encode_utf16().collect();
    let (start, end) = (
        quote["start"].as_u64().unwrap(),
        quote["end"].as_u64().unwrap(),
    );
    let slice = String::from_utf16(&utf16[start as usize..end as usize]).unwrap();
    assert_eq!(slice, "We will not accept these cuts,");
    assert_eq!(quote["text"], slice);
}

#[test]
fn a_folder_gives_the_same_output_on_any_number_of_threads() {
    let dir = article_folder();
    let one = voices(&["analyse", "--threads", "1", dir.path()], b"");
    let three = voices(&["analyse", "--threads", "3", dir.path()], b"");
    assert_exit(&three, 1);
    assert_eq!(stdout(&three), stdout(&one));
}

#[test]
fn a_folder_as_csv_puts_the_error_line_on_stderr() {
    let dir = article_folder();
    let output = voices(&["analyse", "--format", "csv", dir.path()], b"");
    assert_exit(&output, 1);
    let text = stdout(&output);
    assert!(text.starts_with(CSV_HEADER), "{text}");
    assert!(
        text.contains("\nb.txt,q1,direct,p1,Jane Smith,person,National Union of Teachers,"),
        "{text}"
    );
    assert!(
        text.contains("\nnews/story.html,q1,direct,p1,Jane Smith,person,"),
        "{text}"
    );
    assert!(stderr(&output).starts_with(
        "{\"id\":\"bad.txt\",\"error\":{\"code\":\"invalid_utf8\",\"message\":\
         \"file is not valid UTF-8 (first bad byte at offset 3)\"}}\n\
         voices: 5 articles, 1 error in "
    ));
}

#[test]
fn a_folder_without_articles_gives_no_lines() {
    let dir = TempDir::new();
    dir.write("readme.md", "nothing");
    let output = voices(&["analyse", dir.path()], b"");
    assert_exit(&output, 0);
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).starts_with("voices: 0 articles, 0 errors in "));
}

#[cfg(unix)]
#[test]
fn a_broken_link_in_a_folder_is_an_error_line() {
    let dir = TempDir::new();
    dir.write("a.txt", "All quiet.");
    std::os::unix::fs::symlink(dir.0.join("gone.txt"), dir.0.join("b.txt")).unwrap();
    let output = voices(&["analyse", dir.path()], b"");
    assert_exit(&output, 1);
    assert_eq!(
        stdout(&output),
        with_id("\"a.txt\"", &analysis_of("All quiet."))
            + "{\"id\":\"b.txt\",\"error\":{\"code\":\"not_found\",\"message\":\"no such file\"}}\n"
    );
}
