//! `voices analyse DIR`: every `.txt`, `.html` and `.htm` file under DIR, in path order, one
//! answer per file with its path relative to DIR as the id. A file that cannot be analysed
//! gives an error record and the batch goes on.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use voices::MAX_INPUT_BYTES;

use crate::batch::{self, Id, LineError, Options, Rendered, Summary, Total};
use crate::{html, io_error_code, Failure, Input};

/// What the walk finds, in order: a file to analyse, or a directory it could not list.
enum Found {
    File {
        path: PathBuf,
        id: String,
        size: u64,
    },
    Unlisted {
        id: String,
        error: io::Error,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
}

fn kind(path: &Path) -> Option<Kind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" => Some(Kind::Text),
        "html" | "htm" => Some(Kind::Html),
        _ => None,
    }
}

pub fn analyse_dir(root: &Path, options: &Options) -> Result<Summary, Failure> {
    // Listed here, so that an unreadable DIR fails before any output (the CSV header).
    let walk = Walk::new(root)?;
    let total = if batch::progress_wanted() {
        Total::Items(Walk::new(root)?.count() as u64)
    } else {
        Total::Unknown
    };
    batch::run(
        options,
        total,
        |feed| {
            for found in walk {
                let size = match &found {
                    Found::File { size, .. } => *size as usize,
                    Found::Unlisted { .. } => 0,
                };
                if !feed.send(found, size, 1) {
                    break;
                }
            }
            Ok(())
        },
        analyse_found,
    )
}

fn analyse_found(found: Found, options: Options) -> Rendered {
    let format = options.format;
    match found {
        Found::File { path, id, .. } => match read_text(&path) {
            Ok(text) => match voices::analyse_with(&text, &options.analysis) {
                Ok(analysis) => format.analysed(Id::Path(&id), &text, &analysis),
                Err(error) => {
                    let error = LineError::new(error.code(), error.to_string());
                    format.failed(Id::Path(&id), None, error)
                }
            },
            Err(error) => format.failed(Id::Path(&id), None, error),
        },
        Found::Unlisted { id, error } => {
            let (code, message) = io_error_code(&error);
            let message = format!("directory cannot be listed: {message}");
            format.failed(Id::Path(&id), None, LineError::new(code, message))
        }
    }
}

/// The text to analyse: the file's, or the page's text for HTML.
fn read_text(path: &Path) -> Result<String, LineError> {
    let io_error = |error: io::Error| {
        let (code, message) = io_error_code(&error);
        LineError::new(code, message)
    };
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|file| {
            file.take(MAX_INPUT_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(io_error)?;
    if bytes.len() > MAX_INPUT_BYTES {
        let message = format!(
            "file is over the analyser's limit of {MAX_INPUT_BYTES} bytes ({} MiB)",
            MAX_INPUT_BYTES / crate::MIB
        );
        return Err(LineError::new("input_too_large", message));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let message = format!(
            "file is not valid UTF-8 (first bad byte at offset {})",
            error.utf8_error().valid_up_to()
        );
        LineError::new("invalid_utf8", message)
    })?;
    Ok(match kind(path) {
        Some(Kind::Html) => html::extract_text(&text),
        _ => text,
    })
}

/// A depth-first walk in path order: each directory's entries sorted by name, a directory's
/// files and subdirectories in that one order. Symbolic links to files are followed, to
/// directories not (no cycles); anything but a regular file is skipped.
struct Walk {
    /// The entries still to visit in each directory entered, the innermost last, with each
    /// one's id (the path relative to the root, '/'-separated).
    pending: Vec<std::vec::IntoIter<(PathBuf, String)>>,
}

impl Walk {
    fn new(root: &Path) -> Result<Self, Failure> {
        let input = Input::File(root.to_path_buf());
        let entries = list(root, "").map_err(|error| input.read_failure(error))?;
        Ok(Walk {
            pending: vec![entries.into_iter()],
        })
    }
}

impl Iterator for Walk {
    type Item = Found;

    fn next(&mut self) -> Option<Found> {
        loop {
            let entries = self.pending.last_mut()?;
            let Some((path, id)) = entries.next() else {
                self.pending.pop();
                continue;
            };
            let Ok(metadata) = fs::symlink_metadata(&path) else {
                continue; // Gone since it was listed.
            };
            if metadata.is_dir() {
                match list(&path, &id) {
                    Ok(entries) => self.pending.push(entries.into_iter()),
                    Err(error) => {
                        return Some(Found::Unlisted {
                            id: format!("{id}/"),
                            error,
                        })
                    }
                }
                continue;
            }
            if kind(&path).is_none() {
                continue;
            }
            // A link counts as what it links to; a broken one fails when it is read. Only
            // regular files are read: a FIFO or a device would never end.
            let size = if metadata.is_symlink() {
                match fs::metadata(&path) {
                    Ok(target) if target.is_file() => target.len(),
                    Ok(_) => continue,
                    Err(_) => 0,
                }
            } else if metadata.is_file() {
                metadata.len()
            } else {
                continue;
            };
            return Some(Found::File { path, id, size });
        }
    }
}

/// A directory's entries sorted by name, each with its path and id.
fn list(directory: &Path, id: &str) -> io::Result<Vec<(PathBuf, String)>> {
    let mut names = fs::read_dir(directory)?
        .map(|entry| entry.map(|entry| entry.file_name()))
        .collect::<io::Result<Vec<_>>>()?;
    names.sort();
    Ok(names
        .into_iter()
        .map(|name| {
            let child_id = if id.is_empty() {
                name.to_string_lossy().into_owned()
            } else {
                format!("{id}/{}", name.to_string_lossy())
            };
            (directory.join(name), child_id)
        })
        .collect())
}
