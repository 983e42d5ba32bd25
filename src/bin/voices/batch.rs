//! A batch run (`--jsonl` or a DIR): a producer thread reads work items in input order,
//! worker threads analyse and render them, and the calling thread writes the answers back in
//! input order. At most a window of items is in flight between reading and writing, so memory
//! stays flat however long the corpus is.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::sync::mpsc::{self, TryRecvError};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use voices::{Analysis, Quote};

use crate::{write_failure, Failure};

/// Items in flight per worker thread: enough to keep every worker busy while one slow article
/// holds up the output, few enough that memory does not matter.
const WINDOW_PER_THREAD: usize = 256;
/// Bytes of input in flight at most, whatever the count (a corpus of very long records).
const WINDOW_BYTES: usize = 256 * 1024 * 1024;

const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// The CSV header: one row per quote.
pub const CSV_HEADER: &str =
    "id,quote_id,kind,speaker_id,speaker,speaker_type,organisation,text,start,end,cue";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
}

#[derive(Clone, Copy)]
pub struct Options {
    pub threads: NonZeroUsize,
    pub format: Format,
    /// What the analyser reports (`--speech-acts`).
    pub analysis: voices::Options,
}

/// How far along a run is, when it can be known: a count of items (files) or of input bytes.
#[derive(Clone, Copy)]
pub enum Total {
    Unknown,
    Items(u64),
    Bytes(u64),
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

/// Whether a progress bar is drawn: only when stderr is a terminal, so that logs stay clean,
/// and stdout is not, so that the bar does not tangle with the output.
pub fn progress_wanted() -> bool {
    io::stderr().is_terminal() && !io::stdout().is_terminal()
}

// ---------------------------------------------------------------------------------------------
// Rendering one answer

/// An article's id as it is written back: raw JSON echoed exactly (`--jsonl`), or a path.
#[derive(Clone, Copy)]
pub enum Id<'a> {
    Json(Option<&'a RawValue>),
    Path(&'a str),
}

impl Serialize for Id<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Id::Json(Some(raw)) => raw.serialize(serializer),
            Id::Json(None) => serializer.serialize_none(),
            Id::Path(path) => serializer.serialize_str(path),
        }
    }
}

impl Id<'_> {
    /// The id as a CSV field: a string's contents, a number as written, empty for null.
    fn csv(&self) -> String {
        match self {
            Id::Json(None) => String::new(),
            Id::Json(Some(raw)) => match raw.get() {
                "null" => String::new(),
                json if json.starts_with('"') => {
                    serde_json::from_str(json).unwrap_or_else(|_| json.to_string())
                }
                json => json.to_string(),
            },
            Id::Path(path) => path.to_string(),
        }
    }
}

#[derive(Serialize)]
pub struct LineError {
    code: &'static str,
    message: String,
}

impl LineError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        LineError {
            code,
            message: message.into(),
        }
    }
}

#[derive(Serialize)]
struct AnalysedLine<'a> {
    id: Id<'a>,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

#[derive(Serialize)]
struct FailedLine<'a> {
    id: Id<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    error: LineError,
}

/// One item's answer, ready to write: output lines for stdout, an error line for stderr (CSV).
pub struct Rendered {
    out: Vec<u8>,
    err: Vec<u8>,
    failed: bool,
}

impl Format {
    /// The answer for an analysed article; `text` is what was analysed (CSV slices cues from it).
    pub fn analysed(self, id: Id, text: &str, analysis: &Analysis) -> Rendered {
        let mut out = Vec::new();
        match self {
            Format::Jsonl => {
                json_line(&mut out, &AnalysedLine { id, analysis });
            }
            Format::Csv => {
                let id = id.csv();
                let offsets = Utf16Offsets::new(text);
                for quote in &analysis.quotes {
                    csv_row(&mut out, &quote_fields(&id, quote, analysis, &offsets));
                }
            }
        }
        Rendered {
            out,
            err: Vec::new(),
            failed: false,
        }
    }

    /// The answer for an item that could not be analysed: an error line on stdout (JSON Lines)
    /// or on stderr (CSV). `line` is the input line's number, for `--jsonl`.
    pub fn failed(self, id: Id, line: Option<u64>, error: LineError) -> Rendered {
        let mut json = Vec::new();
        json_line(&mut json, &FailedLine { id, line, error });
        let (out, err) = match self {
            Format::Jsonl => (json, Vec::new()),
            Format::Csv => (Vec::new(), json),
        };
        Rendered {
            out,
            err,
            failed: true,
        }
    }
}

fn json_line(out: &mut Vec<u8>, value: &impl Serialize) {
    serde_json::to_writer(&mut *out, value).expect("answers serialise to memory");
    out.push(b'\n');
}

fn quote_fields(
    id: &str,
    quote: &Quote,
    analysis: &Analysis,
    offsets: &Utf16Offsets,
) -> [String; 11] {
    let organisation_name = |org_id: &str| {
        analysis
            .organisations
            .iter()
            .find(|org| org.id == org_id)
            .map(|org| org.name.clone())
    };
    let (speaker, speaker_type, organisation) =
        if let Some(person) = analysis.people.iter().find(|p| p.id == quote.speaker) {
            let organisation = person.organisation.as_deref().and_then(organisation_name);
            (
                person.name.clone(),
                "person",
                organisation.unwrap_or_default(),
            )
        } else if let Some(name) = organisation_name(&quote.speaker) {
            (name.clone(), "organisation", name)
        } else {
            (String::new(), "", String::new())
        };
    let kind = match quote.kind {
        voices::QuoteKind::Direct => "direct",
        voices::QuoteKind::Indirect => "indirect",
        voices::QuoteKind::Mixed => "mixed",
    };
    let cue = quote
        .cue
        .and_then(|cue| offsets.slice(cue.start, cue.end))
        .unwrap_or_default();
    [
        id.to_string(),
        quote.id.clone(),
        kind.to_string(),
        quote.speaker.clone(),
        speaker,
        speaker_type.to_string(),
        organisation,
        quote.text.clone(),
        quote.start.to_string(),
        quote.end.to_string(),
        cue.to_string(),
    ]
}

/// Writes one CSV row, quoting as RFC 4180 asks: a field holding a comma, a double quote or a
/// line break goes in double quotes, with its double quotes doubled. Rows end with `\n`.
pub fn csv_row(out: &mut Vec<u8>, fields: &[impl AsRef<str>]) {
    for (n, field) in fields.iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        let field = field.as_ref();
        if field.contains([',', '"', '\n', '\r']) {
            out.push(b'"');
            out.extend_from_slice(field.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(field.as_bytes());
        }
    }
    out.push(b'\n');
}

/// Slices a text by UTF-16 offsets, the unit of the output schema.
struct Utf16Offsets<'a> {
    text: &'a str,
    /// (UTF-16 offset, byte offset) of every char boundary, only built when a slice is asked.
    boundaries: std::cell::OnceCell<Vec<(usize, usize)>>,
}

impl<'a> Utf16Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Utf16Offsets {
            text,
            boundaries: std::cell::OnceCell::new(),
        }
    }

    fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        let boundaries = self.boundaries.get_or_init(|| {
            let mut utf16 = 0;
            let mut boundaries: Vec<(usize, usize)> = self
                .text
                .char_indices()
                .map(|(byte, c)| {
                    let boundary = (utf16, byte);
                    utf16 += c.len_utf16();
                    boundary
                })
                .collect();
            boundaries.push((utf16, self.text.len()));
            boundaries
        });
        let byte = |offset: usize| {
            boundaries
                .binary_search_by_key(&offset, |&(utf16, _)| utf16)
                .ok()
                .map(|n| boundaries[n].1)
        };
        self.text.get(byte(start)?..byte(end)?)
    }
}

// ---------------------------------------------------------------------------------------------
// The pipeline

/// Items go to the workers in chunks, so that handing them over costs little per article: a
/// chunk closes at this many items, at `CHUNK_BYTES`, or when the producer may wait for input.
const CHUNK_ITEMS: usize = 16;
const CHUNK_BYTES: usize = 64 * 1024;

/// Hands work items to the pipeline, in input order.
pub struct Feed<'w, W> {
    next_seq: u64,
    chunk: Chunk<W>,
    jobs: mpsc::Sender<Job<W>>,
    window: &'w Window,
    /// False once the run has stopped (the output went away).
    open: bool,
}

struct Chunk<W> {
    items: Vec<W>,
    held: usize,
    units: u64,
}

impl<W> Default for Chunk<W> {
    fn default() -> Self {
        Chunk {
            items: Vec::new(),
            held: 0,
            units: 0,
        }
    }
}

impl<W> Feed<'_, W> {
    /// Queues one item. `held` is the memory it holds (bytes), `units` how far it takes the
    /// progress towards its total. Waits while the window is full; false once the run has
    /// stopped (the output went away), when the producer should stop too.
    pub fn send(&mut self, work: W, held: usize, units: u64) -> bool {
        self.chunk.items.push(work);
        self.chunk.held += held;
        self.chunk.units += units;
        if self.chunk.items.len() >= CHUNK_ITEMS || self.chunk.held >= CHUNK_BYTES {
            self.flush();
        }
        self.open
    }

    /// Hands over the items queued so far, before the producer waits for more input, so that
    /// their answers are not held back by it.
    pub fn flush(&mut self) -> bool {
        if !self.chunk.items.is_empty() {
            let chunk = std::mem::take(&mut self.chunk);
            let (held, units) = (chunk.held, chunk.units);
            self.queue(Message::Work(chunk.items), held, units);
        }
        self.open
    }

    fn queue(&mut self, message: Message<W>, held: usize, units: u64) {
        let items = match &message {
            Message::Work(items) => items.len(),
            Message::Fatal(_) => 1,
        };
        self.open = self.open && self.window.acquire(items, held);
        if !self.open {
            return;
        }
        let job = Job {
            seq: self.next_seq,
            items,
            held,
            units,
            message,
        };
        self.next_seq += 1;
        self.open = self.jobs.send(job).is_ok();
    }
}

enum Message<W> {
    Work(Vec<W>),
    /// The producer could not go on (a read error): reported after every item before it.
    Fatal(Failure),
}

struct Job<W> {
    seq: u64,
    items: usize,
    held: usize,
    units: u64,
    message: Message<W>,
}

struct Done {
    seq: u64,
    items: usize,
    held: usize,
    units: u64,
    answer: Result<Answers, Failure>,
}

/// A chunk's answers, in order.
#[derive(Default)]
struct Answers {
    out: Vec<u8>,
    err: Vec<u8>,
    articles: u64,
    errors: u64,
}

/// Runs a batch: `produce` feeds the items in input order (on a thread of its own), `process`
/// renders each one (on `options.threads` threads), and the answers are written to stdout in
/// input order. Prints the summary to stderr at the end.
pub fn run<W: Send>(
    options: &Options,
    total: Total,
    produce: impl FnOnce(&mut Feed<W>) -> Result<(), Failure> + Send,
    process: impl Fn(W, Options) -> Rendered + Sync,
) -> Result<Summary, Failure> {
    let threads = options.threads.get();
    let format = options.format;
    let window = Window::new(WINDOW_PER_THREAD * threads, WINDOW_BYTES);
    let (jobs, job_queue) = mpsc::channel::<Job<W>>();
    let job_queue = Mutex::new(job_queue);
    let (answers, answer_queue) = mpsc::channel::<Done>();
    let started = Instant::now();
    let mut progress = Progress::new(started, total);

    let outcome = std::thread::scope(|scope| {
        let (window, job_queue, process) = (&window, &job_queue, &process);
        scope.spawn(move || {
            let mut feed = Feed {
                next_seq: 0,
                chunk: Chunk::default(),
                jobs,
                window,
                open: true,
            };
            let produced = produce(&mut feed);
            feed.flush();
            if let Err(failure) = produced {
                feed.queue(Message::Fatal(failure), 0, 0);
            }
        });
        for _ in 0..threads {
            let answers = answers.clone();
            scope.spawn(move || loop {
                // The lock is held while waiting, so one idle worker waits and the others
                // queue behind it; each job goes to exactly one.
                let job = job_queue
                    .lock()
                    .map_err(|_| ())
                    .and_then(|queue| queue.recv().map_err(|_| ()));
                let Ok(job) = job else { break };
                let answer = match job.message {
                    Message::Work(items) => {
                        Ok(items
                            .into_iter()
                            .fold(Answers::default(), |mut answers, work| {
                                let rendered = process(work, *options);
                                answers.out.extend_from_slice(&rendered.out);
                                answers.err.extend_from_slice(&rendered.err);
                                answers.articles += 1;
                                answers.errors += u64::from(rendered.failed);
                                answers
                            }))
                    }
                    Message::Fatal(failure) => Err(failure),
                };
                let done = Done {
                    seq: job.seq,
                    items: job.items,
                    held: job.held,
                    units: job.units,
                    answer,
                };
                if answers.send(done).is_err() {
                    break;
                }
            });
        }
        drop(answers);
        let outcome = write_in_order(answer_queue, window, format, &mut progress);
        // Wakes the producer if it waits for room, so that every thread ends.
        window.close();
        outcome
    });
    drop(progress); // Erases the progress bar before the summary takes its place.
    let summary = outcome?;
    let _ = writeln!(
        io::stderr(),
        "voices: {}",
        summary.describe(started.elapsed())
    );
    Ok(summary)
}

fn write_in_order(
    answer_queue: mpsc::Receiver<Done>,
    window: &Window,
    format: Format,
    progress: &mut Progress,
) -> Result<Summary, Failure> {
    let mut out = BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    if format == Format::Csv {
        writeln!(out, "{CSV_HEADER}").map_err(write_failure)?;
    }
    let mut summary = Summary::default();
    let mut waiting = BTreeMap::new();
    let mut next_seq = 0;
    loop {
        let done = match answer_queue.try_recv() {
            Ok(done) => done,
            // Flush before waiting, so that a process feeding records one at a time gets each
            // answer at once; a busy batch flushes when the writer catches up.
            Err(TryRecvError::Empty) => {
                out.flush().map_err(write_failure)?;
                match answer_queue.recv() {
                    Ok(done) => done,
                    Err(_) => break,
                }
            }
            Err(TryRecvError::Disconnected) => break,
        };
        waiting.insert(done.seq, done);
        while let Some(done) = waiting.remove(&next_seq) {
            next_seq += 1;
            window.release(done.items, done.held);
            let answers = match done.answer {
                Ok(answers) => answers,
                Err(failure) => {
                    let _ = out.flush();
                    return Err(failure);
                }
            };
            out.write_all(&answers.out).map_err(write_failure)?;
            if !answers.err.is_empty() {
                progress.erase();
                let _ = io::stderr().write_all(&answers.err);
            }
            summary.articles += answers.articles;
            summary.errors += answers.errors;
            progress.advance(done.units, &summary);
        }
    }
    out.flush().map_err(write_failure)?;
    Ok(summary)
}

/// Counts the items and bytes between reading and writing; the producer waits while either is
/// at its limit (a chunk always gets in when nothing else is in flight, however large).
struct Window {
    state: Mutex<WindowState>,
    changed: Condvar,
    max_items: usize,
    max_bytes: usize,
}

#[derive(Default)]
struct WindowState {
    items: usize,
    bytes: usize,
    closed: bool,
}

impl Window {
    fn new(max_items: usize, max_bytes: usize) -> Self {
        Window {
            state: Mutex::default(),
            changed: Condvar::new(),
            max_items,
            max_bytes,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, WindowState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Waits for room; false once the window is closed.
    fn acquire(&self, items: usize, bytes: usize) -> bool {
        let mut state = self.lock();
        while !state.closed
            && state.items > 0
            && (state.items + items > self.max_items || state.bytes + bytes > self.max_bytes)
        {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        if state.closed {
            return false;
        }
        state.items += items;
        state.bytes += bytes;
        true
    }

    fn release(&self, items: usize, bytes: usize) {
        let mut state = self.lock();
        state.items -= items;
        state.bytes -= bytes;
        self.changed.notify_one();
    }

    fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }
}

// ---------------------------------------------------------------------------------------------
// Progress

/// A one-line progress bar on stderr while a batch runs, redrawn at most ten times a second:
/// a bar, the percentage and time left when the total is known, the articles done, errors and
/// articles/s. Erased when dropped.
struct Progress {
    enabled: bool,
    started: Instant,
    total: Total,
    units: u64,
    last_shown: Option<Instant>,
    width: usize,
}

impl Progress {
    fn new(started: Instant, total: Total) -> Self {
        Progress {
            enabled: progress_wanted(),
            started,
            total,
            units: 0,
            last_shown: None,
            width: 0,
        }
    }

    fn advance(&mut self, units: u64, summary: &Summary) {
        self.units += units;
        let now = Instant::now();
        if !self.enabled
            || self
                .last_shown
                .is_some_and(|shown| now - shown < PROGRESS_INTERVAL)
        {
            return;
        }
        self.last_shown = Some(now);
        let text = progress_line(self.total, self.units, summary, now - self.started);
        self.width = self.width.max(text.chars().count());
        let _ = write!(io::stderr(), "\r{text:<width$}", width = self.width);
    }

    /// Clears the line, for an error line to take its place; the next update redraws it.
    fn erase(&mut self) {
        if self.width > 0 {
            let _ = write!(io::stderr(), "\r{:width$}\r", "", width = self.width);
            self.width = 0;
            self.last_shown = None;
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.erase();
    }
}

const BAR_WIDTH: usize = 24;

fn progress_line(total: Total, units: u64, summary: &Summary, elapsed: Duration) -> String {
    let seconds = elapsed.as_secs_f64().max(1e-6);
    let rate = summary.articles as f64 / seconds;
    let errors = counted(summary.errors, "error", "errors");
    let articles = match total {
        Total::Items(items) => format!("{}/{items} articles", summary.articles),
        _ => counted(summary.articles, "article", "articles"),
    };
    let counts = format!("{articles}, {errors}, {rate:.0} articles/s");
    let total_units = match total {
        Total::Unknown => return counts,
        Total::Items(items) => items,
        Total::Bytes(bytes) => bytes,
    };
    let fraction = (units as f64 / total_units.max(1) as f64).min(1.0);
    let filled = (fraction * BAR_WIDTH as f64).round() as usize;
    let left = if fraction > 0.0 {
        let remaining = (seconds / fraction - seconds).round() as u64;
        let (hours, minutes, seconds) = (remaining / 3600, remaining / 60 % 60, remaining % 60);
        if hours > 0 {
            format!(", {hours}:{minutes:02}:{seconds:02} left")
        } else {
            format!(", {minutes}:{seconds:02} left")
        }
    } else {
        String::new()
    };
    format!(
        "[{}{}] {:>3.0}% {counts}{left}",
        "#".repeat(filled),
        "-".repeat(BAR_WIDTH - filled),
        fraction * 100.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(fields: &[&str]) -> String {
        let mut out = Vec::new();
        csv_row(&mut out, fields);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_quotes_only_the_fields_that_need_it() {
        assert_eq!(csv(&["a", "b c", ""]), "a,b c,\n");
        assert_eq!(
            csv(&["x,y", "say \"no\"", "two\nlines", "cr\r"]),
            "\"x,y\",\"say \"\"no\"\"\",\"two\nlines\",\"cr\r\"\n"
        );
    }

    #[test]
    fn csv_ids_are_the_json_values_text() {
        let raw = |json: &str| RawValue::from_string(json.to_string()).unwrap();
        let (string, number, null) = (raw(r#""a\"b""#), raw("1.50"), raw("null"));
        assert_eq!(Id::Json(Some(&string)).csv(), "a\"b");
        assert_eq!(Id::Json(Some(&number)).csv(), "1.50");
        assert_eq!(Id::Json(Some(&null)).csv(), "");
        assert_eq!(Id::Json(None).csv(), "");
        assert_eq!(Id::Path("a/b.txt").csv(), "a/b.txt");
    }

    #[test]
    fn utf16_offsets_slice_past_astral_characters() {
        let offsets = Utf16Offsets::new("é😀 said");
        assert_eq!(offsets.slice(4, 8), Some("said"));
        assert_eq!(offsets.slice(0, 1), Some("é"));
        assert_eq!(offsets.slice(2, 4), None, "inside a surrogate pair");
        assert_eq!(offsets.slice(4, 99), None);
    }

    #[test]
    fn the_progress_line_shows_a_bar_only_with_a_total() {
        let summary = Summary {
            articles: 50,
            errors: 1,
        };
        let second = Duration::from_secs(1);
        assert_eq!(
            progress_line(Total::Unknown, 50, &summary, second),
            "50 articles, 1 error, 50 articles/s"
        );
        assert_eq!(
            progress_line(Total::Items(100), 50, &summary, second),
            "[############------------]  50% 50/100 articles, 1 error, 50 articles/s, 0:01 left"
        );
        let line = progress_line(Total::Bytes(1000), 250, &summary, second);
        assert!(
            line.starts_with("[######------------------]  25% 50 articles"),
            "{line}"
        );
        assert!(line.ends_with(", 0:03 left"), "{line}");
        let hours = progress_line(Total::Items(10_000), 1, &summary, second);
        assert!(hours.ends_with(", 2:46:39 left"), "{hours}");
    }

    #[test]
    fn the_window_lets_one_item_in_whatever_its_size_and_stops_when_closed() {
        let window = Window::new(2, 10);
        assert!(window.acquire(5, 100));
        window.release(5, 100);
        assert!(window.acquire(1, 4));
        assert!(window.acquire(1, 6));
        window.close();
        assert!(!window.acquire(1, 1));
    }
}
