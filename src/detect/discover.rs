//! Finding an ONNX Runtime library: `ORT_DYLIB_PATH`, else a pip-installed `onnxruntime`.

use std::path::{Path, PathBuf};

/// Where the library came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// Named by `ORT_DYLIB_PATH`.
    Env(PathBuf),
    /// Found in a Python `site-packages` folder.
    SitePackages(PathBuf),
}

impl Found {
    /// The library file.
    pub fn path(&self) -> &Path {
        match self {
            Found::Env(p) | Found::SitePackages(p) => p,
        }
    }
}

/// The ONNX Runtime library to load, if any: `ORT_DYLIB_PATH` when set and non-empty, else the
/// first `onnxruntime/capi/<library>` under the `site-packages` of the active virtual environment,
/// of `python3`, of venvs in `~/.venvs`, `./.venv`, `./venv`, of pyenv versions and of the system.
pub fn find_onnxruntime() -> Option<Found> {
    if let Some(path) = std::env::var_os("ORT_DYLIB_PATH").filter(|p| !p.is_empty()) {
        return Some(Found::Env(PathBuf::from(path)));
    }
    site_packages()
        .iter()
        .find_map(|dir| library_in(&dir.join("onnxruntime").join("capi")))
        .map(Found::SitePackages)
}

/// Candidate `site-packages` folders, most specific first.
fn site_packages() -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Some(venv) = std::env::var_os("VIRTUAL_ENV") {
        roots.push(PathBuf::from(venv));
    }
    roots.extend([".venv", "venv"].map(PathBuf::from));
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if let Some(home) = &home {
        roots.extend(subdirs(&home.join(".venvs")));
        roots.push(home.join(".local"));
        roots.extend(subdirs(&home.join(".pyenv").join("versions")));
    }
    roots.extend(["/usr/local", "/usr"].map(PathBuf::from));
    let mut dirs: Vec<PathBuf> = python_purelib().into_iter().collect();
    for root in roots {
        for lib in subdirs(&root.join("lib")) {
            let name = lib.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if name.starts_with("python3") {
                dirs.push(lib.join("site-packages"));
                dirs.push(lib.join("dist-packages"));
            }
        }
    }
    dirs.push(PathBuf::from("/usr/lib/python3/dist-packages"));
    dirs
}

/// `site-packages` of the `python3` on the PATH, asked without importing anything heavy.
fn python_purelib() -> Option<PathBuf> {
    let output = std::process::Command::new("python3")
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    output.status.success().then(|| PathBuf::from(text.trim()))
}

fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

/// The ONNX Runtime library file in `dir`, if there is one.
pub fn library_in(dir: &Path) -> Option<PathBuf> {
    let (prefix, suffix) = (std::env::consts::DLL_PREFIX, std::env::consts::DLL_SUFFIX);
    let stem = format!("{prefix}onnxruntime{suffix}");
    let mut candidates: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            name == stem
                || (name.starts_with(&stem) && name[stem.len()..].starts_with('.'))
                || name == format!("{prefix}onnxruntime.1{suffix}")
        })
        .collect();
    candidates.sort();
    candidates.pop()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn finds_versioned_library_names_only() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(library_in(dir.path()), None);
        std::fs::write(dir.path().join("libonnxruntime_providers_shared.so"), b"").unwrap();
        assert_eq!(library_in(dir.path()), None);
        std::fs::write(dir.path().join("libonnxruntime.so.1.31.1"), b"").unwrap();
        assert_eq!(library_in(dir.path()), Some(dir.path().join("libonnxruntime.so.1.31.1")));
    }
}
