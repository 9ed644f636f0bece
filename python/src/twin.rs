//! The digital twin from Python (docs/twin.md): reading snapshots, forecasting from them and
//! calibrating against an observed log, with the GIL released while the runs go.

use std::path::PathBuf;

use porttwin::calibrate::CalibrateError;
use porttwin::sim::time::SimTime;
use porttwin::twin::forecast::{Forecast, Variant, output, run as run_forecast};
use porttwin::twin::{ScenarioFile, Snapshot, TwinError};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors::{self, RunError};
use crate::scenario::Scenario;

pyo3::create_exception!(
    _porttwin,
    SnapshotError,
    PyValueError,
    "A snapshot that is malformed, from another porttwin version, of another scenario, or that\n\
     cannot be taken or resumed here (micro fidelity, a variant that changed the structure)."
);

/// A twin error as the Python exception a user expects: a missing file is `FileNotFoundError`,
/// a failed run `RunError`, a failed write `OSError`, every fault of the input `SnapshotError`.
pub fn error(error: TwinError) -> PyErr {
    match &error {
        TwinError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err(error.to_string()),
        TwinError::Read { .. } | TwinError::Write { .. } => PyOSError::new_err(error.to_string()),
        TwinError::Run(_) => RunError::new_err(error.to_string()),
        _ => SnapshotError::new_err(error.to_string()),
    }
}

/// The envelope of a snapshot file's bytes (`name` in errors), as JSON text, once the whole
/// snapshot has been read and checked.
#[pyfunction]
pub fn snapshot_envelope(snapshot: &[u8], name: &str) -> PyResult<String> {
    let snapshot = Snapshot::from_bytes(snapshot, name).map_err(error)?;
    serde_json::to_string(&snapshot.envelope).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Replications of the next `horizon_s` seconds from `snapshot` (bytes, `name` in errors) of
/// `scenario`, for each `(name, variant)` (variants of `scenario` by overrides; an empty list
/// forecasts the scenario as it is), as `porttwin forecast` runs them. Returns
/// `{"json", "fan_csv", "replications_csv", "table"}`: the texts of `forecast.json`, `fan.csv`,
/// `replications.csv` and the printed table.
#[pyfunction]
#[pyo3(signature = (snapshot, name, scenario, variants, horizon_s, replications, reseed, workers, bin_s))]
#[allow(clippy::too_many_arguments)]
pub fn forecast<'py>(
    py: Python<'py>,
    snapshot: &[u8],
    name: &str,
    scenario: &Scenario,
    variants: Vec<(String, PyRef<'py, Scenario>)>,
    horizon_s: f64,
    replications: u32,
    reseed: bool,
    workers: usize,
    bin_s: f64,
) -> PyResult<Bound<'py, PyDict>> {
    for (what, value) in [("horizon", horizon_s), ("bin", bin_s)] {
        if !(value.is_finite() && value > 0.0) {
            return Err(PyValueError::new_err(format!(
                "a forecast's {what} must be a positive time (got {value} s)"
            )));
        }
    }
    if replications == 0 {
        return Err(PyValueError::new_err("a forecast needs at least one replication"));
    }
    let snapshot = Snapshot::from_bytes(snapshot, name).map_err(error)?;
    snapshot
        .check_scenario(&ScenarioFile::of(&scenario.file, &scenario.text), name)
        .map_err(error)?;
    let variants: Vec<Variant> = if variants.is_empty() {
        vec![Variant {
            name: "base".into(),
            scenario: (*scenario.model).clone(),
            changed: false,
        }]
    } else {
        variants
            .iter()
            .map(|(variant, s)| Variant {
                name: variant.clone(),
                scenario: (*s.model).clone(),
                changed: s.text != scenario.text,
            })
            .collect()
    };
    let file = scenario.file.clone();
    let name = name.to_string();
    let result = py.detach(|| {
        run_forecast(&Forecast {
            snapshot: (&snapshot, &name),
            variants: &variants,
            horizon: SimTime::from_secs_f64(horizon_s),
            replications,
            reseed,
            workers: workers.max(1),
            bin: SimTime::from_secs_f64(bin_s),
        })
    });
    let result = result.map_err(error)?;
    let out = PyDict::new(py);
    out.set_item("json", output::json(&result, &file, &name).to_string())?;
    out.set_item("fan_csv", output::fan_csv(&result))?;
    out.set_item("replications_csv", output::replications_csv(&result))?;
    out.set_item("table", output::table(&result))?;
    Ok(out)
}

/// Fits the calibration spec at `path` on `workers` threads, as `porttwin calibrate` does;
/// returns `calibration.json`'s text. A bad spec raises a located `ScenarioError`.
#[pyfunction]
pub fn calibrate(py: Python<'_>, path: PathBuf, workers: usize) -> PyResult<String> {
    let spec = porttwin::calibrate::load(&path).map_err(|e| calibrate_error(py, e))?;
    let fitted = py.detach(|| porttwin::calibrate::calibrate(&spec, workers.max(1), |_, _| {}));
    let calibration = fitted.map_err(|e| calibrate_error(py, e))?;
    serde_json::to_string(&calibration).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// A calibration error as the Python exception for it.
fn calibrate_error(py: Python<'_>, error: CalibrateError) -> PyErr {
    match &error {
        CalibrateError::Read(message) => PyOSError::new_err(message.clone()),
        CalibrateError::Scenario(e) => errors::scenario(py, e),
        CalibrateError::Spec(diagnostics) => errors::located(py, diagnostics, error.to_string()),
        CalibrateError::Run(_) => RunError::new_err(error.to_string()),
        _ => PyValueError::new_err(error.to_string()),
    }
}
