/** Plain-English names for the SSDA903 placement codes shown in the tracker (display only). */
const placeNames: Record<string, string> = {
  U1: 'Kinship foster (long term)', U2: 'Kinship foster (FFA)', U3: 'Kinship foster (other)',
  U4: 'Foster (long term)', U5: 'Foster (FFA)', U6: 'Foster (other)',
  A3: 'Placed for adoption', A4: 'Placed for adoption', A5: 'Placed for adoption', A6: 'Placed for adoption',
  P1: 'With parents', P2: 'Independent living', H5: 'Semi-independent', K1: 'Secure home', K2: "Children's home",
  R1: 'Residential care home', R2: 'NHS', R3: 'Family centre', R5: 'Young offender institution', S1: 'Residential school',
  T0: 'Temporary', T1: 'Temporary', T2: 'Temporary', T3: 'Temporary', T4: 'Temporary', Z1: 'Other'
}

const providerNames: Record<string, string> = {
  PR0: 'Parent', PR1: 'Own council', PR2: 'Other council', PR3: 'Other public', PR4: 'Private', PR5: 'Voluntary'
}

const named = (names: Record<string, string>, code: string | null): string => (code === null ? '' : Object.hasOwn(names, code) ? `${names[code]} (${code})` : code)

export const placementName = (code: string | null): string => named(placeNames, code)
export const providerName = (code: string | null): string => named(providerNames, code)
