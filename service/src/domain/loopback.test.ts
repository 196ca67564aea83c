import { describe, expect, it } from 'vitest';
import { isLoopback, isLoopbackUrl } from './loopback.js';

describe('isLoopback', () => {
  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.0.0.2', '127.1.2.3', '127.255.255.255', '::1', '[::1]'])('%s is this machine', (host) => {
    expect(isLoopback(host)).toBe(true);
  });

  it.each(['0.0.0.0', '::', '[::]', '128.0.0.1', '10.0.0.1', '127.0.0.256', '127.0.0', '127.0.0.1.evil.test', 'localhost.evil.test', 'evil-localhost', '1127.0.0.1', ''])(
    '%j is not',
    (host) => {
      expect(isLoopback(host)).toBe(false);
    },
  );
});

describe('isLoopbackUrl', () => {
  it('reads the host of a URL, whatever its port, path or scheme', () => {
    expect(isLoopbackUrl('http://127.0.0.2:8787/sign-in/')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:8787/')).toBe(true);
    expect(isLoopbackUrl('https://localhost/')).toBe(true);
    // The user-info part is not the host: a classic way to disguise a link.
    expect(isLoopbackUrl('http://localhost@evil.test/')).toBe(false);
    expect(isLoopbackUrl('http://evil.test/?localhost')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});
