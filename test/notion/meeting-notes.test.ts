import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ui } from '../fakes/notion/index.js';
import { createInput, servedNotionEnv } from './env.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('Notion meeting notes in a plan page (block type meeting_notes since 2026-03-11)', () => {
  it('are not read as plan text: a dated line of a transcript is no progress entry, and their content is not fetched', async () => {
    const env = servedNotionEnv(server);
    const { input } = createInput();
    const { docId } = await env.provider.createDocument(input);
    const [notes] = env.fake.state.insertBlocks(docId, docId, [{ type: 'meeting_notes', meeting_notes: { title: [], status: 'notes_ready' } }]);
    env.fake.state.insertBlocks(notes!.id, docId, [{ type: 'paragraph', paragraph: { rich_text: [{ text: { content: '2026-12-04 Ana: I sent the update' } }] } }]);
    ui.appendParagraph(env.fake.state, docId, ['2026-12-05 Sent the weekly update']);

    const doc = await env.provider.readDocument({ planId: 'plan-1', docId });
    const text = JSON.stringify(doc.blocks);
    expect(text).toContain('2026-12-05 Sent the weekly update');
    expect(text).not.toContain('I sent the update');
    expect(env.fake.requests({ path: new RegExp(`/v1/blocks/${notes!.id}/children`) })).toEqual([]);
  });
});
