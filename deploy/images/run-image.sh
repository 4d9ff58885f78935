#!/usr/bin/env bash
# Runs an image tarball built by Jib (OCI layout) without Docker or any container runtime, the way
# Kubernetes runs it: its layers unpacked into a root filesystem mounted read-only, a fresh tmpfs on /tmp,
# its entrypoint, environment and working directory, as its user (185). A check of the image, not a
# sandbox: it shares the host's network (the service finds the local infrastructure on 127.0.0.1) and
# needs root for unshare and chroot.
#   deploy/images/run-image.sh <image.tar> [VAR=value ...]      Ctrl-C (or a kill of this script) stops it
# Example: deploy/images/run-image.sh gateway/target/gateway-0.1.0-SNAPSHOT-image.tar ANAISS_GATEWAY_PORT=8080
set -euo pipefail
[ $# -ge 1 ] && [ -f "$1" ] || { echo "usage: $0 <image.tar> [VAR=value ...]" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "$0 needs root (unshare, chroot)" >&2; exit 1; }
for c in unshare chroot jq tar; do command -v $c >/dev/null || { echo "$0 needs $c" >&2; exit 1; }; done
image="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; shift
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/oci" "$work/rootfs"
tar -xf "$image" -C "$work/oci"
blob() { echo "$work/oci/blobs/${1/://}"; }
manifest="$(blob "$(jq -r '.manifests[0].digest' "$work/oci/index.json")")"
config="$(blob "$(jq -r '.config.digest' "$manifest")")"
# layers in order; OCI whiteouts do not occur in these images (nothing is deleted by a later layer)
for layer in $(jq -r '.layers[].digest' "$manifest"); do
  tar -xzf "$(blob "$layer")" -C "$work/rootfs" --keep-directory-symlink 2>/dev/null
done
user="$(jq -r '.config.User' "$config")"
workdir="$(jq -r '.config.WorkingDir // "/"' "$config")"
mapfile -t entrypoint < <(jq -r '.config.Entrypoint[]' "$config")
mapfile -t envs < <(jq -r '.config.Env[]' "$config")
echo "image $(jq -r '.manifests[0].annotations["org.opencontainers.image.ref.name"]' "$work/oci/index.json"): user $user, entrypoint ${entrypoint[*]}" >&2
# a private mount and PID namespace: the root filesystem read-only, /tmp a fresh tmpfs, /proc, /dev and the
# host's /etc/hosts and resolv.conf; then the entrypoint in the image's root, working directory and user,
# with nothing but the image's environment and the VAR=value arguments
uid="${user%%:*}"; gid="${user#*:}"; [ "$gid" != "$user" ] || gid="$uid"
mkdir -p "$work/rootfs/proc" "$work/rootfs/dev" "$work/rootfs/tmp" "$work/rootfs/etc"
touch "$work/rootfs/etc/hosts" "$work/rootfs/etc/resolv.conf"
# in the background, so that Ctrl-C or a kill of this script stops the service: unshare ignores TERM while it
# waits, so the signal goes to its child, the entrypoint (PID 1 of the namespace; Quarkus shuts down cleanly)
unshare --mount --pid --fork --kill-child=TERM --propagation private bash -c '
  set -e
  root="$1"; shift
  mount --bind "$root" "$root"
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs -o size=64m,mode=1777 tmpfs "$root/tmp"
  mount --bind /etc/hosts "$root/etc/hosts"
  mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
  mount -o remount,bind,ro "$root"
  exec "$@"
' run-image "$work/rootfs" \
  env -i "${envs[@]}" "$@" \
  unshare --root="$work/rootfs" --wd="$workdir" --setgid "$gid" --setuid "$uid" "${entrypoint[@]}" &
child=$!
trap 'pkill -TERM -P $child; wait $child; rm -rf "$work"; exit 143' INT TERM
wait $child
