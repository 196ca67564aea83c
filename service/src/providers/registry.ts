import type { ProviderName } from '../domain/plan-schema.js';
import { googleOptionsFromConfig, googleProvider } from './google/index.js';
import type { GoogleSettings } from './google/options.js';
import { type NotionSettings, notionOptionsFromConfig } from './notion/options.js';
import { notionProvider } from './notion/index.js';
import type { DocProvider } from './types.js';

export type { ProviderName };
export type Providers = Partial<Record<ProviderName, DocProvider>>;

/** The settings the providers are built from: each provider's own (the configuration has them all). */
export type ProviderSettings = GoogleSettings & NotionSettings;

/** What the runtime hands in: things that need its APIs (the local provider reads files on Node). */
export interface RuntimeProviders {
  local?: DocProvider;
  /** Tests and proxies: the fetch every remote provider uses. */
  fetch?: typeof fetch;
}

/**
 * One entry per provider name (domain/plan-schema.ts's PROVIDER_NAMES; `satisfies` makes a missing
 * or extra entry a compile error): the provider this configuration enables, or undefined. Remote
 * providers are enabled by their settings (their options.ts); loadConfig has already refused a
 * half-configured one, naming what is missing.
 */
const REGISTRY = {
  local: (_config, runtime) => runtime.local,
  google: (config, runtime) => {
    const options = googleOptionsFromConfig(config, runtime.fetch);
    return options ? googleProvider(options) : undefined;
  },
  notion: (config, runtime) => {
    const options = notionOptionsFromConfig(config, runtime.fetch);
    return options ? notionProvider(options) : undefined;
  },
} satisfies Record<ProviderName, (config: ProviderSettings, runtime: RuntimeProviders) => DocProvider | undefined>;

/** The providers this configuration enables. */
export function buildProviders(config: ProviderSettings, runtime: RuntimeProviders): Providers {
  const providers: Providers = {};
  for (const [name, build] of Object.entries(REGISTRY) as [ProviderName, (typeof REGISTRY)[ProviderName]][]) {
    const provider = build(config, runtime);
    if (provider) providers[name] = provider;
  }
  return providers;
}

/** The provider a stored plan names, if this configuration still enables it. */
export function providerFor(providers: Providers, name: string): DocProvider | undefined {
  return providers[name as ProviderName];
}
