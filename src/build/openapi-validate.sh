#!/usr/bin/env bash
# Validates the OpenAPI document the build stored with openapi-generator's `validate --recommend`:
# the build fails on any error, warning or recommendation (docs/sdk.md).
set -euo pipefail
cli="$1"
document="$2"
report="$(dirname "$document")/validate.txt"
java -jar "$cli" validate --recommend -i "$document" | tee "$report"
if ! grep -q 'No validation issues detected' "$report"; then
  echo "openapi-generator found issues in $document (see above); docs/sdk.md lists the rules" >&2
  exit 1
fi
