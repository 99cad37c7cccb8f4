import { codeWithMeaning } from '../../../../shared/ssda903-codes'

/** Placement and provider codes as the tracker shows them: the meaning, then the code. */
export const placementName = (code: string | null): string => codeWithMeaning('PLACE', code)
export const providerName = (code: string | null): string => codeWithMeaning('PLACE_PROVIDER', code)
