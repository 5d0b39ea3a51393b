import t from 'tap'
import { countTasks, planCost } from '../../../src/index.js'

t.test('countTasks: dense jobs by length, sparse jobs by their defined indices', async (t) => {
  t.equal(countTasks({ chief: ['c:1'], worker: ['w:1', 'w:2'], ps: { 0: 'p:1', 7: 'p:2' } }), 5)
  t.equal(countTasks({}), 0)
})

t.test('planCost: tasks, times the body per node when each node carries the cluster', async (t) => {
  t.equal(planCost(1_000, false, 65_000), 1_000)
  t.equal(planCost(100, true, 6_500), 750)
  t.equal(planCost(200, true, 13_000), 2_800)
})
