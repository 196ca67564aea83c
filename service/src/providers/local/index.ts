import type { DocProvider } from '../types.js';
import { detectLocalChanges } from './changes.js';
import type { LocalContext, LocalProviderOptions } from './context.js';
import { createLocalDocument } from './create.js';
import { appendSection, writeDates } from './document-edits.js';
import { localEditor } from './editor.js';
import { readLocalDocument } from './read.js';
import { checkLocalSharing, shareLocalDocument } from './sharing.js';

export type { LocalProviderOptions };

/**
 * The embedded default: plan documents in Markdown that the service serves itself, at the plan's
 * docUrl, to the four parties only (the HTTP layer applies the access rule). Edits made in the
 * browser editor and edits made to the stored text (a file on Node) both count.
 */
export function localProvider(options: LocalProviderOptions): DocProvider {
  const ctx: LocalContext = { blobs: options.blobs, publicUrl: options.publicUrl };
  return {
    name: 'local',
    hostedEditor: localEditor(ctx),
    createDocument: (input) => createLocalDocument(ctx, input),
    readDocument: (ref) => readLocalDocument(ctx, ref),
    detectChanges: (cursor, docs) => detectLocalChanges(ctx, cursor, docs),
    appendSection: (ref, section) => appendSection(ctx, ref, section),
    writeDates: (ref, change) => writeDates(ctx, ref, change),
    shareDocument: (input) => shareLocalDocument(ctx, input),
    enforceSharing: (ref) => checkLocalSharing(ctx, ref),
  } satisfies DocProvider;
}
