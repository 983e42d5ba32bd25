//! The JavaScript binding: text in, the core analysis out as a plain object. Nothing else.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// JavaScript's own `Error`, declared here so the binding needs no js-sys.
    #[wasm_bindgen(js_name = Error)]
    type JsErrorObject;

    #[wasm_bindgen(constructor, js_class = "Error")]
    fn new(message: &str) -> JsErrorObject;

    #[wasm_bindgen(method, setter)]
    fn set_code(this: &JsErrorObject, code: &str);

    /// The `options` object, read field by field so the binding needs no deserialiser.
    type AnalyseOptions;

    #[wasm_bindgen(method, getter, js_name = speechActs)]
    fn speech_acts(this: &AnalyseOptions) -> JsValue;
}

/// Analyse one article. `options` may be `undefined`, `null` or an object; its field
/// `speechActs: true` also reports speech acts whose content is a noun phrase or an
/// infinitive (`Options::speech_acts`).
///
/// Returns the analysis as a plain JSON-compatible object (see the output schema), or throws
/// an `Error` whose `code` property is the stable error code (`input_too_large`, …).
#[wasm_bindgen]
pub fn analyse(text: &str, options: JsValue) -> Result<JsValue, JsValue> {
    let options = crate::Options {
        speech_acts: options.is_object()
            && options
                .unchecked_ref::<AnalyseOptions>()
                .speech_acts()
                .as_bool()
                == Some(true),
    };
    let analysis = crate::analyse_with(text, &options).map_err(|err| {
        let js = JsErrorObject::new(&err.to_string());
        js.set_code(err.code());
        JsValue::from(js)
    })?;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&analysis, &serializer).map_err(JsValue::from)
}

// The binding's tests live in tests/wasm.rs but must be a child of this private module to
// reach `analyse`; `make test` runs them in headless Chromium and in Node.
#[cfg(test)]
#[path = "../tests/wasm.rs"]
mod tests;
