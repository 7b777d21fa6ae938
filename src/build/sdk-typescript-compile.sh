#!/usr/bin/env bash
# Strict-compiles the generated TypeScript SDK together with src/sdk-ts/usage.ts, with the TypeScript
# version the build names, installed from npm into target/typescript (docs/sdk.md).
set -euo pipefail
version="$1"
tools=target/typescript
if [ ! -x "$tools/node_modules/.bin/tsc" ] || [ "$("$tools/node_modules/.bin/tsc" --version)" != "Version $version" ]; then
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "typescript@$version"
fi
"$tools/node_modules/.bin/tsc" --version
"$tools/node_modules/.bin/tsc" -p src/sdk-ts/tsconfig.json
echo "TypeScript SDK compiled with --strict"
