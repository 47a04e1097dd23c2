#!/usr/bin/env bash
# Makes sure a Docker engine answers on this machine, for the container environment (environments/ci.yaml).
# Idempotent: does nothing when `docker version` already answers (never installs over a working engine). Otherwise
# installs docker.io from apt if dockerd is missing and starts dockerd in the background with host networking only
# (no bridge, no iptables, no masquerading: every container runs with --network host on 127.0.0.1).
# Log: $GAUNTLET_DOCKERD_LOG (default /var/log/gauntlet-dockerd.log).
set -euo pipefail

log_file="${GAUNTLET_DOCKERD_LOG:-/var/log/gauntlet-dockerd.log}"

if docker version >/dev/null 2>&1; then
  echo "[docker-setup] a Docker engine already answers: nothing to do"
  exit 0
fi

started=$(date +%s)
if ! command -v dockerd >/dev/null 2>&1; then
  echo "[docker-setup] installing docker.io"
  out="$(mktemp)"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io; } >"$out" 2>&1; then
    cat "$out" >&2
    exit 1
  fi
  rm -f "$out"
fi

# alive NAME PIDFILE: the pid file names a live process called NAME (a killed daemon can linger as a zombie, and a
# stale pid file makes a new dockerd wait for a containerd that is gone).
alive() {
  local pid
  pid="$(cat "$2" 2>/dev/null || true)"
  [ -n "$pid" ] && [ "$(ps -o stat=,comm= -p "$pid" 2>/dev/null | awk '$1 !~ /^Z/ {print $2}')" = "$1" ]
}

answers() {
  docker version >/dev/null 2>&1
}

for attempt in 1 2; do
  if alive dockerd /var/run/docker.pid; then
    echo "[docker-setup] dockerd is running: waiting for it"
    engine=""
  else
    rm -f /var/run/docker.pid
    alive containerd /var/run/docker/containerd/containerd.pid || rm -f /var/run/docker/containerd/containerd.pid
    echo "[docker-setup] starting dockerd (log: $log_file)"
    mkdir -p "$(dirname "$log_file")"
    # setsid + closed stdin/stdout: the engine outlives this script and holds none of its pipes.
    setsid dockerd --iptables=false --bridge=none --ip-masq=false </dev/null >>"$log_file" 2>&1 &
    engine=$!
  fi
  deadline=$(( $(date +%s) + 30 ))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if answers; then
      echo "[docker-setup] engine ready in $(( $(date +%s) - started )) s: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
      exit 0
    fi
    if [ -n "$engine" ] && ! kill -0 "$engine" 2>/dev/null; then
      echo "[docker-setup] dockerd exited before it answered (attempt $attempt)" >&2
      break
    fi
    sleep 0.2
  done
done
echo "[docker-setup] no Docker engine answers; last lines of $log_file:" >&2
tail -n 30 "$log_file" >&2 || true
exit 1
