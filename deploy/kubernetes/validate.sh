#!/usr/bin/env bash
# Renders the kustomize base and the example overlay and validates every manifest against the
# Kubernetes API's JSON schemas (deploy/kubernetes/validate: kubernetes-models from npm, offline once
# installed), then checks that the validator refuses a broken manifest. Run by ./mvnw verify.
#   deploy/kubernetes/validate.sh [OUT_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mkdir -p "${1:-$here/../../target/kubernetes}" && cd "${1:-$here/../../target/kubernetes}" && pwd)
for tool in kubectl node npm; do
  command -v "$tool" >/dev/null || { echo "validate.sh needs $tool (kubectl for kustomize)" >&2; exit 1; }
done

tools="$out/validator"
mkdir -p "$tools"
cp "$here/validate/package.json" "$here/validate/package-lock.json" "$here/validate/validate.mjs" "$tools/"
if ! cmp -s "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed" 2>/dev/null; then
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) \
    || (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$tools/package-lock.json" "$tools/node_modules/.package-lock.json.installed"
fi

kubectl kustomize "$here/base" >"$out/base.yaml"
kubectl kustomize "$here/overlays/example" >"$out/example.yaml"
node "$tools/validate.mjs" "$out/base.yaml" "$out/example.yaml"

# The validator must be able to fail: a broken manifest is refused, for each of its errors.
if node "$tools/validate.mjs" "$here/validate/testdata/broken.yaml" >"$out/broken.txt" 2>&1; then
  echo "the validator accepted validate/testdata/broken.yaml" >&2
  exit 1
fi
for expected in "replicas must be integer" "must have required property port" \
  "must have required property selector" "protocol must be equal to one of the allowed values"; do
  grep -qF "$expected" "$out/broken.txt" || { echo "the validator missed: $expected" >&2; cat "$out/broken.txt" >&2; exit 1; }
done
echo "kubernetes manifests: valid; the broken example is refused ($(grep -c '^INVALID' "$out/broken.txt") invalid documents)"
