/**
 * The overview table's columns, shared by the page's static header and the script that fills rows.
 * Widths (px) feed a fixed table layout: with 1000 rows, automatic table layout costs ~300 ms.
 * They add up to 1212 px, so at 1280 px (less the page's margins and a scrollbar) every column shows
 * without scrolling sideways: Start and End collapsed into the Timeline column (its dates line;
 * sorting by it orders by end date).
 */
export const OVERVIEW_COLUMNS = [
  { key: 'teamMember', width: 106, label: 'Team member' },
  { key: 'manager', width: 94, label: 'Manager' },
  { key: 'developmentArea', width: 120, label: 'Development area' },
  { key: 'provider', width: 86, label: 'Document', hrOnly: true },
  { key: 'stage', width: 92, label: 'Stage' },
  { key: 'timeline', width: 176, label: 'Timeline' },
  { key: 'activities', width: 72, label: 'Activities' },
  { key: 'phase', width: 86, label: 'Phase' },
  { key: 'health', width: 92, label: 'Health' },
  { key: 'lastEntry', width: 66, label: 'Last entry' },
  { key: 'nextCheckIn', width: 76, label: 'Next check-in' },
  { key: 'missed', width: 62, label: 'Missed' },
  { key: 'sharing', width: 84, label: 'Sharing', hrOnly: true },
] as const;

export type ColumnKey = (typeof OVERVIEW_COLUMNS)[number]['key'];

/**
 * Columns, filters and counts about where documents live and who can open them are HR's console:
 * managers and team members see the plans, not the machinery (issue 22.4).
 */
export const HR_ONLY_COLUMNS: ReadonlySet<ColumnKey> = new Set(OVERVIEW_COLUMNS.filter((col) => 'hrOnly' in col).map((col) => col.key));

/** Counts at the top of the overview: the questions HR asks first. */
export const COUNT_CARDS = [
  { key: 'active', label: 'Active', filter: { phase: 'active' } },
  { key: 'atRisk', label: 'At risk', filter: { health: 'at_risk' } },
  { key: 'offTrack', label: 'Off track', filter: { health: 'off_track' } },
  { key: 'overdue', label: 'Overdue', filter: { health: 'overdue' } },
  { key: 'endingThisWeek', label: 'Ending this week', filter: null },
  { key: 'sharingViolations', label: 'Sharing violations', filter: { sharing: 'violation' }, hrOnly: true },
] as const;
