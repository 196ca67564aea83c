import { signWebhookPayload } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { notionWebhookRoutes } from './notion-webhook.js';

const TOKEN = 'secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl';

function event(id: string, type = 'page.content_updated', pageId = '153104cd-477e-809d-8dc4-ff2d96ae3090') {
  return JSON.stringify({
    id,
    timestamp: '2026-12-03T10:00:00.000Z',
    workspace_id: 'w',
    workspace_name: 'Acme',
    subscription_id: 's',
    integration_id: 'i',
    type,
    authors: [{ id: 'u', type: 'person' }],
    attempt_number: 1,
    api_version: '2025-09-03',
    entity: { id: pageId, type: 'page' },
    data: { parent: { id: 'ds', type: 'database' }, updated_blocks: [] },
  });
}

function setup(verificationToken: string | undefined, clock = { now: Date.parse('2026-12-03T10:00:05.000Z') }) {
  const tokens: string[] = [];
  const changed: string[][] = [];
  const app = notionWebhookRoutes({ verificationToken, onVerificationToken: (t) => void tokens.push(t), onPagesChanged: (ids) => void changed.push(ids), now: () => clock.now });
  const post = async (body: string, signature?: string) =>
    app.request('/', { method: 'POST', body, headers: { 'content-type': 'application/json', ...(signature ? { 'x-notion-signature': signature } : {}) } });
  return { tokens, changed, post };
}

describe('POST /webhooks/notion', () => {
  it('logs the one-time verification token and answers 200', async () => {
    const { tokens, post } = setup(undefined);
    const response = await post(JSON.stringify({ verification_token: TOKEN }));
    expect(response.status).toBe(200);
    expect(tokens).toEqual([TOKEN]);
  });

  it('passes on only a token-shaped verification token: no newline or escape code reaches the log', async () => {
    const { tokens, post } = setup(undefined);
    for (const forged of [`${TOKEN}\n[notion] webhook verification token: attacker`, `\u001b[2K\u001b[1A${TOKEN}`, 'short', `${TOKEN} extra`]) {
      const response = await post(JSON.stringify({ verification_token: forged }));
      expect(response.status).toBe(400);
    }
    expect(tokens).toEqual([]);
  });

  it('ignores a verification request once a token is configured, logging nothing', async () => {
    const { tokens, post } = setup(TOKEN);
    const response = await post(JSON.stringify({ verification_token: 'attacker-chosen' }));
    expect(response.status).toBe(200);
    expect(tokens).toEqual([]);
  });

  it('refuses a delivery over 64 KiB before reading it', async () => {
    const { post } = setup(TOKEN);
    const response = await post(JSON.stringify({ verification_token: 'x'.repeat(70_000) }));
    expect(response.status).toBe(413);
  });

  it('passes the page of a correctly signed event on', async () => {
    const { changed, post } = setup(TOKEN);
    const body = event('evt-1');
    const response = await post(body, await signWebhookPayload({ body, verificationToken: TOKEN }));
    expect(response.status).toBe(200);
    expect(changed).toEqual([['153104cd-477e-809d-8dc4-ff2d96ae3090']]);
  });

  it('refuses a missing or wrong signature, or a body changed after signing, with 401', async () => {
    const { changed, post } = setup(TOKEN);
    const body = event('evt-2');
    const unsigned = await post(body);
    expect(unsigned.status).toBe(401);
    // The API's one error shape, with a code from its one map.
    expect(await unsigned.json()).toEqual({ error: { code: 'unauthenticated', message: 'X-Notion-Signature does not match the body.', issues: [] } });
    expect((await post(body, await signWebhookPayload({ body, verificationToken: 'another-token' }))).status).toBe(401);
    expect((await post(body.replace('evt-2', 'evt-3'), await signWebhookPayload({ body, verificationToken: TOKEN }))).status).toBe(401);
    expect((await post(body, 'sha256=zz')).status).toBe(401);
    expect(changed).toEqual([]);
  });

  it('refuses signed events while no verification token is configured', async () => {
    const { post } = setup(undefined);
    const body = event('evt-4');
    expect((await post(body, await signWebhookPayload({ body, verificationToken: TOKEN }))).status).toBe(401);
  });

  it('ignores a replayed delivery and events that are not about pages', async () => {
    const { changed, post } = setup(TOKEN);
    const body = event('evt-5');
    const signature = await signWebhookPayload({ body, verificationToken: TOKEN });
    await post(body, signature);
    const replay = await post(body, signature);
    expect(replay.status).toBe(200);
    const comment = event('evt-6', 'comment.created');
    await post(comment, await signWebhookPayload({ body: comment, verificationToken: TOKEN }));
    expect(changed).toHaveLength(1);
  });
  it('ignores a correctly signed delivery replayed after its id was forgotten (older than the window)', async () => {
    const clock = { now: Date.parse('2026-12-03T10:00:05.000Z') };
    const { changed, post } = setup(TOKEN, clock);
    const body = event('evt-7');
    const signature = await signWebhookPayload({ body, verificationToken: TOKEN });
    clock.now += 25 * 3_600_000;
    expect((await post(body, signature)).status).toBe(200);
    expect(changed).toEqual([]);
  });
});
