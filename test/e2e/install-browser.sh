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
apt-get update -q >&2
apt-get install -y -q --no-install-recommends chromium-headless-shell >&2
echo "[install-browser] chromium-headless-shell installed in $((SECONDS - t0)) s" >&2
echo /usr/bin/chromium-headless-shell
