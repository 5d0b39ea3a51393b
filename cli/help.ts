/** `runconfig --help`. */
export const HELP = `Usage: runconfig <command> [options]

What tf.estimator.RunConfig and train_and_evaluate decide on each node, offline,
with TensorFlow's own exceptions and messages.

Commands:
  resolve            One node. TF_CONFIG from --tf-config, else the TF_CONFIG
                     variable (unset if neither), as the node would see it
  plan FILE          Every node of a cluster. FILE (- for stdin) holds what
                     POST /v1/cluster-plan takes: {"cluster": {...}, "tf_config"?,
                     "config"?, "evaluator"?, "include"?}
  lint FILE          Which nodes fail, and what would go wrong at launch on the
                     others (warning codes: docs/lint.md)
  lease --host HOST  Lease a port on HOST from a server and print it (runconfig
                     lease --help)
  serve              The HTTP API on $HOST:$PORT (default 127.0.0.1:8080) until
                     SIGINT or SIGTERM; $LOG_LEVEL sets the log level

Options:
  -f, --format FORMAT    json (default), ndjson, dotenv (env is the same), shell
                         (export lines for eval), kubernetes (each node's pod env
                         entries)
      --tf-config TEXT   resolve: the node's TF_CONFIG text
      --config JSON      resolve: RunConfig arguments, as in '{"model_dir": "/m"}'
      --task TYPE:INDEX  plan: only this node, as in worker:1
  -h, --help             This help
  -V, --version          The version

Formats by command:
  resolve  json, ndjson (one line), dotenv, shell: TF_CONFIG (when set) and
           RUNCONFIG_TASK_TYPE, _TASK_ID, _MASTER, _EVALUATION_MASTER, _IS_CHIEF,
           _NUM_PS_REPLICAS, _NUM_WORKER_REPLICAS, _GLOBAL_ID_IN_CLUSTER,
           _MODEL_DIR, _START_DELAY_SECS, _TRAIN_AND_EVALUATE_PATH (strings as
           they are, other values as JSON)
  plan     json, ndjson (one node per line), dotenv and shell (each node's TF_CONFIG
           under a "# TYPE INDEX" comment), kubernetes
  lint     json, ndjson (one warning per line)

Exit codes:
  0   ok
  1   TensorFlow would fail: "Exception: message" on stderr; plan and lint then
      list every failing node; resolve also fails when train_and_evaluate would
      raise on the node (its answer is still printed)
  2   usage error: unknown command or option, unreadable FILE, invalid JSON, or
      a request the HTTP API would answer with 400
  70  internal error, or the server could not start

Examples:
  eval "$(runconfig plan cluster.json --task worker:1 --format shell)"
  TF_CONFIG='{"cluster": {"chief": ["c:2222"]}, "task": {"type": "chief", "index": 0}}' runconfig resolve
  runconfig lint cluster.json --format ndjson
`
