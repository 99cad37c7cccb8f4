import { describe, expect, it } from 'vitest'
import { renderLetter, renderMinutes } from '../../../src/main/core/panel/outputs'
import { recordDecision } from '../../../src/main/core/panel/decisions'
import { getMeeting } from '../../../src/main/core/panel/meetings'
import { sanitiseTemplateHtml } from '../../../src/main/core/panel/sanitise'
import { getTemplate, saveTemplate } from '../../../src/main/core/panel/templates'
import { meetingFixture } from './fixture'
import { firstOf } from '../../helpers/defined'

// Each input is one the security review got through the old sanitiser (issue 12, point 9).
const hostile: { name: string; html: string }[] = [
  { name: 'svg onload', html: '<p>Dear {{carer_name}}</p><svg/onload=alert(1)>' },
  { name: 'img onerror, slash separated', html: '<p>Dear {{carer_name}}</p><img/src=x/onerror=alert(1)>' },
  {
    name: 'entity-encoded javascript: link',
    html: '<p>Dear {{carer_name}} <a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">click</a></p>'
  },
  { name: 'hex-encoded javascript: link', html: '<p>Dear {{carer_name}} <a href="jav&#x09;ascript&#x3A;alert(1)">click</a></p>' },
  { name: 'remote image', html: '<p>Dear {{carer_name}}</p><img src="https://tracker.example/pixel.gif">' },
  {
    name: 'remote style sheet',
    html: '<link rel="stylesheet" href="https://x.example/a.css"><style>@import url(https://x.example/b.css); p{background:url(//x.example/c.png)}</style><p>Dear {{carer_name}}</p>'
  },
  { name: 'inline style url()', html: '<p style="background-image:url(https://x.example/d.png)">Dear {{carer_name}}</p>' },
  { name: 'event handler on an allowed tag', html: '<p onclick="alert(1)" onmouseover=alert(2)>Dear {{carer_name}}</p>' },
  { name: 'script and iframe', html: '<script>alert(1)</script><iframe src="https://x.example"></iframe><p>Dear {{carer_name}}</p>' },
  { name: 'form posting elsewhere', html: '<form action="https://x.example"><input name=a></form><p>Dear {{carer_name}}</p>' },
  {
    name: 'meta refresh and base',
    html: '<meta http-equiv="refresh" content="0;url=https://x.example"><base href="https://x.example/"><p>Dear {{carer_name}}</p>'
  }
]

/** Anything in the output that could run script or fetch from elsewhere. */
const active =
  /<\s*(script|svg|img|iframe|object|embed|link|meta|base|form|style|a)\b|\son[a-z]+\s*=|javascript|url\s*\(|\b(src|href|style)\s*=|https?:|\/\/x\.example/i

describe('template sanitiser', () => {
  it.each(hostile)('removes $name and keeps the text', ({ html }) => {
    const clean = sanitiseTemplateHtml(html)
    expect(clean).not.toMatch(active)
    expect(clean).toContain('Dear {{carer_name}}')
  })

  it('keeps the formatting templates need', () => {
    const html =
      '<h1>Title</h1><p class="meta">x</p><p><strong>a</strong> <em>b</em> <u>c</u><br /></p><ul><li>1</li></ul><table><tbody><tr><td colspan="2">t</td></tr></tbody></table>'
    expect(sanitiseTemplateHtml(html)).toBe(html)
    expect(sanitiseTemplateHtml('<p class="meta evil">x</p>')).toBe('<p class="meta">x</p>')
  })

  it.each(hostile)('stores $name sanitised, and the letter printed from it is clean', async ({ html }) => {
    const f = await meetingFixture()
    const item = firstOf((await getMeeting(f.ctx, f.meetingId)).agenda)
    await recordDecision(f.ctx, { itemId: item.id, outcome: 'agreed', reasons: 'Right carers' })
    const saved = await saveTemplate(f.ctx, 'letter', html)
    expect(saved.html).not.toMatch(active)
    const stored = (await f.ctx.db.prepare("SELECT value FROM setting WHERE key = 'panel.template.letter'").pluck().get()) as string
    expect(stored).not.toMatch(active)
    expect((await renderLetter(f.ctx, f.meetingId, item.childId)).html).not.toMatch(active)
  })

  it('sanitises on render too: a template written into the database directly never reaches the page', async () => {
    const f = await meetingFixture()
    const item = firstOf((await getMeeting(f.ctx, f.meetingId)).agenda)
    await recordDecision(f.ctx, { itemId: item.id, outcome: 'agreed', reasons: 'Right carers' })
    for (const kind of ['letter', 'minutes'] as const) {
      await f.ctx.db
        .prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(`panel.template.${kind}`, hostile.map((h) => h.html).join('\n'))
      expect((await getTemplate(f.ctx, kind)).html).not.toMatch(active)
    }
    expect((await renderLetter(f.ctx, f.meetingId, item.childId)).html).not.toMatch(active)
    const minutes = (await renderMinutes(f.ctx, f.meetingId)).html
    expect(minutes).not.toMatch(active)
    expect(minutes).toContain('Dear')
  })
})
