import { useEffect, type ReactNode } from 'react'
import { useCall } from './api'
import { RecoveryScreen } from './pages/backups/RecoveryScreen'
import { pages } from './routes'
import { href, navigate, useRoute } from './router'

const groups = ['Panel chairs', 'Head of Service', 'Commissioners', 'Data'] as const
const navPages = pages.filter((p) => p.group)

export function App(): ReactNode {
  const route = useRoute()
  const info = useCall('appInfo', {})
  const current = pages.find((p) => p.page === route.page) ?? pages[0]

  useEffect(() => {
    // Alt+1 … Alt+9 jump between the sidebar's pages.
    const onKey = (e: KeyboardEvent): void => {
      const n = Number(e.key)
      if (e.altKey && n >= 1 && n <= navPages.length) {
        e.preventDefault()
        navigate(navPages[n - 1].page)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  useEffect(() => {
    document.title = `${current.label} · Permanence Desk`
  }, [current])

  if (info.data?.recovery) return <RecoveryScreen info={{ ...info.data, recovery: info.data.recovery }} />

  return (
    <div className="app">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href={href('')}>
          Permanence Desk
        </a>
        {info.data && (
          <div className="topbar-info">
            {info.data.demo && <span className="badge demo" title="Every child, carer and worker in this database is made up">Demo data: fictional children</span>}
            <span className="badge" title={info.data.shell === 'browser' ? 'Served on 127.0.0.1 only; nothing leaves this computer' : 'Desktop app'}>
              {info.data.shell === 'browser' ? 'Browser mode (this computer only)' : 'Desktop'}
            </span>
            <span title="Recorded in the audit log for every change">Signed in as {info.data.user}</span>
          </div>
        )}
      </header>
      <nav className="sidebar" aria-label="Main">
        {groups.map((group) => (
          <div key={group} className="nav-group">
            <div className="nav-group-title">{group}</div>
            {navPages
              .filter((p) => p.group === group)
              .map((p) => (
                <a key={p.page} href={href(p.page)} aria-current={p.page === current.page ? 'page' : undefined} title={`Alt+${navPages.indexOf(p) + 1}`}>
                  {p.label}
                </a>
              ))}
          </div>
        ))}
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        {current.render(route)}
      </main>
    </div>
  )
}
