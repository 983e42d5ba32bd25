use std::fmt;

/// Every error the analyser reports. `code()` is stable: the CLI prints it and JavaScript
/// gets it as `error.code`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than [`crate::MAX_INPUT_BYTES`].
    InputTooLarge { bytes: usize, limit: usize },
    /// The bytes given are not UTF-8; `offset` is where the first bad byte is.
    InvalidUtf8 { offset: usize },
}

impl Error {
    pub fn code(&self) -> &'static str {
        match self {
            Error::InputTooLarge { .. } => "input_too_large",
            Error::InvalidUtf8 { .. } => "invalid_utf8",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InputTooLarge { bytes, limit } => write!(
                f,
                "input is {bytes} bytes; the analyser takes at most {limit} bytes ({} MiB)",
                limit / (1024 * 1024)
            ),
            Error::InvalidUtf8 { offset } => {
                write!(
                    f,
                    "input is not valid UTF-8 (first bad byte at offset {offset})"
                )
            }
        }
    }
}

impl std::error::Error for Error {}
