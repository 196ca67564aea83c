import type { Config } from '../config.js';
import { googleOptionsFromConfig, googleProvider } from './google/index.js';
import { notionOptionsFromConfig } from './notion/config.js';
import { notionProvider } from './notion/index.js';
import type { DocProvider } from './types.js';

/** Every provider the service knows; the keys feed the `provider` enum of the API. */
export const PROVIDER_NAMES = ['local', 'google', 'notion'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

export type Providers = Partial<Record<ProviderName, DocProvider>>;

/** The provider a stored plan names, if this configuration still enables it. */
export function providerFor(providers: Providers, name: string): DocProvider | undefined {
  return providers[name as ProviderName];
}

/** What the runtime hands in: things that need its APIs (the local provider reads files on Node). */
export interface RuntimeProviders {
  local?: DocProvider;
  /** Tests and proxies: the fetch every remote provider uses. */
  fetch?: typeof fetch;
}

/**
 * The providers this configuration enables. Remote providers are enabled by their settings; a
 * provider that is half-configured throws a ConfigError naming what is missing, so start-up stops.
 */
export function buildProviders(config: Config, runtime: RuntimeProviders): Providers {
  const providers: Providers = {};
  if (runtime.local) providers.local = runtime.local;
  if (config.GOOGLE_SERVICE_ACCOUNT_KEY || config.GOOGLE_SUBJECT || config.GOOGLE_PLANS_FOLDER_ID || config.GOOGLE_TEMPLATE_DOC_ID) {
    providers.google = googleProvider(googleOptionsFromConfig(config, runtime.fetch));
  }
  if (config.NOTION_TOKEN || config.NOTION_DATA_SOURCE_ID) {
    providers.notion = notionProvider(notionOptionsFromConfig(config, runtime.fetch));
  }
  return providers;
}
