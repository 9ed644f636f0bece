//! What can go wrong loading or running a model.

use std::path::PathBuf;

/// A detection error; each names the file or model concerned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DetectError {
    /// The model manifest cannot be read or parsed.
    #[error("{path}: {message}")]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The manifest has no entry for a model.
    #[error("{manifest}: no model named `{name}` (known: {known})")]
    UnknownModel {
        /// The manifest file.
        manifest: PathBuf,
        /// The name asked for.
        name: String,
        /// The names it has.
        known: String,
    },
    /// A model file is missing or unreadable.
    #[error("{path}: cannot read the model file: {source}")]
    ModelMissing {
        /// The model file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A model file is not the one the manifest describes.
    #[error("{path}: sha256 {found} does not match the manifest's {expected}; the file was altered or the manifest is stale")]
    Sha256Mismatch {
        /// The model file.
        path: PathBuf,
        /// The manifest's digest.
        expected: String,
        /// The file's digest.
        found: String,
    },
    /// A model's inputs or outputs differ from the manifest's or from what porttwin feeds it.
    #[error("{path}: {tensor} has shape {found}, expected {expected}")]
    WrongShape {
        /// The model file.
        path: PathBuf,
        /// Which input or output.
        tensor: String,
        /// The shape expected.
        expected: String,
        /// The shape found.
        found: String,
    },
    /// A model uses something the backends cannot all run.
    #[error("{path}: unsupported model: {reason}")]
    Unsupported {
        /// The model file.
        path: PathBuf,
        /// What is unsupported.
        reason: String,
    },
    /// The ONNX Runtime library could not be loaded.
    #[error("ONNX Runtime at {path}: {reason}")]
    OnnxRuntime {
        /// The library file.
        path: PathBuf,
        /// Why it could not be used.
        reason: String,
    },
    /// The backend could not be set up.
    #[error("inference backend: {0}")]
    Backend(String),
    /// Inference failed.
    #[error("model `{model}`: inference failed: {message}")]
    Inference {
        /// The model name.
        model: String,
        /// The backend's message.
        message: String,
    },
}

impl DetectError {
    /// Whether the error comes from bad input (a file, a setting) rather than a failing run.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, DetectError::Inference { .. })
    }
}
