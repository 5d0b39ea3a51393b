#!/usr/bin/env bash
# Checks a cluster with runconfig-service before starting anything, then prints every node's
# environment as a shell script: sourcing it sets nothing, it defines runconfig_node. On each
# node, before starting its trainer: . ./plan.sh && runconfig_node TYPE INDEX (exports that
# node's TF_CONFIG and RUNCONFIG_* variables).
#
# Usage: launcher.sh CLUSTER_FILE
#   CLUSTER_FILE   what POST /v1/cluster-plan takes: {"cluster": {...}, "tf_config"?, "config"?, "evaluator"?}
#   RUNCONFIG_URL  the service (default http://127.0.0.1:8080)
# Needs bash, curl and jq. Warnings go to stderr; the environments to stdout.
# Exit codes: 0 every node comes up right; 1 TensorFlow would fail on some node (listed on stderr);
# 2 usage, or the service refused the file (its message on stderr); 3 the service cannot be reached.
set -euo pipefail

url=${RUNCONFIG_URL:-http://127.0.0.1:8080}
url=${url%/}

fail () { # exit code, message
  printf 'launcher: %s\n' "$2" >&2
  exit "$1"
}

[[ $# -eq 1 ]] || fail 2 'usage: launcher.sh CLUSTER_FILE'
file=$1
[[ -f $file && -r $file ]] || fail 2 "cannot read $file"
for tool in curl jq; do
  command -v "$tool" > /dev/null || fail 2 "$tool is needed (Debian: apt-get install -y $tool)"
done

body=$(mktemp)
trap 'rm -f "$body"' EXIT

# POSTs the cluster file to the service; the answer goes to $body, a refusal ends the script
post () { # path
  local status
  # --data-binary: -d would drop the file's newlines
  status=$(curl -sS -o "$body" -w '%{http_code}' -H 'content-type: application/json' --data-binary "@$file" "$url$1") ||
    fail 3 "cannot reach runconfig-service at $url"
  if [[ $status != 200 ]]; then
    # errors are JSON in every format: {statusCode, code?, error, message}
    fail 2 "runconfig-service answered $status to POST $1: $(jq -r '.message // .' "$body" 2> /dev/null || cat "$body")"
  fi
}

post /v1/cluster-plan/lint
jq -r '.warnings[] | "warning: \(.code) at \(.pointer): \(.message)\n  hint: \(.hint)"' "$body" >&2
if [[ $(jq -r '.ok' "$body") != true ]]; then
  jq -r 'if (.failed_nodes | length) > 0
    then "launcher: TensorFlow would fail on \(.failed_nodes | length) node(s); nothing is started:",
      (.failed_nodes[] | "  \(.task_type) \(.task_id): \(.exception): \(.message)")
    else "launcher: TensorFlow cannot read the cluster; nothing is started: \(.error.exception): \(.error.message)" end' "$body" >&2
  exit 1
fi

post '/v1/cluster-plan/exports?format=shell'
cat "$body"
