import type { RichTextItemResponse } from '@notionhq/client';
import { FakeApiError } from './errors.js';
import { LIMITS } from './limits.js';

const ANNOTATIONS = { bold: false, italic: false, strikethrough: false, underline: false, code: false, color: 'default' } as const;

/** A rich-text request item as Notion answers it (plain_text, annotations, href filled in). */
export function richTextResponse(item: unknown, path: string): RichTextItemResponse {
  const value = item as { type?: string; text?: { content?: unknown; link?: { url: string } | null }; mention?: { date?: { start?: unknown; end?: unknown } } };
  if (value.text !== undefined && (value.type === undefined || value.type === 'text')) {
    if (typeof value.text.content !== 'string') throw FakeApiError.validation(`body failed validation: ${path}.text.content should be a string`);
    // The limits hold wherever rich text goes: blocks, titles and other page properties alike.
    tooLong(value.text.content, `${path}.text.content`);
    if (value.text.link) tooLong(value.text.link.url, `${path}.text.link.url`);
    return {
      type: 'text',
      text: { content: value.text.content, link: value.text.link ?? null },
      annotations: { ...ANNOTATIONS },
      plain_text: value.text.content,
      href: value.text.link?.url ?? null,
    };
  }
  if (value.mention?.date && typeof value.mention.date.start === 'string') {
    const start = value.mention.date.start;
    const end = typeof value.mention.date.end === 'string' ? value.mention.date.end : null;
    return {
      type: 'mention',
      mention: { type: 'date', date: { start, end, time_zone: null } },
      annotations: { ...ANNOTATIONS },
      plain_text: end ? `${start} → ${end}` : start,
      href: null,
    };
  }
  throw FakeApiError.validation(`body failed validation: ${path} should be a text or a date mention (the fake supports those)`);
}

/** Notion's 2,000-character limit on text content and on any URL (https://developers.notion.com/reference/request-limits). */
function tooLong(value: unknown, path: string): void {
  if (typeof value === 'string' && value.length > LIMITS.text) {
    throw FakeApiError.validation(`body failed validation: ${path}.length should be ≤ \`${LIMITS.text}\`, instead was \`${value.length}\`.`);
  }
}

export function textResponse(content: string): RichTextItemResponse {
  return richTextResponse({ type: 'text', text: { content } }, 'text');
}
