/** The overview table's columns, shared by the page's static header and the script that fills rows. */
export const OVERVIEW_COLUMNS = [
  { key: 'teamMember', label: 'Team member' },
  { key: 'manager', label: 'Manager' },
  { key: 'developmentArea', label: 'Development area' },
  { key: 'provider', label: 'Document' },
  { key: 'startDate', label: 'Start' },
  { key: 'endDate', label: 'End' },
  { key: 'timeline', label: 'Timeline' },
  { key: 'activities', label: 'Activities' },
  { key: 'phase', label: 'Phase' },
  { key: 'health', label: 'Health' },
  { key: 'lastEntry', label: 'Last entry' },
  { key: 'nextCheckIn', label: 'Next check-in' },
  { key: 'missed', label: 'Missed' },
  { key: 'sharing', label: 'Sharing' },
] as const;

export type ColumnKey = (typeof OVERVIEW_COLUMNS)[number]['key'];

/** Counts at the top of the overview: the questions HR asks first. */
export const COUNT_CARDS = [
  { key: 'active', label: 'Active', filter: { phase: 'active' } },
  { key: 'atRisk', label: 'At risk', filter: { health: 'at_risk' } },
  { key: 'offTrack', label: 'Off track', filter: { health: 'off_track' } },
  { key: 'overdue', label: 'Overdue', filter: { health: 'overdue' } },
  { key: 'endingThisWeek', label: 'Ending this week', filter: null },
  { key: 'sharingViolations', label: 'Sharing violations', filter: { sharing: 'violation' } },
] as const;
