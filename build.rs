//! The app's wasm keeps its relocations: `scripts/split-wasm.mjs` reads them to
//! split the pages marked `#[wasm_split]` (src/lazy.rs) into wasm chunks of their own. Only the app's
//! binary: the import worker and the browser tests are not split (with
//! relocations kept, the worker's optimised wasm grew from 663 KB to 1.13 MB).
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
