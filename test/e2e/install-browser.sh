#!/usr/bin/env bash
# Headless Chromium for the editor session of the e2e run (Debian's chromium-headless-shell;
# a browser download by playwright cannot be used here). No-op when one is installed.
# Prints the browser's path as the last stdout line.
set -euo pipefail
for b in "${E2E_CHROMIUM:-}" /usr/bin/chromium-headless-shell /usr/bin/chromium; do
  if [ -n "$b" ] && [ -x "$b" ]; then echo "$b"; exit 0; fi
done
t0=$SECONDS
export DEBIAN_FRONTEND=noninteractive
# Another apt-get may run at the same time (CI installs other packages in the background):
# wait for dpkg's lock, and retry while the package lists are locked.
apt_get() {
  local i
  for i in $(seq 1 60); do
    apt-get -o DPkg::Lock::Timeout=600 "$@" >&2 && return 0
    echo "[install-browser] apt-get $1 failed (attempt $i), retrying in 10 s" >&2
    sleep 10
  done
  return 1
}
apt_get update -q
apt_get install -y -q --no-install-recommends chromium-headless-shell
echo "[install-browser] chromium-headless-shell installed in $((SECONDS - t0)) s" >&2
echo /usr/bin/chromium-headless-shell
