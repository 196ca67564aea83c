/**
 * The overview table's columns, shared by the page's static header and the script that fills rows.
 * Widths (px) feed a fixed table layout: with 1000 rows, automatic table layout costs ~300 ms.
 */
export const OVERVIEW_COLUMNS = [
  { key: 'teamMember', width: 120, label: 'Team member' },
  { key: 'manager', width: 110, label: 'Manager' },
  { key: 'developmentArea', width: 150, label: 'Development area' },
  { key: 'provider', width: 90, label: 'Document' },
  { key: 'startDate', width: 62, label: 'Start' },
  { key: 'endDate', width: 66, label: 'End' },
  { key: 'timeline', width: 150, label: 'Timeline' },
  { key: 'activities', width: 92, label: 'Activities' },
  { key: 'phase', width: 100, label: 'Phase' },
  { key: 'health', width: 92, label: 'Health' },
  { key: 'lastEntry', width: 72, label: 'Last entry' },
  { key: 'nextCheckIn', width: 90, label: 'Next check-in' },
  { key: 'missed', width: 74, label: 'Missed' },
  { key: 'sharing', width: 98, label: 'Sharing' },
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
