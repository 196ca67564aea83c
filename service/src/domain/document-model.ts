/**
 * The neutral document model. Every provider converts its native document (Markdown, Google Docs
 * structure, Notion blocks) into this, and one parser reads the plan out of it, so a parsing fix
 * helps every provider at once.
 */
export type DocumentBlock =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  /** A bulleted, numbered or checklist item; `checked` is set only for checklist items. */
  | { type: 'list_item'; text: string; ordered?: boolean; checked?: boolean; depth?: number }
  /** A table as cell text, row by row; the first row is the header when the source has one. */
  | { type: 'table'; rows: string[][] };

export interface DocumentModel {
  title?: string;
  blocks: DocumentBlock[];
  /** Parts the provider could not read (e.g. a block the integration cannot see): the rest still counts. */
  warnings?: string[];
}

export type TableBlock = Extract<DocumentBlock, { type: 'table' }>;
