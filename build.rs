//! Embeds the data files of `src/data/` without their comments and example sentences: those
//! document the rules and run as tests (`rule_examples` in src/lib.rs), and the wasm binary
//! should not carry them.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-changed=src/data");
    for entry in fs::read_dir("src/data").expect("src/data exists") {
        let path = entry.expect("readable directory").path();
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("data files are UTF-8");
        let data: String = text
            .lines()
            .filter(|l| {
                !l.is_empty() && !l.starts_with('#') && !l.starts_with("+ ") && !l.starts_with("- ")
            })
            .flat_map(|l| [l, "\n"])
            .collect();
        let name = path.file_name().expect("a file name");
        fs::write(Path::new(&out).join(name), data).expect("OUT_DIR is writable");
    }
}
