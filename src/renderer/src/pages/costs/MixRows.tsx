import type { ReactNode } from 'react'
import type { CostBaseline } from '../../../../shared/api'
import { figure } from '../../../../shared/plural'
import { useOptionName } from './optionNames'

/** The baseline's options with children, in its order: the looked-after ones, or (`afterCare`) those paid for after care ended. */
const optionsOf = (b: CostBaseline, afterCare: boolean): string[] => Object.keys(b.counts).filter((o) => b.counts[o] && b.afterCare.includes(o) === afterCare)

/** One row per looked-after option with children: option and count. */
export function LookedAfterRows({ baseline }: { baseline: CostBaseline }): ReactNode {
  return optionsOf(baseline, false).map((o) => <OptionRow key={o} option={o} count={baseline.counts[o] ?? 0} />)
}

/** Young people paid for after care ended (Staying Put, SGO allowances): not looked after, so a group of their own below the looked-after rows. */
export function AfterCareRows({ baseline }: { baseline: CostBaseline }): ReactNode {
  const options = optionsOf(baseline, true)
  if (options.length === 0) return null
  return (
    <tbody data-testid="after-care">
      <tr>
        <th scope="rowgroup" colSpan={2} className="subhead">
          After care, still paid for (not looked after)
        </th>
      </tr>
      {options.map((o) => (
        <OptionRow key={o} option={o} count={baseline.counts[o] ?? 0} />
      ))}
    </tbody>
  )
}

function OptionRow({ option, count }: { option: string; count: number }): ReactNode {
  const optionName = useOptionName()
  return (
    <tr>
      <td>{optionName(option)}</td>
      <td className="num">{figure(count)}</td>
    </tr>
  )
}
