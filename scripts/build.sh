#!/usr/bin/env bash
# Packages server.ts and client.ts for the Docker host's Linux architecture
# into bin/server/ and bin/client/, each self-contained with an executable
# entrypoint of the same name (bin/server/server, bin/client/client).
#
# First choice is `deno compile`. It fetches a runtime on first use, which
# fails where the network is closed; the fallback then bundles each entry
# into one JavaScript file and ships it beside a copy of the local Deno
# runtime with a small launcher. Nothing is downloaded by the fallback.
#
# Prints exactly one line naming the packaging used.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

readonly APPS=(server client)
readonly PERMISSIONS=(--allow-net --allow-read --allow-write --allow-env --allow-sys --unstable-net)
readonly COMPILE_TIMEOUT_SECONDS=300

fail() {
  echo "build: $*" >&2
  exit 1
}

# The architecture images will run on: the Docker daemon's when reachable.
target_arch() {
  local arch
  arch=$(docker info --format '{{.Architecture}}' 2>/dev/null) || arch=$(uname -m)
  case "$arch" in
    x86_64 | amd64) echo x86_64 ;;
    aarch64 | arm64) echo aarch64 ;;
    *) fail "Cannot build: unsupported architecture '$arch'" ;;
  esac
}

# Succeeds when every app compiled; otherwise prints a short reason.
try_compile() {
  local arch=$1 app log rc
  log=$(mktemp)
  for app in "${APPS[@]}"; do
    rc=0
    timeout "$COMPILE_TIMEOUT_SECONDS" deno compile --quiet --no-check \
      "${PERMISSIONS[@]}" --target "$arch-unknown-linux-gnu" \
      --output "bin/$app/$app" "$app.ts" >"$log" 2>&1 || rc=$?
    if ((rc != 0)); then
      compile_failure_reason "$rc" "$log"
      rm -f "$log"
      return 1
    fi
  done
  rm -f "$log"
}

# Deno's own message names the download host; say what happened instead.
compile_failure_reason() {
  local rc=$1 log=$2
  if ((rc == 124)); then
    echo "timed out after ${COMPILE_TIMEOUT_SECONDS} s"
  elif grep -q 'Setting up base binary' "$log"; then
    echo "its runtime could not be downloaded"
  else
    echo "deno compile exited with code $rc"
  fi
}

bundle_app() {
  local app=$1 runtime=$2 dir="bin/$1"
  deno bundle --quiet --platform deno --output "$dir/$app.js" "$app.ts" \
    || fail "Cannot bundle $app.ts: see the error above"

  cp "$runtime" "$dir/deno"
  write_launcher "$app" >"$dir/$app"
  chmod 0755 "$dir/$app" "$dir/deno"
}

# The launcher execs, so Deno keeps the launcher's PID (1 in a container) and
# receives SIGTERM itself. Caches go to a writable place even when HOME is
# not, and nothing is ever fetched or prompted for at run time.
write_launcher() {
  local app=$1
  cat <<LAUNCHER
#!/bin/sh
# Runs the bundled $app with the Deno runtime shipped beside it.
dir=\$(CDPATH= cd -- "\$(dirname -- "\$0")" && pwd -P)
DENO_DIR=\${DENO_DIR:-\${TMPDIR:-/tmp}/deno-$app}
DENO_NO_UPDATE_CHECK=1
DENO_NO_PROMPT=1
export DENO_DIR DENO_NO_UPDATE_CHECK DENO_NO_PROMPT
exec "\$dir/deno" run --quiet --no-config --no-remote --no-npm --no-prompt \\
  ${PERMISSIONS[*]} "\$dir/$app.js" "\$@"
LAUNCHER
}

# The copied runtime must run where the images run.
host_runtime() {
  local arch=$1 runtime
  runtime=$(readlink -f "$(command -v deno)")
  [[ "$(uname -m)" == "$arch" ]] \
    || fail "Cannot use the local Deno runtime: it is $(uname -m), the Docker host is $arch"
  echo "$runtime"
}

main() {
  command -v deno >/dev/null || fail "Cannot build: deno is not on PATH"
  local arch app reason runtime
  arch=$(target_arch)
  for app in "${APPS[@]}"; do
    rm -rf "bin/$app"
    mkdir -p "bin/$app"
  done

  if reason=$(try_compile "$arch"); then
    echo "build: packaging: compiled (deno compile, $arch)"
    return
  fi

  runtime=$(host_runtime "$arch")
  for app in "${APPS[@]}"; do
    rm -rf "bin/$app"
    mkdir -p "bin/$app"
    bundle_app "$app" "$runtime"
  done
  echo "build: packaging: bundle + deno runtime (deno compile unavailable: $reason)"
}

main
