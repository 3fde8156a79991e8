#!/usr/bin/env bash
# make examples: every example directory is formatted and validates on its
# own with the locally built provider (offline init from the local mirror).
set -euo pipefail
: "${PLUGIN_DIR:?}" "${BUILD_DIR:?}" "${NAMESPACE:?}"
root=$(cd "$(dirname "$0")/.." && pwd)
terraform fmt -check -recursive "$root/examples"

status=0
for dir in $(find "$root/examples" -name '*.tf' -exec dirname {} \; | sort -u); do
  name=${dir#"$root"/}
  work="$BUILD_DIR/examples/${name//\//_}"
  rm -rf "$work" && mkdir -p "$work"
  cp "$dir"/*.tf "$work"/
  if ! grep -qs 'required_providers' "$work"/*.tf; then
    printf 'terraform {\n  required_providers {\n    openbanking = { source = "%s/openbanking" }\n  }\n}\n' "$NAMESPACE" >"$work/providers_override.tf"
  fi
  if terraform -chdir="$work" init -input=false -no-color -plugin-dir="$PLUGIN_DIR" >"$work/init.log" 2>&1 &&
    terraform -chdir="$work" validate -no-color >"$work/validate.log" 2>&1; then
    echo "ok   $name"
  else
    echo "FAIL $name"
    cat "$work"/init.log "$work"/validate.log 2>/dev/null | tail -20
    status=1
  fi
done
exit $status
