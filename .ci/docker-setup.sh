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

if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "[docker-setup] starting dockerd (log: $log_file)"
  mkdir -p "$(dirname "$log_file")"
  # setsid + closed stdin/stdout: the engine outlives this script and holds none of its pipes.
  setsid dockerd --iptables=false --bridge=none --ip-masq=false </dev/null >>"$log_file" 2>&1 &
fi

for _ in $(seq 1 300); do
  if docker version >/dev/null 2>&1; then
    echo "[docker-setup] engine ready in $(( $(date +%s) - started )) s: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
    exit 0
  fi
  sleep 0.1
done
echo "[docker-setup] the Docker engine did not answer within 30 s; last lines of $log_file:" >&2
tail -n 30 "$log_file" >&2 || true
exit 1
