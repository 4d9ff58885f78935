#!/usr/bin/env bash
# The browser of the browser tests: Debian's chromium and chromium-driver (ChromeDriver of the same
# version), installed with apt-get when missing; never a browser downloaded from elsewhere. As root
# (CI) directly, otherwise through sudo when it is there. Also checks Node and npm, which the build
# uses for the web look (gateway) and axe-core (system-tests).
set -euo pipefail
source "$(dirname "$0")/env.sh"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "${need[*]} missing and no apt-get here: install Chromium and its ChromeDriver at /usr/bin"
  as=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "${need[*]} missing: run 'apt-get install -y ${need[*]}' as root"
    as=(sudo)
  fi
  log "installing ${need[*]} with apt-get (Debian's packages, about 2 minutes)"
  "${as[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${as[@]}" apt-get install -y -qq "${need[@]}" >&2
fi
command -v node >/dev/null && command -v npm >/dev/null \
  || die "Node.js (20 or later) and npm are needed by the build: apt-get install -y nodejs npm"
