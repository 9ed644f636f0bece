//! Reading an input file (a scenario, a sweep spec, an imported layout, the model manifest) as
//! text, refusing what is not one: a folder, a device such as `/dev/zero` (which never ends), a
//! named pipe (which may never deliver), or a file too large to be an input.

use std::io::{Error, ErrorKind};
use std::path::Path;

/// Largest input file read, in bytes (the largest shipped file is a few kilobytes).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads `path` as UTF-8 text when it is a regular file of at most [`MAX_INPUT_BYTES`].
pub fn read(path: &Path) -> std::io::Result<String> {
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        let what = if metadata.is_dir() {
            "a folder"
        } else {
            "not a regular file (a device or a pipe)"
        };
        return Err(Error::new(ErrorKind::InvalidInput, format!("it is {what}")));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            format!(
                "it holds {} MiB, more than the {} MiB an input file may",
                metadata.len() / (1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        ));
    }
    std::fs::read_to_string(path)
}
