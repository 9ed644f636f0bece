//! The memory guard of the `porttwin` process: it counts the bytes the process holds and turns
//! an allocation beyond its budget, or one the system refuses, into a clear error and exit
//! code 1 instead of an abort with a backtrace.
//!
//! The budget is `--max-memory` (e.g. `8G`), or `PORTTWIN_MAX_MEMORY`, else the memory the
//! system reports available (`MemAvailable` in /proc/meminfo) when the command starts: beyond
//! it the kernel would start killing processes, which no program can report.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The process's allocator: the system's, counted.
pub struct Guard;

#[global_allocator]
static GUARD: Guard = Guard;

static HELD: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
static TRIPPED: AtomicBool = AtomicBool::new(false);

/// Sets the budget: `bytes`, else the memory available now (no budget where that is unknown).
pub fn set_limit(bytes: Option<u64>) {
    if let Some(limit) = bytes.or_else(available_memory) {
        LIMIT.store(usize::try_from(limit).unwrap_or(usize::MAX), Ordering::Relaxed);
    }
}

/// The budget in bytes, if there is one.
pub fn limit() -> Option<u64> {
    let limit = LIMIT.load(Ordering::Relaxed);
    (limit != usize::MAX).then_some(limit as u64)
}

/// `MemAvailable` from /proc/meminfo, in bytes.
fn available_memory() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Parses a size: bytes, or a number with `K`, `M`, `G` or `T` (powers of 1024), e.g. `512M`, `1.5G`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| c.is_ascii_alphabetic()) {
        Some(at) => text.split_at(at),
        None => (text, ""),
    };
    if number.trim().is_empty() {
        return Err(format!("`{text}` is not a size, e.g. 512M or 8G"));
    }
    let scale: f64 = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 1.0,
        "K" => 1024.0,
        "M" => 1024f64.powi(2),
        "G" => 1024f64.powi(3),
        "T" => 1024f64.powi(4),
        _ => return Err(format!("unknown unit `{unit}`; use K, M, G or T, e.g. 8G")),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a size, e.g. 512M or 8G"))?;
    let bytes = value * scale;
    if !(bytes.is_finite() && bytes >= 1024.0 * 1024.0 && bytes < 2f64.powi(63)) {
        return Err(format!("`{text}` is not a usable memory limit; give at least 1M"));
    }
    Ok(bytes as u64)
}

/// A size for people: `1.5 GiB`.
fn shown(bytes: usize) -> String {
    let gib = bytes as f64 / 1024f64.powi(3);
    if gib >= 1.0 {
        format!("{gib:.1} GiB")
    } else {
        format!("{:.0} MiB", bytes as f64 / 1024f64.powi(2))
    }
}

/// Reports the failed allocation of `size` bytes and ends the process with exit code 1.
#[cold]
fn refuse(size: usize, refused_by_system: bool) -> ! {
    // From here on every allocation is let through, so the report itself can allocate.
    TRIPPED.store(true, Ordering::Relaxed);
    let held = HELD.load(Ordering::Relaxed);
    let why = if refused_by_system {
        "the system has no memory left".to_string()
    } else {
        format!("that would pass the limit of {}", shown(LIMIT.load(Ordering::Relaxed)))
    };
    let message = format!(
        "error: out of memory: the command needed {} more on top of the {} it held, and {why}\n  \
         hint: the scenario holds more than fits (lower the demand, add servers or queue capacities, shorten the run); \
         the limit is --max-memory (default: the memory available when porttwin started)\n",
        shown(size),
        shown(held.saturating_sub(size)),
    );
    let _ = std::io::stderr().write_all(message.as_bytes());
    std::process::exit(1)
}

impl Guard {
    /// Counts `size` more bytes; false when they do not fit in the budget.
    fn admit(&self, size: usize) -> bool {
        let held = HELD.fetch_add(size, Ordering::Relaxed).saturating_add(size);
        held <= LIMIT.load(Ordering::Relaxed) || TRIPPED.load(Ordering::Relaxed)
    }

    fn release(&self, size: usize) {
        HELD.fetch_sub(size, Ordering::Relaxed);
    }

    /// Allocates through `allocate` after counting `size` bytes.
    fn counted(&self, size: usize, allocate: impl FnOnce() -> *mut u8) -> *mut u8 {
        if !self.admit(size) {
            refuse(size, false);
        }
        let block = allocate();
        if block.is_null() && !TRIPPED.load(Ordering::Relaxed) {
            refuse(size, true);
        }
        block
    }
}

// SAFETY: every call goes to the system allocator with the caller's layout; the guard only
// counts sizes and, when a request cannot be met, ends the process instead of returning.
unsafe impl GlobalAlloc for Guard {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on unchanged.
        self.counted(layout.size(), || unsafe { System.alloc(layout) })
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        self.counted(layout.size(), || unsafe { System.alloc_zeroed(layout) })
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        self.release(layout.size());
        // SAFETY: `ptr` was allocated by `System` with `layout`, as the caller guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let old = layout.size();
        if new_size <= old {
            self.release(old - new_size);
            // SAFETY: the caller's contract for `realloc` is passed on unchanged.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        // SAFETY: as above.
        self.counted(new_size - old, || unsafe { System.realloc(ptr, layout, new_size) })
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_read_with_binary_units() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("8G"), Ok(8 << 30));
        assert_eq!(parse_size("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse_size("2097152"), Ok(2 << 20));
        assert!(parse_size("8X").unwrap_err().contains("unknown unit"));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("10K").unwrap_err().contains("at least 1M"));
    }
}
