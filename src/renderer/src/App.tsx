import { Suspense, useEffect, useMemo, useRef, type ReactNode, type RefObject } from 'react'
import type { AppInfo } from '../../shared/api'
import { roleLabels } from '../../shared/roles'
import { useCall } from './api'
import { PageSkeleton, ErrorState } from './components/States'
import { canSeeChildren, MeContext } from './me'
import { RecoveryScreen } from './pages/backups/RecoveryScreen'
import { navPagesFor, pages, type PageDef } from './routes'
import { href, navigate, useRoute, type Route } from './router'

const groups = ['Panel chairs', 'Head of Service', 'Commissioners', 'Data'] as const

/**
 * Where a page starts: the element it marks `data-page-start` (a document's page, whose h1
 * is inside the document, below its Back and Print), else its heading, or the main region
 * while the page has none yet.
 */
const pageStart = '[data-page-start], h1'
function focusTarget(main: HTMLElement): HTMLElement {
  const heading = main.querySelector<HTMLElement>('[data-page-start]') ?? main.querySelector<HTMLElement>('h1')
  if (!heading) return main
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1
  return heading
}

/**
 * After a change of page, focus goes to its heading so a screen-reader or keyboard user
 * starts there; pages load in their own chunks, so wait (briefly) for the heading to appear.
 */
function useFocusOnPageChange(main: RefObject<HTMLElement | null>, key: string): void {
  const first = useRef(true)
  useEffect(() => {
    if (first.current) {
      first.current = false
      return
    }
    const started = Date.now()
    const timer = setInterval(() => {
      const el = main.current
      if (!el) return
      if (el.querySelector(pageStart) || Date.now() - started > 3000) {
        clearInterval(timer)
        focusTarget(el).focus()
      }
    }, 30)
    return () => clearInterval(timer)
  }, [main, key])
}

export function App(): ReactNode {
  const route = useRoute()
  const info = useCall('appInfo', {})
  const me = useCall('getMe', {})
  const main = useRef<HTMLElement>(null)
  // A restore is a write, so appInfo loads again without the problem; the recovery screen stays until the user opens the app.
  const recovering = useRef<AppInfo | null>(null)
  if (info.data?.recovery) recovering.current ??= info.data
  const current = pages.find((p) => p.page === route.page) ?? pages[0]
  const navPages = useMemo(() => (me.data ? navPagesFor(me.data.roles) : []), [me.data])
  const meState = useMemo(() => (me.data ? { me: me.data } : null), [me.data])
  const pageKey = `${current.page}/${route.params.join('/')}`
  useFocusOnPageChange(main, pageKey)

  useEffect(() => {
    // Alt+1 … Alt+9 jump between the sidebar's pages.
    const onKey = (e: KeyboardEvent): void => {
      const n = Number(e.key)
      const target = e.altKey && n >= 1 ? navPages[n - 1] : undefined
      if (target) {
        e.preventDefault()
        navigate(target.page)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [navPages])

  useEffect(() => {
    document.title = `${current.label} · Permanence Desk`
  }, [current])

  const recovery = recovering.current?.recovery
  if (recovering.current && recovery) return <RecoveryScreen info={{ ...recovering.current, recovery }} />

  return (
    <div className="app">
      {/* Not a hash link: with hash routing "#main" would be a route (and lead Home). */}
      <a
        className="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault()
          if (main.current) focusTarget(main.current).focus()
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <a className="brand" href={href('')}>
          Permanence Desk
        </a>
        {info.data && (
          <div className="topbar-info">
            {info.data.demo && (
              <span className="badge demo" title="Every child, carer and worker in this database is made up">
                Demo data: fictional children
              </span>
            )}
            <span className="badge" title={info.data.shell === 'browser' ? 'Served on 127.0.0.1 only; nothing leaves this computer' : 'Desktop app'}>
              {info.data.shell === 'browser' ? 'Browser mode (this computer only)' : 'Desktop'}
            </span>
            {me.data && (
              <a
                className="roles-link"
                href={href('roles')}
                title={me.data.source === 'team' ? 'Your roles, given by the team database' : 'Choose the roles of the person at this desk'}
              >
                {me.data.chosen ? me.data.roles.map((r) => roleLabels[r]).join(', ') : 'Every role (choose yours)'}
              </a>
            )}
            <span title="Recorded in the audit log for every change">Signed in as {info.data.user}</span>
          </div>
        )}
      </header>
      <nav className="sidebar" aria-label="Main">
        {groups.map((group) => {
          const links = navPages.filter((p) => p.group === group)
          return (
            links.length > 0 && (
              <div key={group} className="nav-group">
                <div className="nav-group-title">{group}</div>
                {links.map((p) => (
                  <a key={p.page} href={href(p.page)} aria-current={p.page === current.page ? 'page' : undefined} title={`Alt+${navPages.indexOf(p) + 1}`}>
                    {p.label}
                  </a>
                ))}
              </div>
            )
          )
        })}
      </nav>
      <main id="main" ref={main} className="content" tabIndex={-1}>
        {me.error ? (
          <ErrorState error={me.error} onRetry={me.reload} />
        ) : !meState ? (
          <PageSkeleton />
        ) : (
          <MeContext.Provider value={meState}>
            {/* Keyed by page: a new page never shows (or focuses) the last one's hidden content. */}
            <Suspense key={pageKey} fallback={<PageSkeleton />}>
              <PageFor page={current} route={route} seesChildren={canSeeChildren(meState.me)} />
            </Suspense>
          </MeContext.Provider>
        )}
      </main>
    </div>
  )
}

function PageFor({ page, route, seesChildren }: { page: PageDef; route: Route; seesChildren: boolean }): ReactNode {
  if (page.childLevel && !seesChildren) {
    // Commissioners work with numbers only: this page would show children one by one.
    return (
      <section>
        <h1>Not available for your role</h1>
        <p>
          This page shows children by name and ID, which a commissioner's role does not include. The placement cost model shows the same figures as numbers
          only: <a href={href('costs')}>open Placement costs</a>.
        </p>
      </section>
    )
  }
  return page.render(route)
}
