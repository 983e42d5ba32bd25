//! `voices analyse --jsonl`: one `{"id": ..., "text": "..."}` record per input line, one
//! answer line per record. A bad line gives an error line and the batch goes on.

use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use voices::Analysis;

use crate::{write_failure, Failure, Input};

/// Longest line read. JSON escapes make a record longer than its text, hence twice the
/// analyser's limit; a longer line is skipped without being held in memory.
pub const MAX_LINE_BYTES: usize = 2 * voices::MAX_INPUT_BYTES;

const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// The id is kept as raw JSON so that it is echoed back exactly as given (a number such as
/// `12345678901234567890123` would lose digits as an `f64`). The text is raw too, so that a
/// record whose text is not a string still has its id reported.
#[derive(Deserialize)]
struct Record<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    text: Option<&'a RawValue>,
}

#[derive(Serialize)]
struct AnalysedLine<'a> {
    id: Option<&'a RawValue>,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

#[derive(Serialize)]
struct FailedLine<'a> {
    id: Option<&'a RawValue>,
    line: u64,
    error: LineError,
}

#[derive(Serialize)]
struct LineError {
    code: &'static str,
    message: String,
}

impl LineError {
    fn new(code: &'static str, message: impl Into<String>) -> Self {
        LineError {
            code,
            message: message.into(),
        }
    }
}

#[derive(Default)]
pub struct Summary {
    pub articles: u64,
    pub errors: u64,
}

impl Summary {
    fn describe(&self, elapsed: Duration) -> String {
        let seconds = elapsed.as_secs_f64();
        format!(
            "{}, {} in {seconds:.3} s ({:.0} articles/s)",
            counted(self.articles, "article", "articles"),
            counted(self.errors, "error", "errors"),
            self.articles as f64 / seconds.max(1e-6),
        )
    }
}

fn counted(count: u64, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

pub fn analyse_batch(input: &Input) -> Result<Summary, Failure> {
    let mut reader = BufReader::with_capacity(64 * 1024, input.open()?);
    let mut out = BufWriter::new(io::stdout().lock());
    let started = Instant::now();
    let mut progress = Progress::new(started);
    let mut summary = Summary::default();
    let mut line = Vec::new();

    for line_number in 1.. {
        // Flush before reading blocks, so that a process feeding records one at a time gets
        // each answer at once; in a batch this flushes once per reader buffer.
        if reader.buffer().is_empty() {
            out.flush().map_err(write_failure)?;
        }
        let read = read_line(&mut reader, &mut line).map_err(|error| input.read_failure(error))?;
        let (id, answer) = match read {
            LineRead::End => break,
            LineRead::Blank => continue,
            LineRead::Line => analyse_line(&line),
            LineRead::TooLong => {
                let limit = MAX_LINE_BYTES / crate::MIB;
                let message = format!("line is over {limit} MiB; skipped unread");
                (None, Err(LineError::new("input_too_large", message)))
            }
        };
        summary.articles += 1;
        let written = match answer {
            Ok(analysis) => serde_json::to_writer(
                &mut out,
                &AnalysedLine {
                    id,
                    analysis: &analysis,
                },
            ),
            Err(error) => {
                summary.errors += 1;
                serde_json::to_writer(
                    &mut out,
                    &FailedLine {
                        id,
                        line: line_number,
                        error,
                    },
                )
            }
        };
        written
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n"))
            .map_err(write_failure)?;
        progress.show(&summary);
    }
    out.flush().map_err(write_failure)?;
    drop(progress); // Erases the progress line before the summary takes its place.

    let _ = writeln!(
        io::stderr(),
        "voices: {}",
        summary.describe(started.elapsed())
    );
    Ok(summary)
}

/// The record's id, when the line got as far as having one, and its analysis or error.
fn analyse_line(line: &[u8]) -> (Option<&RawValue>, Result<Analysis, LineError>) {
    match parse_record(line) {
        Ok(record) => (record.id, analyse_text(record.text)),
        Err(error) => (None, Err(error)),
    }
}

fn parse_record(line: &[u8]) -> Result<Record<'_>, LineError> {
    let line = std::str::from_utf8(line).map_err(|error| {
        let message = format!(
            "line is not valid UTF-8 (first bad byte at offset {} in the line)",
            error.valid_up_to()
        );
        LineError::new("invalid_utf8", message)
    })?;
    let not_a_record = || {
        LineError::new(
            "invalid_record",
            r#"expected a JSON object like {"id": 1, "text": "..."}"#,
        )
    };
    let record = serde_json::from_str(line).map_err(|error| {
        if error.is_data() {
            not_a_record()
        } else {
            LineError::new("invalid_json", format!("line is not JSON: {error}"))
        }
    })?;
    // Serde also builds a struct from an array, `[id, text]`; only an object is a record.
    if line.trim_start().starts_with('{') {
        Ok(record)
    } else {
        Err(not_a_record())
    }
}

fn analyse_text(raw_text: Option<&RawValue>) -> Result<Analysis, LineError> {
    let raw_text = raw_text
        .filter(|raw| raw.get().starts_with('"'))
        .ok_or_else(|| LineError::new("invalid_record", r#""text" is missing or not a string"#))?;
    let text: String = serde_json::from_str(raw_text.get()).map_err(|error| {
        // Only a string JSON cannot decode is left, such as one with a lone surrogate.
        LineError::new(
            "invalid_json",
            format!(r#""text" is not a valid JSON string: {error}"#),
        )
    })?;
    voices::analyse(&text).map_err(|error| LineError::new(error.code(), error.to_string()))
}

enum LineRead {
    Line,
    Blank,
    TooLong,
    End,
}

/// Reads the next line into `line`, without its line ending.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<LineRead> {
    line.clear();
    // The limit counts the line ending; one byte past it tells a line that is too long from
    // one that just fits.
    let read = reader
        .by_ref()
        .take(MAX_LINE_BYTES as u64 + 1)
        .read_until(b'\n', line)?;
    if read == 0 {
        return Ok(LineRead::End);
    }
    if line.len() > MAX_LINE_BYTES {
        if line.last() != Some(&b'\n') {
            skip_rest_of_line(reader)?;
        }
        line.clear();
        return Ok(LineRead::TooLong);
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    }
    Ok(if line.iter().all(u8::is_ascii_whitespace) {
        LineRead::Blank
    } else {
        LineRead::Line
    })
}

fn skip_rest_of_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|&byte| byte == b'\n') {
            Some(newline) => {
                reader.consume(newline + 1);
                return Ok(());
            }
            None => {
                let length = buffer.len();
                reader.consume(length);
            }
        }
    }
}

/// A one-line counter on stderr while a batch runs, redrawn at most ten times a second. Only
/// when stderr is a terminal, so that logs stay clean, and stdout is not, so that it does not
/// tangle with the output lines. Erased when dropped.
struct Progress {
    enabled: bool,
    started: Instant,
    last_shown: Option<Instant>,
    width: usize,
}

impl Progress {
    fn new(started: Instant) -> Self {
        use std::io::IsTerminal;
        Progress {
            enabled: io::stderr().is_terminal() && !io::stdout().is_terminal(),
            started,
            last_shown: None,
            width: 0,
        }
    }

    fn show(&mut self, summary: &Summary) {
        let now = Instant::now();
        if !self.enabled
            || self
                .last_shown
                .is_some_and(|shown| now - shown < PROGRESS_INTERVAL)
        {
            return;
        }
        self.last_shown = Some(now);
        let text = summary.describe(now - self.started);
        self.width = self.width.max(text.len());
        let _ = write!(io::stderr(), "\r{text:<width$}", width = self.width);
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if self.width > 0 {
            let _ = write!(io::stderr(), "\r{:width$}\r", "", width = self.width);
        }
    }
}
