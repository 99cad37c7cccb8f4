import type { ReactNode } from 'react'
import { CarersImport } from './import/CarersImport'
import { ExportSection } from './import/ExportSection'
import { Import903Section } from './import/Import903Section'
import { ImportHistory } from './import/ImportHistory'
import { TrackerMappingForm } from './import/TrackerMappingForm'

/** Data officers' page: 903 returns, legacy trackers and carers in, the 903 out, and every import so far. */
export function ImportPage(): ReactNode {
  return (
    <section>
      <h1>Import &amp; export</h1>
      <Import903Section />
      <TrackerMappingForm />
      <CarersImport />
      <ExportSection />
      <ImportHistory />
    </section>
  )
}
