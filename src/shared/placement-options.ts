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
