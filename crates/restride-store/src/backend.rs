//! The key-value store the repository writes to: the browser's localStorage in the
//! app, a map in tests.

use std::cell::RefCell;
use std::collections::BTreeMap;

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BackendError {
    #[error("the browser's storage is full")]
    QuotaExceeded,
    #[error("the browser's storage is not available ({0})")]
    Unavailable(String),
    #[error("the browser's storage failed ({0})")]
    Other(String),
}

pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError>;
    fn set(&self, key: &str, value: &str) -> Result<(), BackendError>;
    fn remove(&self, key: &str) -> Result<(), BackendError>;
    fn keys(&self) -> Result<Vec<String>, BackendError>;
}

/// A shared handle is a store too (two handles on one backend stand for two tabs).
impl<T: KeyValue + ?Sized> KeyValue for &T {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), BackendError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, BackendError> {
        (**self).keys()
    }
}

/// An in-memory store with an optional quota in characters, counted like browsers
/// count localStorage (key plus value). Used when the browser gives no storage, and
/// in tests.
#[derive(Debug, Default)]
pub struct MemoryBackend {
    map: RefCell<BTreeMap<String, String>>,
    quota_chars: Option<usize>,
}

impl MemoryBackend {
    pub fn with_quota(quota_chars: usize) -> Self {
        Self { map: RefCell::default(), quota_chars: Some(quota_chars) }
    }

    pub fn used_chars(&self) -> usize {
        self.map.borrow().iter().map(|(k, v)| k.chars().count() + v.chars().count()).sum()
    }

    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }
}

impl KeyValue for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        if let Some(quota) = self.quota_chars {
            let old = self.map.borrow().get(key).map_or(0, |v| key.chars().count() + v.chars().count());
            if self.used_chars() - old + key.chars().count() + value.chars().count() > quota {
                return Err(BackendError::QuotaExceeded);
            }
        }
        self.map.borrow_mut().insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        Ok(self.map.borrow().keys().cloned().collect())
    }
}
