import { describe, expect, it } from 'vitest';
import { addressFromProxyHeader } from './client-address.js';

describe('addressFromProxyHeader', () => {
  it('takes the entry the outermost trusted proxy appended, whatever the client wrote before it', () => {
    expect(addressFromProxyHeader('198.51.100.7', 1)).toBe('198.51.100.7');
    expect(addressFromProxyHeader('1.2.3.4, 5.6.7.8 ,198.51.100.7', 1)).toBe('198.51.100.7');
    expect(addressFromProxyHeader('1.2.3.4, 198.51.100.7, 10.0.0.1', 2)).toBe('198.51.100.7');
  });

  it('reads the for= of Forwarded (RFC 7239), IPv6 in brackets and quotes included', () => {
    expect(addressFromProxyHeader('for=192.0.2.60;proto=http;by=203.0.113.43', 1)).toBe('192.0.2.60');
    expect(addressFromProxyHeader('for=1.1.1.1, for="[2001:db8:cafe::17]:4711"', 1)).toBe('2001:db8:cafe::17');
  });

  it('gives nothing when the request did not pass every proxy, or the entry cannot be an address', () => {
    expect(addressFromProxyHeader(undefined, 1)).toBeUndefined();
    expect(addressFromProxyHeader('198.51.100.7', 2)).toBeUndefined();
    expect(addressFromProxyHeader(' , ', 1)).toBeUndefined();
    expect(addressFromProxyHeader('x'.repeat(65), 1)).toBeUndefined();
  });
});
