//! `voices analyse --jsonl`: one `{"id": ..., "text": "..."}` record per input line, one
//! answer line per record. A bad line gives an error line and the batch goes on.

use std::io::{self, BufRead, BufReader, Read};

use serde::Deserialize;
use serde_json::value::RawValue;
use voices::Analysis;

use crate::batch::{self, Feed, Id, LineError, Options, Rendered, Summary, Total};
use crate::{Failure, Input};

/// Longest line read. JSON escapes make a record longer than its text, hence twice the
/// analyser's limit; a longer line is skipped without being held in memory.
pub const MAX_LINE_BYTES: usize = 2 * voices::MAX_INPUT_BYTES;

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

/// One non-blank input line, numbered from 1 with blank lines counted.
enum Line {
    Read { number: u64, bytes: Vec<u8> },
    TooLong { number: u64 },
}

pub fn analyse_batch(input: &Input, options: &Options) -> Result<Summary, Failure> {
    // Opened here, so that a missing file fails before any output (the CSV header).
    let reader = input.open()?;
    let total = match input {
        Input::File(path) => std::fs::metadata(path)
            .ok()
            .filter(|metadata| metadata.is_file())
            .map_or(Total::Unknown, |metadata| Total::Bytes(metadata.len())),
        Input::Stdin => Total::Unknown,
    };
    batch::run(
        options,
        total,
        |feed| read_lines(input, reader, feed),
        analyse_line,
    )
}

fn read_lines(
    input: &Input,
    reader: Box<dyn Read + Send>,
    feed: &mut Feed<Line>,
) -> Result<(), Failure> {
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    // Bytes read since the last line sent, blank lines included: the progress through a file.
    let mut consumed = 0;
    for number in 1.. {
        // Hand over the lines read so far before a read that may wait, so that a process
        // feeding records one at a time gets each answer at once.
        if reader.buffer().is_empty() && !feed.flush() {
            break;
        }
        let mut bytes = Vec::new();
        let (read, length) =
            read_line(&mut reader, &mut bytes).map_err(|error| input.read_failure(error))?;
        consumed += length;
        let line = match read {
            LineRead::End => break,
            LineRead::Blank => continue,
            LineRead::Line => Line::Read { number, bytes },
            LineRead::TooLong => Line::TooLong { number },
        };
        let held = match &line {
            Line::Read { bytes, .. } => bytes.len(),
            Line::TooLong { .. } => 0,
        };
        if !feed.send(line, held, std::mem::take(&mut consumed)) {
            break;
        }
    }
    Ok(())
}

fn analyse_line(line: Line, options: Options) -> Rendered {
    let format = options.format;
    match line {
        Line::Read { number, bytes } => match parse_record(&bytes) {
            Ok(record) => match analyse_text(record.text, &options.analysis) {
                Ok((text, analysis)) => format.analysed(Id::Json(record.id), &text, &analysis),
                Err(error) => format.failed(Id::Json(record.id), Some(number), error),
            },
            Err(error) => format.failed(Id::Json(None), Some(number), error),
        },
        Line::TooLong { number } => {
            let limit = MAX_LINE_BYTES / crate::MIB;
            let message = format!("line is over {limit} MiB; skipped unread");
            let error = LineError::new("input_too_large", message);
            format.failed(Id::Json(None), Some(number), error)
        }
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

/// The record's text and its analysis.
fn analyse_text(
    raw_text: Option<&RawValue>,
    options: &voices::Options,
) -> Result<(String, Analysis), LineError> {
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
    let analysis = voices::analyse_with(&text, options)
        .map_err(|error| LineError::new(error.code(), error.to_string()))?;
    Ok((text, analysis))
}

enum LineRead {
    Line,
    Blank,
    TooLong,
    End,
}

/// Reads the next line into `line`, without its line ending; also gives the bytes read.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> io::Result<(LineRead, u64)> {
    line.clear();
    // The limit counts the line ending; one byte past it tells a line that is too long from
    // one that just fits.
    let read = reader
        .by_ref()
        .take(MAX_LINE_BYTES as u64 + 1)
        .read_until(b'\n', line)? as u64;
    if read == 0 {
        return Ok((LineRead::End, 0));
    }
    if line.len() > MAX_LINE_BYTES {
        let skipped = if line.last() != Some(&b'\n') {
            skip_rest_of_line(reader)?
        } else {
            0
        };
        line.clear();
        return Ok((LineRead::TooLong, read + skipped));
    }
    if line.last() == Some(&b'\n') {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    }
    let kind = if line.iter().all(u8::is_ascii_whitespace) {
        LineRead::Blank
    } else {
        LineRead::Line
    };
    Ok((kind, read))
}

/// Skips to the end of the line; gives the bytes skipped.
fn skip_rest_of_line(reader: &mut impl BufRead) -> io::Result<u64> {
    let mut skipped = 0;
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(skipped);
        }
        match buffer.iter().position(|&byte| byte == b'\n') {
            Some(newline) => {
                reader.consume(newline + 1);
                return Ok(skipped + newline as u64 + 1);
            }
            None => {
                let length = buffer.len();
                reader.consume(length);
                skipped += length as u64;
            }
        }
    }
}
