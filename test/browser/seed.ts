/** Plans for screenshots and accessibility checks, created through the API and written to on disk. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext } from 'playwright-core';
import { utcDate } from './browser.js';

interface Seed {
  name: string;
  area: string;
  manager: [string, string];
  start: number;
  /** Progress entries, as days after the start. */
  entries: number[];
  doneActivities: number;
}

const SEEDS: Seed[] = [
  { name: 'Ana Lima', area: 'Stakeholder communication', manager: ['Ben Okafor', 'ben@acme.test'], start: -12, entries: [5, 11], doneActivities: 1 },
  { name: 'Bo Chen', area: 'Code review quality', manager: ['Mia Jensen', 'mia@acme.test'], start: -22, entries: [6], doneActivities: 1 },
  { name: 'Carla Ruiz', area: 'Estimating work', manager: ['Ben Okafor', 'ben@acme.test'], start: -26, entries: [], doneActivities: 0 },
  { name: 'Dev Patel', area: 'Running incident calls', manager: ['Mia Jensen', 'mia@acme.test'], start: -40, entries: [6, 13, 20, 27], doneActivities: 3 },
  { name: 'Eli Novak', area: 'Written documentation', manager: ['Ben Okafor', 'ben@acme.test'], start: 3, entries: [], doneActivities: 0 },
  { name: 'Fatima Zahra', area: 'Mentoring juniors', manager: ['Mia Jensen', 'mia@acme.test'], start: -4, entries: [2], doneActivities: 0 },
];

const ACTIVITIES = ['Shadow two customer calls', 'Write a weekly update', 'Take the writing course', 'Present at the team meeting'];

/** Creates the plans as HR, writes progress into the local documents, then runs one poll cycle. */
export async function seedPlans(request: APIRequestContext, baseUrl: string, dataDir: string): Promise<string[]> {
  const ids: string[] = [];
  for (const seed of SEEDS) {
    const email = `${seed.name.split(' ')[0]!.toLowerCase()}@acme.test`;
    const startDate = utcDate(seed.start);
    const response = await request.post(`${baseUrl}/api/plans`, {
      data: {
        teamMember: { name: seed.name, email },
        manager: { name: seed.manager[0], email: seed.manager[1] },
        managersManager: { name: 'Cy Park', email: 'cy@acme.test' },
        developmentArea: seed.area,
        currentState: 'Updates to stakeholders are irregular and often late.',
        goalState: 'By the end date, a written update goes out every Friday by 17:00 for four weeks in a row.',
        activities: ACTIVITIES.map((title, i) => ({ title, owner: seed.name.split(' ')[0], due: utcDate(seed.start + 7 * (i + 1)) })),
        supportAssets: 'Weekly 1:1; budget for a writing course.',
        updateCadenceDays: 7,
        startDate,
      },
    });
    if (response.status() !== 201) throw new Error(`seeding ${seed.name}: ${response.status()} ${await response.text()}`);
    const { plan } = (await response.json()) as { plan: { id: string } };
    ids.push(plan.id);
    const file = join(dataDir, 'documents', `${plan.id}.md`);
    let markdown = readFileSync(file, 'utf8');
    for (const title of ACTIVITIES.slice(0, seed.doneActivities)) {
      markdown = markdown.replace(new RegExp(`^(\\| ${title} \\|.*\\| )Not started( \\|)$`, 'm'), '$1Done$2');
    }
    const rows = seed.entries.map((day, i) => `| ${utcDate(seed.start + day)} | Check-in ${i + 1}: reviewed the week's updates together | ${seed.name.split(' ')[0]} |`);
    writeFileSync(file, `${markdown.trimEnd()}\n${rows.join('\n')}\n`);
  }
  const poll = await request.post(`${baseUrl}/api/poll`);
  if (!poll.ok()) throw new Error(`poll: ${poll.status()} ${await poll.text()}`);
  return ids;
}
