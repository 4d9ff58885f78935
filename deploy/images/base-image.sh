#!/usr/bin/env bash
# Makes the base image of the ANAISS services from Debian 12 packages, with no registry and no Docker:
# the Java 17 runtime (openjdk-17-jre-headless) and the libraries it loads, CA certificates, time
# zones, a user 185 and a writable /tmp. No shell, no package manager. The result is an image
# tarball (docker-save layout) that Jib reads as "tar://<file>" (the default of -Danaiss.image.base).
#
#   deploy/images/base-image.sh [output.tar]     (default: $ANAISS_CACHE/images/anaiss-jre17-base.tar)
#
# Needs: a Debian 12 (bookworm) machine whose apt lists are current (apt-get update), dpkg-deb, tar,
# sha256sum, a JDK 17 (to write the Java trust store). Packages come from the machine's apt sources
# at their current (security-updated) versions: run it again to pick up Debian's security updates.
# /var/lib/dpkg/status lists what the image holds, so image scanners (Trivy, Grype) see the packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${ANAISS_CACHE:-$HOME/.cache/anaiss}"
out="${1:-$cache/images/anaiss-jre17-base.tar}"

# the runtime and the shared libraries of its native code (ldd of libjvm, libzip, libnet, libawt_headless,
# libfontmanager, liblcms, libjavajpeg: fonts and images work headless, as OpenPDF needs)
packages=(
  base-files netbase tzdata ca-certificates
  libc6 libgcc-s1 libstdc++6 zlib1g
  openjdk-17-jre-headless
  libfreetype6 libpng16-16 libbrotli1 libharfbuzz0b libgraphite2-3 libglib2.0-0 libpcre2-8-0 liblcms2-2 libjpeg62-turbo
)
jre=/usr/lib/jvm/java-17-openjdk-amd64

need() { command -v "$1" >/dev/null || { echo "base-image.sh needs $1: $2" >&2; exit 1; }; }
need apt-get "a Debian or Ubuntu machine (this script downloads Debian packages with apt-get download)"
need dpkg-deb "the dpkg package"
need sha256sum "coreutils"
need java "a JDK 17 on the PATH"
if [ -z "$(apt-cache policy openjdk-17-jre-headless 2>/dev/null | awk '/Candidate:/ {print $2}' | grep -v none)" ]; then
  echo "apt knows no openjdk-17-jre-headless: run 'apt-get update' first (Debian 12 sources)" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debs" "$work/rootfs" "$work/image" "$(dirname "$out")"
root="$work/rootfs"

# merged /usr, as Debian 12 installs it: /bin, /sbin, /lib, /lib64 are links into /usr
mkdir -p "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib" "$root/usr/lib64"
for d in bin sbin lib lib64; do ln -s "usr/$d" "$root/$d"; done

(cd "$work/debs" && apt-get download -q "${packages[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2 || true)
[ "$(ls "$work/debs" | wc -l)" -eq "${#packages[@]}" ] || { echo "apt-get download did not bring every package" >&2; exit 1; }

mkdir -p "$root/var/lib/dpkg"
: > "$root/var/lib/dpkg/status"
for deb in "$work"/debs/*.deb; do
  dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$root"
  # the package's control fields, marked installed: what scanners read
  dpkg-deb -f "$deb" | sed '/^Package:/a Status: install ok installed' >> "$root/var/lib/dpkg/status"
  echo >> "$root/var/lib/dpkg/status"
done

# what maintainer scripts would have done: the java command, the Java trust store from ca-certificates
ln -sf "$jre/bin/java" "$root/usr/bin/java"
mkdir -p "$root/etc/ssl/certs/java"
java "$here/CaCerts.java" "$root/usr/share/ca-certificates/mozilla" "$root/etc/ssl/certs/java/cacerts"
# the PEM bundle other libraries look for
cat "$root"/usr/share/ca-certificates/mozilla/*.crt > "$root/etc/ssl/certs/ca-certificates.crt"

# no documentation, manual pages or locales: nobody reads them in a container
rm -rf "$root/usr/share/doc" "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/lintian" "$root/usr/share/locale"

# the services' user (185, as in the Deployments); /tmp is the only place they write (an emptyDir)
mkdir -p "$root/home/anaiss" "$root/tmp"
chmod 1777 "$root/tmp"
chown 185:185 "$root/home/anaiss"
cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
anaiss:x:185:185:ANAISS services:/home/anaiss:/usr/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
anaiss:x:185:
GROUP

# one layer, reproducible: sorted, fixed times, numeric owners
tar -C "$root" --sort=name --mtime=@0 --numeric-owner -cf "$work/image/layer.tar" .
diff_id="sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)"
versions="$(for deb in "$work"/debs/*.deb; do dpkg-deb -f "$deb" Package Version | paste -sd= | sed 's/Package: //;s/=Version: /=/'; done | paste -sd, )"
cat > "$work/image/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"185:185","WorkingDir":"/","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","LANG=C.UTF-8","JAVA_HOME=$jre"],
  "Labels":{"org.opencontainers.image.title":"anaiss-jre17-base","org.opencontainers.image.description":"Java 17 runtime from Debian 12 packages, no shell","org.anaiss.base.packages":"$versions"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"deploy/images/base-image.sh"}]}
JSON
echo '[{"Config":"config.json","RepoTags":["anaiss/jre17-base:debian12"],"Layers":["layer.tar"]}]' > "$work/image/manifest.json"
tar -C "$work/image" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$out.tmp" manifest.json config.json layer.tar
mv "$out.tmp" "$out"
echo "wrote $out ($(du -h "$out" | cut -f1), openjdk-17-jre-headless $(dpkg-deb -f "$work"/debs/openjdk-17-jre-headless_*.deb Version))"
