//! The inference backend, chosen once per process: ONNX Runtime loaded at run time, else tract.
//!
//! Both go through the `ort` API: the ONNX Runtime library's `OrtApi` (or
//! ort-tract's) is handed to `ort::set_api`, so sessions, tensors and runs
//! are the same code whichever backend is active.

use std::ffi::CStr;
use std::path::PathBuf;
use std::sync::OnceLock;

use super::discover::{Found, find_onnxruntime};
use super::error::DetectError;

/// Which backend to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BackendChoice {
    /// ONNX Runtime if one is found, else tract.
    #[default]
    Auto,
    /// ONNX Runtime, or an error if none is found.
    OnnxRuntime,
    /// The compiled-in tract backend.
    Tract,
}

/// The kind of backend running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendKind {
    /// ONNX Runtime, loaded from a shared library.
    OnnxRuntime,
    /// tract, through ort-tract.
    Tract,
}

/// The active backend.
#[derive(Debug)]
pub struct Backend {
    /// Which one.
    pub kind: BackendKind,
    /// Its version.
    pub version: String,
    /// Where ONNX Runtime was loaded from, and how it was found.
    pub library: Option<Found>,
    /// Why ONNX Runtime is not used, when `Auto` fell back to tract.
    pub fallback_reason: Option<String>,
    environment: ort::environment::Environment,
}

impl Backend {
    /// The `ort` environment sessions are built in.
    pub fn environment(&self) -> &ort::environment::Environment {
        &self.environment
    }

    /// A one-line description, e.g. `ONNX Runtime 1.31.1 (/path/libonnxruntime.so)`.
    pub fn describe(&self) -> String {
        match (&self.kind, &self.library) {
            (BackendKind::OnnxRuntime, Some(found)) => format!("ONNX Runtime {} ({})", self.version, found.path().display()),
            _ => format!("tract {} (compiled in)", self.version),
        }
    }
}

static BACKEND: OnceLock<Result<Backend, String>> = OnceLock::new();

/// The version of tract compiled in.
const TRACT_VERSION: &str = "0.23 (ort-tract 0.5.0)";

/// Sets up the backend once for the whole process; later calls return the same backend
/// whatever they ask for (check [`Backend::kind`]).
pub fn backend(choice: BackendChoice) -> Result<&'static Backend, DetectError> {
    BACKEND
        .get_or_init(|| init(choice).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| DetectError::Backend(e.clone()))
}

fn init(choice: BackendChoice) -> Result<Backend, DetectError> {
    let (kind, version, library, fallback_reason) = match choice {
        BackendChoice::Tract => (BackendKind::Tract, install_tract(), None, None),
        BackendChoice::OnnxRuntime => {
            let found = find_onnxruntime().ok_or_else(|| {
                DetectError::Backend("no ONNX Runtime found: set ORT_DYLIB_PATH or `pip install onnxruntime==1.31.1`".into())
            })?;
            let version = install_onnxruntime(found.path().to_path_buf())?;
            (BackendKind::OnnxRuntime, version, Some(found), None)
        }
        BackendChoice::Auto => match find_onnxruntime() {
            Some(found) => match install_onnxruntime(found.path().to_path_buf()) {
                Ok(version) => (BackendKind::OnnxRuntime, version, Some(found), None),
                Err(e) if matches!(found, Found::Env(_)) => return Err(e),
                Err(e) => (BackendKind::Tract, install_tract(), None, Some(e.to_string())),
            },
            None => (BackendKind::Tract, install_tract(), None, Some("no ONNX Runtime found".into())),
        },
    };
    let environment = ort::init()
        .with_name("porttwin")
        .with_telemetry(false)
        .build()
        .map_err(|e| DetectError::Backend(format!("cannot create the environment: {e}")))?;
    Ok(Backend {
        kind,
        version,
        library,
        fallback_reason,
        environment,
    })
}

fn install_tract() -> String {
    ort::set_api(ort_tract::api());
    TRACT_VERSION.to_string()
}

/// Loads ONNX Runtime from `path` and hands its API to `ort`; returns its version.
fn install_onnxruntime(path: PathBuf) -> Result<String, DetectError> {
    let fail = |reason: String| DetectError::OnnxRuntime {
        path: path.clone(),
        reason,
    };
    // SAFETY: loading a shared library runs its initialisers; ONNX Runtime's are sound to run once.
    let library = unsafe { libloading::Library::new(&path) }.map_err(|e| fail(format!("cannot load: {e}")))?;
    // The library must outlive every session: it stays loaded until the process ends.
    let library: &'static libloading::Library = Box::leak(Box::new(library));
    type GetApiBase = unsafe extern "C" fn() -> *const ort::sys::OrtApiBase;
    // SAFETY: `OrtGetApiBase` has this signature in every ONNX Runtime release.
    let get_base =
        unsafe { library.get::<GetApiBase>(b"OrtGetApiBase\0") }.map_err(|e| fail(format!("not an ONNX Runtime library: {e}")))?;
    // SAFETY: the function takes no arguments and returns a pointer to a static table, or null.
    let base = unsafe { get_base() };
    if base.is_null() {
        return Err(fail("OrtGetApiBase returned nothing".into()));
    }
    // SAFETY: `base` points to the library's static OrtApiBase; the version string is static and NUL-terminated.
    let version = unsafe { CStr::from_ptr(((*base).GetVersionString)()) }
        .to_string_lossy()
        .into_owned();
    // SAFETY: as above; GetApi returns null when the library is older than the API version asked for.
    let api = unsafe { ((*base).GetApi)(ort::sys::ORT_API_VERSION) };
    if api.is_null() {
        return Err(fail(format!(
            "version {version} does not provide API version {} (ONNX Runtime 1.{} or newer is needed)",
            ort::sys::ORT_API_VERSION,
            ort::sys::ORT_API_VERSION
        )));
    }
    // SAFETY: `api` points to a valid OrtApi table of the requested version; ort keeps its own copy.
    ort::set_api(unsafe { (*api).clone() });
    Ok(version)
}
