const pounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2, maximumFractionDigits: 2 })
const wholePounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 })

export const gbp = (n: number): string => pounds.format(n)
export const gbpWhole = (n: number): string => wholePounds.format(n)
const shortPounds = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', notation: 'compact', maximumSignificantDigits: 3 })
/** A typeset minus (−£2m), as a chart's axis prints it: the hyphen of '-£2m' reads as a dash. */
export const withMinus = (text: string): string => text.replace(/^-/, '−')
/** Pounds in a few characters for a crowded axis: '−£2.5m', '£250k'. */
export const gbpShort = (n: number): string => withMinus(shortPounds.format(n))
export const pct = (n: number): string => `${(n * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`
/** A share to one decimal place always (10.0%, 10.5%), so a column of them lines up. */
export const pct1 = (n: number): string => `${(n * 100).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`

/** One colour per option, stable across charts, readable when printed in greyscale order. */
export const optionColour: Record<string, string> = {
  SGO: '#9ecae1',
  KINSHIP: '#6baed6',
  FOSTER_INHOUSE: '#3182bd',
  FOSTER_PATHWAY: '#08519c',
  FOSTER_1TO1: '#08306b',
  IFA: '#fdae6b',
  IFA_HIGH: '#e6550d',
  STAYING_PUT: '#a1d99b',
  SUPPORTED_LODGINGS: '#41ab5d',
  EXTERNAL_16PLUS: '#bcbddc',
  RESIDENTIAL_INHOUSE: '#fb6a4a',
  RESIDENTIAL_EXTERNAL: '#a50f15',
  ART_HUB: '#756bb1',
  MFP: '#54278f'
}

/** Colours for options a commissioner added, in turn: none of them a built-in option's. */
const addedColours = ['#969696', '#e7ba52', '#8c6d31', '#de9ed6', '#17becf', '#bcbd22', '#636363']

/** Each option's colour in a chart of `codes`: a built-in option its own, each added one the next of its own palette (they had all been one grey). */
export function optionColours(codes: readonly string[]): string[] {
  let added = 0
  return codes.map((code) => optionColour[code] ?? (addedColours[added++ % addedColours.length] as string))
}
