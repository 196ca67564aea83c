import { describe, expect, it } from 'vitest';
import { PRESENCE_TTL_MS, presenceTracker } from './presence.js';

describe('presence', () => {
  it('lists the others who beat within the last half minute, per document', () => {
    const presence = presenceTracker();
    expect(presence.beat('doc', 'ana@acme.test', 0)).toEqual([]);
    expect(presence.beat('doc', 'ben@acme.test', 1_000)).toEqual(['ana@acme.test']);
    expect(presence.beat('other', 'cy@acme.test', 1_000)).toEqual([]);
    expect(presence.beat('doc', 'ana@acme.test', 5_000)).toEqual(['ben@acme.test']);
    // Ben stopped beating (closed the tab without a goodbye): gone after the TTL.
    expect(presence.beat('doc', 'ana@acme.test', 1_001 + PRESENCE_TTL_MS)).toEqual([]);
  });

  it('a page that says it is leaving is gone at once', () => {
    const presence = presenceTracker();
    presence.beat('doc', 'ana@acme.test', 0);
    presence.beat('doc', 'ben@acme.test', 0, true);
    expect(presence.beat('doc', 'ben@acme.test', 10)).toEqual(['ana@acme.test']);
    presence.beat('doc', 'ana@acme.test', 20, true);
    expect(presence.beat('doc', 'ben@acme.test', 30)).toEqual([]);
  });
});
