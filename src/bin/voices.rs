//! The `voices` command: analyse one article, or a JSON Lines batch, and print JSON.
//! Run `voices --help` for the interface; the help text is the specification.

// A binary rooted at src/bin/voices.rs looks for modules in src/bin/; keep ours beside it.
#[path = "voices/jsonl.rs"]
mod jsonl;

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use voices::MAX_INPUT_BYTES;

const MIB: usize = 1024 * 1024;

/// Exit status when a `--jsonl` batch finished but some of its lines were errors.
const EXIT_LINE_ERRORS: u8 = 1;
/// Exit status for a bad command line, unreadable input, unwritable output or a refused article.
const EXIT_FAILURE: u8 = 2;

const USAGE: &str = "\
Usage: voices analyse [--pretty] FILE
       voices analyse --jsonl [FILE]
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
  voices -h, --help                Print this help
  voices -V, --version             Print the version

'analyze' is accepted for 'analyse'. Run 'voices analyse --help' for the input
and output formats and the error codes.
JSON goes to standard output; messages go to standard error.

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
  voices analyse --jsonl [FILE]

Arguments:
  FILE        UTF-8 text, at most {max_mib} MiB. '-' reads standard input, which is
              also the default with --jsonl.

Options:
  --pretty    Indent the JSON (not with --jsonl).
  --jsonl     Read JSON Lines: one {{\"id\": ..., \"text\": \"...\"}} object per line.
  --          Take the next argument as FILE even if it starts with '-'.
  -h, --help  Print this help.

Output, one article:
  One line of JSON (several with --pretty):
    {{\"people\": [...], \"organisations\": [...], \"topics\": [...],
     \"quotes\": [...], \"stances\": [...]}}
  Offsets count UTF-16 code units of the input text.

Output, --jsonl:
  One line per non-blank input line, in input order: the analysis with the
  record's \"id\" added. The id is echoed back exactly as given (a string, a number,
  any JSON value; null when absent). Other fields of the record are ignored.
    {{\"id\": 7, \"people\": [...], \"organisations\": [...], ...}}
  A line that cannot be analysed gives an error line instead, and the batch goes
  on. N is the line's number in the input, counting from 1, blank lines included:
    {{\"id\": 7, \"line\": N, \"error\": {{\"code\": \"...\", \"message\": \"...\"}}}}
  The id is null when the line could not be read as a record.
  At the end a summary (articles, errors, time, articles/s) goes to standard
  error; while running, so does a progress counter, if standard error is a
  terminal and standard output is not.

Errors:
  A run that cannot go on prints one line to standard error and exits with 2:
    voices: error[CODE]: FILE: message
  FILE may be <stdin>, or <stdout> for a write error; usage errors name none.
  CODE is one of:
    usage              bad command line (the usage follows)
    not_found          FILE does not exist
    is_directory       FILE is a directory
    permission_denied  FILE cannot be read
    io                 another read or write error
    invalid_utf8       the input is not UTF-8 (the message gives the byte offset)
    input_too_large    the input is over {max_mib} MiB
  --jsonl error lines use invalid_utf8 and input_too_large for the line or its
  text (a line over {line_mib} MiB is skipped unread), and also:
    invalid_json       the line is not JSON
    invalid_record     the line is not a JSON object with a \"text\" string

Exit codes:
{EXIT_CODES}",
        max_mib = MAX_INPUT_BYTES / MIB,
        line_mib = jsonl::MAX_LINE_BYTES / MIB,
    )
}

const EXIT_CODES: &str = concat!(
    "  0  success; also when the reader of the output goes away early (| head)\n",
    "  1  --jsonl only: the batch finished but some lines had errors\n",
    "  2  usage error, unreadable input, unwritable output, or an article the\n",
    "     analyser refused",
);

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
    Analyse { input: Input, pretty: bool },
    AnalyseJsonl { input: Input },
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

    fn open(&self) -> Result<Box<dyn Read>, Failure> {
        match self {
            Input::Stdin => Ok(Box::new(io::stdin().lock())),
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
        let (code, message) = match error.kind() {
            io::ErrorKind::NotFound => ("not_found", "no such file".to_string()),
            io::ErrorKind::PermissionDenied => {
                ("permission_denied", "permission denied".to_string())
            }
            _ => ("io", error.to_string()),
        };
        Failure::Error {
            code,
            subject: self.name(),
            message,
        }
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
    let mut file: Option<OsString> = None;
    for arg in args {
        let option = if options_ended { None } else { arg.to_str() };
        match option {
            Some("-h" | "--help") => return Ok(Command::Help(analyse_help())),
            Some("--pretty") => pretty = true,
            Some("--jsonl") => jsonl = true,
            Some("--") => options_ended = true,
            Some(option) if option.starts_with('-') && option != "-" => {
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
    match (jsonl, pretty) {
        (true, true) => Err(Failure::Usage(
            "--pretty does not go with --jsonl, whose output is one line per article".to_string(),
        )),
        (true, false) => Ok(Command::AnalyseJsonl { input }),
        (false, _) => Ok(Command::Analyse { input, pretty }),
    }
}

fn run(command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Help(text) => print(&text),
        Command::Version => print(&format!("voices {}", env!("CARGO_PKG_VERSION"))),
        Command::Analyse { input, pretty } => analyse_one(&input, pretty),
        Command::AnalyseJsonl { input } => {
            let summary = jsonl::analyse_batch(&input)?;
            Ok(if summary.errors > 0 {
                ExitCode::from(EXIT_LINE_ERRORS)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn print(text: &str) -> Result<ExitCode, Failure> {
    writeln!(io::stdout().lock(), "{text}").map_err(write_failure)?;
    Ok(ExitCode::SUCCESS)
}

fn analyse_one(input: &Input, pretty: bool) -> Result<ExitCode, Failure> {
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
    let analysis = voices::analyse_bytes(&bytes).map_err(|error| Failure::Error {
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
