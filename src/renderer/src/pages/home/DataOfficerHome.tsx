import type { ReactNode } from 'react'
import { useCall } from '../../api'
import { ErrorState, SkeletonLines } from '../../components/States'
import { href } from '../../router'
import { figure } from '../../../../shared/plural'

/** An ISO timestamp as the user reads it: DD/MM/YYYY HH:mm, 24-hour, local time. */
const ukDateTime = (iso: string): string => {
  const d = new Date(iso)
  const two = (v: number): string => String(v).padStart(2, '0')
  return `${two(d.getDate())}/${two(d.getMonth() + 1)}/${d.getFullYear()} ${two(d.getHours())}:${two(d.getMinutes())}`
}

/** The data officer's view: the latest imports and how many rows each refused. */
export function DataOfficerHome(): ReactNode {
  const history = useCall('importHistory', { limit: 5 })
  return (
    <section className="card" aria-labelledby="home-data">
      <h2 id="home-data">Imports</h2>
      {history.error ? (
        <ErrorState error={history.error} onRetry={history.reload} />
      ) : !history.data ? (
        <SkeletonLines what="recent imports" lines={3} />
      ) : history.data.length === 0 ? (
        <p>
          Nothing imported yet. <a href={href('import')}>Import an SSDA903 return</a>
        </p>
      ) : (
        <table className="table compact" aria-label="Recent imports">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">File</th>
              <th scope="col" className="num">
                New / changed
              </th>
              <th scope="col" className="num">
                Rejected rows
              </th>
            </tr>
          </thead>
          <tbody>
            {history.data.map((b) => (
              <tr key={b.id}>
                <td>{ukDateTime(b.importedAt)}</td>
                <td>{b.fileName}</td>
                <td className="num">
                  {figure(b.inserted)} / {figure(b.updated)}
                </td>
                <td className={`num ${b.rejected ? 'flag' : ''}`}>{figure(b.rejected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={href('import')}>Import &amp; export</a> shows every rejected row with its file, row, column and reason.
      </p>
    </section>
  )
}
