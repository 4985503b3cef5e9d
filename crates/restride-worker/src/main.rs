//! The import worker. Reading a Strava, Garmin or Apple Health export takes long
//! enough to freeze a phone's screen, so it happens here, off the main thread.
//!
//! The messages are `restride_import::protocol`'s typed enums, as JSON with the
//! protocol version, shared with the page (`src/import_worker.rs`):
//! - worker → page `FromWorker::Ready` once the wasm runs (anything posted before
//!   would be lost);
//! - page → worker `{message: ToWorker::Import {existing}, files: File[]}`;
//! - worker → page `Progress` as bytes are read, then `Done` with the summary, or
//!   `Refused` (another protocol version; the runs already saved unreadable: never
//!   read as "no runs", which would switch off duplicate detection).
//!
//! Files are read one at a time, in 1 MiB slices (`FileReaderSync` over
//! `Blob.slice`), never whole: a multi-gigabyte export costs the parsers' working
//! set, bounded by `Limits` (see `restride_import::Limits::max_in_memory_bytes`).
//! Cancelling is `worker.terminate()` on the page: nothing is saved until the page
//! has the summary, so stopping half-way loses nothing.

use std::io::{self, Read, Seek, SeekFrom};

use js_sys::{Array, Reflect, Uint8Array};
use restride_import::protocol::{self, FromWorker, ToWorker, WorkerStats};
use restride_import::{Input, Limits, Progress, summarize};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

fn main() {
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else { return };
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |msg: MessageEvent| {
        let answer = answer(&msg.data(), &replies);
        post(&replies, &answer);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&scope, &FromWorker::Ready);
}

/// Reads the page's message and does what it asks.
fn answer(data: &JsValue, scope: &DedicatedWorkerGlobalScope) -> FromWorker {
    let started = js_sys::Date::now();
    let json = Reflect::get(data, &"message".into()).ok().and_then(|m| m.as_string()).unwrap_or_default();
    let existing = match protocol::decode::<ToWorker>(&json) {
        Ok(ToWorker::Import { existing }) => existing,
        Err(reason) => return FromWorker::Refused { reason },
    };
    let files: Vec<File> = Reflect::get(data, &"files".into())
        .ok()
        .map(|list| Array::from(&list).iter().filter_map(|f| f.dyn_into::<File>().ok()).collect())
        .unwrap_or_default();
    let inputs: Vec<Input<'static>> = files.into_iter().map(input).collect();
    let mut on_progress = |p: &Progress| {
        post(
            scope,
            &FromWorker::Progress {
                bytes_read: p.bytes_read,
                bytes_total: p.bytes_total,
                current: p.current.clone(),
            },
        );
    };
    let summary = summarize(inputs, &existing, &Limits::default(), &mut on_progress);
    let wasm_memory_bytes = wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|memory| memory.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0, |buffer| u64::from(buffer.byte_length()));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole, non-negative milliseconds
    let elapsed_ms = (js_sys::Date::now() - started).max(0.0) as u64;
    FromWorker::Done { summary, stats: WorkerStats { wasm_memory_bytes, elapsed_ms } }
}

/// A chosen file as the importer's input: a reader over its slices.
fn input(file: File) -> Input<'static> {
    let name = file.name();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // sizes are whole bytes
    let size = file.size().max(0.0) as u64;
    match FileReaderSync::new() {
        Ok(reader) => Input {
            name,
            size,
            content: Ok(Box::new(BlobReader {
                file,
                reader,
                size,
                pos: 0,
                chunk: Vec::new(),
                chunk_start: 0,
            })),
        },
        Err(_) => Input::unreadable(name, size, restride_import::ImportError::Unreadable),
    }
}

/// Bytes read from the file at a time.
const CHUNK: u64 = 1 << 20;

/// A `File` as `Read + Seek`: each read is served from a 1 MiB slice, read with
/// `FileReaderSync` (synchronous, which only workers may use).
struct BlobReader {
    file: File,
    reader: FileReaderSync,
    size: u64,
    pos: u64,
    chunk: Vec<u8>,
    chunk_start: u64,
}

impl BlobReader {
    /// Makes `chunk` hold the slice starting at `pos`.
    fn fetch(&mut self) -> io::Result<()> {
        let end = self.pos.saturating_add(CHUNK).min(self.size);
        #[allow(clippy::cast_precision_loss)] // file offsets stay far below 2^53
        let blob = self
            .file
            .slice_with_f64_and_f64(self.pos as f64, end as f64)
            .map_err(|e| io::Error::other(format!("{e:?}")))?;
        let buffer =
            self.reader.read_as_array_buffer(&blob).map_err(|e| io::Error::other(format!("{e:?}")))?;
        let bytes = Uint8Array::new(&buffer);
        self.chunk.resize(bytes.length() as usize, 0);
        bytes.copy_to(&mut self.chunk);
        self.chunk_start = self.pos;
        Ok(())
    }
}

impl Read for BlobReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.size || buf.is_empty() {
            return Ok(0);
        }
        let in_chunk = self.pos.checked_sub(self.chunk_start).filter(|&at| at < self.chunk.len() as u64);
        let at = match in_chunk {
            Some(at) => at,
            None => {
                self.fetch()?;
                0
            }
        };
        let available = self.chunk.get(usize::try_from(at).unwrap_or(usize::MAX)..).unwrap_or_default();
        if available.is_empty() {
            // The file shrank since it was chosen.
            return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
        }
        let n = available.len().min(buf.len());
        if let (Some(to), Some(from)) = (buf.get_mut(..n), available.get(..n)) {
            to.copy_from_slice(from);
        }
        self.pos = self.pos.saturating_add(n as u64);
        Ok(n)
    }
}

impl Seek for BlobReader {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let target = match to {
            SeekFrom::Start(at) => Some(at),
            SeekFrom::End(delta) => self.size.checked_add_signed(delta),
            SeekFrom::Current(delta) => self.pos.checked_add_signed(delta),
        };
        let target = target.ok_or_else(|| io::Error::from(io::ErrorKind::InvalidInput))?;
        self.pos = target;
        Ok(target)
    }
}

/// Posts a message to the page as JSON.
fn post(scope: &DedicatedWorkerGlobalScope, message: &FromWorker) {
    let json = protocol::encode(message).or_else(|reason| protocol::encode(&FromWorker::Refused { reason }));
    let Ok(json) = json else { return };
    // Posting a string to the page cannot fail.
    let _ = scope.post_message(&json.into());
}
