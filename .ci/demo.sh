#!/usr/bin/env bash
# make demo: start the sandbox on loopback, apply examples/quickstart with the
# locally built provider (offline init), print the outputs, show that a second
# plan is empty, destroy, stop the sandbox.
set -euo pipefail
: "${SANDBOX_ADDR:?}" "${PLUGIN_DIR:?}" "${BUILD_DIR:?}"
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib.sh
source "$root/.ci/lib.sh"
work="$BUILD_DIR/demo"
log="$BUILD_DIR/sandbox.log"

rm -rf "$work" && mkdir -p "$work"
cp "$root"/examples/quickstart/*.tf "$work"/

"$root/bin/openbanking-sandbox" -addr "$SANDBOX_ADDR" >"$log" 2>&1 &
sandbox_pid=$!
trap 'kill $sandbox_pid 2>/dev/null || true; wait $sandbox_pid 2>/dev/null || true' EXIT

wait_ready "$log" "$sandbox_pid"
cat "$log"

export OBP_URL="http://$SANDBOX_ADDR"
export OBP_USERNAME=sandbox.admin OBP_PASSWORD=Sandbox-Admin-Pass-1 OBP_CONSUMER_KEY=sandbox-consumer-key-0001
export THREDD_URL="$OBP_URL/thredd" THREDD_CLIENT_ID=sandbox-program-manager
export TRUELAYER_API_URL="$OBP_URL/truelayer" TRUELAYER_AUTH_URL="$OBP_URL/truelayer"
export TRUELAYER_CLIENT_ID=sandbox-openbanking-1a2b3c TRUELAYER_CLIENT_SECRET=sandbox-secret-9f8e7d6c5b4a
export CDR_URL="$OBP_URL/cdr" CDR_BEARER_TOKEN=cdr-sandbox-access-token
export IVY_URL="$OBP_URL/ivy" IVY_API_KEY=ivy_sandbox_0123456789abcdef

# No colour codes in CI logs.
color=()
[ -n "${CI:-}" ] && color=(-no-color)
tf() { local cmd=$1; shift; terraform -chdir="$work" "$cmd" "${color[@]}" "$@"; }
echo "== terraform init (offline, provider from $PLUGIN_DIR)"
tf init -input=false -plugin-dir="$PLUGIN_DIR"
echo "== terraform apply"
tf apply -input=false -auto-approve
echo "== outputs"
tf output
echo "== second plan (must be empty)"
set +e
tf plan -input=false -detailed-exitcode
plan_status=$?
set -e
if [ "$plan_status" -ne 0 ]; then
  echo "the second plan is not empty (terraform plan exit code $plan_status)" >&2
  exit 1
fi
echo "== terraform destroy"
tf destroy -input=false -auto-approve
echo "demo finished: apply, empty second plan and destroy all succeeded"
