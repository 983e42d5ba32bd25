//! The `voices` command: analyse one article, a JSON Lines batch or a folder of files, and
//! print JSON (or CSV).
//! Run `voices --help` for the interface; the help text is the specification.

// A binary rooted at src/bin/voices.rs looks for modules in src/bin/; keep ours beside it.
#[path = "voices/batch.rs"]
mod batch;
#[path = "voices/dir.rs"]
mod dir;
#[path = "voices/html.rs"]
mod html;
#[path = "voices/jsonl.rs"]
mod jsonl;

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;

use batch::Format;

use voices::MAX_INPUT_BYTES;

const MIB: usize = 1024 * 1024;

/// Exit status when a batch finished but some of its records were errors.
const EXIT_LINE_ERRORS: u8 = 1;
/// Exit status for a bad command line, unreadable input, unwritable output or a refused article.
const EXIT_FAILURE: u8 = 2;

/// Most threads `--threads` takes.
const MAX_THREADS: usize = 1024;

const USAGE: &str = "\
Usage: voices analyse [--pretty] FILE
       voices analyse --jsonl [--threads N] [--format jsonl|csv] [FILE]
       voices analyse [--threads N] [--format jsonl|csv] DIR
       voices --help | --version";

fn help() -> String {
    format!(
        "\
voices {version}: who speaks in a news article, for whom, what they said and
where they stand.

Usage:
  voices analyse [--pretty] FILE   Analyse one article; FILE '-' reads standard input
  voices analyse --jsonl [FILE]    Analyse a batch, one JSON record per line
                                   (standard input by default)
  voices analyse DIR               Analyse a folder of .txt and .html files
  voices -h, --help                Print this help
  voices -V, --version             Print the version

Batches use every core (--threads N), keep the input order, and write JSON Lines
or CSV (--format csv: one row per quote).

'analyze' is accepted for 'analyse'. Run 'voices analyse --help' for the input
and output formats and the error codes.
Answers go to standard output; messages go to standard error.

Exit codes:
{EXIT_CODES}",
        version = env!("CARGO_PKG_VERSION"),
    )
}

fn analyse_help() -> String {
    format!(
        "\
voices analyse: find the people and organisations in a news article, what they
said and where they stand.

Usage:
  voices analyse [--pretty] FILE
  voices analyse --jsonl [--threads N] [--format jsonl|csv] [FILE]
  voices analyse [--threads N] [--format jsonl|csv] DIR

Arguments:
  FILE        UTF-8 text, at most {max_mib} MiB. '-' reads standard input, which is
              also the default with --jsonl.
  DIR         A folder: every .txt, .html and .htm file in it and its
              subfolders (any case), in path order; other files are ignored.
              Files are UTF-8, at most {max_mib} MiB each. Links to files are
              followed, links to folders not.

Options:
  --pretty         Indent the JSON (one article only).
  --jsonl          Read JSON Lines: one {{\"id\": ..., \"text\": \"...\"}} per line.
  --threads N      Batches: analyse on N threads, 1 to {MAX_THREADS} (default: one
                   per core). The output is the same for every N.
  --format FORMAT  Batches: jsonl (the default) or csv.
  --speech-acts    Also report speech acts whose content is a noun phrase or an
                   infinitive (\"announced a review\", \"vowed to resign\"), as
                   attribution corpora such as PolNeAR annotate them.
  --               Take the next argument as FILE even if it starts with '-'.
  -h, --help       Print this help.

Output, one article:
  One line of JSON (several with --pretty):
    {{\"people\": [...], \"organisations\": [...], \"topics\": [...],
     \"quotes\": [...], \"stances\": [...]}}
  Offsets count UTF-16 code units of the input text.

Output, batches (--jsonl, DIR):
  One line per non-blank input line, or per file, in input order: the analysis
  with the article's \"id\" added. With --jsonl the record's id is echoed back
  exactly as given (a string, a number, any JSON value; null when absent); other
  fields of the record are ignored. With DIR the id is the file's path from DIR,
  with '/' between folders (\"2024/may/story.html\").
    {{\"id\": 7, \"people\": [...], \"organisations\": [...], ...}}
  An HTML file is analysed as its text: tags, comments, scripts, styles, the
  <head>, navigation, asides and forms dropped, entities decoded, white space
  collapsed, and blocks (paragraphs, headings, list items) on lines of their
  own. Its offsets and quotes are in that extracted text, not in the HTML.
  A record that cannot be analysed gives an error line instead, and the batch
  goes on. With --jsonl, N is the line's number in the input, counting from 1,
  blank lines included; the id is null when the line could not be read as a
  record. With DIR there is no \"line\".
    {{\"id\": 7, \"line\": N, \"error\": {{\"code\": \"...\", \"message\": \"...\"}}}}
  At the end a summary (articles, errors, time, articles/s) goes to standard
  error. While running, if standard error is a terminal and standard output is
  not, a progress bar shows there too: articles done, errors, articles/s, and,
  for DIR or a --jsonl FILE, the percentage done and the time left.

Output, --format csv:
  RFC 4180 CSV with a header, one row per quote; an article without quotes has
  no rows. Fields holding a comma, a double quote or a line break are quoted,
  with double quotes doubled; rows end with a line feed. The columns:
  {csv_header}
  id            the article's id: a JSON string's text, other JSON as written,
                empty for null; with DIR, the file's path
  quote_id      q1, q2, ... in text order within the article
  kind          direct, indirect or mixed
  speaker_id    the speaker's id in the article (p1..., o1...)
  speaker       the speaker's name
  speaker_type  person or organisation
  organisation  the organisation the speaker speaks for (an organisation's own
                name when speaker_type is organisation); may be empty
  text          the quote
  start, end    the quote's offsets, in UTF-16 code units
  cue           the reporting verb or phrase (\"said\"), may be empty
  Error lines go to standard error, as the JSON error lines above, and count as
  errors in the summary and the exit code.

Errors:
  A run that cannot go on prints one line to standard error and exits with 2:
    voices: error[CODE]: FILE: message
  FILE may be <stdin>, or <stdout> for a write error; usage errors name none.
  CODE is one of:
    usage              bad command line (the usage follows)
    not_found          FILE or DIR does not exist
    is_directory       FILE is a directory (with --jsonl)
    permission_denied  FILE or DIR cannot be read
    io                 another read or write error
    invalid_utf8       the input is not UTF-8 (the message gives the byte offset)
    input_too_large    the input is over {max_mib} MiB
  Batch error lines use these codes for a line, a record's text or a file (a
  line over {line_mib} MiB is skipped unread; a folder that cannot be listed gives
  an error line with its path and a trailing '/'), and --jsonl also:
    invalid_json       the line is not JSON
    invalid_record     the line is not a JSON object with a \"text\" string

Exit codes:
{EXIT_CODES}",
        max_mib = MAX_INPUT_BYTES / MIB,
        line_mib = jsonl::MAX_LINE_BYTES / MIB,
        csv_header = batch::CSV_HEADER,
    )
}

const EXIT_CODES: &str = concat!(
    "  0  success; also when the reader of the output goes away early (| head)\n",
    "  1  --jsonl or DIR: the batch finished but some records had errors\n",
    "  2  usage error, unreadable input, unwritable output, or an article the\n",
    "     analyser refused",
);

fn default_threads() -> NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

/// Why a run stopped early.
enum Failure {
    /// A bad command line; the message is followed by the usage.
    Usage(String),
    /// Unreadable input, unwritable output or a refused article, about `subject` (a file name,
    /// `<stdin>` or `<stdout>`).
    Error {
        code: &'static str,
        subject: String,
        message: String,
    },
    /// The reader of stdout went away (`voices ... | head`): stop quietly, as Unix filters do.
    StdoutClosed,
}

enum Command {
    Help(String),
    Version,
    Analyse {
        input: Input,
        pretty: bool,
        analysis: voices::Options,
    },
    AnalyseJsonl {
        input: Input,
        options: batch::Options,
    },
    AnalyseDir {
        dir: PathBuf,
        options: batch::Options,
    },
}

enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// How messages name the input.
    fn name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(path) => path.display().to_string(),
        }
    }

    fn open(&self) -> Result<Box<dyn Read + Send>, Failure> {
        match self {
            Input::Stdin => Ok(Box::new(io::stdin())),
            // Checked first because opening a directory succeeds on Unix and only reading fails.
            Input::File(path) if path.is_dir() => Err(Failure::Error {
                code: "is_directory",
                subject: self.name(),
                message: "is a directory, not a file".to_string(),
            }),
            Input::File(path) => match File::open(path) {
                Ok(file) => Ok(Box::new(file)),
                Err(error) => Err(self.read_failure(error)),
            },
        }
    }

    fn read_failure(&self, error: io::Error) -> Failure {
        let (code, message) = io_error_code(&error);
        Failure::Error {
            code,
            subject: self.name(),
            message,
        }
    }
}

/// The stable code and the message for a read error.
fn io_error_code(error: &io::Error) -> (&'static str, String) {
    match error.kind() {
        io::ErrorKind::NotFound => ("not_found", "no such file".to_string()),
        io::ErrorKind::PermissionDenied => ("permission_denied", "permission denied".to_string()),
        _ => ("io", error.to_string()),
    }
}

fn write_failure(error: io::Error) -> Failure {
    if error.kind() == io::ErrorKind::BrokenPipe {
        Failure::StdoutClosed
    } else {
        Failure::Error {
            code: "io",
            subject: "<stdout>".to_string(),
            message: error.to_string(),
        }
    }
}

fn main() -> ExitCode {
    let outcome = parse(std::env::args_os().skip(1)).and_then(run);
    let mut stderr = io::stderr().lock();
    // Errors writing to stderr are ignored: there is nowhere left to report them.
    match outcome {
        Ok(status) => status,
        Err(Failure::Usage(message)) => {
            let _ = writeln!(
                stderr,
                "voices: error[usage]: {message}\n{USAGE}\nRun 'voices --help' for more."
            );
            ExitCode::from(EXIT_FAILURE)
        }
        Err(Failure::Error {
            code,
            subject,
            message,
        }) => {
            let _ = writeln!(stderr, "voices: error[{code}]: {subject}: {message}");
            ExitCode::from(EXIT_FAILURE)
        }
        Err(Failure::StdoutClosed) => ExitCode::SUCCESS,
    }
}

fn parse(mut args: impl Iterator<Item = OsString>) -> Result<Command, Failure> {
    let Some(command) = args.next() else {
        return Err(Failure::Usage("no command given".to_string()));
    };
    match command.to_str() {
        Some("-h" | "--help") => Ok(Command::Help(help())),
        Some("-V" | "--version") => Ok(Command::Version),
        Some("analyse" | "analyze") => parse_analyse(args),
        _ => Err(Failure::Usage(format!(
            "unknown command '{}'",
            command.to_string_lossy()
        ))),
    }
}

fn parse_analyse(args: impl Iterator<Item = OsString>) -> Result<Command, Failure> {
    let (mut pretty, mut jsonl, mut options_ended) = (false, false, false);
    let mut analysis = voices::Options::default();
    let (mut threads, mut format) = (None, None);
    let mut file: Option<OsString> = None;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let option = if options_ended { None } else { arg.to_str() };
        // `--threads N` and `--threads=N` alike; the same for --format.
        let (name, inline_value) = match option {
            Some(option) if option.starts_with("--") => match option.split_once('=') {
                Some((name, value)) => (Some(name), Some(value.to_string())),
                None => (Some(option), None),
            },
            _ => (option, None),
        };
        let mut value = |name: &str| match inline_value.clone() {
            Some(value) => Ok(value),
            None => args
                .next()
                .map(|value| value.to_string_lossy().into_owned())
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value"))),
        };
        match name {
            Some("-h" | "--help") if inline_value.is_none() => {
                return Ok(Command::Help(analyse_help()))
            }
            Some("--pretty") if inline_value.is_none() => pretty = true,
            Some("--jsonl") if inline_value.is_none() => jsonl = true,
            Some("--speech-acts") if inline_value.is_none() => analysis.speech_acts = true,
            Some("--threads") => threads = Some(parse_threads(&value("--threads")?)?),
            Some("--format") => format = Some(parse_format(&value("--format")?)?),
            Some("--") if inline_value.is_none() => options_ended = true,
            Some(option) if option.starts_with('-') && option != "-" => {
                let option =
                    option.to_string() + &inline_value.map_or(String::new(), |v| format!("={v}"));
                return Err(Failure::Usage(format!("unknown option '{option}'")));
            }
            _ if file.is_some() => {
                return Err(Failure::Usage("expected one FILE, got more".to_string()))
            }
            _ => file = Some(arg),
        }
    }
    let input = match file {
        Some(path) if path != "-" => Input::File(path.into()),
        Some(_) => Input::Stdin,
        None if jsonl => Input::Stdin,
        None => {
            return Err(Failure::Usage(
                "no FILE given (use '-' for standard input)".to_string(),
            ))
        }
    };
    let dir = match &input {
        Input::File(path) if !jsonl && path.is_dir() => Some(path.clone()),
        _ => None,
    };
    let batch = jsonl || dir.is_some();
    if pretty && batch {
        let what = if jsonl { "--jsonl" } else { "a DIR" };
        return Err(Failure::Usage(format!(
            "--pretty does not go with {what}, whose output is one line per article"
        )));
    }
    if !batch && (threads.is_some() || format.is_some()) {
        return Err(Failure::Usage(
            "--threads and --format go with --jsonl or a DIR, not one article".to_string(),
        ));
    }
    let options = batch::Options {
        threads: threads.unwrap_or_else(default_threads),
        format: format.unwrap_or(Format::Jsonl),
        analysis,
    };
    Ok(match dir {
        Some(dir) => Command::AnalyseDir { dir, options },
        None if jsonl => Command::AnalyseJsonl { input, options },
        None => Command::Analyse {
            input,
            pretty,
            analysis,
        },
    })
}

fn parse_threads(value: &str) -> Result<NonZeroUsize, Failure> {
    value
        .parse::<NonZeroUsize>()
        .ok()
        .filter(|threads| threads.get() <= MAX_THREADS)
        .ok_or_else(|| {
            Failure::Usage(format!(
                "--threads takes a whole number from 1 to {MAX_THREADS}, not '{value}'"
            ))
        })
}

fn parse_format(value: &str) -> Result<Format, Failure> {
    match value {
        "jsonl" => Ok(Format::Jsonl),
        "csv" => Ok(Format::Csv),
        _ => Err(Failure::Usage(format!(
            "--format takes jsonl or csv, not '{value}'"
        ))),
    }
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    let summary = match command {
        Command::Help(text) => return print(&text),
        Command::Version => return print(&format!("voices {}", env!("CARGO_PKG_VERSION"))),
        Command::Analyse {
            input,
            pretty,
            analysis,
        } => return analyse_one(&input, pretty, &analysis),
        Command::AnalyseJsonl { input, options } => jsonl::analyse_batch(&input, &options)?,
        Command::AnalyseDir { dir, options } => dir::analyse_dir(&dir, &options)?,
    };
    Ok(if summary.errors > 0 {
        ExitCode::from(EXIT_LINE_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

fn print(text: &str) -> Result<ExitCode, Failure> {
    writeln!(io::stdout().lock(), "{text}").map_err(write_failure)?;
    Ok(ExitCode::SUCCESS)
}

fn analyse_one(
    input: &Input,
    pretty: bool,
    options: &voices::Options,
) -> Result<ExitCode, Failure> {
    let mut bytes = Vec::new();
    // One byte past the limit is enough to know the input is too large, without reading it all.
    input
        .open()?
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| input.read_failure(error))?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Failure::Error {
            code: "input_too_large",
            subject: input.name(),
            message: format!(
                "input is over the analyser's limit of {MAX_INPUT_BYTES} bytes ({} MiB)",
                MAX_INPUT_BYTES / MIB
            ),
        });
    }
    let analysis = voices::analyse_bytes_with(&bytes, options).map_err(|error| Failure::Error {
        code: error.code(),
        subject: input.name(),
        message: error.to_string(),
    })?;

    let mut out = BufWriter::new(io::stdout().lock());
    let written = if pretty {
        serde_json::to_writer_pretty(&mut out, &analysis)
    } else {
        serde_json::to_writer(&mut out, &analysis)
    };
    written
        .map_err(io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(write_failure)?;
    Ok(ExitCode::SUCCESS)
}
