import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Title, Tooltip, type ChartOptions } from 'chart.js'
import { useEffect, type CSSProperties, type ReactNode } from 'react'
import { Bar } from 'react-chartjs-2'
import { optionOrder, type ScenarioAnalysis } from '../../../../shared/api'
import { gbp, gbpShort, gbpWhole, optionColours, withMinus } from './format'
import { useOptionName } from './optionNames'

ChartJS.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip, Title)

// Printing needs the final frame at once, and charts redraw on every edit.
ChartJS.defaults.animation = false

/**
 * A chart's box on paper in millimetres: the page's width inside its margins (180 of its
 * 186 mm, beside the content's own padding) or half of it, and as tall as leaves room on the
 * one page for the year table above, which grows a row a year past five. The print rules
 * (styles.css, "Cost summary print") size the box from these; the chart is drawn to match.
 */
function onPaper(analysis: ScenarioAnalysis, width: 'full' | 'half'): { 'data-print-size': string; style: CSSProperties } {
  // Past ten years the table takes most of a page: the charts go on to a second at full size.
  const years = analysis.years.length
  const less = years > 10 ? 0 : Math.max(0, years - 5) * 2
  const [w, h] = width === 'full' ? [180, 74 - less] : [88, 70 - less]
  return { 'data-print-size': `${w}x${h}`, style: { '--print-width': `${w}mm`, '--print-height': `${h}mm` } as CSSProperties }
}
const pxPerMm = 96 / 25.4

/**
 * Redraws the charts inside `selector` at their size on paper (their box's data-print-size)
 * when the page is printed, and at their size on screen after. A chart's canvas keeps the
 * size it was drawn at: printed, a chart drawn 1,100 px wide was scaled down to the page's
 * 700 and its text to two thirds. The size is given, not measured, as the browser may tell
 * the page it is printing before it lays the page out for paper.
 */
export function useChartsFollowPrint(selector: string): void {
  useEffect(() => {
    const resize = (printing: boolean): void => {
      for (const chart of Object.values(ChartJS.instances)) {
        if (!chart.canvas.closest(selector)) continue
        const [width, height] = (chart.canvas.parentElement?.dataset.printSize ?? '').split('x').map(Number)
        if (printing && width && height) chart.resize(width * pxPerMm, height * pxPerMm)
        else chart.resize()
      }
    }
    // A test's document (jsdom) has no media queries; the beforeprint and afterprint events still come.
    const print = typeof window.matchMedia === 'function' ? window.matchMedia('print') : null
    const onChange = (e: MediaQueryListEvent): void => resize(e.matches)
    const before = (): void => resize(true)
    const after = (): void => resize(false)
    print?.addEventListener('change', onChange)
    window.addEventListener('beforeprint', before)
    window.addEventListener('afterprint', after)
    return () => {
      print?.removeEventListener('change', onChange)
      window.removeEventListener('beforeprint', before)
      window.removeEventListener('afterprint', after)
    }
  }, [selector])
}

/**
 * An axis of whole pounds, with ticks a whole pound apart at least: left to itself chart.js
 * steps a small range (a scenario that changes nothing saves £0 a year) in tenths, which
 * whole pounds print as '£0 £0 £0 £0 £0 £1 £1 …'.
 */
export const moneyAxis = { ticks: { precision: 0, callback: (v: string | number) => withMinus(gbpWhole(Number(v))) } }

/**
 * The tornado's axis: how far the saving moves, titled, in short pounds kept level and apart.
 * Its whole-pound labels ('-£4,000,000') slanted into each other across half a page.
 */
export const tornadoAxis = {
  stacked: true,
  title: { display: true, text: 'Change in the total saving' },
  ticks: { callback: (v: string | number) => gbpShort(Number(v)), maxRotation: 0, autoSkipPadding: 12 }
}

/** A short chart: cost by option on paper (64 to 74 mm, 240 to 280 px), where the screen gives it 380 px. */
const shortChart = 320
/** The most years whose bars on paper have room for 'Baseline' and 'Proposed' under them; past it, 'B' and 'P'. */
const wordsUpTo = 5

/**
 * Cost by option, baseline beside proposed for each year, stacked. On screen each bar is
 * named ('Y1 baseline'). On paper the chart is short, and at ten years those names slanted
 * into each other and took a third of its height from the bars: there the bars are named
 * level on two lines, 'Baseline' and 'Proposed' (or 'B' and 'P', which the title explains)
 * under each bar and the year once under each pair, and the legend is a size smaller. The
 * chart takes the layout for its height as it is resized (useChartsFollowPrint).
 */
export function CostByOptionChart({ analysis }: { analysis: ScenarioAnalysis }): ReactNode {
  const optionName = useOptionName()
  const labels = analysis.years.flatMap((y) => [`Y${y.year} baseline`, `Y${y.year} proposed`])
  const codes = optionOrder([...Object.keys(analysis.byOption.baseline), ...Object.keys(analysis.byOption.proposed)])
  const colours = optionColours(codes)
  const datasets = codes.map((o, i) => ({
    label: optionName(o),
    backgroundColor: colours[i],
    data: analysis.years.flatMap((_, i) => [analysis.byOption.baseline[o]?.[i] ?? 0, analysis.byOption.proposed[o]?.[i] ?? 0])
  }))
  const title = 'Cost by placement option per year'
  const screen: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    onResize: (chart: ChartJS<'bar'>, size) => (chart.options = size.height < shortChart ? paper : screen),
    plugins: {
      title: { display: true, text: title },
      tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${gbp(c.parsed.y ?? 0)}` } },
      // Below the bars: on the right chart.js gives the legend a quarter of the width (it shares the side with the axis) and cut
      // 'Residential external' to 'Residential exte' beside the editor at 1366 px.
      legend: { position: 'bottom' }
    },
    scales: { x: { stacked: true }, y: { stacked: true, ...moneyAxis } }
  }
  const initials = analysis.years.length > wordsUpTo
  const small = { size: 10 }
  const paper: ChartOptions<'bar'> = {
    ...screen,
    plugins: {
      ...screen.plugins,
      title: { display: true, text: initials ? `${title} (B baseline, P proposed)` : title },
      legend: { position: 'bottom', labels: { font: small, boxWidth: 20 } }
    },
    scales: {
      x: {
        stacked: true,
        // Lines between the years (below), not between a year's two bars.
        grid: { drawOnChartArea: false },
        ticks: {
          font: small,
          maxRotation: 0,
          autoSkip: false,
          callback: (_value, index) => (index % 2 === 0 ? (initials ? 'B' : 'Baseline') : initials ? 'P' : 'Proposed')
        }
      },
      // The years, one under each pair of bars, with a line between each year's pair and the next.
      xYears: {
        type: 'category',
        axis: 'x',
        position: 'bottom',
        labels: analysis.years.map((y) => `Year ${y.year}`),
        offset: true,
        grid: { offset: true },
        ticks: { font: small, maxRotation: 0 }
      },
      y: { stacked: true, ...moneyAxis, ticks: { ...moneyAxis.ticks, font: small } }
    }
  }
  return (
    <div className="chart tall" data-testid="chart-cost-by-option" {...onPaper(analysis, 'full')}>
      <Bar
        data={{ labels, datasets }}
        options={screen}
        aria-label="Stacked bar chart of cost by placement option, baseline and proposed, per year"
        role="img"
      />
    </div>
  )
}

/**
 * A label in lines of about `width` characters, broken at spaces, for the tornado on paper
 * (half a page wide), where chart.js gives its labels at most half the width and cut a long
 * one at its start.
 */
export const wrapLabel = (text: string, width = 34): string[] =>
  text.split(' ').reduce<string[]>((lines, word) => {
    const last = lines.at(-1)
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
    return lines
  }, [])

/** A narrow chart: the tornado on paper. */
const narrowChart = 420
/** Text a size smaller on a narrow chart, where ten assumptions' labels at 12 px were cut at their start. */
const fitFont = (ctx: { chart: { width: number } }): { size: number } => ({ size: ctx.chart.width < narrowChart ? 9 : 12 })

/** How far the total saving moves when each assumption is 20% lower or higher. */
export function TornadoChart({ analysis }: { analysis: ScenarioAnalysis }): ReactNode {
  const rows = analysis.sensitivity.filter((r) => r.swing > 0).slice(0, 10)
  const base = analysis.total.saving
  const options: ChartOptions<'bar'> = {
    indexAxis: 'y',
    responsive: true,
    maintainAspectRatio: false,
    plugins: {
      // Two lines: chart.js does not wrap a title, and on one line it ran past a laptop-width chart.
      title: { display: true, text: [`Sensitivity of the total saving (${gbpWhole(base)})`, 'to ±20% in each assumption'] },
      legend: { labels: { font: fitFont, boxWidth: 30 } },
      tooltip: { callbacks: { label: (c) => `${c.dataset.label}: saving ${gbp(base + (c.parsed.x ?? 0))}` } }
    },
    scales: {
      x: { ...tornadoAxis, ticks: { ...tornadoAxis.ticks, font: fitFont } },
      y: {
        stacked: true,
        ticks: {
          autoSkip: false,
          font: fitFont,
          callback(this: { chart: { width: number } }, _value: string | number, index: number) {
            const label = rows[index]?.label ?? ''
            return this.chart.width < narrowChart ? wrapLabel(label) : label
          }
        }
      }
    }
  }
  return (
    <div className="chart" data-testid="chart-tornado" {...onPaper(analysis, 'half')}>
      <Bar
        role="img"
        aria-label="Tornado chart of the total saving's sensitivity to each assumption"
        options={options}
        data={{
          labels: rows.map((r) => r.label),
          datasets: [
            { label: 'Assumption −20%', backgroundColor: '#d6604d', data: rows.map((r) => r.low - base) },
            { label: 'Assumption +20%', backgroundColor: '#4393c3', data: rows.map((r) => r.high - base) }
          ]
        }}
      />
    </div>
  )
}

/** Saving per year; break-even sits beside it in the summary table. */
export function SavingsChart({ analysis }: { analysis: ScenarioAnalysis }): ReactNode {
  const options: ChartOptions<'bar'> = {
    responsive: true,
    maintainAspectRatio: false,
    plugins: {
      title: { display: true, text: 'Saving per year (baseline − proposed)' },
      legend: { display: false },
      tooltip: { callbacks: { label: (c) => gbp(c.parsed.y ?? 0) } }
    },
    scales: { y: moneyAxis }
  }
  return (
    <div className="chart small-chart" data-testid="chart-savings" {...onPaper(analysis, 'half')}>
      <Bar
        role="img"
        aria-label="Bar chart of the saving per year"
        options={options}
        data={{
          labels: analysis.years.map((y) => `Year ${y.year}`),
          datasets: [
            { label: 'Saving', backgroundColor: analysis.years.map((y) => (y.saving >= 0 ? '#1e6b35' : '#a4262c')), data: analysis.years.map((y) => y.saving) }
          ]
        }}
      />
    </div>
  )
}
