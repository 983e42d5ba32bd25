//! Tests of the JavaScript binding (`src/wasm.rs`), run by `make test` in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --headless --chrome -- --lib`) and in Node
//! (`wasm-pack test --node -- --lib`).
//!
//! The binding module is private, so src/wasm.rs includes this file as its `tests` module;
//! cargo also sees it as an integration test, where on native targets it is empty.
#![cfg(all(test, target_arch = "wasm32"))]

use super::{analyse, JsErrorObject};
use crate::Analysis;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = getPrototypeOf)]
    fn prototype_of(value: &JsValue) -> JsValue;
    #[wasm_bindgen(thread_local_v2, js_namespace = Object, js_name = prototype)]
    static OBJECT_PROTOTYPE: JsValue;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> bool;
    #[wasm_bindgen(js_namespace = Reflect, js_name = get)]
    fn get(target: &JsValue, key: &str) -> JsValue;
    #[wasm_bindgen(js_namespace = Object, js_name = create)]
    fn object_create(prototype: &JsValue) -> JsValue;
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn set(target: &JsValue, key: &str, value: &JsValue) -> bool;
}

const QUOTED: &str = "\"We will fight this plan,\" said Jane Smith, leader of the Example Union.";

fn assert_plain_object_with_layers(out: &JsValue) {
    assert!(out.is_object(), "result is not an object");
    // json_compatible() serialises structs as plain objects, not Maps.
    OBJECT_PROTOTYPE.with(|proto| assert_eq!(&prototype_of(out), proto, "not a plain object"));
    for key in ["people", "organisations", "topics", "quotes", "stances"] {
        assert!(is_array(&get(out, key)), "`{key}` is not an array");
    }
}

#[wasm_bindgen_test]
fn article_with_a_quote_gives_plain_object_in_the_schema() {
    let out = analyse(QUOTED, JsValue::UNDEFINED).expect("analysis succeeds");
    assert_plain_object_with_layers(&out);
    // The object reads back as the schema, and matches what the core returns.
    let back: Analysis = serde_wasm_bindgen::from_value(out).expect("object in the schema");
    assert_eq!(back, crate::analyse(QUOTED).unwrap());
    for quote in &back.quotes {
        let utf16: Vec<u16> = QUOTED.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&utf16[quote.start..quote.end]).unwrap(),
            quote.text
        );
    }
}

#[wasm_bindgen_test]
fn options_object_is_accepted() {
    let options = OBJECT_PROTOTYPE.with(object_create);
    let out = analyse(QUOTED, options).expect("analysis succeeds");
    assert_plain_object_with_layers(&out);
}

#[wasm_bindgen_test]
fn speech_acts_option_adds_noun_phrase_contents() {
    let text = "The Harbour Trust announced a review of ferry fares.";
    let quotes = |options: JsValue| {
        let out = analyse(text, options).expect("analysis succeeds");
        let back: Analysis = serde_wasm_bindgen::from_value(out).expect("object in the schema");
        back.quotes.into_iter().map(|q| q.text).collect::<Vec<_>>()
    };
    assert!(quotes(JsValue::UNDEFINED).is_empty());
    let options = OBJECT_PROTOTYPE.with(object_create);
    assert!(quotes(options.clone()).is_empty());
    set(&options, "speechActs", &JsValue::TRUE);
    assert_eq!(quotes(options), ["a review of ferry fares"]);
}

#[wasm_bindgen_test]
fn empty_text_gives_empty_arrays() {
    let out = analyse("", JsValue::NULL).expect("analysis succeeds");
    assert_plain_object_with_layers(&out);
    for key in ["people", "organisations", "topics", "quotes", "stances"] {
        let len = get(&get(&out, key), "length").as_f64();
        assert_eq!(len, Some(0.0), "`{key}` is not empty");
    }
}

#[wasm_bindgen_test]
fn too_large_input_throws_error_with_code() {
    let text = " ".repeat(crate::MAX_INPUT_BYTES + 1);
    let err = analyse(&text, JsValue::UNDEFINED).expect_err("input over the limit is refused");
    drop(text);
    assert!(
        err.is_instance_of::<JsErrorObject>(),
        "thrown value is not an Error"
    );
    assert_eq!(
        get(&err, "code").as_string().as_deref(),
        Some("input_too_large")
    );
    let message = get(&err, "message").as_string().unwrap_or_default();
    assert!(message.contains("at most"), "unhelpful message: {message}");
}
