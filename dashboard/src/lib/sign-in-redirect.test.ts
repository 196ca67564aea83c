/**
 * After signing in, the page goes back where the reader was (`?next=`). A crafted link must not send a
 * freshly signed-in person (HR, say) to another site that then asks for their token "again".
 */
import { describe, expect, it } from 'vitest';
import { safeNextPath } from './format.js';

const ORIGIN = 'https://plans.acme.test';

describe("the sign-in page's next path", () => {
  it.each([
    ['/plan/?id=abc', '/plan/?id=abc'],
    ['/new/', '/new/'],
    ['/?health=at_risk#top', '/?health=at_risk#top'],
  ])('keeps a path of this site: %s', (next, expected) => {
    expect(safeNextPath(next, ORIGIN)).toBe(expected);
  });

  it.each([
    null,
    '',
    'https://evil.test/',
    '//evil.test/',
    '/\\evil.test',
    '/\\/evil.test',
    '/\t/evil.test',
    '/\n/evil.test',
    '\\\\evil.test',
    'javascript:alert(1)',
    '/sign-in/',
    '/sign-in/?next=/x',
  ])('sends %j to the overview instead', (next) => {
    const path = safeNextPath(next, ORIGIN);
    expect(path).toBe('/');
  });

  it('never yields a path that leaves the site', () => {
    for (const next of ['/\\evil.test', '/%5Cevil.test', '/./\\evil.test', '/..//evil.test', '/%2F%2Fevil.test']) {
      expect(new URL(safeNextPath(next, ORIGIN), ORIGIN).origin).toBe(ORIGIN);
    }
  });
});
