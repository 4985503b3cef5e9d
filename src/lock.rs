//! One writer at a time, across every tab of the app: each change to storage (a
//! read-modify-write in `restride-store`) runs under one lock, so two tabs never
//! write a month from copies read before each other's writes.
//!
//! The lock is the Web Locks API (`navigator.locks.request("restride.store", …)`),
//! which every current browser has. Its callback is asynchronous, so an operation
//! is queued and runs when the lock is granted, whole and synchronously (the app
//! crate's operations, over synchronous localStorage): the lock is held for that
//! one task and released when it returns. A save waits only for another tab's
//! write in progress (a few milliseconds; a big import's write, longer).
//!
//! Where the browser has no Web Locks, a lease in localStorage stands in: a tab
//! writes its token and an expiry under `restride.lock`, waits for other tabs'
//! writes to arrive, and goes ahead only if the lease is still its own; a lease
//! another tab holds is waited out (it expires, so a closed tab can't block the
//! others). It excludes as long as localStorage reaches the other tabs within
//! [`SETTLE_MS`]; the bulk writes also check what they read is unchanged before
//! they write (`Store::commit`), so a clash there is detected and merged again.
//! Without localStorage at all there is no other tab to share data with, and the
//! operation simply runs.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::set_timeout;
use restride_store::repo::LEASE_KEY;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The one lock every tab takes before it changes storage.
const LOCK_NAME: &str = "restride.store";
/// How long a lease lasts: far longer than any write, short enough that a tab
/// closed mid-write blocks the others only briefly.
const LEASE_MS: f64 = 5_000.0;
/// How long a tab waits after writing its lease for other tabs' leases to arrive.
const SETTLE_MS: u64 = 30;
/// How soon a tab tries again when another holds the lease.
const RETRY_MS: u64 = 40;

type Job = Box<dyn FnOnce()>;

thread_local! {
    /// The lease fallback's queue: this tab's operations, one at a time, in order.
    static QUEUE: RefCell<VecDeque<Job>> = RefCell::default();
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// This tab's token in a lease.
    static TOKEN: String = js_sys::Math::random().to_string();
}

/// Runs `job` once this tab holds the store's lock, then releases it. Jobs from
/// one tab run in the order they were asked for.
pub fn with_store_lock(job: impl FnOnce() + 'static) {
    let job: Job = Box::new(job);
    let Some(window) = web_sys::window() else {
        return job();
    };
    let Some((locks, request)) = web_locks(&window) else {
        return leased(&window, job);
    };
    // The job runs once: with the lock, or, if the request is refused (thrown, or
    // rejected as in an opaque origin), under the lease instead.
    let slot = Rc::new(RefCell::new(Some(job)));
    let with_lock = Rc::clone(&slot);
    // Called with the lock; returning (not a promise) releases it.
    let granted = Closure::once_into_js(move |_lock: JsValue| {
        let job = with_lock.borrow_mut().take();
        if let Some(job) = job {
            job();
        }
        JsValue::UNDEFINED
    });
    let refused = move || {
        let job = slot.borrow_mut().take();
        if let Some(job) = job {
            leased(&window, job);
        }
    };
    match request.call2(&locks, &JsValue::from_str(LOCK_NAME), &granted).map(js_sys::Promise::from) {
        Ok(promise) => leptos::task::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_err() {
                refused();
            }
        }),
        Err(_) => refused(),
    }
}

/// `navigator.locks` and its `request`, when the browser has them.
fn web_locks(window: &web_sys::Window) -> Option<(JsValue, js_sys::Function)> {
    let locks = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("locks")).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = js_sys::Reflect::get(&locks, &JsValue::from_str("request")).ok()?;
    Some((locks, request.dyn_into().ok()?))
}

/// Queues `job` behind this tab's others and runs it under the lease.
fn leased(window: &web_sys::Window, job: Job) {
    let storage = window.local_storage().ok().flatten();
    let Some(storage) = storage else {
        // No shared storage: no other tab to exclude.
        return job();
    };
    QUEUE.with(|q| q.borrow_mut().push_back(job));
    if !RUNNING.replace(true) {
        next(storage);
    }
}

/// Runs the next queued job under the lease, then the one after.
fn next(storage: web_sys::Storage) {
    let Some(job) = QUEUE.with(|q| q.borrow_mut().pop_front()) else {
        RUNNING.set(false);
        return;
    };
    acquire(storage, job);
}

fn acquire(storage: web_sys::Storage, job: Job) {
    let now = js_sys::Date::now();
    let held_by_another = lease(&storage).is_some_and(|(owner, until)| !is_mine(&owner) && until > now);
    if held_by_another {
        set_timeout(move || acquire(storage, job), Duration::from_millis(RETRY_MS));
        return;
    }
    let mine = TOKEN.with(|t| format!("{t} {}", now + LEASE_MS));
    if storage.set_item(LEASE_KEY, &mine).is_err() {
        // Storage refuses writes: the job's own save will fail and say so.
        job();
        return next(storage);
    }
    // Another tab may have written its lease at the same moment; the last write
    // wins everywhere once both have arrived.
    set_timeout(
        move || {
            if lease(&storage).is_some_and(|(owner, _)| is_mine(&owner)) {
                job();
                let _ = storage.remove_item(LEASE_KEY);
                next(storage);
            } else {
                set_timeout(move || acquire(storage, job), Duration::from_millis(RETRY_MS));
            }
        },
        Duration::from_millis(SETTLE_MS),
    );
}

/// The lease's owner and expiry (Unix ms), if one is stored.
fn lease(storage: &web_sys::Storage) -> Option<(String, f64)> {
    let value = storage.get_item(LEASE_KEY).ok().flatten()?;
    let (owner, until) = value.split_once(' ')?;
    Some((owner.to_string(), until.parse().ok()?))
}

fn is_mine(owner: &str) -> bool {
    TOKEN.with(|t| t == owner)
}
