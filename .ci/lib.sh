# Shell helpers of the CI scripts.

# wait_ready LOG PID: wait until the sandbox writing LOG prints its "ready:"
# line; fail, showing LOG, when process PID stops first or after a minute.
wait_ready() {
  local log=$1 pid=$2
  for _ in $(seq 1 600); do
    grep -q '^ready: ' "$log" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "the sandbox stopped before it was ready" >&2; return 1; }
    sleep 0.1
  done
  cat "$log"
  echo "the sandbox did not become ready" >&2
  return 1
}
