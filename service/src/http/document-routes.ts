import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { SAVE_DOCUMENT_MAX_BYTES, openHostedDocument, saveAndReadDocument, saveDocumentSchema } from '../plans/hosted-document.js';
import { documentAuthors } from '../plans/document-authors.js';
import { documentPresence, nameOn, presenceSchema, presenceTracker } from '../plans/presence.js';
import { planTitle } from '../templates/template.js';
import type { AppDeps } from './app-deps.js';
import { type AppEnv, requireIdentity, signedIn } from './caller.js';
import { editorPage } from './editor-page.js';
import { documentSchema, savedDocumentSchema } from './api-schemas.js';
import { SIGNED_IN, errorAnswers, jsonAnswer } from './openapi.js';
import { jsonInput } from './valid-input.js';
import { cspNonce, editorPolicy } from './security-headers.js';

/**
 * Documents the service hosts itself (the local provider): the editor page at the plan's docUrl and
 * its load/save/presence API, for the four parties and HR only; anyone else gets the same 404 as for nothing.
 */
export function documentRoutes(deps: AppDeps) {
  const presence = presenceTracker();
  const authors = documentAuthors();

  const tags = ['documents'];
  const describePage = describeRoute({
    tags,
    summary: "The editor page of a local plan's document (the plan's docUrl); signed out: a redirect to the sign-in page",
    responses: { 200: { description: 'The editor page', content: { 'text/html': {} } }, 302: { description: 'To /sign-in/' }, ...errorAnswers('not_found') },
  });
  const page = new Hono<AppEnv>().get('/:id', describePage, async (c) => {
    const identity = c.get('identity');
    if (!identity) return c.redirect(`/sign-in/?next=${encodeURIComponent(c.req.path)}`);
    const { plan, document: doc } = await openHostedDocument(deps, identity, c.req.param('id'));
    c.header('cache-control', 'no-store');
    const nonce = cspNonce();
    c.header('content-security-policy', editorPolicy(nonce));
    return c.html(
      editorPage({ planId: plan.id, title: planTitle(plan), nonce, today: deps.clock.today(), by: nameOn(plan, identity.email), closed: plan.state === 'closed', ...doc }),
    );
  });

  const api = new Hono<AppEnv>()
    .get(
      '/plans/:id/document',
      describeRoute({
        tags,
        summary: "A local plan's document as Markdown, with the version an edit starts from",
        security: SIGNED_IN,
        responses: { 200: jsonAnswer('The document', documentSchema), ...errorAnswers('unauthenticated', 'not_found') },
      }),
      async (c) => c.json((await openHostedDocument(deps, requireIdentity(c), c.req.param('id'))).document),
    )
    .put(
      '/plans/:id/document',
      describeRoute({
        tags,
        summary: 'Save the document, merging with edits saved since baseVersion; edits to the same lines are a 409 with the current text',
        security: SIGNED_IN,
        responses: {
          200: jsonAnswer('The saved (possibly merged) document, and whose saves were merged into it', savedDocumentSchema),
          ...errorAnswers('invalid_input', 'unauthenticated', 'not_found', 'edit_conflict', 'invalid_state', 'payload_too_large'),
        },
      }),
      signedIn,
      jsonInput(saveDocumentSchema, { message: 'The document was not saved.' }, { maxBytes: SAVE_DOCUMENT_MAX_BYTES }),
      async (c) => {
        const caller = requireIdentity(c);
        return c.json(await saveAndReadDocument(deps, caller, c.req.param('id'), c.req.valid('json'), authors));
      },
    )
    .post(
      '/plans/:id/document/presence',
      describeRoute({
        tags,
        summary: 'Who else has the document open (the editor calls it while open)',
        security: SIGNED_IN,
        responses: { 200: { description: 'Who is editing' }, ...errorAnswers('invalid_input', 'unauthenticated', 'not_found') },
      }),
      signedIn,
      jsonInput(presenceSchema, { message: 'Not a heartbeat: send {} or {"leaving": true}.' }),
      async (c) => {
        const caller = requireIdentity(c);
        return c.json(await documentPresence(deps, presence, caller, c.req.param('id'), c.req.valid('json'), authors));
      },
    );

  return { page, api };
}
