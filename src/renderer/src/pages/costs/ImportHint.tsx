import type { ReactNode } from 'react'
import { href } from '../../router'

/** Where the figures come from when there are none yet: a link (in the tab order) to the page that imports them. */
export function ImportHint({ or }: { or?: string }): ReactNode {
  return (
    <>
      Import an SSDA903 return on <a href={href('import')}>Import &amp; export</a> (a data officer&apos;s page){or ? `, ${or}` : ''}.
    </>
  )
}
