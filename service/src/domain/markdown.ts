/**
 * Markdown as people type it in a plain editor, to and from the neutral document model: the reader
 * (markdown-read.ts, linear on any input) and the writer (markdown-write.ts, which round-trips).
 */
export { markdownToDocument, readMarkdown } from './markdown-read.js';
export { documentToMarkdown } from './markdown-write.js';
export { inlineToText, type WorkMeter } from './markdown-inline.js';
