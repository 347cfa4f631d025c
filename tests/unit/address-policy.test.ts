import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAddress, checkImageUrl, checkResolved, parseAllowedHosts } from '../../src/lib/address-policy.ts';
import { fetchImage, type FetchOptions } from '../../src/integrations/image-fetch.ts';

describe('checkAddress', () => {
  const cases: { name: string; address: string; refused: RegExp | null }[] = [
    { name: 'a public IPv4 address', address: '93.184.216.34', refused: null },
    { name: 'a public IPv6 address', address: '2606:2800:220:1:248:1893:25c8:1946', refused: null },
    { name: 'IPv4 loopback', address: '127.0.0.1', refused: /loopback/ },
    { name: 'anywhere in 127/8', address: '127.45.6.7', refused: /loopback/ },
    { name: 'the cloud metadata address', address: '169.254.169.254', refused: /link-local.*metadata/ },
    { name: 'RFC 1918: 10/8', address: '10.0.0.5', refused: /private/ },
    { name: 'RFC 1918: 172.16/12', address: '172.31.255.1', refused: /private/ },
    { name: 'RFC 1918: 192.168/16', address: '192.168.1.1', refused: /private/ },
    { name: 'carrier NAT, where some metadata services answer', address: '100.100.100.200', refused: /shared address/ },
    { name: 'the unspecified address', address: '0.0.0.0', refused: /unspecified/ },
    { name: 'IPv4 multicast', address: '239.1.2.3', refused: /multicast/ },
    { name: 'the broadcast address', address: '255.255.255.255', refused: /broadcast/ },
    { name: 'a documentation address', address: '192.0.2.10', refused: /reserved/ },
    { name: 'IPv6 loopback', address: '::1', refused: /loopback/ },
    { name: 'IPv6 loopback in brackets', address: '[::1]', refused: /loopback/ },
    { name: 'the IPv6 unspecified address', address: '::', refused: /unspecified/ },
    { name: 'IPv6 link-local', address: 'fe80::1', refused: /link-local/ },
    { name: 'IPv6 unique-local (a cloud metadata address)', address: 'fd00:ec2::254', refused: /unique-local/ },
    { name: 'IPv6 multicast', address: 'ff02::1', refused: /multicast/ },
    { name: 'IPv4-mapped loopback', address: '::ffff:127.0.0.1', refused: /carries .*loopback/ },
    { name: 'IPv4-mapped metadata, in hex', address: '::ffff:a9fe:a9fe', refused: /carries .*link-local/ },
    { name: 'IPv4-mapped public address', address: '::ffff:93.184.216.34', refused: null },
    { name: 'NAT64 of a private address', address: '64:ff9b::10.0.0.1', refused: /carries .*private/ },
    { name: '6to4 of loopback', address: '2002:7f00:1::', refused: /carries .*loopback/ },
    { name: 'a Teredo tunnel', address: '2001:0:4136:e378:8000:63bf:3fff:fdd2', refused: /Teredo/ },
    { name: 'not an address', address: 'example.org', refused: /not an IP address/ },
  ];
  for (const { name, address, refused } of cases) {
    it(name, () => {
      const refusal = checkAddress(address);
      if (refused) assert.match(refusal ?? '(allowed)', refused);
      else assert.equal(refusal, undefined);
    });
  }
});

describe('checkImageUrl', () => {
  const allowed = parseAllowedHosts('127.0.0.1:8123, [::1]:9000');
  const cases: { name: string; url: string; refused: RegExp | null }[] = [
    { name: 'https on a public name', url: 'https://images.example.org/a.jpg', refused: null },
    { name: 'http on a public name', url: 'http://images.example.org/a.jpg', refused: null },
    { name: 'a file URL', url: 'file:///etc/passwd', refused: /file: URLs are not fetched/ },
    { name: 'a data URL', url: 'data:image/png;base64,AAAA', refused: /data: URLs/ },
    { name: 'ftp', url: 'ftp://example.org/a.jpg', refused: /ftp: URLs/ },
    { name: 'a relative URL', url: '/a.jpg', refused: /not an absolute URL/ },
    { name: 'credentials in the URL', url: 'https://user:pass@example.org/a.jpg', refused: /user name or password/ },
    { name: 'a loopback literal', url: 'http://127.0.0.1/a.jpg', refused: /loopback/ },
    { name: 'a loopback literal written as a number', url: 'http://2130706433/a.jpg', refused: /loopback/ },
    { name: 'a loopback literal in octal pieces', url: 'http://0177.0.0.1/a.jpg', refused: /loopback/ },
    { name: 'the metadata address', url: 'http://169.254.169.254/latest/meta-data/', refused: /link-local/ },
    { name: 'an IPv6 loopback literal', url: 'http://[::1]/a.jpg', refused: /loopback/ },
    { name: 'localhost', url: 'http://localhost:8123/a.jpg', refused: /this machine or a private network/ },
    { name: 'an allowed host and port', url: 'http://127.0.0.1:8123/a.jpg', refused: null },
    { name: 'an allowed IPv6 host and port', url: 'http://[::1]:9000/a.jpg', refused: null },
    { name: 'the allowed host on another port', url: 'http://127.0.0.1:8124/a.jpg', refused: /loopback/ },
  ];
  for (const { name, url, refused } of cases) {
    it(name, () => {
      const refusal = checkImageUrl(url, allowed);
      if (refused) assert.match(refusal ?? '(allowed)', refused);
      else assert.equal(refusal, undefined);
    });
  }
  it('refuses an allow-list entry without a port', () => assert.throws(() => parseAllowedHosts('127.0.0.1'), /not host:port/));
});

describe('checkResolved', () => {
  it('allows a name with public addresses only', () => assert.equal(checkResolved('example.org', ['93.184.216.34', '2606:2800:220:1::1']), undefined));
  it('refuses a name when any of its addresses is private (a rebinding name answers with both)', () => assert.match(checkResolved('rebind.example', ['93.184.216.34', '127.0.0.1'])!, /rebind\.example resolves to 127\.0\.0\.1: a loopback/));
  it('refuses a name with no address', () => assert.match(checkResolved('nothing.example', [])!, /no address/));
});

describe('fetchImage refuses before connecting', () => {
  const options = (addresses: string[]): FetchOptions => ({
    allowed: new Set(),
    timeoutMs: 1000,
    maxBytes: 1000,
    maxRedirects: 2,
    userAgent: 'test',
    resolve: async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
  });
  const cases = [
    { name: 'a name that resolves to the metadata address', addresses: ['169.254.169.254'], reason: /link-local/ },
    { name: 'a name that resolves to a public and a loopback address', addresses: ['93.184.216.34', '127.0.0.1'], reason: /loopback/ },
    { name: 'a name that resolves to IPv4-mapped loopback', addresses: ['::ffff:127.0.0.1'], reason: /loopback/ },
  ];
  for (const { name, addresses, reason } of cases) {
    it(name, async () => {
      const result = await fetchImage('https://images.example.org/a.jpg', options(addresses));
      assert.equal(result.ok, false);
      assert.match((result as { reason: string }).reason, reason);
    });
  }
});
