// Without zod, so the commissioner's home screen lists options without loading the contract's schemas.

/**
 * The seeded placement options, in the order commissioners read them. The catalogue
 * (cost_option) holds these and any a commissioner adds; an option code is any code in it.
 */
export const placementOptions = [
  'SGO',
  'KINSHIP',
  'FOSTER_INHOUSE',
  'FOSTER_PATHWAY',
  'FOSTER_1TO1',
  'IFA',
  'IFA_HIGH',
  'STAYING_PUT',
  'SUPPORTED_LODGINGS',
  'EXTERNAL_16PLUS',
  'RESIDENTIAL_INHOUSE',
  'RESIDENTIAL_EXTERNAL',
  'ART_HUB',
  'MFP'
] as const

/**
 * What the screens, charts and messages call each seeded option: short, so a chart's
 * legend and a message beside a field fit; the unit-cost table shows the catalogue's full
 * labels. Options a commissioner adds to the catalogue go by their catalogue label.
 */
const shortNames: Readonly<Record<string, string>> = {
  SGO: 'SGO',
  KINSHIP: 'Kinship',
  FOSTER_INHOUSE: 'In-house fostering',
  FOSTER_PATHWAY: 'Pathway fostering',
  FOSTER_1TO1: '1:1 fostering',
  IFA: 'IFA',
  IFA_HIGH: 'High-cost IFA',
  STAYING_PUT: 'Staying Put',
  SUPPORTED_LODGINGS: 'Supported lodgings',
  EXTERNAL_16PLUS: '16+ external',
  RESIDENTIAL_INHOUSE: 'Residential in-house',
  RESIDENTIAL_EXTERNAL: 'Residential external',
  ART_HUB: 'ART hub',
  MFP: 'MFP'
}

/** An option's name as a commissioner reads it: its short name, else its catalogue label, else (neither known) its code. */
export const optionName = (code: string, catalogueLabel?: string): string => shortNames[code] ?? catalogueLabel ?? code
