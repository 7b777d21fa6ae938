#!/usr/bin/env bash
# Builds the container image's base from Debian packages, without a container engine or registry:
# debootstrap --variant=minbase + a headless JRE 17 + the non-root user 185, written as a
# docker-archive tar (manifest.json, config, one layer) that Jib starts from (tar://…).
#
#   deploy/image/build-base.sh OUT.tar
#
# The result is cached under ${QM_IMAGE_CACHE:-~/.cache/quartermaster} by a hash of this recipe, so
# only the first build on a machine (about 2-4 minutes) pays for debootstrap; a clean clone builds it.
# Needs root (debootstrap chroots) and the debootstrap package (installed here when missing).
set -euo pipefail

OUT=${1:?usage: build-base.sh OUT.tar}
SUITE=${QM_BASE_SUITE:-bookworm}
MIRROR=${QM_BASE_MIRROR:-http://deb.debian.org/debian}
# tzdata for zone ids, ca-certificates for outbound TLS (webhooks, an external identity provider)
PACKAGES=${QM_BASE_PACKAGES:-openjdk-17-jre-headless,ca-certificates,tzdata}
APP_UID=185
CACHE=${QM_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/quartermaster}

here=$(cd "$(dirname "$0")" && pwd)
key=$( (cat "$here/build-base.sh"; echo "$SUITE $MIRROR $PACKAGES") | sha256sum | cut -c1-16)
cached="$CACHE/base-$SUITE-$key.tar"
mkdir -p "$CACHE" "$(dirname "$OUT")"

if [[ -s "$cached" ]]; then
  echo "base image: cached $cached"
  cp --reflink=auto "$cached" "$OUT"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "build-base.sh needs root (debootstrap chroots); or copy a built base to $cached" >&2
  exit 1
fi
if ! command -v debootstrap >/dev/null; then
  echo "installing debootstrap"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/qm-base.XXXXXX")
# debootstrap mounts /proc and /sys in the target while it works: unmount before removing anything
cleanup() {
  local status=$?
  for m in "$work/rootfs/proc" "$work/rootfs/sys"; do
    if mountpoint -q "$m" 2>/dev/null; then umount -R "$m" || true; fi
  done
  rm -rf --one-file-system "$work" || true
  exit "$status"
}
trap cleanup EXIT
root="$work/rootfs"
echo "base image: debootstrap $SUITE (minbase + $PACKAGES) into $root"
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 || {
  tail -n 40 "$work/debootstrap.log" >&2
  exit 1
}

# The application's user: uid 185, group 0 (files group-readable, as OpenShift's arbitrary uids expect).
chroot "$root" /usr/sbin/useradd --system --uid "$APP_UID" --gid 0 --home-dir /deployments --no-create-home \
  --shell /usr/sbin/nologin quartermaster
install -d -o "$APP_UID" -g 0 -m 0775 "$root/deployments"
# What a running container does not need: package caches and lists, documentation, man pages.
rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
  "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/var/log/*.log "$root"/var/log/apt/* \
  "$root"/tmp/* "$root"/var/tmp/*
java_home=$(dirname "$(dirname "$(readlink -f "$root/usr/bin/java" | sed "s|^$root||")")")

# One layer, reproducible order and times; /dev, /proc and /sys are the runtime's to provide.
layer="$work/layer.tar"
tar --create --file "$layer" --directory "$root" --sort=name --numeric-owner --mtime='@0' \
  --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' .
diff_id=$(sha256sum "$layer" | cut -d' ' -f1)
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)

mkdir -p "$work/archive"
mv "$layer" "$work/archive/layer.tar"
cat >"$work/archive/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"$created",
 "config":{"User":"$APP_UID","WorkingDir":"/deployments",
  "Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8","JAVA_HOME=$java_home"],
  "Labels":{"org.opencontainers.image.title":"quartermaster-base","org.opencontainers.image.description":"Debian $SUITE minbase + $PACKAGES"}},
 "rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},
 "history":[{"created":"$created","created_by":"deploy/image/build-base.sh: debootstrap --variant=minbase --include=$PACKAGES $SUITE"}]}
JSON
cat >"$work/archive/manifest.json" <<JSON
[{"Config":"config.json","RepoTags":["quartermaster-base:$SUITE-jre17"],"Layers":["layer.tar"]}]
JSON
tar --create --file "$work/base.tar" --directory "$work/archive" manifest.json config.json layer.tar
mv "$work/base.tar" "$cached.part" && mv "$cached.part" "$cached"
cp --reflink=auto "$cached" "$OUT"
echo "base image: built $cached ($(du -h "$cached" | cut -f1))"
