// The start-delay timeline's geometry: one bar per node on a seconds axis. Pure numbers; the
// page turns them into SVG elements.

export const LABEL_WIDTH = 130
export const CHART_WIDTH = 640
export const ROW_HEIGHT = 22
export const AXIS_HEIGHT = 26
const BAR_HEIGHT = 14
/** A node that starts at once still gets a visible bar. */
const MIN_BAR = 3
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]
const MAX_TICKS = 8

export interface TimelineRow { key: string, delay: number | null }
export interface Timeline {
  width: number
  height: number
  bars: Array<{ key: string, delay: number | null, x: number, y: number, width: number, height: number }>
  ticks: Array<{ x: number, label: string }>
}

/** The tick step: the smallest round number of seconds that needs at most MAX_TICKS ticks. */
export function tickStep (maxSecs: number): number {
  for (const step of TICK_STEPS) if (maxSecs / step <= MAX_TICKS) return step
  return Math.ceil(maxSecs / MAX_TICKS / 3600) * 3600
}

export function layoutTimeline (rows: TimelineRow[]): Timeline {
  const maxDelay = Math.max(0, ...rows.map((row) => row.delay ?? 0))
  const step = tickStep(maxDelay)
  const axisEnd = Math.max(step, Math.ceil(maxDelay / step) * step)
  const plotWidth = CHART_WIDTH - LABEL_WIDTH - 16
  const scale = plotWidth / axisEnd
  const bars = rows.map((row, i) => ({
    key: row.key,
    delay: row.delay,
    x: LABEL_WIDTH,
    y: AXIS_HEIGHT + i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
    width: Math.max(MIN_BAR, (row.delay ?? 0) * scale),
    height: BAR_HEIGHT
  }))
  const ticks = []
  for (let secs = 0; secs <= axisEnd; secs += step) ticks.push({ x: LABEL_WIDTH + secs * scale, label: `${secs} s` })
  return { width: CHART_WIDTH, height: AXIS_HEIGHT + rows.length * ROW_HEIGHT + 4, bars, ticks }
}
