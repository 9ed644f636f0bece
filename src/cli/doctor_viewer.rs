//! The viewer's part of `porttwin doctor`: what `porttwin view` needs at run time (a display
//! or Xvfb, the Vulkan loader and a Vulkan driver), found on this machine or not.

use std::env;
use std::path::{Path, PathBuf};

/// Where Debian, Fedora and most distributions put shared libraries.
const LIBRARY_DIRS: [&str; 5] = [
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/usr/lib64",
    "/usr/lib",
    "/lib/x86_64-linux-gnu",
];
/// Where Vulkan drivers register themselves (ICD manifests).
const ICD_DIRS: [&str; 2] = ["/usr/share/vulkan/icd.d", "/etc/vulkan/icd.d"];

/// Lines describing what the viewer needs at run time.
pub fn lines() -> Vec<String> {
    let display = match env::var("DISPLAY") {
        Ok(d) if !d.is_empty() => format!("display {d}"),
        _ => "no display".to_string(),
    };
    let xvfb = match on_path("xvfb-run") {
        Some(path) => format!("xvfb-run at {}", path.display()),
        None => "no xvfb-run (Debian: xvfb xauth)".to_string(),
    };
    let loader = LIBRARY_DIRS
        .iter()
        .map(|dir| Path::new(dir).join("libvulkan.so.1"))
        .find(|p| p.exists());
    let loader = match loader {
        Some(path) => format!("Vulkan loader {}", path.display()),
        None => "no Vulkan loader (Debian: libvulkan1)".to_string(),
    };
    let drivers = vulkan_drivers();
    let drivers = if drivers.is_empty() {
        "no Vulkan driver (Debian: mesa-vulkan-drivers, whose lavapipe renders in software)".to_string()
    } else {
        format!("Vulkan drivers: {}", drivers.join(", "))
    };
    let build = if cfg!(feature = "viewer") {
        "`porttwin view` is built in"
    } else {
        "`porttwin view` needs `--features viewer`"
    };
    vec![format!("viewer: {build}; {display}; {xvfb}"), format!("  {loader}; {drivers}")]
}

/// The names of the registered Vulkan drivers (`lvp` is Mesa's software lavapipe).
fn vulkan_drivers() -> Vec<String> {
    let mut names: Vec<String> = ICD_DIRS
        .iter()
        .filter_map(|dir| std::fs::read_dir(dir).ok())
        .flatten()
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            let stem = name.strip_suffix(".json")?;
            Some(stem.split('_').next().unwrap_or(stem).to_string())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The first `program` on `PATH`.
fn on_path(program: &str) -> Option<PathBuf> {
    env::split_paths(&env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}
