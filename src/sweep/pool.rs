//! The worker pool: jobs on a crossbeam channel, one thread per worker, panics caught per job.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crossbeam_channel::unbounded;

/// Runs `work` on every job with `workers` threads and hands each result to `on_done` on the
/// calling thread, in completion order. A job that panics yields `Err` with the panic message;
/// the other jobs go on.
pub fn run_jobs<J, T, W, D>(jobs: &[J], workers: usize, work: W, mut on_done: D)
where
    J: Sync,
    T: Send,
    W: Fn(&J) -> Result<T, String> + Sync,
    D: FnMut(&J, Result<T, String>),
{
    let (job_tx, job_rx) = unbounded::<&J>();
    let (done_tx, done_rx) = unbounded::<(&J, Result<T, String>)>();
    for job in jobs {
        let _ = job_tx.send(job);
    }
    drop(job_tx);
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, jobs.len().max(1)) {
            let job_rx = job_rx.clone();
            let done_tx = done_tx.clone();
            let work = &work;
            scope.spawn(move || {
                for job in job_rx {
                    let result = catch_unwind(AssertUnwindSafe(|| work(job))).unwrap_or_else(|payload| Err(panic_message(&*payload)));
                    if done_tx.send((job, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        for (job, result) in done_rx {
            on_done(job, result);
        }
    });
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".into());
    format!("the run panicked: {text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_job_is_reported_and_the_others_finish() {
        let jobs: Vec<u32> = (0..20).collect();
        let mut results = Vec::new();
        run_jobs(
            &jobs,
            3,
            |&j| {
                assert!(j != 7, "job seven breaks");
                Ok(j * 2)
            },
            |&j, r| results.push((j, r)),
        );
        results.sort_by_key(|(j, _)| *j);
        assert_eq!(results.len(), 20);
        assert_eq!(results[3].1, Ok(6));
        assert!(results[7].1.as_ref().unwrap_err().contains("job seven breaks"));
    }
}
