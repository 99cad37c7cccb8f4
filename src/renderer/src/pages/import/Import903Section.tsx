import { useState, type ReactNode } from 'react'
import { codeMeanings, type CodedColumn903 } from '../../../../shared/ssda903-codes'
import { ImportActions } from './ImportResult'
import { importFileTypes, readUpload, toError, useImportFlow, type Upload } from './useImportFlow'

const columnNames: Record<CodedColumn903, string> = {
  LS: 'Legal status',
  PLACE: 'Placement',
  PLACE_PROVIDER: 'Placement provider',
  RNE: 'Reason for new episode',
  REC: 'Reason episode ceased',
  CIN: 'Category of need'
}

/** The 903 codes the import checks, with their meanings, for reading a rejected code. */
function CodeReference(): ReactNode {
  return (
    <details className="code-reference">
      <summary>903 codes and what they mean</summary>
      {(Object.keys(columnNames) as CodedColumn903[]).map((column) => (
        <table key={column} className="table" aria-label={`${column} codes`}>
          <caption>
            {columnNames[column]} (<code>{column}</code>)
          </caption>
          <tbody>
            {Object.entries(codeMeanings[column]).map(([code, meaning]) => (
              <tr key={code}>
                <th scope="row">{code}</th>
                <td>{meaning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </details>
  )
}

export function Import903Section(): ReactNode {
  const flow = useImportFlow()
  const [files, setFiles] = useState<Upload[] | null>(null)
  return (
    <section aria-labelledby="import-903">
      <h2 id="import-903">Import an SSDA903 return</h2>
      <p className="muted">
        Choose the Header and Episodes files (CSV, or a workbook: .xlsx, .xls or .ods, as exported from your case management system or saved by Excel or
        LibreOffice). Each child's episodes from its first one in the return on are replaced by the return's; earlier episodes (which ended before it, from
        earlier years' returns) are kept. Importing the same return twice changes nothing.
      </p>
      <div className="toolbar">
        <label>
          903 files{' '}
          <input
            type="file"
            multiple
            accept={importFileTypes}
            aria-label="903 files"
            onChange={async (e) => {
              flow.reset()
              const chosen = [...(e.target.files ?? [])]
              try {
                setFiles(chosen.length ? await Promise.all(chosen.map(readUpload)) : null)
              } catch (error) {
                setFiles(null)
                flow.fail(toError(error))
              }
            }}
          />
        </label>
      </div>
      <ImportActions flow={flow} request={files ? { kind: '903', files } : null} />
      <CodeReference />
    </section>
  )
}
