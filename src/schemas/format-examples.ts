// The renderings openapi.yaml shows, written out: the seed cluster's worker 1 (one node) and its whole plan.
// test/src/schemas.test.ts renders them with the core and compares, so they cannot drift from what it answers.
// Worker 1's lines are written once: each plan example holds them as that node's block.

/** The text with `by` before each of its lines (a plan's shell function indents each node's export lines). */
const indented = (text: string, by: string) => text.replace(/^(?=.)/gm, by)

/** POST /v1/run-config/exports?format=shell for the seed TF_CONFIG. */
export const SEED_NODE_SHELL = `export TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"worker","index":1}}'
export RUNCONFIG_TASK_TYPE='worker'
export RUNCONFIG_TASK_ID='1'
export RUNCONFIG_MASTER='grpc://host4:2222'
export RUNCONFIG_EVALUATION_MASTER=''
export RUNCONFIG_IS_CHIEF='false'
export RUNCONFIG_NUM_PS_REPLICAS='2'
export RUNCONFIG_NUM_WORKER_REPLICAS='4'
export RUNCONFIG_GLOBAL_ID_IN_CLUSTER='2'
unset RUNCONFIG_MODEL_DIR
export RUNCONFIG_START_DELAY_SECS='10'
export RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_worker'
`

/** …?format=dotenv for the seed TF_CONFIG. */
export const SEED_NODE_DOTENV = `TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"worker","index":1}}'
RUNCONFIG_TASK_TYPE='worker'
RUNCONFIG_TASK_ID='1'
RUNCONFIG_MASTER='grpc://host4:2222'
RUNCONFIG_EVALUATION_MASTER=''
RUNCONFIG_IS_CHIEF='false'
RUNCONFIG_NUM_PS_REPLICAS='2'
RUNCONFIG_NUM_WORKER_REPLICAS='4'
RUNCONFIG_GLOBAL_ID_IN_CLUSTER='2'
RUNCONFIG_START_DELAY_SECS='10'
RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_worker'
`

/** …?format=kubernetes for the seed TF_CONFIG. */
export const SEED_NODE_KUBERNETES = {
  env: [
    { name: 'TF_CONFIG', value: '{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"worker","index":1}}' },
    { name: 'RUNCONFIG_TASK_TYPE', value: 'worker' },
    { name: 'RUNCONFIG_TASK_ID', value: '1' },
    { name: 'RUNCONFIG_MASTER', value: 'grpc://host4:2222' },
    { name: 'RUNCONFIG_EVALUATION_MASTER', value: '' },
    { name: 'RUNCONFIG_IS_CHIEF', value: 'false' },
    { name: 'RUNCONFIG_NUM_PS_REPLICAS', value: '2' },
    { name: 'RUNCONFIG_NUM_WORKER_REPLICAS', value: '4' },
    { name: 'RUNCONFIG_GLOBAL_ID_IN_CLUSTER', value: '2' },
    { name: 'RUNCONFIG_START_DELAY_SECS', value: '10' },
    { name: 'RUNCONFIG_TRAIN_AND_EVALUATE_PATH', value: 'run_worker' }
  ]
}

/** POST /v1/cluster-plan/exports?format=shell for the seed cluster. */
export const SEED_PLAN_SHELL = `# A cluster plan of 6 node(s). Sourcing this file sets no variable: it defines the
# shell function runconfig_node. \`runconfig_node TYPE INDEX\` then exports that node's variables
# and unsets the ones that are None, e.g. runconfig_node worker 0.
runconfig_node () {
  if [ "$#" -ne 2 ]; then
    echo "usage: runconfig_node TYPE INDEX, e.g. runconfig_node worker 0" >&2
    return 2
  fi
  case "$2" in
    '' | *[!0-9-]*) echo "runconfig_node: INDEX must be a number, not $2" >&2; return 2 ;;
  esac
  case "$1 $2" in
    'chief 0')
      export TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"chief","index":0}}'
      export RUNCONFIG_TASK_TYPE='chief'
      export RUNCONFIG_TASK_ID='0'
      export RUNCONFIG_MASTER='grpc://host0:2222'
      export RUNCONFIG_EVALUATION_MASTER=''
      export RUNCONFIG_IS_CHIEF='true'
      export RUNCONFIG_NUM_PS_REPLICAS='2'
      export RUNCONFIG_NUM_WORKER_REPLICAS='4'
      export RUNCONFIG_GLOBAL_ID_IN_CLUSTER='0'
      unset RUNCONFIG_MODEL_DIR
      export RUNCONFIG_START_DELAY_SECS='0'
      export RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_chief'
      ;;
    'worker 0')
      export TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"worker","index":0}}'
      export RUNCONFIG_TASK_TYPE='worker'
      export RUNCONFIG_TASK_ID='0'
      export RUNCONFIG_MASTER='grpc://host3:2222'
      export RUNCONFIG_EVALUATION_MASTER=''
      export RUNCONFIG_IS_CHIEF='false'
      export RUNCONFIG_NUM_PS_REPLICAS='2'
      export RUNCONFIG_NUM_WORKER_REPLICAS='4'
      export RUNCONFIG_GLOBAL_ID_IN_CLUSTER='1'
      unset RUNCONFIG_MODEL_DIR
      export RUNCONFIG_START_DELAY_SECS='5'
      export RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_worker'
      ;;
    'worker 1')
${indented(SEED_NODE_SHELL, '      ')}      ;;
    'worker 2')
      export TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"worker","index":2}}'
      export RUNCONFIG_TASK_TYPE='worker'
      export RUNCONFIG_TASK_ID='2'
      export RUNCONFIG_MASTER='grpc://host5:2222'
      export RUNCONFIG_EVALUATION_MASTER=''
      export RUNCONFIG_IS_CHIEF='false'
      export RUNCONFIG_NUM_PS_REPLICAS='2'
      export RUNCONFIG_NUM_WORKER_REPLICAS='4'
      export RUNCONFIG_GLOBAL_ID_IN_CLUSTER='3'
      unset RUNCONFIG_MODEL_DIR
      export RUNCONFIG_START_DELAY_SECS='15'
      export RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_worker'
      ;;
    'ps 0')
      export TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"ps","index":0}}'
      export RUNCONFIG_TASK_TYPE='ps'
      export RUNCONFIG_TASK_ID='0'
      export RUNCONFIG_MASTER='grpc://host1:2222'
      export RUNCONFIG_EVALUATION_MASTER=''
      export RUNCONFIG_IS_CHIEF='false'
      export RUNCONFIG_NUM_PS_REPLICAS='2'
      export RUNCONFIG_NUM_WORKER_REPLICAS='4'
      export RUNCONFIG_GLOBAL_ID_IN_CLUSTER='4'
      unset RUNCONFIG_MODEL_DIR
      export RUNCONFIG_START_DELAY_SECS='0'
      export RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_ps'
      ;;
    'ps 1')
      export TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"ps","index":1}}'
      export RUNCONFIG_TASK_TYPE='ps'
      export RUNCONFIG_TASK_ID='1'
      export RUNCONFIG_MASTER='grpc://host2:2222'
      export RUNCONFIG_EVALUATION_MASTER=''
      export RUNCONFIG_IS_CHIEF='false'
      export RUNCONFIG_NUM_PS_REPLICAS='2'
      export RUNCONFIG_NUM_WORKER_REPLICAS='4'
      export RUNCONFIG_GLOBAL_ID_IN_CLUSTER='5'
      unset RUNCONFIG_MODEL_DIR
      export RUNCONFIG_START_DELAY_SECS='0'
      export RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_ps'
      ;;
    *)
      echo "runconfig_node: this plan has no node $1 $2" >&2
      return 1
      ;;
  esac
}
`

/** …?format=dotenv for the seed cluster. */
export const SEED_PLAN_DOTENV = `# A cluster plan of 6 node(s), a block each under its "# TYPE INDEX" line. Load one
# block, not the whole file: loaded whole, the last node's values would win. One node's
# file alone: runconfig plan FILE --format dotenv --task TYPE:INDEX.

# chief 0
TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"chief","index":0}}'
RUNCONFIG_TASK_TYPE='chief'
RUNCONFIG_TASK_ID='0'
RUNCONFIG_MASTER='grpc://host0:2222'
RUNCONFIG_EVALUATION_MASTER=''
RUNCONFIG_IS_CHIEF='true'
RUNCONFIG_NUM_PS_REPLICAS='2'
RUNCONFIG_NUM_WORKER_REPLICAS='4'
RUNCONFIG_GLOBAL_ID_IN_CLUSTER='0'
RUNCONFIG_START_DELAY_SECS='0'
RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_chief'

# worker 0
TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"worker","index":0}}'
RUNCONFIG_TASK_TYPE='worker'
RUNCONFIG_TASK_ID='0'
RUNCONFIG_MASTER='grpc://host3:2222'
RUNCONFIG_EVALUATION_MASTER=''
RUNCONFIG_IS_CHIEF='false'
RUNCONFIG_NUM_PS_REPLICAS='2'
RUNCONFIG_NUM_WORKER_REPLICAS='4'
RUNCONFIG_GLOBAL_ID_IN_CLUSTER='1'
RUNCONFIG_START_DELAY_SECS='5'
RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_worker'

# worker 1
${SEED_NODE_DOTENV}
# worker 2
TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"worker","index":2}}'
RUNCONFIG_TASK_TYPE='worker'
RUNCONFIG_TASK_ID='2'
RUNCONFIG_MASTER='grpc://host5:2222'
RUNCONFIG_EVALUATION_MASTER=''
RUNCONFIG_IS_CHIEF='false'
RUNCONFIG_NUM_PS_REPLICAS='2'
RUNCONFIG_NUM_WORKER_REPLICAS='4'
RUNCONFIG_GLOBAL_ID_IN_CLUSTER='3'
RUNCONFIG_START_DELAY_SECS='15'
RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_worker'

# ps 0
TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"ps","index":0}}'
RUNCONFIG_TASK_TYPE='ps'
RUNCONFIG_TASK_ID='0'
RUNCONFIG_MASTER='grpc://host1:2222'
RUNCONFIG_EVALUATION_MASTER=''
RUNCONFIG_IS_CHIEF='false'
RUNCONFIG_NUM_PS_REPLICAS='2'
RUNCONFIG_NUM_WORKER_REPLICAS='4'
RUNCONFIG_GLOBAL_ID_IN_CLUSTER='4'
RUNCONFIG_START_DELAY_SECS='0'
RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_ps'

# ps 1
TF_CONFIG='{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"ps","index":1}}'
RUNCONFIG_TASK_TYPE='ps'
RUNCONFIG_TASK_ID='1'
RUNCONFIG_MASTER='grpc://host2:2222'
RUNCONFIG_EVALUATION_MASTER=''
RUNCONFIG_IS_CHIEF='false'
RUNCONFIG_NUM_PS_REPLICAS='2'
RUNCONFIG_NUM_WORKER_REPLICAS='4'
RUNCONFIG_GLOBAL_ID_IN_CLUSTER='5'
RUNCONFIG_START_DELAY_SECS='0'
RUNCONFIG_TRAIN_AND_EVALUATE_PATH='run_ps'
`

/** The first two lines of …?format=ndjson for the seed cluster. */
export const SEED_PLAN_NDJSON = `{"task_type":"chief","task_id":0,"address":"host0:2222","global_id_in_cluster":0,"is_chief":true,"master":"grpc://host0:2222","evaluation_master":"","num_ps_replicas":2,"num_worker_replicas":4,"session_config":{"deviceFilters":["/job:ps","/job:chief"],"allowSoftPlacement":true,"graphOptions":{"rewriteOptions":{"metaOptimizerIterations":"ONE"}}},"start_delay_secs":0}
{"task_type":"worker","task_id":0,"address":"host3:2222","global_id_in_cluster":1,"is_chief":false,"master":"grpc://host3:2222","evaluation_master":"","num_ps_replicas":2,"num_worker_replicas":4,"session_config":{"deviceFilters":["/job:ps","/job:worker/task:0"],"allowSoftPlacement":true,"graphOptions":{"rewriteOptions":{"metaOptimizerIterations":"ONE"}}},"start_delay_secs":5}
`

/** The first two nodes of …?format=kubernetes for the seed cluster. */
export const SEED_PLAN_KUBERNETES = {
  nodes: [
    {
      task_type: 'chief',
      task_id: 0,
      env: [{ name: 'TF_CONFIG', value: '{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"chief","index":0}}' }]
    },
    {
      task_type: 'worker',
      task_id: 0,
      env: [{ name: 'TF_CONFIG', value: '{"cluster":{"chief":["host0:2222"],"ps":["host1:2222","host2:2222"],"worker":["host3:2222","host4:2222","host5:2222"]},"task":{"type":"worker","index":0}}' }]
    }
  ]
}
