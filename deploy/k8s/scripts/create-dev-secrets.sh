#!/usr/bin/env bash
# Creates the Secrets of the dev overlay with fresh random values (nothing is written to disk or to the
# repository). Idempotent: an existing Secret is left as it is, so data encrypted with its keys stays readable.
#   deploy/k8s/scripts/create-dev-secrets.sh [namespace]      (default: anaiss-dev)
# Production Secrets are created the same way by the operators of the fund: see deploy/k8s/README.md.
set -euo pipefail
ns="${1:-anaiss-dev}"
command -v openssl >/dev/null || { echo "openssl is needed to generate keys" >&2; exit 1; }

create() { # create <name> <kubectl create secret generic arguments...>
  local name="$1"; shift
  if kubectl -n "$ns" get secret "$name" >/dev/null 2>&1; then
    echo "secret $name exists: kept"
  else
    kubectl -n "$ns" create secret generic "$name" "$@" >/dev/null
    echo "secret $name created"
  fi
}

key() { openssl rand -base64 32; }

kubectl get namespace "$ns" >/dev/null 2>&1 || kubectl create namespace "$ns"
# one NIR hash key for case-service and outreach-service: both must compute the same blind index
create anaiss-nir-hash --from-literal=nir-hash-key="$(key)"
create case-service-crypto --from-literal=keys="k1:$(key)" --from-literal=active-key=k1
create outreach-service-crypto --from-literal=keys="k1:$(key)" --from-literal=active-key=k1
# the directory client's secret: the dev overlay imports the realm file as it is, with its local secret
create case-service-directory --from-literal=client-secret=directory-local-only
create stats-service-noise --from-literal=noise-keys="n1:0001-01-01:0.5:$(key)"
# the gateway's web sessions (tokens encrypted at rest, CSRF tokens): one key for every replica
create gateway-web-session --from-literal=session-key="$(key)" --from-literal=access-log-key="$(key)"
