//! A loaded model: checked against the manifest, with a pool of sessions shared by every user:
//! threads that infer at once (a sweep's or a forecast's workers) each take a session of their
//! own instead of waiting for one.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ort::session::Session;
use ort::session::builder::GraphOptimizationLevel;
use ort::value::TensorRef;
use sha2::{Digest, Sha256};

use super::backend::{Backend, BackendKind};
use super::check::check_model;
use super::error::DetectError;
use super::manifest::{Manifest, ModelSpec};

/// A model ready to run.
#[derive(Debug)]
pub struct Model {
    /// Name in the manifest.
    pub name: String,
    /// The file it was loaded from.
    pub path: PathBuf,
    /// Its manifest entry.
    pub spec: ModelSpec,
    backend: &'static Backend,
    bytes: Vec<u8>,
    /// Sessions not in use; a run takes one, or builds one when all are busy, and puts it back.
    idle: Mutex<Vec<Session>>,
}

/// The outputs of one batch: one row-major `[batch, width]` block per model output.
#[derive(Debug, Clone, PartialEq)]
pub struct Outputs {
    /// Rows in the batch.
    pub batch: usize,
    /// Values per output, in manifest order.
    pub values: Vec<Vec<f32>>,
    /// Width of each output (values per row).
    pub widths: Vec<usize>,
}

impl Outputs {
    /// Row `row` of output `output`.
    pub fn row(&self, output: usize, row: usize) -> &[f32] {
        let w = self.widths[output];
        &self.values[output][row * w..(row + 1) * w]
    }
}

/// The bytes of the model file `spec` names in `dir`, checked against its SHA-256, operators
/// and shapes.
fn checked_bytes(dir: &Path, spec: &ModelSpec) -> Result<Vec<u8>, DetectError> {
    let path = dir.join(&spec.file);
    let bytes = std::fs::read(&path).map_err(|source| DetectError::ModelMissing {
        path: path.clone(),
        source,
    })?;
    let found = sha256_hex(&bytes);
    if found != spec.sha256 {
        return Err(DetectError::Sha256Mismatch {
            path,
            expected: spec.sha256.clone(),
            found,
        });
    }
    check_model(&path, &bytes, spec)?;
    Ok(bytes)
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

impl Model {
    /// Loads model `name` of the manifest at `dir/manifest.ron`: reads the file, checks its
    /// SHA-256, its operators and its input and output shapes, then builds the session.
    pub fn load(backend: &'static Backend, dir: &Path, name: &str) -> Result<Model, DetectError> {
        let manifest_path = dir.join("manifest.ron");
        let manifest = Manifest::load(&manifest_path)?;
        let spec = manifest.model(&manifest_path, name)?.clone();
        Model::load_spec(backend, dir, name, spec)
    }

    /// Checks model `name` of the manifest at `dir/manifest.ron` as [`Model::load`] does — the
    /// file is there, its SHA-256 matches, its operators and shapes are what the manifest says —
    /// without building a session; returns its manifest entry.
    pub fn inspect(dir: &Path, name: &str) -> Result<ModelSpec, DetectError> {
        let manifest_path = dir.join("manifest.ron");
        let manifest = Manifest::load(&manifest_path)?;
        let spec = manifest.model(&manifest_path, name)?.clone();
        checked_bytes(dir, &spec)?;
        Ok(spec)
    }

    /// Loads a model described by `spec`, whose file is in `dir`.
    pub fn load_spec(backend: &'static Backend, dir: &Path, name: &str, spec: ModelSpec) -> Result<Model, DetectError> {
        let bytes = checked_bytes(dir, &spec)?;
        let path = dir.join(&spec.file);
        let session = new_session(backend, &bytes).map_err(|reason| DetectError::Unsupported {
            path: path.clone(),
            reason,
        })?;
        Ok(Model {
            name: name.to_string(),
            path,
            spec,
            backend,
            bytes,
            idle: Mutex::new(vec![session]),
        })
    }

    /// Values per sample of the (first) input, e.g. 64 x 256 for a container scan.
    pub fn input_len(&self) -> usize {
        self.spec.input_len()
    }

    /// Width of output `index`.
    pub fn output_width(&self, index: usize) -> usize {
        self.spec.outputs[index].shape.iter().skip(1).map(|&d| d.max(1) as usize).product()
    }

    /// Runs one batch: `input` holds `batch * input_len()` values.
    pub fn run(&self, input: &[f32], batch: usize) -> Result<Outputs, DetectError> {
        let fail = |message: String| self.inference_error(message);
        if input.len() != batch * self.input_len() || batch == 0 {
            return Err(fail(format!(
                "{} input values for a batch of {batch} x {}",
                input.len(),
                self.input_len()
            )));
        }
        let mut shape: Vec<i64> = self.spec.inputs[0].shape.clone();
        shape[0] = batch as i64;
        let tensor = TensorRef::from_array_view((shape, input)).map_err(|e| fail(e.to_string()))?;
        let idle = || self.idle.lock().map_err(|_| fail("an earlier inference panicked".into()));
        let taken = idle()?.pop();
        let mut session = match taken {
            Some(session) => session,
            None => new_session(self.backend, &self.bytes).map_err(fail)?,
        };
        let result = self.read_outputs(&mut session, tensor, batch);
        idle()?.push(session);
        result
    }

    fn inference_error(&self, message: String) -> DetectError {
        DetectError::Inference {
            model: self.name.clone(),
            message,
        }
    }

    /// Runs `session` on `tensor` and copies its outputs out.
    fn read_outputs(&self, session: &mut Session, tensor: TensorRef<'_, f32>, batch: usize) -> Result<Outputs, DetectError> {
        let fail = |message: String| self.inference_error(message);
        let outputs = session.run(ort::inputs![tensor]).map_err(|e| fail(e.to_string()))?;
        let mut values = Vec::with_capacity(self.spec.outputs.len());
        let mut widths = Vec::with_capacity(self.spec.outputs.len());
        for (i, spec) in self.spec.outputs.iter().enumerate() {
            let value = outputs.get(&spec.name).ok_or_else(|| fail(format!("no output `{}`", spec.name)))?;
            let (_, data) = value.try_extract_tensor::<f32>().map_err(|e| fail(e.to_string()))?;
            let width = self.output_width(i);
            if data.len() != batch * width {
                return Err(fail(format!(
                    "output `{}` has {} values, expected {batch} x {width}",
                    spec.name,
                    data.len()
                )));
            }
            values.push(data.to_vec());
            widths.push(width);
        }
        Ok(Outputs { batch, values, widths })
    }
}

/// A session of the model file `bytes` on `backend`, optimised (tract runs the graph as
/// parsed unless asked to optimise it; ONNX Runtime optimises fully by default) and, on ONNX
/// Runtime, on one thread: the parallelism is the workers', each with a session of its own.
fn new_session(backend: &Backend, bytes: &[u8]) -> Result<Session, String> {
    let builder = Session::builder(backend.environment())
        .map_err(|e| e.to_string())?
        .with_optimization_level(GraphOptimizationLevel::All)
        .map_err(|e| e.to_string())?;
    let mut builder = match backend.kind {
        BackendKind::OnnxRuntime => builder.with_intra_threads(1).map_err(|e| e.to_string())?,
        BackendKind::Tract => builder,
    };
    builder.commit_from_memory(bytes).map_err(|e| e.to_string())
}
