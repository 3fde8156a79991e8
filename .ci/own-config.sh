#!/usr/bin/env bash
# Runs the README's "Use it with your own configuration" section as written:
# its first sh block (the sandbox) in the background, its second in a shell
# whose HOME is a temporary directory. Fails when a command fails or terraform
# prints a warning.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=lib.sh
source "$root/.ci/lib.sh"

section=$(awk '/^## Use it with your own configuration$/ {on=1; next} on && /^## / {exit} on' README.md)
block() { # the n-th sh block of the section
  awk -v n="$1" '/^```sh$/ {i++; if (i == n) {on=1; next}} on && /^```$/ {exit} on' <<<"$section"
}
sandbox_block=$(block 1)
user_block=$(block 2)
[ -n "$sandbox_block" ] && [ -n "$user_block" ] || { echo "README section or its sh blocks not found" >&2; exit 1; }

work=$(mktemp -d)
log="$work/sandbox.log"
# Keep the Go caches of the real HOME: the block's HOME is empty.
export GOCACHE=$(go env GOCACHE) GOMODCACHE=$(go env GOMODCACHE) GOPATH=$(go env GOPATH)

setsid bash -c "$sandbox_block" >"$log" 2>&1 &
sandbox_pid=$!
cleanup() {
  kill -- -"$sandbox_pid" 2>/dev/null || true
  wait "$sandbox_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

wait_ready "$log" "$sandbox_pid"

mkdir -p "$work/home"
set +e
HOME="$work/home" TF_CLI_CONFIG_FILE= bash -euo pipefail -c "$user_block" >"$work/out.log" 2>&1
status=$?
set -e
cat "$work/out.log"
if [ "$status" -ne 0 ]; then
  echo "the README's own-configuration block failed (exit code $status)" >&2
  exit 1
fi
if grep -q 'Warning:' "$work/out.log"; then
  echo "terraform printed a warning while following the README's own-configuration block" >&2
  exit 1
fi
echo "the README's own-configuration section works as written"
