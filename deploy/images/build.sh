#!/usr/bin/env bash
# Builds the four services' images without Docker: the base from Debian packages (once, or again with
# --refresh-base to take Debian's security updates), then Jib writes <service>/target/<service>-<version>-image.tar
# (OCI) and <service>-<version>-cyclonedx.json, the SBOM that the image also carries in /deployments/sbom/.
#   deploy/images/build.sh [--refresh-base] [extra Maven arguments, e.g. -Danaiss.image.tag=1.2.0]
# To push to a registry instead: ./mvnw -B package -DskipTests -Pimages-push -Danaiss.image.registry=<registry/path>
# with a base reachable there (-Danaiss.image.base=<registry image>, or this tarball).
set -euo pipefail
source "$(cd "$(dirname "$0")/../local" && pwd)/env.sh"
base="$ANAISS_CACHE/images/anaiss-jre17-base.tar"
if [ "${1:-}" = --refresh-base ] || [ ! -f "$base" ]; then
  [ "${1:-}" = --refresh-base ] && shift
  "$ANAISS_ROOT/deploy/images/base-image.sh" "$base"
fi
cd "$ANAISS_ROOT"
./mvnw -B package -DskipTests -Pimages -Danaiss.image.base="tar://$base" \
  -pl gateway,case-service,outreach-service,stats-service -am "$@"
for s in gateway case-service outreach-service stats-service; do
  ls -l "$s"/target/*-image.tar "$s"/target/*-cyclonedx.json
done
