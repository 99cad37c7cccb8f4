import { useState, type ReactNode } from 'react'
import { callApi } from '../../api'
import { saveFile } from '../../download'
import { ErrorState } from '../../components/States'
import { KeepFocusButton } from '../../components/KeepFocusButton'
import { countOf } from '../../../../shared/plural'
import { toError } from './useImportFlow'

export function ExportSection(): ReactNode {
  const [state, setState] = useState<{ busy: boolean; error?: Error; done?: string }>({ busy: false })
  return (
    <section aria-labelledby="export-903">
      <h2 id="export-903">Export an SSDA903 Header and Episodes</h2>
      <p className="muted">The stored children and episodes as 903 CSV files (no names). They import back to exactly the same data.</p>
      <div className="toolbar">
        <KeepFocusButton
          inactive={state.busy}
          onClick={async () => {
            setState({ busy: true })
            try {
              const result = await callApi('export903Files', {})
              for (const f of result.files) saveFile(f)
              setState({ busy: false, done: `Downloaded ${countOf(result.children, 'child', 'children')} and ${countOf(result.episodes, 'episode')}.` })
            } catch (e) {
              setState({ busy: false, error: toError(e) })
            }
          }}
        >
          {state.busy ? 'Preparing the files…' : 'Download Header.csv and Episodes.csv'}
        </KeepFocusButton>
        {state.done && <span role="status">{state.done}</span>}
      </div>
      {state.error && <ErrorState error={state.error} />}
    </section>
  )
}
