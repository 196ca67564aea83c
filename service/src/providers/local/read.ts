import type { DocumentModel } from '../../domain/document-model.js';
import { markdownToDocument } from '../../domain/markdown.js';
import type { DocRef } from '../types.js';
import { readText, type LocalContext } from './context.js';

/** The stored Markdown in the neutral model; `DocumentMissingError` once it was deleted. */
export async function readLocalDocument(ctx: LocalContext, ref: DocRef): Promise<DocumentModel> {
  return markdownToDocument((await readText(ctx, ref)).markdown);
}
