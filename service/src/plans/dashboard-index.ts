import type { Identity } from '../auth/access.js';
import { type DashboardQuery, byName, dashboardCounts, dashboardRow, matchesFilters, sortPlans } from './dashboard-query.js';
import { type CachedPlan, type VisiblePlans, planViewJson } from './plan-view-cache.js';

/** Filtered orders kept per snapshot (a reader scrolling, the CSV export paging through one filter). */
const MAX_FILTERED = 16;

/** What every page of one caller's overview shares, for as long as their visible plans stay the same. */
interface Snapshot {
  /** `{"today":...,"counts":{...}`: the answer's opening, the same for every page. */
  head: string;
  /** The plans the table lists (all but the caller's own), newest first. */
  led: CachedPlan[];
  /** `"mine":[...],"options":{...}}`: the answer's closing. */
  tail: string;
  /** The led plans in each order asked for so far, by `sort:dir`. */
  sorted: Map<string, CachedPlan[]>;
  /** The led plans matching a filter, in order, by the query without offset and limit. */
  filtered: Map<string, CachedPlan[]>;
}

const rowJson = (entry: CachedPlan) => (entry.rowJson ??= JSON.stringify(dashboardRow(entry.view)));

/**
 * The overview's pages, each a slice of an index. HR's page at 5,000 plans used to count, filter and
 * sort every plan on every request (31 requests a second at 50 clients). Now the counts, the rows'
 * JSON and each order are made once per snapshot: per array of visible plans, which the view cache
 * hands out unchanged until a plan's version moves or the day changes (plans/plan-view-cache.ts).
 */
export function createDashboardIndex() {
  // Keyed by the array itself: a new array (something changed) is a new snapshot, the old one is collected.
  const snapshots = new WeakMap<CachedPlan[], Snapshot>();

  function snapshotOf(visible: VisiblePlans, caller: Identity): Snapshot {
    let snapshot = snapshots.get(visible.plans);
    if (snapshot) return snapshot;
    // HR sees every plan in the table; anyone else finds their own plan apart, as "mine".
    const own = (entry: CachedPlan) => !caller.isHr && entry.plan.teamMember.email === caller.email;
    const led = visible.plans.filter((entry) => !own(entry));
    const managers = new Map(led.map((entry) => [entry.view.manager.email, entry.view.manager.name]));
    const options = {
      managers: [...managers].map(([email, name]) => ({ email, name })).sort((a, b) => byName(a.name, b.name)),
      providers: [...new Set(led.map((entry) => entry.view.provider))].sort(),
    };
    const counts = dashboardCounts(
      visible.plans.map((entry) => entry.view),
      visible.day,
    );
    snapshot = {
      head: `{"today":${JSON.stringify(visible.day)},"counts":${JSON.stringify(counts)}`,
      led,
      tail: `"mine":[${visible.plans.filter(own).map(rowJson).join(',')}],"options":${JSON.stringify(options)}}`,
      sorted: new Map(),
      filtered: new Map(),
    };
    snapshots.set(visible.plans, snapshot);
    return snapshot;
  }

  function matching(snapshot: Snapshot, query: DashboardQuery): CachedPlan[] {
    const order = `${query.sort}:${query.dir}`;
    let sorted = snapshot.sorted.get(order);
    if (!sorted) {
      sorted = sortPlans(snapshot.led, query.sort, query.dir);
      snapshot.sorted.set(order, sorted);
    }
    const { offset: _offset, limit: _limit, sort: _sort, dir: _dir, ...filters } = query;
    if (!Object.values(filters).some((value) => value !== undefined && value !== '')) return sorted;
    const key = `${order}:${JSON.stringify(filters)}`;
    let found = snapshot.filtered.get(key);
    snapshot.filtered.delete(key);
    found ??= sorted.filter((entry) => matchesFilters(entry.view, query));
    snapshot.filtered.set(key, found);
    if (snapshot.filtered.size > MAX_FILTERED) snapshot.filtered.delete(snapshot.filtered.keys().next().value as string);
    return found;
  }

  return {
    /** Every visible plan in full (the answer without parameters), with the same counts as the pages. */
    fullJson(visible: VisiblePlans, caller: Identity): string {
      return `${snapshotOf(visible, caller).head},"plans":[${visible.plans.map((entry) => planViewJson(entry, caller)).join(',')}]}`;
    },
    /**
     * One page as JSON text (without `generatedAt`): counts over every visible plan; the led plans
     * filtered, sorted and paged; the caller's own plans; the managers and providers to filter by.
     */
    pageJson(visible: VisiblePlans, caller: Identity, query: DashboardQuery): string {
      const snapshot = snapshotOf(visible, caller);
      const rows = matching(snapshot, query);
      const page = rows
        .slice(query.offset, query.offset + query.limit)
        .map(rowJson)
        .join(',');
      return `${snapshot.head},"total":${rows.length},"unfiltered":${snapshot.led.length},"offset":${query.offset},"limit":${query.limit},"rows":[${page}],${snapshot.tail}`;
    },
  };
}
export type DashboardIndex = ReturnType<typeof createDashboardIndex>;
