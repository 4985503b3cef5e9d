//! The import worker (`crates/restride-worker`), typed: starting it, handing it the
//! files once it is ready, and turning its messages into [`WorkerEvent`]s. The
//! messages are `restride_import::protocol`'s enums, the same types the worker
//! uses, with the protocol version checked on both sides.

use std::rc::Rc;

use restride_import::protocol::{self, FromWorker, ToWorker};
use restride_import::{ExistingRun, ImportSummary};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{File, MessageEvent, Worker};

use crate::browser;

/// What the page hears from a running import.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerEvent {
    /// Bytes of the chosen files read so far, of all of them, and the file or entry
    /// just finished.
    Progress { bytes_read: u64, bytes_total: u64, current: String },
    /// The import is done; nothing is saved yet.
    Done(ImportSummary),
    /// The import could not go on: a sentence for the runner.
    Failed(String),
}

/// A running import. Dropping it stops the worker (Cancel), which loses nothing:
/// nothing is saved until the page has the summary.
pub struct ImportJob {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

impl Drop for ImportJob {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl ImportJob {
    /// Starts the worker; it says it is ready once its wasm runs, and the files go
    /// then, since anything posted earlier would be lost. `existing` are the runs
    /// already saved, for duplicates.
    pub fn start(
        files: Vec<File>,
        existing: Vec<ExistingRun>,
        on_event: impl Fn(WorkerEvent) + 'static,
    ) -> Result<ImportJob, String> {
        // Encoded before the worker starts: a list that can't be sent is an error
        // now, never an empty list later.
        let request = protocol::encode(&ToWorker::Import { existing }).map_err(|r| r.to_string())?;
        let worker = Worker::new(&crate::pwa::import_worker_url()).map_err(browser::js_error)?;
        let reply_to = worker.clone();
        let files = js_sys::Array::from_iter(files);
        let on_event = Rc::new(on_event);
        let on_worker_error = Rc::clone(&on_event);
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |msg: MessageEvent| {
            let Some(json) = msg.data().as_string() else { return };
            let event = match protocol::decode::<FromWorker>(&json) {
                Ok(FromWorker::Ready) => match hand_over(&reply_to, &request, &files) {
                    Ok(()) => return,
                    Err(e) => {
                        WorkerEvent::Failed(format!("The files could not be handed to the importer ({e})."))
                    }
                },
                Ok(FromWorker::Progress { bytes_read, bytes_total, current }) => {
                    WorkerEvent::Progress { bytes_read, bytes_total, current }
                }
                Ok(FromWorker::Done { summary, .. }) => WorkerEvent::Done(summary),
                Ok(FromWorker::Refused { reason }) | Err(reason) => WorkerEvent::Failed(reason.to_string()),
            };
            on_event(event);
        });
        // The worker's script failed to load, or its wasm trapped.
        let on_error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
            on_worker_error(WorkerEvent::Failed(format!("The importer stopped ({}).", e.message())));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ImportJob { worker, _on_message: on_message, _on_error: on_error })
    }
}

/// Posts the request with the files beside it.
fn hand_over(worker: &Worker, request: &str, files: &js_sys::Array) -> Result<(), String> {
    let message = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&message, &key.into(), value).map(|_| ());
    set("message", &request.into()).map_err(browser::js_error)?;
    set("files", files).map_err(browser::js_error)?;
    worker.post_message(&message).map_err(browser::js_error)
}
