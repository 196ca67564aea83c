import { sharedRoles } from '../../domain/plan-stage.js';
import type { CreateDocumentInput, CreatedDocument } from '../types.js';
import { checkedId, type LocalContext } from './context.js';

/**
 * The plan's Markdown stored under the plan's id (once: a retried create finds it there), served
 * at `/docs/<id>` by this service to the parties the stage allows and HR (auth/access.ts).
 */
export async function createLocalDocument(ctx: LocalContext, input: CreateDocumentInput): Promise<CreatedDocument> {
  await ctx.blobs.createIfAbsent(checkedId(input.planId), input.markdown);
  await input.audit({
    kind: 'sharing.granted',
    actor: 'service',
    message: `Served by this service to ${sharedRoles(input.parties.stage)
      .map((role) => input.parties[role].email)
      .join(', ')} and HR only.`,
  });
  return {
    docId: input.planId,
    docUrl: `${ctx.publicUrl}/docs/${input.planId}`,
    sharing: { state: 'ok', issues: [] },
  };
}
