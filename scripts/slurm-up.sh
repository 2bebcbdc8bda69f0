#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine for the grid tests (solveLink 3 through
# sbatch): munge, slurmctld and slurmd from Debian's slurm-wlm and munge packages, with this
# host as the only node (all its cores, its memory less 512 MiB) in partition `debug`.
# Run as root; idempotent (a cluster that answers and has its node up is left as it is).
# Exit codes: 0 the node takes jobs; 2 not root; 3 Slurm or munge not installed; 4 did not come up.
#
#   sudo bash scripts/slurm-up.sh
#
# The configuration is written to /etc/slurm/slurm.conf only when that file is missing or
# was written by this script (its first line says so); logs go to /var/log/slurm/.
set -u
say() { echo "slurm-up.sh: $*" >&2; }
[ "$(id -u)" = 0 ] || { say "needs root"; exit 2; }
for c in slurmctld slurmd munged sbatch squeue scontrol sinfo; do
  command -v "$c" >/dev/null || { say "$c is not installed (apt-get install slurm-wlm munge)"; exit 3; }
done

node_ready() {
  scontrol ping 2>/dev/null | grep -q 'is UP' || return 1
  local state
  state=$(sinfo -h -N -o '%t' 2>/dev/null | head -n 1)
  case "$state" in idle*|mix*|alloc*|comp*) return 0 ;; *) return 1 ;; esac
}
if node_ready; then say "Slurm is up"; exit 0; fi

host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ { m = int($2 / 1024) - 512; print (m > 256 ? m : 256) }' /proc/meminfo)

# munge: a key, then the daemon (a credential that round-trips says it runs)
mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
fi
chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge 2>/dev/null
chmod 0700 /etc/munge
chmod 0400 /etc/munge/munge.key
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  su -s /bin/sh munge -c munged 2>/dev/null || munged --force 2>/dev/null
  sleep 1
  munge -n 2>/dev/null | unmunge >/dev/null 2>&1 || { say "munged did not start"; exit 4; }
fi

conf=/etc/slurm/slurm.conf
marker="# written by enm scripts/slurm-up.sh"
mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm
chown slurm:slurm /var/spool/slurmctld /var/log/slurm 2>/dev/null
if [ ! -f "$conf" ] || head -n 1 "$conf" | grep -qF "$marker"; then
  cat > "$conf" <<EOF
$marker
ClusterName=enm
SlurmctldHost=$host
SlurmUser=slurm
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=300
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmdSpoolDir=/var/spool/slurmd
StateSaveLocation=/var/spool/slurmctld
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
NodeName=$host CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
else
  say "$conf was not written by this script; using it as it is"
fi

# the daemons: started when their pid file names no live process
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
running /run/slurmctld.pid || slurmctld || { say "slurmctld did not start (see /var/log/slurm/slurmctld.log)"; exit 4; }
running /run/slurmd.pid || slurmd || { say "slurmd did not start (see /var/log/slurm/slurmd.log)"; exit 4; }

for _ in $(seq 30); do
  if node_ready; then say "Slurm is up: node $host, $cpus CPUs, partition debug"; exit 0; fi
  # a node that was down before (an earlier run) is taken back
  scontrol update nodename="$host" state=resume >/dev/null 2>&1
  sleep 1
done
say "the node did not come up: $(sinfo -h -N -o '%N %t %E' 2>&1 | head -n 1)"
exit 4
