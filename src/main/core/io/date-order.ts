import { parseTextDate } from './dates'

/** Where a file first showed a date that reads only month first. */
export interface MonthFirstExample {
  row: number
  column: string
  value: string
}

/**
 * Which comes first in one file's typed dates, the day or the month. A spreadsheet set to
 * US dates saves 17 October 2026 as 10/17/26: read day first, that one is no date (and is
 * rejected), but 05/11/24 is read as 5 November when it meant 11 May, and stored wrong. A
 * file whose dates include one that only reads month first, and none whose first number
 * is over 12 (only a day can be), has its dates month first throughout.
 */
export class DateOrder {
  private dayFirst = false
  private monthFirst: MonthFirstExample | null = null

  /** A text date read day first, as `iso`. */
  read(text: string, iso: string): void {
    if (this.dayFirst) return
    // Only D/M/Y text counts: an ISO date's day says nothing about the order of the others.
    const separatorAt = text.search(/[/.\- ]/)
    if (separatorAt > 0 && separatorAt <= 2 && Number(iso.slice(8, 10)) > 12) this.dayFirst = true
  }

  /** Text that is no date read day first. */
  failed(text: string, today: string, where: Omit<MonthFirstExample, 'value'>): void {
    if (this.monthFirst === null && parseTextDate(text, today, 'MM/DD/YYYY') !== null) this.monthFirst = { ...where, value: text.trim() }
  }

  /** The first month-first date, when nothing in the file reads day first; else null. */
  monthFirstFile(): MonthFirstExample | null {
    return this.dayFirst ? null : this.monthFirst
  }
}
