import { Hono } from 'hono';
import { z } from 'zod';
import { AppError, notFound } from '../errors.js';
import { providerFor } from '../plans/plan-deps.js';
import { visiblePlan } from '../plans/read-plans.js';
import { DOCUMENT_MAX_CHARS, saveHostedDocument } from '../plans/save-document.js';
import { pollPlan } from '../poller/poll-plan.js';
import { EditConflictError, type HostedEditor } from '../providers/types.js';
import { type AppDeps, type AppEnv, jsonBody, requireIdentity } from './context.js';
import { editorPage } from './editor-page.js';
import { pagePolicy, scriptNonce } from './security-headers.js';
import { planTitle } from '../templates/template.js';
import type { Identity } from '../auth/access.js';

const saveSchema = z.strictObject({ markdown: z.string().max(DOCUMENT_MAX_CHARS, `must be at most ${DOCUMENT_MAX_CHARS} characters`), baseVersion: z.string().min(1).max(100) });

/**
 * Documents the service hosts itself (the local provider): the editor page at the plan's docUrl and
 * its load/save API, for the four parties and HR only; anyone else gets the same 404 as for nothing.
 */
export function documentRoutes(deps: AppDeps) {
  async function editable(identity: Identity, id: string) {
    const plan = await visiblePlan(deps, identity, id);
    const editor: HostedEditor | undefined = providerFor(deps, plan.provider)?.hostedEditor;
    if (!editor || !plan.docId) throw notFound();
    return { plan, editor, ref: { planId: plan.id, docId: plan.docId } };
  }

  const page = new Hono<AppEnv>().get('/:id', async (c) => {
    const identity = c.get('identity');
    if (!identity) return c.redirect(`/sign-in/?next=${encodeURIComponent(c.req.path)}`);
    const { plan, editor, ref } = await editable(identity, c.req.param('id'));
    const doc = await editor.load(ref);
    c.header('cache-control', 'no-store');
    const nonce = scriptNonce();
    c.header('content-security-policy', pagePolicy(`'nonce-${nonce}'`));
    return c.html(editorPage({ planId: plan.id, title: planTitle(plan), nonce, ...doc }));
  });

  const api = new Hono<AppEnv>()
    .get('/plans/:id/document', async (c) => {
      const { editor, ref } = await editable(requireIdentity(c), c.req.param('id'));
      return c.json(await editor.load(ref));
    })
    .put('/plans/:id/document', async (c) => {
      const identity = requireIdentity(c);
      const { plan, editor, ref } = await editable(identity, c.req.param('id'));
      if (plan.state === 'closed') throw new AppError('invalid_state', 'The plan is closed; its document is kept as agreed.');
      const parsed = saveSchema.safeParse(await jsonBody(c));
      if (!parsed.success) throw new AppError('invalid_input', 'The document was not saved.', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      try {
        const saved = await saveHostedDocument(editor, ref, parsed.data.markdown, parsed.data.baseVersion);
        // Read it now so the dashboard shows the edit without waiting for the next cycle.
        await pollPlan(deps, plan, { read: true, checkSharing: false });
        return c.json(saved);
      } catch (error) {
        if (error instanceof EditConflictError) throw new AppError('edit_conflict', error.message, [], { current: error.current });
        throw error;
      }
    });

  return { page, api };
}
