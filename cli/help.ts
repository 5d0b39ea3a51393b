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
  lint --node FILE   One node: FILE (- for stdin) holds its TF_CONFIG text;
                     --config JSON its RunConfig arguments
  lease --host HOST  Lease a port on HOST from a server and print it (runconfig
                     lease --help)
  serve              The HTTP API on $HOST:$PORT (default 127.0.0.1:8080) until
                     SIGINT or SIGTERM; $LOG_LEVEL sets the log level

Options:
  -f, --format FORMAT    json (default), ndjson, dotenv (env is the same), shell
                         (export lines for eval), kubernetes (each node's pod env
                         entries)
      --tf-config TEXT   resolve: the node's TF_CONFIG text
      --config JSON      resolve, lint --node: RunConfig arguments, as in
                         '{"model_dir": "/m"}'
      --task TYPE:INDEX  plan: only this node, as in worker:1; shell and dotenv
                         then give its variables directly
      --tf-config-dir DIR
                         plan (shell, dotenv): write each node's TF_CONFIG to
                         DIR/TYPE-INDEX.json; the nodes get RUNCONFIG_TF_CONFIG_FILE
                         instead of TF_CONFIG (for TF_CONFIGs over Linux's 128 KiB
                         limit; load them with examples/tf_config_shim.py)
      --node             lint: FILE is one node's TF_CONFIG
  -h, --help             This help
  -V, --version          The version

Formats by command:
  resolve  json, ndjson (one line), dotenv, shell: TF_CONFIG and
           RUNCONFIG_TASK_TYPE, _TASK_ID, _MASTER, _EVALUATION_MASTER, _IS_CHIEF,
           _NUM_PS_REPLICAS, _NUM_WORKER_REPLICAS, _GLOBAL_ID_IN_CLUSTER,
           _MODEL_DIR, _START_DELAY_SECS, _TRAIN_AND_EVALUATE_PATH (strings as
           they are, other values as JSON; None, and an unset TF_CONFIG, left
           unset: 'unset NAME' in shell, no line in dotenv)
  plan     json, ndjson (one node per line), shell (a function:
           '. ./plan.sh && runconfig_node worker 1' exports that node's
           variables; sourcing alone sets none), dotenv (a block per node under
           a "# TYPE INDEX" comment: load one block), kubernetes
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
  runconfig plan cluster.json --format shell > plan.sh && . ./plan.sh && runconfig_node ps 0
`
