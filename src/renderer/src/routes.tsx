import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react'
import type { Role } from '../../shared/api'
import { filterFromQuery } from './pages/tracker/filters'
import type { Route } from './router'
import { HomePage } from './pages/HomePage'

/**
 * Each page but Home is its own chunk, loaded when first opened, so ag-grid and chart.js
 * come with the pages that use them. Home is the first screen: it comes with the shell,
 * rather than after it as a second fetch behind a Suspense fallback (whose reveal React
 * throttles by up to 300 ms), so its counts can show in one round trip.
 */
function page<M extends Record<K, ComponentType<any>>, K extends keyof M>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => ({ default: (await load())[name] }))
}

const RolesPage = page(() => import('./pages/RolesPage'), 'RolesPage')
const ChildPage = page(() => import('./pages/ChildPage'), 'ChildPage')
const ChildrenPage = page(() => import('./pages/ChildrenPage'), 'ChildrenPage')
const CostsPage = page(() => import('./pages/CostsPage'), 'CostsPage')
const ImportPage = page(() => import('./pages/ImportPage'), 'ImportPage')
const ActionsPage = page(() => import('./pages/panel/ActionsPage'), 'ActionsPage')
const MeetingPage = page(() => import('./pages/panel/MeetingPage'), 'MeetingPage')
const PanelPage = page(() => import('./pages/panel/PanelPage'), 'PanelPage')
const PrintPage = page(() => import('./pages/panel/PrintPage'), 'PrintPage')
const TemplatesPage = page(() => import('./pages/panel/TemplatesPage'), 'TemplatesPage')
const ReviewDashboardPage = page(() => import('./pages/review/ReviewDashboardPage'), 'ReviewDashboardPage')
const ReviewItemPage = page(() => import('./pages/review/ReviewItemPage'), 'ReviewItemPage')
const ReviewPage = page(() => import('./pages/review/ReviewPage'), 'ReviewPage')
const TrackerPage = page(() => import('./pages/TrackerPage'), 'TrackerPage')
const TrackerPrintPage = page(() => import('./pages/tracker/TrackerPrintPage'), 'TrackerPrintPage')
const BackupsPage = page(() => import('./pages/backups/BackupsPage'), 'BackupsPage')
const ConnectionPage = page(() => import('./pages/ConnectionPage'), 'ConnectionPage')

export interface PageDef {
  page: string
  label: string
  /** Sidebar group: who the page is for. Pages without one are reached by links. */
  group?: 'Panel chairs' | 'Head of Service' | 'Commissioners' | 'Data'
  /** The roles whose sidebar lists the page (a person with several roles gets the union). */
  roles?: Role[]
  /**
   * The page shows children one by one (names, IDs). The app refuses to draw it for a
   * desk whose only role is commissioner; the team database enforces it there.
   */
  childLevel?: boolean
  render: (route: Route) => ReactNode
}

/** Every page of the app. The sidebar, the keyboard shortcuts and the router read this list. */
export const pages: [PageDef, ...PageDef[]] = [
  { page: '', label: 'Home', render: () => <HomePage /> },
  {
    page: 'panel',
    label: 'Permanence Panel',
    group: 'Panel chairs',
    roles: ['chair', 'panel_member', 'admin'],
    childLevel: true,
    render: (route) => (route.params[0] ? <MeetingPage key={route.params[0]} meetingId={Number(route.params[0])} /> : <PanelPage />)
  },
  {
    page: 'tracker',
    label: 'Permanence tracker',
    group: 'Panel chairs',
    roles: ['chair', 'head_of_service', 'admin'],
    childLevel: true,
    render: (route) => (
      <TrackerPage
        initialDate={route.query.get('asOf')}
        initialFilter={filterFromQuery(route.query)}
        initialSearch={route.query.get('q') ?? ''}
        initialSort={route.query.get('sort')}
      />
    )
  },
  {
    page: 'review',
    label: 'Head of Service review',
    group: 'Head of Service',
    roles: ['head_of_service', 'admin'],
    childLevel: true,
    render: (route) => <ReviewPage cycleId={route.params[0] ? Number(route.params[0]) : undefined} />
  },
  {
    page: 'review-dashboard',
    label: 'Head of Service dashboard',
    group: 'Head of Service',
    roles: ['head_of_service', 'admin'],
    childLevel: true,
    render: () => <ReviewDashboardPage />
  },
  { page: 'costs', label: 'Placement costs', group: 'Commissioners', roles: ['commissioner', 'admin'], render: () => <CostsPage /> },
  {
    page: 'children',
    label: 'Children',
    group: 'Data',
    roles: ['data_officer', 'admin'],
    childLevel: true,
    render: (route) => (
      <ChildrenPage initialLookedAfterOnly={route.query.get('all') !== '1'} initialSearch={route.query.get('q') ?? ''} initialSort={route.query.get('sort')} />
    )
  },
  { page: 'import', label: 'Import & export', group: 'Data', roles: ['data_officer', 'admin'], childLevel: true, render: () => <ImportPage /> },
  { page: 'backups', label: 'Backups', group: 'Data', roles: ['data_officer', 'admin'], render: () => <BackupsPage /> },
  { page: 'connection', label: 'Database connection', group: 'Data', roles: ['admin'], render: () => <ConnectionPage /> },
  { page: 'roles', label: 'Your roles', render: () => <RolesPage /> },
  { page: 'review-item', label: 'Child review', childLevel: true, render: (route) => <ReviewItemPage itemId={Number(route.params[0])} /> },
  { page: 'panel-actions', label: 'Panel actions', childLevel: true, render: () => <ActionsPage /> },
  { page: 'panel-templates', label: 'Panel templates', childLevel: true, render: () => <TemplatesPage /> },
  {
    page: 'panel-print',
    label: 'Print',
    childLevel: true,
    render: (route) => <PrintPage key={route.params.join('/')} kind={route.params[0] ?? ''} meetingId={Number(route.params[1])} childId={route.params[2]} />
  },
  {
    page: 'tracker-print',
    label: 'Tracker print',
    childLevel: true,
    render: (route) => (
      <TrackerPrintPage
        asOf={route.query.get('asOf')}
        filter={filterFromQuery(route.query)}
        search={route.query.get('q') ?? ''}
        sort={route.query.get('sort')}
      />
    )
  },
  {
    page: 'child',
    label: 'Child',
    childLevel: true,
    render: (route) => <ChildPage key={route.params[0]} childId={route.params[0] ?? ''} initialDate={route.query.get('asOf')} />
  }
]

/** The sidebar's pages for these roles, in the list's order. */
export const navPagesFor = (roles: readonly Role[]): PageDef[] => pages.filter((p) => p.group && p.roles?.some((r) => roles.includes(r)))
