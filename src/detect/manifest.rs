//! `models/manifest.ron`: what each shipped model is, and how well it did when trained.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::error::DetectError;

/// The whole manifest.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename = "Manifest", deny_unknown_fields)]
pub struct Manifest {
    /// Models by name.
    pub models: BTreeMap<String, ModelSpec>,
}

/// One model.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelSpec {
    /// File name, next to the manifest.
    pub file: String,
    /// Lower-case hex SHA-256 of the file.
    pub sha256: String,
    /// Inputs in order.
    pub inputs: Vec<TensorSpec>,
    /// Outputs in order.
    pub outputs: Vec<TensorSpec>,
    /// Class names by output (e.g. `threats`, `goods`).
    pub classes: BTreeMap<String, Vec<String>>,
    /// How it was trained.
    pub training: Training,
    /// Held-out metrics by class.
    pub metrics: BTreeMap<String, ClassMetrics>,
    /// Other held-out figures (accuracy, lift…).
    pub summary: BTreeMap<String, f64>,
    /// What a physics scan must look like to feed the model (image models only).
    #[serde(default)]
    pub input: Option<InputSpec>,
}

/// How a physics scan becomes a model's input: the pixel size, the channels in input order,
/// their encoding and how the scan is cut to the input's height and width (from `inputs[0]`,
/// shaped `[-1, channels, height, width]`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputSpec {
    /// Pixel size along travel and up, mm.
    pub pixel_mm: (f64, f64),
    /// Channels in input order.
    pub channels: Vec<InputChannel>,
    /// How each value is encoded.
    pub encoding: InputEncoding,
    /// How the scan is cut to the input's size.
    pub tiling: Tiling,
}

/// A channel of a physics scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum InputChannel {
    /// High-energy attenuation.
    High,
    /// Low-energy attenuation.
    Low,
    /// Material class (empty 0, organic 0.25, mixed 0.5, inorganic 0.75, impenetrable 1,
    /// ambiguous 0.5).
    Material,
}

/// How an attenuation is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub enum InputEncoding {
    /// 8-bit, air white: `round(255 (1 - mu / max)) / 255`, mu = -ln T clipped at `max`.
    Attenuation8 {
        /// Attenuation shown black.
        max: f64,
    },
}

/// How a scan is cut to the model's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Tiling {
    /// One input per container, centred on it.
    Whole,
}

impl ModelSpec {
    /// Values per sample of the (first) input, e.g. 64 x 256 for a container scan.
    pub fn input_len(&self) -> usize {
        self.inputs
            .first()
            .map_or(0, |input| input.shape.iter().skip(1).map(|&d| d.max(1) as usize).product())
    }
}

/// A named float tensor; `-1` marks the batch dimension.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TensorSpec {
    /// Name in the graph.
    pub name: String,
    /// Dimensions.
    pub shape: Vec<i64>,
}

/// Training provenance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Training {
    /// The script that trained it.
    pub script: String,
    /// Seed of initialisation and batch order.
    pub seed: u64,
    /// Seed of the training data.
    pub data_seed: u64,
    /// Number of training samples.
    pub train_size: usize,
    /// Seed of the held-out data.
    pub heldout_seed: u64,
    /// Number of held-out samples.
    pub heldout_size: usize,
}

/// Held-out metrics of one class.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassMetrics {
    /// Area under the ROC curve.
    pub roc_auc: f64,
    /// Share of positives found when 1% of negatives alarm.
    pub detection_at_1pct_far: f64,
    /// Share of positives found when 5% of negatives alarm.
    pub detection_at_5pct_far: f64,
}

impl Manifest {
    /// Reads and parses a manifest file.
    pub fn load(path: &Path) -> Result<Manifest, DetectError> {
        let text = crate::scenario::text_file::read(path).map_err(|e| DetectError::Manifest {
            path: path.to_path_buf(),
            message: format!("cannot read: {e}"),
        })?;
        Manifest::parse(&text, path)
    }

    /// Parses manifest text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Manifest, DetectError> {
        ron::from_str(text).map_err(|e| DetectError::Manifest {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    /// The entry of model `name`.
    pub fn model(&self, manifest: &Path, name: &str) -> Result<&ModelSpec, DetectError> {
        self.models.get(name).ok_or_else(|| DetectError::UnknownModel {
            manifest: manifest.to_path_buf(),
            name: name.to_string(),
            known: self.models.keys().cloned().collect::<Vec<_>>().join(", "),
        })
    }
}

/// The models folder: `$PORTTWIN_MODELS`, else `./models` when it has a manifest, else the one in the source tree.
pub fn models_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PORTTWIN_MODELS").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    let local = PathBuf::from("models");
    if local.join("manifest.ron").is_file() {
        return local;
    }
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/models"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_and_models_are_reported_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("manifest.ron");
        std::fs::write(&path, "Manifest(models: {}, extra: 1)").unwrap();
        let error = Manifest::load(&path).unwrap_err().to_string();
        assert!(error.contains("manifest.ron") && error.contains("extra"), "{error}");
        std::fs::write(&path, "Manifest(models: {})").unwrap();
        let manifest = Manifest::load(&path).unwrap();
        let error = manifest.model(&path, "nope").unwrap_err().to_string();
        assert!(error.contains("no model named `nope`"), "{error}");
    }
}
