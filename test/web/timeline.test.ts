import t from 'tap'
import { AXIS_HEIGHT, CHART_WIDTH, LABEL_WIDTH, layoutTimeline, ROW_HEIGHT, tickStep } from '../../web/lib/timeline.js'

t.test('the tick step is the smallest round step giving at most 8 ticks', async (t) => {
  t.same([0, 8, 9, 20, 40, 70, 3600, 100_000].map(tickStep), [1, 1, 2, 5, 5, 10, 600, 14_400])
})

t.test('one bar per node, as long as its delay; zero and null get a sliver', async (t) => {
  const layout = layoutTimeline([{ key: 'chief:0', delay: 0 }, { key: 'worker:0', delay: 5 }, { key: 'worker:1', delay: 10 }, { key: 'evaluator:0', delay: null }])
  const plot = CHART_WIDTH - LABEL_WIDTH - 16
  t.same(layout.bars.map((bar) => [bar.key, bar.delay, bar.width]), [
    ['chief:0', 0, 3], ['worker:0', 5, plot / 2], ['worker:1', 10, plot], ['evaluator:0', null, 3]
  ])
  t.same(layout.bars.map((bar) => bar.y), [0, 1, 2, 3].map((i) => AXIS_HEIGHT + i * ROW_HEIGHT + 4))
  t.same(layout.ticks.map((tick) => tick.label), ['0 s', '2 s', '4 s', '6 s', '8 s', '10 s'])
  t.equal(layout.height, AXIS_HEIGHT + 4 * ROW_HEIGHT + 4)
})

t.test('no delay at all still draws a one-second axis', async (t) => {
  t.same(layoutTimeline([{ key: 'chief:0', delay: 0 }]).ticks.map((tick) => tick.label), ['0 s', '1 s'])
})
