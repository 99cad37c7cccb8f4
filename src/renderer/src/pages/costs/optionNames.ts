import { useMemo } from 'react'
import { optionName } from '../../../../shared/placement-options'
import { useCall } from '../../api'

/**
 * How the cost screens name an option: its short name, else its catalogue label, from the one
 * list of options they share (retired ones too, as a saved scenario may still name one). Named
 * without the catalogue, an option a commissioner added showed by its code (SOLO_HOME) in the
 * editor, the mix and the chart's legend, where the built-in ones showed their names.
 */
export function useOptionName(): (code: string) => string {
  const options = useCall('listOptions', { includeRetired: true }).data
  return useMemo(() => {
    const labels = new Map(options?.map((o) => [o.code, o.label]))
    return (code) => optionName(code, labels.get(code))
  }, [options])
}
