//! The models a run uses, loaded once per process and shared by every run (sweeps included).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use crate::detect::{BackendChoice, Model, backend, models_dir};

/// Model `name` from the models folder, loaded on first use; the error says why it cannot be.
pub fn shared_model(name: &str) -> Result<Arc<Model>, String> {
    static CACHE: OnceLock<Mutex<BTreeMap<String, Arc<Model>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache
        .lock()
        .map_err(|_| "a model failed to load earlier in this process".to_string())?;
    if let Some(model) = cache.get(name) {
        return Ok(Arc::clone(model));
    }
    let backend = backend(BackendChoice::Auto).map_err(|e| e.to_string())?;
    let model = Arc::new(Model::load(backend, &models_dir(), name).map_err(|e| e.to_string())?);
    cache.insert(name.to_string(), Arc::clone(&model));
    Ok(model)
}
