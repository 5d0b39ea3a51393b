// The plan routes' 413s (not a plugin): each names the limit and what to ask instead

const MiB = 1024 * 1024

/** A cluster over a task limit; `cli` is the CLI command that does the same without one. */
export function tooManyTasks (tasks: number, limit: number, what: 'plan' | 'plan with include' | 'lint', cli: string): string {
  const head = `body/cluster has ${tasks} tasks; a ${what} covers at most ${limit}`
  if (what === 'plan with include') {
    return `${head} (each node then carries the whole cluster). Instead: leave include out; ask one node's with ` +
      `POST /v1/cluster-plan/exports?format=ndjson&task=TYPE:INDEX; or run the CLI, which has no limit: ${cli}`
  }
  return `${head}. Instead: run the CLI, which has no limit: ${cli}`
}

/** A whole plan's rendering estimated over the answer limit: each node's TF_CONFIG holds the whole cluster. */
export function answerTooLarge (tasks: number, format: string, estimate: number, limit: number): string {
  return `a plan of ${tasks} tasks in format ${format} would be about ${Math.ceil(estimate / MiB)} MiB (each node's ` +
    `TF_CONFIG holds the whole cluster), over the limit of ${limit / MiB} MiB. Instead: let each node ask ` +
    `for its own with &task=TYPE:INDEX (as in &task=worker:0), or run the CLI, which has no limit: runconfig plan FILE --format ${format}`
}
