/**
 * A child's name in SQL, from the child table under `table` (no prefix when omitted):
 * given and family name, either of which may be missing (903 returns carry no names), as
 * one trimmed string, '' when there is neither.
 */
export const childNameSql = (table?: string): string => {
  const column = (name: string): string => (table ? `${table}.${name}` : name)
  return `TRIM(COALESCE(${column('given_name')}, '') || ' ' || COALESCE(${column('family_name')}, ''))`
}
