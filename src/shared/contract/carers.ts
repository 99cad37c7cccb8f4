import { z } from 'zod'
import { childId, command, isoDate, query } from './define'
import { fileDateFormats, importFile, type DataImportSummary } from './io'
import { carePlanKinds, type CarePlanKind } from './tracker'

export const carerKinds = ['inhouse', 'ifa', 'kinship', 'residential', 'parent', 'other'] as const
export type CarerKind = (typeof carerKinds)[number]

export const carerKindLabels: Record<CarerKind, string> = {
  inhouse: 'In-house foster carer',
  ifa: 'IFA carer',
  kinship: 'Connected person / kinship',
  residential: 'Residential provider',
  parent: 'Parent',
  other: 'Other'
}

/** One entry of the carers register. */
export interface Carer {
  id: number
  name: string
  kind: CarerKind
  /** The fostering agency (IFA) or the provider running a home. */
  provider: string | null
  approvedDate: string | null
  /** Ofsted unique reference number of a residential provider. */
  urn: string | null
  /** Where decision letters are sent. */
  address: string | null
}

/**
 * A placement: the child's time with the same carers. It begins with an episode whose
 * RNE is S, P or B and continues through T, U and L episodes.
 */
export interface Placement {
  /** DECOM of its first episode on record: what carers are linked to. */
  start: string
  /** Whether the records show how it began (an S, P or B episode). */
  startKnown: boolean
  /** DEC of its last episode; null while open. */
  end: string | null
  /** 903 PLACE and PLACE_PROVIDER of its latest episode. */
  place: string | null
  placeProvider: string | null
  episodes: number
  carers: Carer[]
}

/** The child's carers on a date: the placement then and the carers linked to it. */
export interface CurrentCarers {
  childId: string
  date: string
  /** null when the child is not looked after on the date. */
  placement: Placement | null
}

export const carerInput = z.strictObject({
  name: z.string().trim().min(1, 'the name is required').max(200),
  kind: z.enum(carerKinds),
  provider: z.string().trim().max(200).optional(),
  approvedDate: isoDate.optional(),
  urn: z.string().trim().max(20).optional(),
  address: z.string().trim().max(500).optional()
})

/** Which columns of a carers file hold what; headings matched case-insensitively. */
export const carersMapping = z.strictObject({
  sheet: z.string().min(1).optional(),
  headerRow: z.number().int().min(1).max(1000).default(1),
  columns: z.strictObject({
    childId: z.string().min(1),
    placementStart: z.string().min(1),
    carerName: z.string().min(1),
    kind: z.string().min(1).optional(),
    provider: z.string().min(1).optional(),
    approvedDate: z.string().min(1).optional(),
    urn: z.string().min(1).optional(),
    address: z.string().min(1).optional()
  }),
  /** Words in the file meaning each kind of carer (the codes themselves always work). */
  values: z.strictObject({ kind: z.partialRecord(z.enum(carerKinds), z.array(z.string())).default({}) }).default({ kind: {} }),
  /** Used when the file has no kind column or the cell is blank. */
  defaultKind: z.enum(carerKinds).default('inhouse'),
  dateFormat: z.enum(fileDateFormats).default('DD/MM/YYYY')
})
export type CarersMapping = z.output<typeof carersMapping>
export type CarersMappingInput = z.input<typeof carersMapping>
export const carersColumnLabels: Record<keyof CarersMappingInput['columns'], string> = {
  childId: 'Child ID',
  placementStart: 'Placement start date',
  carerName: 'Carer name',
  kind: 'Kind of carer',
  provider: 'Agency / provider',
  approvedDate: 'Approval date',
  urn: 'URN',
  address: 'Address for letters'
}

/** A carers import: links made (inserted), already there (unchanged), carers added to the register. */
export type CarersImportSummary = Omit<DataImportSummary, 'kind'> & { kind: 'carers'; carersAdded: number }

const carersImportInput = z.strictObject({ file: importFile, mapping: carersMapping, jobId: z.string().min(1).max(64).optional() })

export const carersCalls = {
  listCarers: query<Carer[]>()(z.strictObject({ search: z.string().max(100).optional() })),
  addCarer: command<Carer>()(carerInput),
  /** Replaces a carer's details (blank optional fields clear them); audited. */
  updateCarer: command<Carer>()(carerInput.extend({ id: z.number().int().positive() })),
  /** Every placement of a child, newest first, with its carers. */
  childPlacements: query<Placement[]>()(z.strictObject({ childId })),
  currentCarers: query<CurrentCarers>()(z.strictObject({ childId, date: isoDate })),
  linkPlacementCarer: command<Placement>()(z.strictObject({ childId, placementStart: isoDate, carerId: z.number().int().positive() })),
  unlinkPlacementCarer: command<Placement>()(z.strictObject({ childId, placementStart: isoDate, carerId: z.number().int().positive() })),
  /** Dry run of a carers file: what would be linked and added, and every rejected row. */
  previewCarersImport: query<CarersImportSummary>()(carersImportInput),
  commitCarersImport: command<CarersImportSummary>()(carersImportInput)
}

export const supportChecklistItems = ['supportPlan', 'training', 'allowances', 'contact', 'delegatedAuthority'] as const
export type SupportChecklistItem = (typeof supportChecklistItems)[number]
export const supportChecklistLabels: Record<SupportChecklistItem, string> = {
  supportPlan: 'Support plan',
  training: 'Training',
  allowances: 'Allowances',
  contact: 'Contact arrangements',
  delegatedAuthority: 'Delegated authority'
}
export type SupportChecklist = Record<SupportChecklistItem, boolean>

/** What a panel decision is about: the placement, its carers, and the support in place. */
export const decisionAboutInput = z.strictObject({
  carerIds: z.array(z.number().int().positive()).max(10),
  placementStart: isoDate.nullable(),
  checklist: z.strictObject({ supportPlan: z.boolean(), training: z.boolean(), allowances: z.boolean(), contact: z.boolean(), delegatedAuthority: z.boolean() })
})
export type DecisionAboutInput = z.infer<typeof decisionAboutInput>

export interface DecisionAbout {
  decisionId: number
  placementStart: string | null
  carers: Carer[]
  checklist: SupportChecklist
  /** Signed off: what the decision is about can no longer change. */
  locked: boolean
}

export const decisionCarersCalls = {
  getDecisionCarers: query<DecisionAbout>()(z.strictObject({ decisionId: z.number().int().positive() })),
  /** Before sign-off: the carers and placement a decision is about and its support checklist. */
  setDecisionCarers: command<DecisionAbout>()(z.strictObject({ decisionId: z.number().int().positive(), ...decisionAboutInput.shape }))
}

export const familyFindingStatuses = ['not_needed', 'not_started', 'searching', 'matched', 'placed'] as const
export const familyFindingLabels: Record<(typeof familyFindingStatuses)[number], string> = {
  not_needed: 'Not needed',
  not_started: 'Not started',
  searching: 'Searching',
  matched: 'Matched',
  placed: 'Placed'
}

/** A child's permanence plan, as confirmed at the IRO's statutory review. */
export interface CarePlan {
  childId: string
  plan: CarePlanKind
  /** When an IRO review confirmed it; null while proposed. */
  confirmedDate: string | null
  familyFinding: (typeof familyFindingStatuses)[number]
  note: string | null
  updatedBy: string
  updatedAt: string
}

export const dischargeStatuses = ['planned', 'applied', 'granted', 'refused'] as const
export type DischargeStatus = (typeof dischargeStatuses)[number]

/** An application to discharge the care order of a child placed with parents. */
export interface DischargeApplication {
  id: number
  childId: string
  status: DischargeStatus
  plannedDate: string
  appliedDate: string | null
  decidedDate: string | null
  note: string | null
  recordedBy: string
  recordedAt: string
}

export const carePlanCalls = {
  getCarePlan: query<CarePlan | null>()(z.strictObject({ childId })),
  saveCarePlan: command<CarePlan>()(
    z.strictObject({
      childId,
      plan: z.enum(carePlanKinds),
      confirmedDate: isoDate.nullable(),
      familyFinding: z.enum(familyFindingStatuses),
      note: z.string().trim().max(2000).nullable().optional()
    })
  ),
  listDischargeApplications: query<DischargeApplication[]>()(z.strictObject({ childId })),
  /** A new application, or (with id) its progress: applied, then granted or refused. */
  saveDischargeApplication: command<DischargeApplication>()(
    z.strictObject({
      id: z.number().int().positive().optional(),
      childId,
      status: z.enum(dischargeStatuses),
      plannedDate: isoDate,
      appliedDate: isoDate.nullable(),
      decidedDate: isoDate.nullable(),
      note: z.string().trim().max(2000).nullable().optional()
    })
  )
}
