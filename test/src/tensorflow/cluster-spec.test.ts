import t from 'tap'
import { ClusterSpec, isEmptyCluster } from '../../../src/tensorflow/cluster-spec.js'
import { RunConfigError } from '../../../src/errors.js'
import { pyJsonLoads } from '../../../src/python/json-loads.js'

function failure (fn: () => unknown): { exception: string, message: string } | 'no error' {
  try {
    fn()
    return 'no error'
  } catch (error) {
    if (!(error instanceof RunConfigError)) throw error
    return { exception: error.exception, message: error.message }
  }
}

t.test('rejects what is not a dict, and job values that are not lists or dicts', async (t) => {
  const notDict = 'TypeError: `cluster` must be a dictionary mapping one or more job names to lists of network addresses, or a `ClusterDef` protocol buffer'
  for (const cluster of [null, [], 'x', 5, true]) {
    t.same(failure(() => new ClusterSpec(cluster)), { exception: 'TypeError', message: notDict.slice('TypeError: '.length) })
  }
  t.same(failure(() => new ClusterSpec({ worker: 'w:1' })), {
    exception: 'TypeError',
    message: "The tasks for job 'worker' must be a list or a dictionary from integers to strings."
  })
})

t.test('sparse keys go through int(), and the later of colliding keys wins', async (t) => {
  // (parsed from text: a JavaScript object literal would list "1" first)
  const spec = new ClusterSpec(pyJsonLoads('{"worker": {"01": "a:1", " 3 ": "b:1", "1": "c:1", "1_0": "d:1"}}'))
  t.same(spec.asDict(), { worker: { 1: 'c:1', 3: 'b:1', 10: 'd:1' } })
  t.equal(spec.repr(), "ClusterSpec({'worker': {1: 'c:1', 3: 'b:1', 10: 'd:1'}})")
  t.same(failure(() => new ClusterSpec({ worker: { a: 'x:1' } })), {
    exception: 'ValueError', message: "invalid literal for int() with base 10: 'a'"
  })
})

t.test('checks addresses and int32 indices in sorted job order, after the first pass', async (t) => {
  t.same(failure(() => new ClusterSpec({ worker: ['w:1', 5], chief: [null] })), {
    exception: 'TypeError', message: 'Task address None must be bytes or unicode'
  })
  t.same(failure(() => new ClusterSpec({ b: [['a', 'b']], a: { 2147483648: 'x:1' } })), {
    exception: 'ValueError', message: 'Value out of range: 2147483648'
  })
  t.same(failure(() => new ClusterSpec({ w: { 1: 5 } })), { exception: 'TypeError', message: 'Task address 5 must be bytes or unicode' })
  t.same(failure(() => new ClusterSpec({ a: [5], b: 'not a job' })), {
    exception: 'TypeError', message: "The tasks for job 'b' must be a list or a dictionary from integers to strings."
  })
})

t.test('job_tasks counts holes and follows Python list assignment', async (t) => {
  const spec = new ClusterSpec(pyJsonLoads('{"w": {"1": "a", "4": "b"}, "neg": {"-1": "x", "1": "y"}, "only": {"-1": "z"}, "empty": []}'))
  const holes = spec.jobTasks('w')
  t.equal(holes.length, 5)
  t.same([holes.at(0), holes.at(1), holes.at(4)], [undefined, 'a', 'b'])
  t.equal(spec.jobTasks('w'), holes, 'cached')
  // ret = [None, None]; ret[-1] = 'x' lands on index 1, then ret[1] = 'y' overwrites it
  t.same([spec.jobTasks('neg').length, spec.jobTasks('neg').at(1)], [2, 'y'])
  t.same(failure(() => spec.jobTasks('only')), { exception: 'IndexError', message: 'list assignment index out of range' })
  t.same(failure(() => spec.jobTasks('empty')), { exception: 'ValueError', message: 'max() arg is an empty sequence' })
  t.same(failure(() => spec.jobTasks('nope')), { exception: 'ValueError', message: "No such job in cluster: 'nope'" })
  t.equal(spec.countTasks('w'), 2)
  t.equal(spec.countTasks('missing'), 0)
})

t.test('as_dict keeps job order; repr sorts jobs and quotes like Python', async (t) => {
  const spec = new ClusterSpec({ worker: ['w:1'], chief: ["it's:1"], ps: [], __proto__x: ['p'] })
  t.same(Object.keys(spec.asDict()), ['worker', 'chief', 'ps', '__proto__x'])
  t.equal(spec.repr(), 'ClusterSpec({\'__proto__x\': [\'p\'], \'chief\': ["it\'s:1"], \'ps\': {}, \'worker\': [\'w:1\']})')
  t.equal(spec.repr(), spec.repr(), 'cached')
  t.same(spec.jobs, ['worker', 'chief', 'ps', '__proto__x'])
})

t.test('a job named __proto__ is an ordinary job', async (t) => {
  const cluster = JSON.parse('{"__proto__": ["p:1"], "chief": ["c:1"]}')
  const spec = new ClusterSpec(cluster)
  t.same(spec.jobs, ['__proto__', 'chief'])
  t.ok(Object.hasOwn(spec.asDict(), '__proto__'))
})

t.test('task_address as the distribute coordinator looks tasks up', async (t) => {
  const spec = new ClusterSpec({ worker: ['w0:1', 'w1:1'] })
  t.equal(spec.taskAddress('worker', 1n), 'w1:1')
  t.same(failure(() => spec.taskAddress(null, 0n)), { exception: 'ValueError', message: 'No such job in cluster: None' })
  t.same(failure(() => spec.taskAddress('worker', 5n)), { exception: 'ValueError', message: "No task with index 5 in job 'worker'" })
  t.same(failure(() => spec.taskAddress(['worker'], 0n)), { exception: 'TypeError', message: "unhashable type: 'list'" })
  t.same(failure(() => spec.taskAddress({}, 0n)), { exception: 'TypeError', message: "unhashable type: 'dict'" })
  t.same(failure(() => spec.taskAddress('worker', -1n)), { exception: 'ValueError', message: "No task with index -1 in job 'worker'" })
  const sparse = new ClusterSpec({ worker: { 3: 'w3:1' } })
  t.equal(sparse.taskAddress('worker', 3n), 'w3:1')
  t.same(failure(() => sparse.taskAddress('worker', 0n)), { exception: 'ValueError', message: "No task with index 0 in job 'worker'" })
})

t.test('truthiness of a cluster_spec value', async (t) => {
  t.equal(isEmptyCluster(new ClusterSpec({})), true)
  t.equal(isEmptyCluster(new ClusterSpec({ worker: [] })), false)
  t.equal(isEmptyCluster({}), true)
  t.equal(isEmptyCluster('remote'), false)
})
