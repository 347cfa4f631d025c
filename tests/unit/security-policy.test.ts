import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOST_HEADERS, hostPolicy, IMMUTABLE_CACHE, pagePolicy, toHeadersFile } from '../../src/lib/security-policy.ts';

const directives = (policy: string) => new Map(policy.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));

describe('pagePolicy', () => {
  const cases = [
    { name: 'a page runs only the site’s own scripts', options: { search: false, upgradeInsecureRequests: false }, has: ["script-src 'self'"], lacks: ['wasm-unsafe-eval', 'worker-src', 'upgrade-insecure-requests', 'frame-ancestors'] },
    { name: 'the search page also compiles WebAssembly and runs a worker', options: { search: true, upgradeInsecureRequests: false }, has: ["script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'"], lacks: ['upgrade-insecure-requests'] },
    { name: 'a site over https asks for http images over https', options: { search: false, upgradeInsecureRequests: true }, has: ['upgrade-insecure-requests'], lacks: [] },
    { name: 'images from any https host while they are linked', options: { search: false, upgradeInsecureRequests: false }, has: ["img-src https: 'self';"], lacks: [] },
    { name: 'with mirrored images, images from the site only', options: { search: false, upgradeInsecureRequests: false, localImages: true }, has: ["img-src 'self';"], lacks: ['img-src https:'] },
  ];
  for (const { name, options, has, lacks } of cases) {
    it(name, () => {
      const policy = pagePolicy(options);
      assert.ok(policy.startsWith("default-src 'none'; "), policy);
      for (const part of has) assert.ok(policy.includes(part), `${part} not in ${policy}`);
      for (const part of lacks) assert.ok(!policy.includes(part), `${part} in ${policy}`);
    });
  }
});

describe('hostPolicy and the host headers', () => {
  it('allows whatever any page’s own policy allows, so that both can hold at once', () => {
    const host = directives(hostPolicy());
    for (const [search, localImages] of [[false, false], [true, false], [false, true], [true, true]]) {
      for (const [name, sources] of directives(pagePolicy({ search, upgradeInsecureRequests: false, localImages }))) {
        for (const source of sources.split(' ')) assert.ok(host.get(name)?.split(' ').includes(source), `${name} ${source}`);
      }
    }
  });
  it('forbids every other site to frame a page, which a meta tag cannot', () => assert.equal(directives(hostPolicy()).get('frame-ancestors'), "'none'"));
  it('sends the policy, nosniff and the referrer policy', () => {
    assert.deepEqual(Object.keys(HOST_HEADERS), ['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy']);
    assert.equal(HOST_HEADERS['X-Content-Type-Options'], 'nosniff');
  });
});

describe('toHeadersFile', () => {
  const cases = [
    { name: 'at the root', base: '/', first: '/*', assets: '/_astro/*' },
    { name: 'under a base path', base: '/news/', first: '/news/*', assets: '/news/_astro/*' },
    { name: 'under a base path without its slash', base: '/news', first: '/news/*', assets: '/news/_astro/*' },
  ];
  for (const { name, base, first, assets } of cases) {
    it(name, () => {
      const headers = Object.entries(HOST_HEADERS).map(([header, value]) => `  ${header}: ${value}`);
      assert.equal(toHeadersFile(base), [first, ...headers, assets, `  Cache-Control: ${IMMUTABLE_CACHE}`, ''].join('\n'));
    });
  }
});
