/**
 * The printable record of a plan (GET /api/plans/{id}/record): one HTML page, no script at all, its
 * one `<style>` carrying the response's nonce (recordPolicy), every piece of plan text escaped.
 * People print it to PDF from the browser; the print styles drop the hint and keep tables whole.
 */
import { readableDate } from '../domain/dates.js';
import { type PlanRecordView, type RecordEvent, type RecordTable, recordTables } from '../plans/plan-record.js';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const e = (text: string | null | undefined) => escapeHtml(text ?? '');

const STYLE = `
body{font:15px/1.5 system-ui,sans-serif;color:#111;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin:1.6rem 0 .4rem;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}.meta{color:#444}.hint{background:#eef4ff;padding:.4rem .6rem}.missed{color:#a00;font-weight:600}
p.text{white-space:pre-wrap}
@media print{.hint{display:none}body{margin:0;max-width:none}tr,li{break-inside:avoid}h2{break-after:avoid}}`;

function table({ header, rows, empty }: RecordTable, classes: (string | null)[] = []): string {
  if (rows.length === 0 && empty !== null) return `<p>${e(empty)}</p>`;
  const head = `<tr>${header.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr>`;
  const body = rows.map((row, i) => `<tr${classes[i] ? ` class="${classes[i]}"` : ''}>${row.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`).join('');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function events(list: RecordEvent[], none: string): string {
  if (list.length === 0) return `<p>${e(none)}</p>`;
  return `<ul>${list.map((ev) => `<li><time datetime="${e(ev.at)}">${e(ev.at.slice(0, 10))}</time>, ${e(ev.by)}: ${e(ev.text)}</li>`).join('')}</ul>`;
}

const section = (heading: string, body: string) => `<section><h2>${e(heading)}</h2>${body}</section>`;
const text = (value: string) => `<p class="text">${e(value)}</p>`;

export function recordPage(record: PlanRecordView, nonce: string): string {
  const parts = new Map(record.parts.map((p) => [p.heading, p.text]));
  const part = (heading: string) => section(heading, text(parts.get(heading) ?? ''));
  const tables = recordTables(record);
  const outcome = record.outcome
    ? `<p><strong>${e(record.outcome.words)}</strong>, closed ${e(record.outcome.closedAt.slice(0, 10))}${record.outcome.by ? ` by ${e(record.outcome.by)}` : ''}.</p>${record.outcome.note ? `<p class="text">Note: ${e(record.outcome.note)}</p>` : ''}`
    : '<p>Not closed yet.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Record: ${e(record.title)}</title>
<style nonce="${e(nonce)}">${STYLE}</style>
</head>
<body>
<main>
<h1>${e(record.title)}</h1>
<p class="meta">A ${e(record.kind)} plan from ${e(readableDate(record.startDate))} to ${e(readableDate(record.endDate))}. ${record.state === 'closed' ? 'Closed.' : `Stage: ${e(record.stage)}.`} Record generated ${e(record.generatedAt)} from the document as last read ${e(record.readAt ?? '(never read)')}.</p>
<p class="hint">Confidential: for the team member, the manager, the manager's manager and HR. To keep a PDF, print this page (Ctrl+P or Cmd+P) and choose "Save as PDF".</p>
${section('People', table(tables.people))}
${part('Development area')}
${part('Current state')}
${part('Goal state')}
${section('Activities', table(tables.activities))}
${part('Timeline')}
${part('Support assets')}
${part('Update cadence')}
${section('Progress log', table(tables.progress))}
${section(
  'Check-ins',
  table(
    tables.checkIns,
    record.checkIns.map((c) => (c.state === 'missed' ? 'missed' : null)),
  ),
)}
${section('Alignment and agreement', `<ul>${record.agreement.map((line) => `<li>${e(line)}</li>`).join('')}</ul><h3>Course of the plan</h3>${events(record.steps, 'Nothing recorded.')}`)}
${section('Adjustments', events(record.adjustments, 'None.'))}
${section('Outcome', outcome)}
</main>
</body></html>`;
}

/** No script, no connection, no form; only the page's own nonce-carrying style. */
export function recordPolicy(nonce: string): string {
  return `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}
