import type { PanelTemplate, TemplateKind } from '../../../shared/contract/panel'
import type { Context } from '../context'
import { invalidInput } from '../errors'
import { auditChange } from '../store/audit'
import { readSetting, writeSetting } from '../store/settings'
import { sanitiseTemplateHtml } from './sanitise'

/** A fragment the app built itself from escaped values; inserted into a template as is. */
export class TrustedHtml {
  constructor(readonly html: string) {}
}

export type TemplateValue = string | number | null | TrustedHtml

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const placeholderPattern = /\{\{\s*([a-z_]+)\s*\}\}/g

/** `{{name}}` → the value, HTML-escaped unless the app built it as TrustedHtml. */
function fillPlaceholder(whole: string, name: string, values: Readonly<Record<string, TemplateValue>>): string {
  if (!Object.hasOwn(values, name)) return whole
  const value = values[name]
  if (value instanceof TrustedHtml) return value.html
  return value === null ? '' : escapeHtml(String(value))
}

/** A tag, a placeholder, or a "·" between parts of a line, with the spaces around it. */
const piecePattern = /(<[^>]*>)|\{\{\s*([a-z_]+)\s*\}\}|(\s*(?:·|&middot;|&#183;)\s*)/g

type Piece = { html: string; kind: 'tag' | 'separator' | 'part'; shows: boolean; empty: boolean }

/**
 * A line of a template joins its parts with "·" ("{{meeting_date}} {{start_time}} · {{place}}"):
 * where a placeholder is empty (a meeting with no place), the "·" it needed goes too, so a
 * line joins only the parts present and never starts or ends with a stray one.
 */
function joinPresentParts(pieces: readonly Piece[]): string {
  let html = ''
  let run: Piece[] = []
  const flush = (): void => {
    if (!run.some((p) => p.empty)) {
      html += run.map((p) => p.html).join('')
    } else {
      let shownSinceSeparator = false
      let separator: Piece | null = null
      for (const p of run) {
        if (p.kind === 'separator') {
          if (shownSinceSeparator && !separator) separator = p
          shownSinceSeparator = false
          continue
        }
        if (p.shows && separator) {
          html += separator.html
          separator = null
        }
        if (p.shows) shownSinceSeparator = true
        html += p.html
      }
    }
    run = []
  }
  for (const p of pieces) {
    if (p.kind !== 'tag') {
      run.push(p)
      continue
    }
    flush()
    html += p.html
  }
  flush()
  return html
}

/** Fills each `{{name}}` with its value; a line's "·" between parts is kept only between parts present. */
export function fillTemplate(template: string, values: Readonly<Record<string, TemplateValue>>): string {
  const pieces: Piece[] = []
  const text = (html: string): Piece => ({ html, kind: 'part', shows: html.trim() !== '', empty: false })
  let at = 0
  for (const m of template.matchAll(piecePattern)) {
    if (m.index > at) pieces.push(text(template.slice(at, m.index)))
    const [whole, tag, name, separator] = m
    if (tag !== undefined) pieces.push({ html: tag, kind: 'tag', shows: false, empty: false })
    else if (separator !== undefined) pieces.push({ html: separator, kind: 'separator', shows: false, empty: false })
    else {
      const html = fillPlaceholder(whole, name ?? '', values)
      pieces.push({ html, kind: 'part', shows: html.trim() !== '', empty: html.trim() === '' })
    }
    at = m.index + whole.length
  }
  if (at < template.length) pieces.push(text(template.slice(at)))
  return joinPresentParts(pieces)
}

export const placeholders: Record<TemplateKind, string[]> = {
  minutes: [
    'council_name',
    'meeting_date',
    'start_time',
    'place',
    'chair',
    'members_present',
    'members_absent',
    'quorum',
    'decisions',
    'actions',
    'signed_by',
    'signed_at',
    'status'
  ],
  letter: [
    'council_name',
    'today',
    'carer_name',
    'carer_address',
    'child_name',
    'child_id',
    'meeting_date',
    'chair',
    'outcome',
    'reasons',
    'conditions',
    'support',
    'return_date',
    'social_worker'
  ]
}

/** What each placeholder stands for, shown beside the template editor. */
const placeholderHelp: Record<string, string> = {
  council_name: 'the council (setting council_name)',
  meeting_date: 'date of the meeting',
  start_time: 'start time',
  place: 'room, or (online)',
  chair: 'chair of the meeting',
  members_present: 'members present, with roles',
  members_absent: 'members absent, with roles',
  quorum: 'whether the panel was quorate, and if not why',
  decisions: 'every agenda item with its papers and decision',
  actions: 'table of the actions',
  signed_by: 'who signed the minutes off',
  signed_at: 'when the minutes were signed off',
  status: 'signed off, or draft',
  today: 'date the letter is printed',
  carer_name: 'the carers the decision is about',
  carer_address: "the carers' address for letters, from the carers register",
  child_name: "the child's name",
  child_id: "the child's ID",
  outcome: "the panel's decision",
  reasons: "the panel's reasons",
  conditions: 'conditions of the decision',
  support: 'support and training for the carers',
  return_date: 'when a deferred case returns / oversight is reviewed',
  social_worker: "the presenting social worker, or the child's social worker"
}

const builtIn: Record<TemplateKind, string> = {
  minutes: `<h1>Permanence Panel — minutes</h1>
<p class="meta">{{council_name}} · {{meeting_date}} {{start_time}} · {{place}}</p>
<p><strong>Chair:</strong> {{chair}}</p>
<p><strong>Present:</strong> {{members_present}}<br><strong>Apologies / absent:</strong> {{members_absent}}</p>
<p><strong>Quorum:</strong> {{quorum}}</p>
<h2>Decisions</h2>
{{decisions}}
<h2>Actions</h2>
{{actions}}
<p class="signature"><strong>Status:</strong> {{status}} · <strong>Signed by:</strong> {{signed_by}} {{signed_at}}</p>`,
  letter: `<p class="meta">{{council_name}} · {{today}}</p>
<p>{{carer_name}}<br>{{carer_address}}</p>
<p>Dear {{carer_name}},</p>
<h1>Permanence Panel decision for {{child_name}}</h1>
<p>The Permanence Panel chaired by {{chair}} considered {{child_name}}'s plan for permanence at its meeting on {{meeting_date}}.</p>
<p><strong>The panel's decision:</strong> {{outcome}}</p>
<p><strong>Reasons:</strong> {{reasons}}</p>
<p><strong>Conditions:</strong> {{conditions}}</p>
<p><strong>Support and training for you:</strong> {{support}}</p>
<p>{{return_date}}</p>
<p>If you have any questions, please contact {{social_worker}}.</p>
<p>Yours sincerely,<br>{{chair}}<br>Chair, Permanence Panel</p>`
}

const settingKey = (kind: TemplateKind): string => `panel.template.${kind}`

/**
 * The template in force. A saved one is sanitised again on every read: the setting row
 * could have been written by an older version, or edited in the database directly.
 */
export async function getTemplate(ctx: Context, kind: TemplateKind): Promise<PanelTemplate> {
  const saved = await readSetting(ctx.db, settingKey(kind))
  return {
    kind,
    html: saved === undefined ? builtIn[kind] : sanitiseTemplateHtml(saved),
    customised: saved !== undefined,
    placeholders: placeholders[kind].map((name) => ({ name, meaning: placeholderHelp[name] ?? '' }))
  }
}

/**
 * Saves the council's own template (null restores the built-in one), sanitised: anything
 * beyond formatting (scripts, event handlers, links, images, styles) is removed before it
 * is stored. Unknown placeholders are refused, as a typo would print as `{{…}}`.
 */
export async function saveTemplate(ctx: Context, kind: TemplateKind, raw: string | null): Promise<PanelTemplate> {
  const html = raw === null ? null : sanitiseTemplateHtml(raw)
  if (html !== null) {
    if (!html.replace(/<[^>]*>/g, '').trim())
      throw invalidInput(`The ${kind} template is empty once formatting is removed; write its text, or restore the built-in template.`)
    const unknown = [...html.matchAll(placeholderPattern)].map((m) => m[1]!).filter((name) => !placeholders[kind].includes(name))
    if (unknown.length) {
      throw invalidInput(
        `The ${kind} template uses unknown placeholders: ${[...new Set(unknown)].map((n) => `{{${n}}}`).join(', ')}. Known: ${placeholders[kind].map((n) => `{{${n}}}`).join(', ')}.`
      )
    }
  }
  await ctx.db.transaction(async () => {
    const before = await getTemplate(ctx, kind)
    await writeSetting(ctx.db, settingKey(kind), html)
    await auditChange(ctx, { action: 'panel.template.save', entity: 'setting', entityId: settingKey(kind), before: before.html, after: html ?? builtIn[kind] })
  })()
  return await getTemplate(ctx, kind)
}

export const councilName = async (ctx: Context): Promise<string> => (await readSetting(ctx.db, 'council_name')) ?? 'Children’s Services'
