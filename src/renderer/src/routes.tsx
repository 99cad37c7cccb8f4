import type { ReactNode } from 'react'
import { BackupsPage } from './pages/backups/BackupsPage'
import { ChildPage } from './pages/ChildPage'
import { ChildrenPage } from './pages/ChildrenPage'
import { CostsPage } from './pages/CostsPage'
import { HomePage } from './pages/HomePage'
import { ImportPage } from './pages/ImportPage'
import { ActionsPage } from './pages/panel/ActionsPage'
import { MeetingPage } from './pages/panel/MeetingPage'
import { PanelPage } from './pages/panel/PanelPage'
import { PrintPage } from './pages/panel/PrintPage'
import { TemplatesPage } from './pages/panel/TemplatesPage'
import { ReviewDashboardPage } from './pages/review/ReviewDashboardPage'
import { ReviewItemPage } from './pages/review/ReviewItemPage'
import { ReviewPage } from './pages/review/ReviewPage'
import { TrackerPage } from './pages/TrackerPage'
import type { Route } from './router'

export interface PageDef {
  page: string
  label: string
  /** Sidebar group: who the page is for. Pages without one are reached by links. */
  group?: 'Panel chairs' | 'Head of Service' | 'Commissioners' | 'Data'
  render: (route: Route) => ReactNode
}

/** Every page of the app. The sidebar, the keyboard shortcuts and the router read this list. */
export const pages: PageDef[] = [
  { page: '', label: 'Home', render: () => <HomePage /> },
  {
    page: 'panel',
    label: 'Permanence Panel',
    group: 'Panel chairs',
    render: (route) => (route.params[0] ? <MeetingPage key={route.params[0]} meetingId={Number(route.params[0])} /> : <PanelPage />)
  },
  { page: 'tracker', label: 'Permanence tracker', group: 'Panel chairs', render: (route) => <TrackerPage initialDate={route.query.get('asOf')} /> },
  { page: 'review', label: 'Head of Service review', group: 'Head of Service', render: (route) => <ReviewPage cycleId={route.params[0] ? Number(route.params[0]) : undefined} /> },
  { page: 'review-dashboard', label: 'Head of Service dashboard', group: 'Head of Service', render: () => <ReviewDashboardPage /> },
  { page: 'costs', label: 'Placement costs', group: 'Commissioners', render: () => <CostsPage /> },
  { page: 'children', label: 'Children', group: 'Data', render: () => <ChildrenPage /> },
  { page: 'import', label: 'Import & export', group: 'Data', render: () => <ImportPage /> },
  { page: 'backups', label: 'Backups', group: 'Data', render: () => <BackupsPage /> },
  { page: 'review-item', label: 'Child review', render: (route) => <ReviewItemPage itemId={Number(route.params[0])} /> },
  { page: 'panel-actions', label: 'Panel actions', render: () => <ActionsPage /> },
  { page: 'panel-templates', label: 'Panel templates', render: () => <TemplatesPage /> },
  {
    page: 'panel-print',
    label: 'Print',
    render: (route) => <PrintPage key={route.params.join('/')} kind={route.params[0] ?? ''} meetingId={Number(route.params[1])} childId={route.params[2]} />
  },
  { page: 'child', label: 'Child', render: (route) => <ChildPage key={route.params[0]} childId={route.params[0] ?? ''} initialDate={route.query.get('asOf')} /> }
]
