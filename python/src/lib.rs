//! `voices._voices`: the native half of the Python package. It hands back each analysis as a
//! JSON string in the one output schema (serde, as the CLI writes it); `voices/__init__.py`
//! turns it into a dict and the native errors into `voices.Error` subclasses.

use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyBytes, PyString};

create_exception!(
    _voices,
    NativeError,
    PyException,
    "Raised by the native module as NativeError(code, message); voices.Error wraps it."
);

/// One text as the analyser takes it: a `str` (lone surrogates, which Python allows and UTF-8
/// cannot hold, become U+FFFD, one UTF-16 unit for one, so offsets are unchanged) or `bytes`,
/// which must be UTF-8. The backed forms hold a reference to the Python object and are `Send`,
/// so the analysis runs without the GIL and without copying the text.
enum Text {
    Str(PyBackedStr),
    Lossy(String),
    Bytes(PyBackedBytes),
}

impl Text {
    fn extract(object: &Bound<'_, PyAny>) -> PyResult<Text> {
        if let Ok(string) = object.downcast::<PyString>() {
            Ok(match string.extract::<PyBackedStr>() {
                Ok(text) => Text::Str(text),
                Err(_) => Text::Lossy(replace_surrogates(string)?),
            })
        } else if object.downcast::<PyBytes>().is_ok() {
            Ok(Text::Bytes(object.extract::<PyBackedBytes>()?))
        } else {
            Err(PyTypeError::new_err(format!(
                "expected str or bytes, got {}",
                object.get_type().name()?
            )))
        }
    }

    fn analyse(&self, options: &voices::Options) -> Result<String, voices::Error> {
        let analysis = match self {
            Text::Str(text) => voices::analyse_with(text, options)?,
            Text::Lossy(text) => voices::analyse_with(text, options)?,
            Text::Bytes(bytes) => voices::analyse_bytes_with(bytes, options)?,
        };
        Ok(serde_json::to_string(&analysis).expect("the schema always serialises"))
    }
}

/// The text of a str holding lone surrogates, each replaced by U+FFFD. A surrogate is three
/// bytes in Python's "surrogatepass" UTF-8 (ED A0..BF xx), and so is U+FFFD (EF BF BD).
fn replace_surrogates(string: &Bound<'_, PyString>) -> PyResult<String> {
    let encoded = string.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let mut bytes = encoded.downcast::<PyBytes>()?.as_bytes().to_vec();
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == 0xED && (0xA0..=0xBF).contains(&bytes[i + 1]) {
            bytes[i..i + 3].copy_from_slice("\u{FFFD}".as_bytes());
            i += 3;
        } else {
            i += 1;
        }
    }
    String::from_utf8(bytes).map_err(|error| PyValueError::new_err(error.to_string()))
}

fn native_error(error: voices::Error) -> PyErr {
    NativeError::new_err((error.code(), error.to_string()))
}

/// analyse_json(text, speech_acts=False) -> str: the analysis of one article (str or UTF-8
/// bytes) as JSON.
#[pyfunction]
#[pyo3(signature = (text, speech_acts=false))]
fn analyse_json(py: Python<'_>, text: &Bound<'_, PyAny>, speech_acts: bool) -> PyResult<String> {
    let text = Text::extract(text)?;
    let options = voices::Options { speech_acts };
    py.allow_threads(|| text.analyse(&options))
        .map_err(native_error)
}

/// analyse_many_json(texts, threads=None, speech_acts=False) -> list[str | tuple[str, str]]:
/// each text's analysis as JSON, or (code, message) for a text the analyser refused, in input
/// order. The texts are analysed on `threads` threads (default: every core) with the GIL
/// released.
#[pyfunction]
#[pyo3(signature = (texts, threads=None, speech_acts=false))]
fn analyse_many_json(
    py: Python<'_>,
    texts: &Bound<'_, PyAny>,
    threads: Option<usize>,
    speech_acts: bool,
) -> PyResult<Vec<PyObject>> {
    let texts: Vec<Text> = texts
        .try_iter()?
        .map(|object| Text::extract(&object?))
        .collect::<PyResult<Vec<_>>>()?;
    let threads = match threads {
        Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
    };
    let options = voices::Options { speech_acts };
    let results = py.allow_threads(|| analyse_in_parallel(&texts, threads, &options));
    results
        .into_iter()
        .map(|result| match result {
            Ok(json) => Ok(json.into_pyobject(py)?.into_any().unbind()),
            Err(error) => Ok((error.code(), error.to_string())
                .into_pyobject(py)?
                .into_any()
                .unbind()),
        })
        .collect()
}

/// Analyses every text, `threads` at a time, each thread taking the next text not yet taken
/// (long and short articles even out), and returns the results in input order.
fn analyse_in_parallel(
    texts: &[Text],
    threads: usize,
    options: &voices::Options,
) -> Vec<Result<String, voices::Error>> {
    let threads = threads.min(texts.len()).max(1);
    if threads == 1 {
        return texts.iter().map(|text| text.analyse(options)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<String, voices::Error>>> = Vec::new();
    results.resize_with(texts.len(), || None);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(text) = texts.get(index) else { break };
                        done.push((index, text.analyse(options)));
                    }
                    done
                })
            })
            .collect();
        for worker in workers {
            // A panic in the analyser is a bug; carry it over to this thread (PyO3 then
            // raises it as a PanicException).
            let done = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (index, result) in done {
                results[index] = Some(result);
            }
        }
    });
    results
        .into_iter()
        .map(|result| result.expect("every index is taken by one worker"))
        .collect()
}

#[pymodule]
fn _voices(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(analyse_json, module)?)?;
    module.add_function(wrap_pyfunction!(analyse_many_json, module)?)?;
    module.add("NativeError", module.py().get_type::<NativeError>())?;
    module.add("MAX_INPUT_BYTES", voices::MAX_INPUT_BYTES)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
