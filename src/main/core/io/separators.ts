/** Separators a CSV may be saved with in place of commas (Excel uses semicolons in many locales), as a data officer names them. */
export const separatorNames: Readonly<Record<string, string>> = { ';': 'semicolons (;)', '\t': 'tabs' }

/** What to tell a data officer whose CSV is separated by `separator`. */
export const resaveWithCommas = (separator: string): string =>
  `its columns are separated by ${separatorNames[separator]}, not commas; save it again as "CSV UTF-8 (comma delimited)" and import that file`
