import { Hono } from 'hono';
import { hostedDocument, loadHostedDocument, saveAndReadDocument } from '../plans/hosted-document.js';
import { documentPresence, nameOn, presenceTracker } from '../plans/presence.js';
import { planTitle } from '../templates/template.js';
import type { AppDeps } from './app-deps.js';
import { type AppEnv, requireIdentity } from './caller.js';
import { editorPage } from './editor-page.js';
import { jsonBody } from './json-body.js';
import { cspNonce, editorPolicy } from './security-headers.js';

/**
 * Documents the service hosts itself (the local provider): the editor page at the plan's docUrl and
 * its load/save/presence API, for the four parties and HR only; anyone else gets the same 404 as for nothing.
 */
export function documentRoutes(deps: AppDeps) {
  const presence = presenceTracker();

  const page = new Hono<AppEnv>().get('/:id', async (c) => {
    const identity = c.get('identity');
    if (!identity) return c.redirect(`/sign-in/?next=${encodeURIComponent(c.req.path)}`);
    const { plan, editor, ref } = await hostedDocument(deps, identity, c.req.param('id'));
    const doc = await editor.load(ref);
    c.header('cache-control', 'no-store');
    const nonce = cspNonce();
    c.header('content-security-policy', editorPolicy(nonce));
    return c.html(
      editorPage({ planId: plan.id, title: planTitle(plan), nonce, today: deps.clock.today(), by: nameOn(plan, identity.email), closed: plan.state === 'closed', ...doc }),
    );
  });

  const api = new Hono<AppEnv>()
    .get('/plans/:id/document', async (c) => c.json(await loadHostedDocument(deps, requireIdentity(c), c.req.param('id'))))
    .put('/plans/:id/document', async (c) => {
      const caller = requireIdentity(c);
      return c.json(await saveAndReadDocument(deps, caller, c.req.param('id'), await jsonBody(c)));
    })
    .post('/plans/:id/document/presence', async (c) => {
      const caller = requireIdentity(c);
      return c.json(await documentPresence(deps, presence, caller, c.req.param('id'), await jsonBody(c)));
    });

  return { page, api };
}
