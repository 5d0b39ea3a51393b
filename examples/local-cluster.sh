#!/usr/bin/env bash
# Starts a whole cluster on this machine that assembles itself through runconfig-service's
# rendezvous: creates a job (1 chief, 2 ps, 4 workers by default), then starts one process per
# node, all at once. Each is `runconfig join` without an index: the service hands out the slots,
# and once every node is in, each runs COMMAND with its own TF_CONFIG. The job is deleted at exit.
#
# Usage: local-cluster.sh [COMMAND [ARG...]]
#   COMMAND                what every node runs (default: prints its TF_CONFIG task as JSON)
#   RUNCONFIG_SERVER       the service (default http://127.0.0.1:8080)
#   RUNCONFIG_JOB          the job's name (default local-<this shell's pid>)
#   RUNCONFIG_ADMIN_TOKEN  the service's admin token, when it has one
#   CLUSTER                task counts, JSON (default {"chief": 1, "ps": 2, "worker": 4})
#   BASE_PORT              the first node's port, the others the next ones (default 2222)
#   JOIN_TIMEOUT           seconds the nodes may take to gather (default 600)
#   RUNCONFIG              how to run the CLI (default runconfig; e.g. "node dist/cli/runconfig.js")
# Needs bash, curl and jq. Every line a node prints is prefixed with "[its member name] ", its
# stdout on stdout, its stderr (runconfig's progress) on stderr.
# Exit codes: 0 every node's command exited 0; 1 some node failed (runconfig join's code: 3 the
# round expired, 4 the join was refused; or its command's); 2 usage, or the service refused the
# job (its message on stderr); 3 the service cannot be reached.
set -euo pipefail

server=${RUNCONFIG_SERVER:-http://127.0.0.1:8080}
server=${server%/}
job=${RUNCONFIG_JOB:-local-$$}
cluster=${CLUSTER:-'{"chief": 1, "ps": 2, "worker": 4}'}
base_port=${BASE_PORT:-2222}
timeout=${JOIN_TIMEOUT:-600}
read -ra runconfig <<< "${RUNCONFIG:-runconfig}"
if [[ $# -gt 0 ]]; then
  command=("$@")
else
  # shellcheck disable=SC2016 # jq's own syntax, not the shell's
  command=(jq -cn 'env.TF_CONFIG | fromjson | .task')
fi

fail () { # exit code, message
  printf 'local-cluster: %s\n' "$2" >&2
  exit "$1"
}

for tool in curl jq; do
  command -v "$tool" > /dev/null || fail 2 "$tool is needed (Debian: apt-get install -y $tool)"
done
jq -e 'type == "object" and all(.[]; type == "number")' <<< "$cluster" > /dev/null 2>&1 ||
  fail 2 "CLUSTER must be a JSON object of task counts, not $cluster"
auth=()
[[ -n ${RUNCONFIG_ADMIN_TOKEN:-} ]] && auth=(-H "authorization: Bearer $RUNCONFIG_ADMIN_TOKEN")

body=$(mktemp)
pids=()
members=()
cleanup () {
  # nodes still waiting (Ctrl-C) are stopped; the job goes, so the next run starts clean
  for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
  curl -sS -o /dev/null -X DELETE "${auth[@]}" "$server/v1/jobs/$job" 2> /dev/null || true
  rm -f "$body"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

status=$(curl -sS -o "$body" -w '%{http_code}' -X PUT "${auth[@]}" -H 'content-type: application/json' \
  --data-binary "$(jq -cn --argjson cluster "$cluster" --argjson timeout "$timeout" '{cluster: $cluster, join_timeout_secs: $timeout}')" \
  "$server/v1/jobs/$job") || fail 3 "cannot reach runconfig-service at $server"
[[ $status == 201 ]] || fail 2 "runconfig-service answered $status to PUT /v1/jobs/$job: $(jq -r '.message // .' "$body" 2> /dev/null || cat "$body")"
token=$(jq -r .token "$body")

# one node: joins as `member` with `role` on `port` (no index: the service picks the slot), then runs the command
start_node () { # member role port
  "${runconfig[@]}" join --server "$server" --job "$job" --token="$token" --member "$1" --role "$2" \
    --host 127.0.0.1 --port "$3" --timeout "$timeout" -- "${command[@]}" \
    > >(sed -u "s/^/[$1] /") 2> >(sed -u "s/^/[$1] /" >&2)
}

port=$base_port
while read -r role count; do
  for ((i = 0; i < count; i++)); do
    # named by port, not index: which index a node gets is the service's choice
    start_node "$role-$port" "$role" "$port" &
    pids+=($!)
    members+=("$role-$port")
    port=$((port + 1))
  done
done < <(jq -r 'to_entries[] | "\(.key) \(.value)"' <<< "$cluster")

failed=0
for n in "${!pids[@]}"; do
  code=0
  wait "${pids[n]}" || code=$?
  if [[ $code != 0 ]]; then
    printf 'local-cluster: %s exited %d\n' "${members[n]}" "$code" >&2
    failed=1
  fi
done
pids=()
exit "$failed"
