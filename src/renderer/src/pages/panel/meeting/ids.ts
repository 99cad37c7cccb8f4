/** Element ids the workspace moves the focus to; one meeting is shown at a time. */
export const ids = {
  title: 'meeting-title',
  search: 'agenda-search',
  decisionHeading: 'meeting-decision-heading',
  /** The decision form's first field, the outcome (the chosen radio, else the first). */
  decisionFirstField: 'meeting-decision-first-field',
  agendaHeading: 'meeting-agenda-heading',
  signOffHeading: 'sign-off-heading',
  itemHeading: 'meeting-item-heading',
  signOff: 'meeting-sign-off',
  undo: 'meeting-undo',
  suggestionAdd: (childId: string) => `suggestion-add-${childId}`,
  agendaEntry: (itemId: number) => `agenda-entry-${itemId}`
} as const
