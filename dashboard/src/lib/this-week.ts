/**
 * The overview's "This week" panel (GET /api/this-week: check-ins due, check-ins missed, plans
 * ending, of the open plans the reader may see) and the "Calendar feed" control that shows, copies
 * and rotates the reader's private feed address. The address is asked for only when the reader opens
 * the control, so nobody gets a feed they did not ask for.
 */
import { api } from './api.js';
import { esc, formatDate, planHref } from './format.js';
import { showError } from './page.js';
import type { CalendarAddress, ThisWeekItem, ThisWeekResponse } from './types.js';

/** Items shown per list; the rest are counted ("and 12 more"). */
const SHOWN = 8;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const LISTS: { key: 'checkInsDue' | 'checkInsMissed' | 'plansEnding'; id: string; what: string; none: string }[] = [
  { key: 'checkInsDue', id: 'week-due', what: 'check-in due', none: 'No check-ins due.' },
  { key: 'checkInsMissed', id: 'week-missed', what: 'check-in missed', none: 'No check-ins missed.' },
  { key: 'plansEnding', id: 'week-ending', what: 'ends', none: 'No plans ending.' },
];

function itemHtml(item: ThisWeekItem, what: string): string {
  return `<li><a href="${planHref({ id: item.planId })}">${esc(item.teamMember)}</a> <span class="muted">${what} ${formatDate(item.date, true)}</span></li>`;
}

async function showWeek(): Promise<void> {
  const week = await api<ThisWeekResponse>('/api/this-week');
  for (const list of LISTS) {
    const { total, items } = week[list.key];
    const shown = items.slice(0, SHOWN);
    const more = total - shown.length;
    $(list.id).innerHTML =
      total === 0 ? `<li class="muted">${list.none}</li>` : shown.map((item) => itemHtml(item, list.what)).join('') + (more > 0 ? `<li class="muted">and ${more} more</li>` : '');
    $(`${list.id}-count`).textContent = String(total);
  }
  $('week-range').textContent = `${formatDate(week.today, true)} – ${formatDate(week.until)}`;
}

function showAddress(address: CalendarAddress, message: string): void {
  $<HTMLInputElement>('calendar-url').value = address.url;
  $('calendar-status').textContent = message;
}

function setUpCalendarControl(): void {
  const details = $<HTMLDetailsElement>('calendar-feed');
  const status = $('calendar-status');
  const askForAddress = () => {
    if (!details.open || $<HTMLInputElement>('calendar-url').value) return;
    api<CalendarAddress>('/api/calendar').then(
      (address) => showAddress(address, ''),
      (error: unknown) => showError(status, error),
    );
  };
  details.addEventListener('toggle', askForAddress);
  // Opened before this script was ready (a quick click while the session was still being asked for):
  // the toggle event has been and gone, so ask now.
  askForAddress();
  $('calendar-copy').addEventListener('click', async () => {
    const input = $<HTMLInputElement>('calendar-url');
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      status.textContent = 'Address copied. Paste it where your calendar app adds a calendar "from URL".';
    } catch {
      status.textContent = 'Press Ctrl+C (⌘C on a Mac) to copy the selected address.';
    }
  });
  $('calendar-rotate').addEventListener('click', async () => {
    if (!confirm('Make a new address? Calendars subscribed to the current one stop receiving updates at once.')) return;
    try {
      showAddress(
        await api<CalendarAddress>('/api/calendar/rotate', { method: 'POST' }),
        'New address made: the old one no longer works. Subscribe your calendar again with this one.',
      );
    } catch (error) {
      showError(status, error);
    }
  });
}

/** Called by the overview once someone is signed in (before that, an API call would only be a 401). */
export function startThisWeek(): void {
  setUpCalendarControl();
  // The panel holds its place while loading (no layout shift). A failure (session expired, service
  // unreachable) is what the overview's own loading reports: the panel just steps aside.
  showWeek().catch(() => {
    $('this-week').hidden = true;
  });
}
