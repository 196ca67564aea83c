import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { buildProviders } from '../registry.js';

describe('notion provider from the configuration', () => {
  it('is enabled by NOTION_TOKEN and NOTION_DATA_SOURCE_ID', () => {
    const providers = buildProviders(loadConfig({ NOTION_TOKEN: 'ntn_x', NOTION_DATA_SOURCE_ID: '2f26ee68-df30-4251-aad4-8ddc420cba3d' }), {});
    expect(providers.notion?.name).toBe('notion');
    expect(buildProviders(loadConfig({}), {}).notion).toBeUndefined();
  });

  it('half-configured, or with a bad NOTION_PROPERTIES, stops start-up naming what is wrong', () => {
    expect(() => buildProviders(loadConfig({ NOTION_TOKEN: 'ntn_x' }), {})).toThrow(ConfigError);
    expect(() => buildProviders(loadConfig({ NOTION_TOKEN: 'ntn_x' }), {})).toThrow(/NOTION_DATA_SOURCE_ID/);
    expect(() => buildProviders(loadConfig({ NOTION_TOKEN: 'ntn_x', NOTION_DATA_SOURCE_ID: 'abc', NOTION_PROPERTIES: 'Boss=Chief' }), {})).toThrow(/Boss=Chief/);
  });
});
