import { ConfigError, type Config } from '../../config.js';
import type { NotionProviderOptions } from './index.js';
import { parsePropertyNames } from './properties.js';

/** Whether the configuration turns Notion on: either of its two required settings. */
export function notionEnabled(config: Pick<Config, 'NOTION_TOKEN' | 'NOTION_DATA_SOURCE_ID'>): boolean {
  return Boolean(config.NOTION_TOKEN || config.NOTION_DATA_SOURCE_ID);
}

/** The provider's options from the environment; a half-configured Notion stops start-up naming what is missing. */
export function notionOptionsFromConfig(config: Config, fetch?: typeof globalThis.fetch): NotionProviderOptions {
  const problems: string[] = [];
  if (!config.NOTION_TOKEN) problems.push('NOTION_TOKEN: required when NOTION_DATA_SOURCE_ID is set (the integration\'s secret)');
  if (!config.NOTION_DATA_SOURCE_ID) problems.push('NOTION_DATA_SOURCE_ID: required when NOTION_TOKEN is set (the Coaching plans database\'s data source id)');
  try {
    parsePropertyNames(config.NOTION_PROPERTIES);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    token: config.NOTION_TOKEN!,
    dataSourceId: config.NOTION_DATA_SOURCE_ID!,
    baseUrl: config.NOTION_BASE_URL,
    properties: config.NOTION_PROPERTIES,
    ...(config.NOTION_TEMPLATE_ID ? { templateId: config.NOTION_TEMPLATE_ID } : {}),
    ...(fetch ? { fetch } : {}),
  };
}
