//! Faults around a run's output folder: a folder that cannot be written is refused before the
//! run; a run killed while it writes leaves no partial file under a final name; two runs
//! writing one folder at once cannot mix their files; a full disk gives a clear error and
//! leaves nothing half-written.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

const W1: &str = "scenarios/bench/w1_passenger_hall.ron";
const RESULT_FILES: [&str; 3] = ["summary.json", "series.csv", "waits.csv"];

fn porttwin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_porttwin"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn run_args(out: &Path, seed: u64) -> Vec<String> {
    ["run", W1, "--quiet", "--seed", &seed.to_string(), "--out", out.to_str().unwrap()]
        .map(String::from)
        .to_vec()
}

fn spawn_run(out: &Path, seed: u64) -> Child {
    porttwin()
        .args(run_args(out, seed))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The result files of a straight, undisturbed run of W1 at `seed`.
fn straight_run(root: &Path, seed: u64) -> Vec<Vec<u8>> {
    let out = root.join(format!("straight-{seed}"));
    let output = porttwin().args(run_args(&out, seed)).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    RESULT_FILES.iter().map(|f| std::fs::read(out.join(f)).unwrap()).collect()
}

/// Files whose names show they are an unfinished write.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().contains(".tmp-"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn unwritable_output_folder_is_refused_before_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a_file");
    std::fs::write(&file, "not a folder").unwrap();
    let out = file.join("report");
    let output = porttwin().args(run_args(&out, 1)).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cannot write to the output folder") && stderr.contains("a_file/report"),
        "{stderr}"
    );
    assert!(stderr.contains("hint: choose another folder with --out"), "{stderr}");

    let sweep = porttwin()
        .args([
            "sweep",
            "scenarios/sweeps/w4_staffing.ron",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(sweep.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&sweep.stderr).contains("cannot write to the output folder"));
}

#[test]
fn a_run_killed_mid_write_leaves_no_partial_file_under_its_final_name() {
    let dir = tempfile::tempdir().unwrap();
    let expected = straight_run(dir.path(), 7);
    // Kill points spread over the whole run, writing included (a dev-profile run of W1 takes
    // a few tenths of a second); a fixed list so the test is the same every time.
    for (i, delay_ms) in [5, 60, 120, 170, 200, 230, 260, 290, 320, 400].into_iter().enumerate() {
        let out = dir.path().join(format!("killed-{i}"));
        let mut child = spawn_run(&out, 7);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        for (name, whole) in RESULT_FILES.iter().zip(&expected) {
            if let Ok(bytes) = std::fs::read(out.join(name)) {
                assert!(&bytes == whole, "{name} after a kill at {delay_ms} ms is not the whole file");
            }
        }
    }
}

#[test]
fn two_runs_writing_one_folder_at_once_never_mix_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let expected = [(1, straight_run(dir.path(), 1)), (2, straight_run(dir.path(), 2))];
    for round in 0..4 {
        let out = dir.path().join(format!("shared-{round}"));
        let children = [spawn_run(&out, 1), spawn_run(&out, 2)];
        let outputs: Vec<Output> = children.into_iter().map(|c| c.wait_with_output().unwrap()).collect();
        let mut succeeded = 0;
        for output in &outputs {
            let stderr = String::from_utf8_lossy(&output.stderr);
            match output.status.code() {
                Some(0) => succeeded += 1,
                Some(1) => assert!(stderr.contains("another porttwin command is writing to"), "{stderr}"),
                other => panic!("unexpected exit {other:?}: {stderr}"),
            }
        }
        assert!(succeeded >= 1, "one of the two runs must succeed");
        let files: Vec<Vec<u8>> = RESULT_FILES.iter().map(|f| std::fs::read(out.join(f)).unwrap()).collect();
        assert!(
            expected.iter().any(|(_, whole)| *whole == files),
            "round {round}: the folder's files are not all from one run"
        );
    }
}

/// A file system with room for about `kib` KiB, mounted at `at` while it lives.
struct SmallDisk {
    at: PathBuf,
    mounted: bool,
}

impl SmallDisk {
    /// A tmpfs of `kib` KiB where the system lets this process mount one (as root).
    fn mount(at: &Path, kib: u32) -> SmallDisk {
        std::fs::create_dir_all(at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs", at.to_str().unwrap()])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        SmallDisk {
            at: at.to_path_buf(),
            mounted,
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(&self.at).status();
        }
    }
}

#[test]
fn a_full_disk_gives_a_clear_error_and_nothing_half_written() {
    let dir = tempfile::tempdir().unwrap();
    // Room for the summary (7 KiB), not for the series as well (63 KiB): 64 KiB in all, or
    // 32 KiB a file.
    let disk = SmallDisk::mount(&dir.path().join("disk"), 64);
    let out = disk.at.join("report");
    let output = if disk.mounted {
        porttwin().args(run_args(&out, 7)).output().unwrap()
    } else {
        // Without the right to mount, a file-size limit fails writes the same way (EFBIG
        // instead of ENOSPC); the signal it would raise is ignored so the write returns an error.
        let command = format!(
            "trap '' XFSZ; ulimit -f 32; exec '{}' {}",
            env!("CARGO_BIN_EXE_porttwin"),
            run_args(&out, 7).join(" ")
        );
        Command::new("bash")
            .args(["-c", &command])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot write the report to"), "{stderr}");
    assert!(
        stderr.contains("No space left on device") || stderr.contains("File too large"),
        "{stderr}"
    );
    for name in RESULT_FILES {
        assert!(!out.join(name).exists(), "{name} was left behind");
    }
    assert_eq!(temporaries(&out), Vec::<PathBuf>::new(), "temporary files were left behind");
}
