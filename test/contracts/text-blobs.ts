import { describe, expect, it } from 'vitest';
import type { TextBlobs } from '../../service/src/store/text-blobs.js';
import { KEPT_VERSIONS } from '../../service/src/store/text-blobs.js';

/**
 * What the local provider relies on from where its documents live: files and SQLite
 * (service/src/store/text-blobs.test.ts), D1 inside workerd (d1.workers.test.ts).
 */
export function describeTextBlobs(name: string, open: () => Promise<TextBlobs>): void {
  describe(`TextBlobs contract: ${name}`, () => {
    it('creates once: a second create never overwrites what people wrote', async () => {
      const blobs = await open();
      expect(await blobs.get('doc-1')).toBeNull();
      await blobs.createIfAbsent('doc-1', 'first');
      await blobs.createIfAbsent('doc-1', 'second');
      expect((await blobs.get('doc-1'))?.text).toBe('first');
    });

    it('replaces only while the text is still what the writer saw', async () => {
      const blobs = await open();
      await blobs.createIfAbsent('doc-1', 'base');
      const outcomes = await Promise.all([blobs.replace('doc-1', 'base', 'ana'), blobs.replace('doc-1', 'base', 'ben')]);
      expect(outcomes.toSorted()).toEqual([false, true]);
      expect(['ana', 'ben']).toContain((await blobs.get('doc-1'))?.text);
      expect(await blobs.replace('missing', 'base', 'x')).toBe(false);
      expect(await blobs.get('missing')).toBeNull();
    });

    it('reports documents changed since a time, and missing ones', async () => {
      const blobs = await open();
      await blobs.createIfAbsent('old', 'x');
      const since = Date.now() + 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      await blobs.createIfAbsent('new', 'y');
      expect((await blobs.changedSince(['old', 'new', 'gone'], since)).toSorted()).toEqual(['gone', 'new']);
      expect((await blobs.get('new'))?.modifiedAt).toBeGreaterThanOrEqual(since);
    });

    it('keeps the newest versions, each once', async () => {
      const blobs = await open();
      for (let i = 0; i <= KEPT_VERSIONS; i++) await blobs.keepVersion('doc-1', `v${i}`, `text ${i}`);
      await blobs.keepVersion('doc-1', `v${KEPT_VERSIONS}`, 'ignored: already kept');
      expect(await blobs.getVersion('doc-1', `v${KEPT_VERSIONS}`)).toBe(`text ${KEPT_VERSIONS}`);
      expect(await blobs.getVersion('doc-1', 'v1')).toBe('text 1');
      expect(await blobs.getVersion('doc-1', 'v0')).toBeNull();
      expect(await blobs.getVersion('doc-2', 'v1')).toBeNull();
    });
  });
}
