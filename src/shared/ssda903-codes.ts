/**
 * What the SSDA903 codes mean, in the words a data officer or panel chair reads: one
 * list for every screen (tracker, child, review, import). Display only; which codes are
 * valid in which collection year is the core's business (core/io/codes.ts), and a test
 * checks every code it accepts has a meaning here.
 */
export type CodedColumn903 = 'LS' | 'PLACE' | 'PLACE_PROVIDER' | 'RNE' | 'REC' | 'CIN'

export const codeMeanings: Record<CodedColumn903, Readonly<Record<string, string>>> = {
  LS: {
    C1: 'Interim care order',
    C2: 'Full care order',
    D1: 'Freeing order',
    E1: 'Placement order',
    V2: 'Section 20',
    V3: 'Short breaks (single episodes)',
    V4: 'Short breaks (series agreement)',
    L1: 'Police protection',
    L2: 'Emergency protection order',
    L3: 'Child assessment order',
    J1: 'Remand',
    J2: 'PACE',
    J3: 'YRO with residence'
  },
  PLACE: {
    U1: 'Kinship foster (long term)',
    U2: 'Kinship foster (FFA)',
    U3: 'Kinship foster (other)',
    U4: 'Foster (long term)',
    U5: 'Foster (FFA)',
    U6: 'Foster (other)',
    A3: 'Placed for adoption',
    A4: 'Placed for adoption',
    A5: 'Placed for adoption',
    A6: 'Placed for adoption',
    P1: 'With parents',
    P2: 'Independent living',
    P3: 'Residential employment',
    H5: 'Semi-independent',
    K1: 'Secure home',
    K2: "Children's home",
    R1: 'Residential care home',
    R2: 'NHS',
    R3: 'Family centre',
    R5: 'Young offender institution',
    S1: 'Residential school',
    T0: 'Temporary',
    T1: 'Temporary',
    T2: 'Temporary',
    T3: 'Temporary',
    T4: 'Temporary',
    Z1: 'Other'
  },
  PLACE_PROVIDER: { PR0: 'Parent', PR1: 'Own council', PR2: 'Other council', PR3: 'Other public', PR4: 'Private', PR5: 'Voluntary' },
  RNE: {
    S: 'Started to be looked after',
    L: 'Change of legal status',
    P: 'Change of placement and carer',
    T: 'Change of placement, same carer',
    B: 'Change of legal status, placement and carer',
    U: 'Change of legal status and placement, same carer'
  },
  REC: {
    X1: 'New episode the same day',
    E11: 'Adopted (unopposed)',
    E12: 'Adopted (consent dispensed with)',
    E2: 'Died',
    E3: 'Care taken over by another council',
    E4A: 'Returned home (care plan)',
    E4B: 'Returned home (not care plan)',
    E13: 'Left to live with family without parental responsibility',
    E41: 'Child arrangements order',
    E43: 'SGO to former foster carer',
    E44: 'SGO to other carer',
    E45: 'SGO to former foster carer (relative or friend)',
    E46: 'SGO to former foster carer (not relative or friend)',
    E47: 'SGO to other carer (relative or friend)',
    E48: 'SGO to other carer (not relative or friend)',
    E5: 'Independent living with support',
    E6: 'Independent living without support',
    E7: 'Adult social care residential',
    E9: 'Sentenced to custody',
    E14: 'Remand ended',
    E15: 'Age assessed as 18 or over',
    E16: 'Moved abroad',
    E17: 'Aged 18, stayed with carers (staying put)',
    E8: 'Ceased for another reason'
  },
  CIN: {
    N1: 'Abuse or neglect',
    N2: "Child's disability",
    N3: 'Parental illness or disability',
    N4: 'Family in acute stress',
    N5: 'Family dysfunction',
    N6: 'Socially unacceptable behaviour',
    N7: 'Low income',
    N8: 'Absent parenting'
  }
}

export const isCodedColumn903 = (column: string): column is CodedColumn903 => Object.hasOwn(codeMeanings, column)

/** "Full care order (C2)"; the bare code when it has no known meaning; '' for none. */
export function codeWithMeaning(column: CodedColumn903, code: string | null | undefined): string {
  if (!code) return ''
  const meanings = codeMeanings[column]
  return Object.hasOwn(meanings, code) ? `${meanings[code]} (${code})` : code
}
