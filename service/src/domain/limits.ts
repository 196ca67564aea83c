/**
 * Sizes that keep a plan readable and every provider within its limits (Notion: 2000 chars a text).
 * No imports: the plan schema validates with them and the dashboard's form shares them (through
 * http/api-types.ts) without pulling zod into the page.
 */
export const LIMITS = {
  name: 120,
  email: 254,
  shortText: 200,
  longText: 2000,
  activities: 30,
  maxPlanDays: 90,
  maxCadenceDays: 30,
} as const;
