import type { z } from 'zod'

export interface MappingColumn<F extends string> {
  field: F
  label: string
  required: boolean
}

/**
 * A mapping form's columns, labelled from src/shared; a column is required when the
 * contract's schema refuses it left out, so the form asks for exactly what the core does.
 */
export function mappingColumns<F extends string>(columns: z.ZodObject, labels: Record<F, string>): MappingColumn<F>[] {
  return (Object.keys(labels) as F[]).map((field) => ({ field, label: labels[field], required: columns.shape[field]?.safeParse(undefined).success === false }))
}
