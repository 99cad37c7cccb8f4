import { useEffect, type ReactNode } from 'react'
import type { PrintableDocument } from '../../../../shared/api'
import { useCall, type CallState } from '../../api'
import { ErrorState, Loading } from '../../components/States'
import { href } from '../../router'

/**
 * Printable documents: minutes and decision letters. Printing (or "Save as PDF" in the
 * print dialog) prints only the document: the app's chrome is hidden by the print styles.
 * The HTML comes from the core: values are escaped there, and templates may only format.
 */
export function PrintPage({ kind, meetingId, childId }: { kind: string; meetingId: number; childId?: string }): ReactNode {
  return kind === 'letter' && childId ? <Letter meetingId={meetingId} childId={childId} /> : <Minutes meetingId={meetingId} />
}

const Minutes = ({ meetingId }: { meetingId: number }): ReactNode => <DocumentView meetingId={meetingId} doc={useCall('renderMinutes', { meetingId })} />
const Letter = ({ meetingId, childId }: { meetingId: number; childId: string }): ReactNode => (
  <DocumentView meetingId={meetingId} doc={useCall('renderLetter', { meetingId, childId })} />
)

function DocumentView({ meetingId, doc }: { meetingId: number; doc: CallState<PrintableDocument> }): ReactNode {
  useEffect(() => {
    if (doc.data) document.title = doc.data.title
  }, [doc.data])
  if (doc.error) return <ErrorState error={doc.error} onRetry={doc.reload} />
  if (!doc.data) return <Loading what="the document" />
  return (
    <section>
      {/* The page starts here, so the next Tab reaches Back and Print rather than the document's text. */}
      <div className="toolbar" role="group" aria-label={`${doc.data.title}: back or print`} tabIndex={-1} data-page-start>
        <a href={href('panel', String(meetingId))}>← Back to the meeting</a>
        <button type="button" className="primary" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </div>
      {doc.data.draft && (
        <>
          <p className="draft-banner" data-testid="draft-banner">
            DRAFT — not signed off. The panel&apos;s decisions may still change until the chair signs the minutes.
          </p>
          {/* Fixed, so a printout carries it on every page. */}
          <div className="draft-watermark" aria-hidden="true">
            DRAFT
          </div>
        </>
      )}
      <article className="print-doc" data-testid="print-doc" dangerouslySetInnerHTML={{ __html: doc.data.html }} />
    </section>
  )
}
