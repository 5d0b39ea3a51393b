// The start-delay timeline as an SVG chart: one bar per node, seconds on the x axis.
import { s } from './dom.js'
import { layoutTimeline, type TimelineRow } from './lib/timeline.js'

export function timelineSvg (rows: TimelineRow[]): SVGSVGElement {
  const layout = layoutTimeline(rows)
  const chart = s('svg', {
    class: 'timeline',
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    role: 'img',
    'aria-label': 'Start delay of each node, in seconds: ' +
      rows.map((row) => `${row.key} ${row.delay ?? 'none'}`).join(', ')
  })
  for (const tick of layout.ticks) {
    chart.append(
      s('line', { class: 'tick', x1: tick.x, x2: tick.x, y1: 18, y2: layout.height }),
      s('text', { class: 'tick-label', x: tick.x, y: 12, 'text-anchor': 'middle' }, tick.label)
    )
  }
  for (const bar of layout.bars) {
    const middle = bar.y + bar.height / 2
    chart.append(
      s('text', { class: 'bar-label', x: bar.x - 8, y: middle, 'text-anchor': 'end', 'dominant-baseline': 'central' }, bar.key),
      s('rect', {
        class: bar.delay === null ? 'bar none' : 'bar',
        'data-delay-bar': bar.key,
        x: bar.x,
        y: bar.y,
        width: bar.width,
        height: bar.height,
        rx: 2
      }, s('title', {}, `${bar.key}: starts after ${bar.delay ?? 'no'} s`))
    )
  }
  return chart
}
