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
create stats-service-noise --from-literal=noise-key="n1:$(key)"
