//! Writes the comparison harness's files (`testgen::reference_files`) into a folder,
//! for `scripts/reference-readers` to run other readers on.
//!
//! `cargo run -p restride-import --features test-support --example reference_files -- <dir>`
#![allow(clippy::print_stdout)] // a command-line test tool

use std::error::Error;
use std::fs;
use std::path::Path;

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: reference_files <dir>")?;
    let dir = Path::new(&dir);
    fs::create_dir_all(dir)?;
    for (name, bytes) in restride_import::testgen::reference_files() {
        fs::write(dir.join(&name), bytes)?;
        println!("{name}");
    }
    Ok(())
}
