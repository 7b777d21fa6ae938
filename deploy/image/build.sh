#!/usr/bin/env bash
# Builds the container image from target/quarkus-app without a daemon (Maven: ./mvnw package -Pimage).
#   build.sh JIB_CLASSPATH BASE TARGET NAME
# BASE "debian" (the default) means the Debian base that build-base.sh makes (cached); anything else is
# a registry reference (UBI, Temurin, ...). TARGET is tar://FILE (an OCI image archive) or registry://REF.
set -euo pipefail
cd "$(dirname "$0")/../.."
classpath=$1 base=$2 target=$3 name=$4
if [[ "$base" == "debian" ]]; then
  deploy/image/build-base.sh target/image/base.tar
  base="tar://$PWD/target/image/base.tar"
fi
exec "${JAVA_HOME:-/usr}/bin/java" -cp "$classpath" deploy/image/ImageBuild.java \
  target/quarkus-app "$base" "$target" "$name"
