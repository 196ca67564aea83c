import { z } from 'zod';
import type { ConfigIssues } from '../../config-fields.js';
import type { NotionProviderOptions } from './context.js';
import { parsePropertyNames } from './properties.js';

/** Notion plans (docs/notion-setup.md): the variables, composed into the one configuration by config.ts. */
export const notionSchema = z.object({
  /** Notion plans (docs/notion-setup.md): the internal integration's secret. */
  NOTION_TOKEN: z.string().optional(),
  /** The data source (of the plans database) that plan pages are created in; goes with NOTION_TOKEN. */
  NOTION_DATA_SOURCE_ID: z.string().optional(),
  /** Notion's API root; tests point it at the fake. */
  NOTION_BASE_URL: z.url().default('https://api.notion.com'),
  /** Only for renamed database properties: `Key=Your name` pairs, comma-separated (`HR=People team,Start=Begins`). */
  NOTION_PROPERTIES: z.string().optional(),
  /** Optional: the token Notion sends once when the webhook subscription is created (the service logs it); until it is set, only that request is accepted. */
  NOTION_WEBHOOK_VERIFICATION_TOKEN: z.string().optional(),
  /** Optional: create Notion plan pages from this template of the database (its id, or `default`) and fill its {{placeholders}}. */
  NOTION_TEMPLATE_ID: z.string().optional(),
});

export type NotionSettings = z.output<typeof notionSchema>;

/** Whether the configuration turns Notion on: either of its two required settings. */
export function notionEnabled(config: NotionSettings): boolean {
  return Boolean(config.NOTION_TOKEN || config.NOTION_DATA_SOURCE_ID);
}

/** A half-configured Notion, or a bad NOTION_PROPERTIES, stops start-up naming what is missing. */
export function checkNotion(config: NotionSettings, issues: ConfigIssues): void {
  if (!notionEnabled(config)) return;
  if (!config.NOTION_TOKEN) issues.add('NOTION_TOKEN', "required when NOTION_DATA_SOURCE_ID is set (the integration's secret)");
  if (!config.NOTION_DATA_SOURCE_ID) issues.add('NOTION_DATA_SOURCE_ID', "required when NOTION_TOKEN is set (the Coaching plans database's data source id)");
  try {
    parsePropertyNames(config.NOTION_PROPERTIES);
  } catch (error) {
    // parsePropertyNames names the variable itself ("NOTION_PROPERTIES: ..."), as the provider reports it.
    issues.add('NOTION_PROPERTIES', (error as Error).message.replace(/^NOTION_PROPERTIES: /, ''));
  }
}

/**
 * The provider's options from a configuration loadConfig accepted, or undefined when it does not turn
 * Notion on (checkNotion has already refused a half-configured one, so nothing is thrown here).
 */
export function notionOptionsFromConfig(config: NotionSettings, fetch?: typeof globalThis.fetch): NotionProviderOptions | undefined {
  if (!config.NOTION_TOKEN || !config.NOTION_DATA_SOURCE_ID) return undefined;
  return {
    token: config.NOTION_TOKEN,
    dataSourceId: config.NOTION_DATA_SOURCE_ID,
    baseUrl: config.NOTION_BASE_URL,
    properties: config.NOTION_PROPERTIES,
    ...(config.NOTION_TEMPLATE_ID ? { templateId: config.NOTION_TEMPLATE_ID } : {}),
    ...(fetch ? { fetch } : {}),
  };
}
