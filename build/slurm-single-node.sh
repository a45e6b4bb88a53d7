#!/usr/bin/env bash
# Starts a real single-node Slurm cluster on this machine (Debian's munge, slurmctld and slurmd, as root) for the
# sweep executor's test: writes a slurm.conf for this host into $1 (default /tmp/rsw-slurm), starts the daemons, waits
# until the node is idle, and prints `export SLURM_CONF=...`. Idempotent: a running cluster with that conf is reused.
# Needs: apt-get install munge slurmctld slurmd slurm-client (.ci/run installs them).
set -euo pipefail
dir=${1:-/tmp/rsw-slurm}
host=$(hostname -s)
mkdir -p "$dir"/{spool,state,log}
conf=$dir/slurm.conf
cat > "$conf.new" <<CONF
ClusterName=rsw
SlurmctldHost=$host
AuthType=auth/munge
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmdSpoolDir=$dir/spool
StateSaveLocation=$dir/state
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
JobAcctGatherType=jobacct_gather/none
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP OverSubscribe=FORCE:4
CONF
mv "$conf.new" "$conf"
export SLURM_CONF=$conf
# munged: its socket folder is made by systemd on a booted machine; here by hand.
if ! pgrep -x munged >/dev/null; then
  mkdir -p /run/munge && chown munge:munge /run/munge 2>/dev/null || true
  [ -f /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key; }
  munged --force >/dev/null 2>&1 || runuser -u munge -- munged --force
fi
pgrep -x slurmctld >/dev/null || slurmctld -f "$conf"
pgrep -x slurmd >/dev/null || slurmd -f "$conf"
for _ in $(seq 1 60); do
  state=$(sinfo -h -o %T 2>/dev/null || true)
  case "$state" in idle*|mixed*|alloc*) echo "export SLURM_CONF=$conf"; exit 0 ;; esac
  [[ "$state" == down* || "$state" == drain* ]] && scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true
  sleep 1
done
echo "error: the Slurm node did not come up (state: ${state:-none}); logs in $dir/log" >&2
exit 1
