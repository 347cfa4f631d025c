import ipaddr from 'ipaddr.js';

/**
 * Which image URLs and which network addresses the build may fetch from. An image URL in an
 * article is chosen by whoever wrote the captured page: fetched blindly, it could make the build
 * read the machine's own services (a cloud's metadata address, 169.254.169.254, hands out
 * credentials) and publish what they answer. Only http(s) to public unicast addresses is fetched;
 * the operator may name `host:port` pairs that are fetched whatever they resolve to (a local image
 * server in tests). Pure: resolving and connecting are src/lib/image-fetch.ts's job.
 */

/** A refusal names its reason; `undefined` means allowed. */
export type Refusal = string | undefined;

/** Why an IPv4 range is refused, by ipaddr.js's range names (everything but `unicast`). */
const IPV4_REASONS: Readonly<Record<string, string>> = {
  unspecified: 'an unspecified address (0.0.0.0/8)',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (169.254.0.0/16, where cloud metadata services answer)',
  loopback: 'a loopback address (this machine)',
  carrierGradeNat: 'a shared address (100.64.0.0/10, carrier NAT and some cloud metadata services)',
  private: 'a private address (RFC 1918)',
  reserved: 'a reserved or documentation address',
  as112: 'a reserved address (AS112)',
  amt: 'a reserved address (AMT)',
};

/** Why an IPv6 range is refused; mapped and translated IPv4 addresses are judged by the IPv4 they carry. */
const IPV6_REASONS: Readonly<Record<string, string>> = {
  unspecified: 'the unspecified address (::)',
  linkLocal: 'a link-local address (fe80::/10)',
  multicast: 'a multicast address',
  loopback: 'the loopback address (::1, this machine)',
  uniqueLocal: 'a unique-local address (fc00::/7, a private network)',
  deprecatedSiteLocal: 'a site-local address (fec0::/10)',
  discard: 'a discard address',
  teredo: 'a Teredo tunnel address (the IPv4 behind it cannot be checked)',
};

/** Whether `address` (an IP literal) may be connected to; a refusal says what kind of address it is. */
export function checkAddress(address: string): Refusal {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
  } catch {
    return `${address} is not an IP address`;
  }
  if (parsed.kind() === 'ipv4') {
    const range = (parsed as ipaddr.IPv4).range();
    return range === 'unicast' ? undefined : `${address} is ${IPV4_REASONS[range] ?? `a special address (${range})`}`;
  }
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded) {
    const refusal = checkAddress(embedded);
    return refusal && `${address} carries ${refusal}`;
  }
  const range = v6.range();
  if (range === 'unicast') return undefined;
  return `${address} is ${IPV6_REASONS[range] ?? `a special address (${range})`}`;
}

/** The IPv4 address an IPv6 address stands for: IPv4-mapped and -translated (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16). */
function embeddedIPv4(address: ipaddr.IPv6): string | undefined {
  const range = address.range();
  const parts = address.parts;
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052') {
    return `${parts[6] >> 8}.${parts[6] & 255}.${parts[7] >> 8}.${parts[7] & 255}`;
  }
  if (range === '6to4') return `${parts[1] >> 8}.${parts[1] & 255}.${parts[2] >> 8}.${parts[2] & 255}`;
  return undefined;
}

/** Whether `hostname` is an IP literal rather than a name to resolve. */
export function isIpLiteral(hostname: string): boolean {
  return ipaddr.isValid(hostname.replace(/^\[|\]$/g, ''));
}

/** The `host:port` an allow-list entry names for a URL: the port is the scheme's default when the URL gives none. */
export function hostAndPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname.toLowerCase()}:${port}`;
}

/**
 * Parses NEWS_IMAGES_ALLOW_HOSTS: comma-separated `host:port` pairs (`127.0.0.1:8123`,
 * `[::1]:8080`, `images.local:80`). A pair without a port is refused, so that allowing a host
 * for a test server never opens every service on it.
 */
export function parseAllowedHosts(raw: string | undefined): Set<string> {
  const hosts = new Set<string>();
  for (const entry of (raw ?? '').split(',').map((part) => part.trim().toLowerCase()).filter(Boolean)) {
    if (!/^(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/.test(entry)) throw new Error(`NEWS_IMAGES_ALLOW_HOSTS: "${entry}" is not host:port`);
    hosts.add(entry);
  }
  return hosts;
}

/** Whether an image URL may be fetched at all, before any name is resolved: its scheme, credentials and, for an IP literal, its address. */
export function checkImageUrl(raw: string, allowed: ReadonlySet<string>): Refusal {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not an absolute URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${url.protocol.replace(/:$/, '')}: URLs are not fetched, only http(s)`;
  if (url.username || url.password) return 'the URL carries a user name or password';
  if (!url.hostname) return 'the URL has no host';
  if (allowed.has(hostAndPort(url))) return undefined;
  if (isIpLiteral(url.hostname)) return checkAddress(url.hostname);
  if (/^localhost$|\.localhost$|\.local$|\.internal$/i.test(url.hostname.replace(/\.$/, ''))) return `${url.hostname} names this machine or a private network`;
  return undefined;
}

/** Whether every address a name resolved to may be connected to: one refused address refuses the name (a rebinding name answers with both). */
export function checkResolved(hostname: string, addresses: readonly string[]): Refusal {
  if (!addresses.length) return `${hostname} resolves to no address`;
  for (const address of addresses) {
    const refusal = checkAddress(address);
    if (refusal) return `${hostname} resolves to ${address}: ${refusal.replace(`${address} is `, '')}`;
  }
  return undefined;
}
