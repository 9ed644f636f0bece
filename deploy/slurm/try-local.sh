#!/usr/bin/env bash
# Tries the Slurm path for real on this one machine (as root, Debian or Ubuntu):
#   1. installs Debian's slurm-wlm (and munge) if sbatch is missing;
#   2. starts a one-node cluster on localhost (munged, slurmctld, slurmd);
#   3. submits the W4 sweep as a job array of SHARDS tasks, then the merge job after it;
#   4. runs the same sweep locally without Slurm and compares runs.csv row for row;
#   5. stops the daemons it started.
# Its cluster lives in its own folder (WORK): its slurm.conf is there and is passed with
# SLURM_CONF and -f, its daemons listen on their own ports (6917, 6918), so an existing Slurm
# installation and its /etc/slurm are never touched. It is not part of CI. Usage: deploy/slurm/try-local.sh [spec]  (SHARDS=4 by default)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
spec=$(realpath "${1:-$repo/scenarios/sweeps/w4_staffing.ron}")
shards=${SHARDS:-4}
work=${WORK:-/tmp/porttwin-slurm}
target=${CARGO_TARGET_DIR:-$repo/target}

if ! command -v sbatch >/dev/null; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y slurm-wlm
fi
(cd "$repo" && cargo build --release --quiet)
bin="$target/release/porttwin"

rm -rf "$work" && mkdir -p "$work"/{state,spool,log,out}
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.8)}' /proc/meminfo)
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=porttwin-local
SlurmctldHost=localhost
SlurmctldPort=6917
SlurmdPort=6918
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
NodeName=localhost CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# munge (Slurm's authentication, not its configuration): an existing key and daemon are used
# as they are; a key is created only where there is none.
if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
fi
if ! pgrep -x munged >/dev/null; then
    chown munge:munge /etc/munge/munge.key 2>/dev/null || true
    chmod 400 /etc/munge/munge.key
    mkdir -p /run/munge && chown munge:munge /run/munge 2>/dev/null || true
    runuser -u munge -- /usr/sbin/munged
    for _ in $(seq 20); do [ -s /run/munge/munged.pid ] && break; sleep 0.2; done
    pids+=("$(cat /run/munge/munged.pid)")
fi
/usr/sbin/slurmctld -D -i -f "$SLURM_CONF" > "$work/log/slurmctld.out" 2>&1 &
pids+=($!)
/usr/sbin/slurmd -D -f "$SLURM_CONF" > "$work/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
    sinfo -h -o %T 2>/dev/null | grep -qE '^(idle|mixed)' && break
    sleep 1
done
sinfo

echo "== submitting $shards shards as a job array"
started=$(date +%s.%N)
array=$(sbatch --parsable --array=0-$((shards - 1)) --cpus-per-task=1 --chdir="$work/out" \
    --export=ALL,SPEC="$spec",OUT="$work/out",PORTTWIN="$bin" "$repo/deploy/slurm/sweep.sbatch")
sbatch --parsable --wait --dependency=afterok:"$array" --chdir="$work/out" \
    --export=ALL,OUT="$work/out",PORTTWIN="$bin" "$repo/deploy/slurm/merge.sbatch" >/dev/null
finished=$(date +%s.%N)
sacct -j "$array" 2>/dev/null || squeue
echo "job array $array and merge done in $(echo "$finished - $started" | bc) s"
cat "$work"/out/porttwin-merge-*.out

echo "== the same sweep locally, without Slurm"
"$bin" sweep "$spec" --workers "$cpus" --out "$work/local" --quiet
if diff <(tail -n +2 "$work/out/merged/runs.csv" | sort) <(tail -n +2 "$work/local/runs.csv" | sort) >/dev/null; then
    echo "OK: merged Slurm shards equal the local sweep, row for row ($(tail -n +2 "$work/local/runs.csv" | wc -l) runs)"
else
    echo "MISMATCH between $work/out/merged/runs.csv and $work/local/runs.csv" >&2
    exit 1
fi
