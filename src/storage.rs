//! The browser's localStorage as a [`KeyValue`] backend. Availability is probed
//! first (private modes and disabled storage throw), every call's exception comes
//! back as a [`BackendError`] (a removal too: it can fail like a write), so
//! nothing here can panic; quota errors are told apart from the rest.

use restride_store::repo::PROBE_KEY;
use restride_store::{BackendError, KeyValue, MemoryBackend};
use wasm_bindgen::JsValue;

/// localStorage, once it has been shown to work.
#[derive(Debug)]
pub struct LocalBackend(web_sys::Storage);

impl LocalBackend {
    /// Opens localStorage, or says why it can't be used.
    pub fn open() -> Result<Self, BackendError> {
        let window = web_sys::window().ok_or_else(|| BackendError::Unavailable("no window".into()))?;
        let storage = window
            .local_storage()
            .map_err(|e| BackendError::Unavailable(js_error_name(&e)))?
            .ok_or_else(|| BackendError::Unavailable("storage is turned off".into()))?;
        // Some private modes hand out a storage object that throws on every write.
        storage.set_item(PROBE_KEY, "1").map_err(|e| classify(&e))?;
        storage.remove_item(PROBE_KEY).map_err(|e| classify(&e))?;
        Ok(Self(storage))
    }
}

/// The name of a JavaScript exception (`QuotaExceededError`, `SecurityError`…).
pub fn js_error_name(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn classify(e: &JsValue) -> BackendError {
    let name = js_error_name(e);
    // Chromium and Safari say QuotaExceededError; old Firefox said NS_ERROR_DOM_QUOTA_REACHED.
    if name.contains("Quota") || name.contains("QUOTA") {
        BackendError::QuotaExceeded
    } else {
        BackendError::Other(name)
    }
}

impl KeyValue for LocalBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.0.get_item(key).map_err(|e| classify(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        self.0.set_item(key, value).map_err(|e| classify(&e))
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.0.remove_item(key).map_err(|e| classify(&e))
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        let n = self.0.length().map_err(|e| classify(&e))?;
        (0..n).map(|i| self.0.key(i).map(Option::unwrap_or_default).map_err(|e| classify(&e))).collect()
    }
}

/// localStorage when it works; otherwise memory, so the app still runs and says so.
#[derive(Debug)]
pub enum AppBackend {
    Local(LocalBackend),
    Memory(MemoryBackend),
}

impl AppBackend {
    /// The backend to use, and why storage is unavailable if it is.
    pub fn open() -> (Self, Option<BackendError>) {
        match LocalBackend::open() {
            Ok(local) => (Self::Local(local), None),
            Err(e) => (Self::Memory(MemoryBackend::default()), Some(e)),
        }
    }

    fn inner(&self) -> &dyn KeyValue {
        match self {
            Self::Local(b) => b,
            Self::Memory(b) => b,
        }
    }
}

impl KeyValue for AppBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.inner().get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        self.inner().set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.inner().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.inner().keys()
    }
}
