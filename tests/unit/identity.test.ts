import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { articleIdFromUrl, canonicalizeUrl } from '../../src/lib/identity.ts';

const cases = [
  { name: 'scheme and host lower-cased', input: 'HTTPS://WWW.RFI.FR/cn/x', canonical: 'https://www.rfi.fr/cn/x' },
  { name: 'utm parameters and fragment dropped', input: 'https://a.com/x?utm_source=rss&id=3&utm_medium=feed#top', canonical: 'https://a.com/x?id=3' },
  { name: 'percent-encoding upper-cased', input: 'https://a.com/%e7%be%8e%e5%9b%bd', canonical: 'https://a.com/%E7%BE%8E%E5%9B%BD' },
  { name: 'escaped unreserved characters decoded', input: 'https://a.com/%7Euser/%41', canonical: 'https://a.com/~user/A' },
  { name: 'repeated slashes folded', input: 'http://www.rfi.fr//cn/x', canonical: 'http://www.rfi.fr/cn/x' },
  { name: 'default port dropped', input: 'https://a.com:443/x', canonical: 'https://a.com/x' },
];

describe('canonicalizeUrl', () => {
  for (const { name, input, canonical } of cases) it(name, () => assert.equal(canonicalizeUrl(input), canonical));
});

describe('articleIdFromUrl', () => {
  it('is the same for re-captures that differ only in tracking and escaping', () => {
    const a = articleIdFromUrl(canonicalizeUrl('https://www.rfi.fr/cn/%e7%be%8e?utm_campaign=x'));
    const b = articleIdFromUrl(canonicalizeUrl('HTTP://www.rfi.fr/cn/%E7%BE%8E#comments'));
    assert.equal(a, b);
    assert.match(a, /^[0-9a-f]{16}$/);
  });
  it('differs for different articles', () => {
    assert.notEqual(articleIdFromUrl('https://a.com/1'), articleIdFromUrl('https://a.com/2'));
  });
});
