import type { TextBlobs } from '../../store/text-blobs.js';
import { type DocRef, DocumentMissingError, type EditableDocument } from '../types.js';

export interface LocalProviderOptions {
  /** Where the Markdown lives: files on Node (`fileBlobs`), a database table on Workers (`sqlBlobs`). */
  blobs: TextBlobs;
  /** Base of the docUrl, e.g. http://localhost:8787. */
  publicUrl: string;
}

/** What the provider's operations share: the stored texts and the base of their links. */
export type LocalContext = LocalProviderOptions;

const SAFE_ID = /^[A-Za-z0-9-]+$/;

/** A document id as a storage key: anything that could name another place is no document. */
export function checkedId(docId: string): string {
  if (!SAFE_ID.test(docId)) throw new DocumentMissingError(`[local] "${docId}" is not a document id`);
  return docId;
}

/** A short content hash: the editor's guard against saving over someone else's edit. */
export async function versionOf(markdown: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(markdown)));
  return [...digest.slice(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The document's text and version; `DocumentMissingError` once it was deleted. */
export async function readText(ctx: LocalContext, ref: DocRef): Promise<EditableDocument> {
  const stored = await ctx.blobs.get(checkedId(ref.docId));
  if (!stored) throw new DocumentMissingError(`[local] the document for plan ${ref.planId} was deleted`);
  return { markdown: stored.text, version: await versionOf(stored.text) };
}
