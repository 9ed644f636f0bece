//! Models shared by every run of a process: a scenario names a model, the first run that
//! needs it loads it, later runs (a sweep's, or a second validation) reuse the session.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use super::backend::{BackendChoice, backend};
use super::error::DetectError;
use super::model::Model;

type Cache = Mutex<BTreeMap<(PathBuf, String), Arc<Model>>>;

static LOADED: OnceLock<Cache> = OnceLock::new();

/// Model `name` of the manifest in `dir`, loaded once per process on the active backend
/// (chosen automatically unless the process chose one before).
pub fn shared_model(dir: &Path, name: &str) -> Result<Arc<Model>, DetectError> {
    let key = (dir.to_path_buf(), name.to_string());
    let cache = LOADED.get_or_init(Cache::default);
    if let Some(model) = cache.lock().map_err(|_| poisoned())?.get(&key) {
        return Ok(Arc::clone(model));
    }
    let model = Arc::new(Model::load(backend(BackendChoice::Auto)?, dir, name)?);
    let mut loaded = cache.lock().map_err(|_| poisoned())?;
    Ok(Arc::clone(loaded.entry(key).or_insert(model)))
}

fn poisoned() -> DetectError {
    DetectError::Backend("a model failed to load in another thread".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::models_dir;

    #[test]
    fn a_model_is_loaded_once_and_unknown_names_are_errors() {
        let a = shared_model(&models_dir(), "xray_bag").unwrap();
        let b = shared_model(&models_dir(), "xray_bag").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        let error = shared_model(&models_dir(), "xray_suitcase").unwrap_err().to_string();
        assert!(error.contains("no model named `xray_suitcase`"), "{error}");
    }
}
