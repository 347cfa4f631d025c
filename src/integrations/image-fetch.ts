import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkImageUrl, checkResolved, hostAndPort, isIpLiteral } from '../lib/address-policy.ts';

/**
 * Downloads one image URL under the address policy (src/lib/address-policy.ts). The name is
 * resolved here and every address it gives is checked; the connection then goes to the checked
 * address and no other (the request's own lookup is replaced), so a name that answers
 * differently a moment later (DNS rebinding) cannot lead the build elsewhere. Redirects are
 * followed by hand, each target checked the same way; the whole download has one deadline and a
 * byte cap, and the bytes are returned as they came (what they are is judged by the caller).
 */

export interface FetchOptions {
  /** `host:port` pairs fetched whatever they resolve to (NEWS_IMAGES_ALLOW_HOSTS). */
  allowed: ReadonlySet<string>;
  /** The whole download, redirects included, in milliseconds. */
  timeoutMs: number;
  /** Bytes read at most; a longer answer is refused. */
  maxBytes: number;
  /** Redirects followed at most. */
  maxRedirects: number;
  userAgent: string;
  /** Name resolution; injectable for tests. */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
}

export type FetchResult = { ok: true; bytes: Buffer; url: string } | { ok: false; reason: string };

const defaultResolve = (hostname: string) => dnsLookup(hostname, { all: true, verbatim: true });

/** Fetches `url`, or says why not; never throws for anything the remote side does. */
export async function fetchImage(url: string, options: FetchOptions): Promise<FetchResult> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      const target = await checkTarget(current, options);
      if ('reason' in target) return { ok: false, reason: hop ? `redirected to ${current}: ${target.reason}` : target.reason };
      const response = await get(target.url, target.address, options, deadline);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (hop >= options.maxRedirects) return { ok: false, reason: `more than ${options.maxRedirects} redirects` };
        current = new URL(response.headers.location, target.url).href;
        continue;
      }
      if (status !== 200) {
        response.resume();
        return { ok: false, reason: `HTTP ${status}` };
      }
      const length = Number(response.headers['content-length']);
      if (length > options.maxBytes) {
        response.destroy();
        return { ok: false, reason: `${formatMegabytes(length)} announced, more than the ${formatMegabytes(options.maxBytes)} limit` };
      }
      const bytes = await readCapped(response, options.maxBytes);
      if (!bytes) return { ok: false, reason: `more than the ${formatMegabytes(options.maxBytes)} limit` };
      return { ok: true, bytes, url: current };
    }
  } catch (error) {
    if (deadline.aborted) return { ok: false, reason: `no complete answer within ${options.timeoutMs / 1000} s` };
    return { ok: false, reason: `network error: ${(error as Error).message}` };
  }
}

/** A URL the policy allows, and the one address the connection may go to. */
async function checkTarget(raw: string, options: FetchOptions): Promise<{ url: URL; address: { address: string; family: number } } | { reason: string }> {
  const refusal = checkImageUrl(raw, options.allowed);
  if (refusal) return { reason: refusal };
  const url = new URL(raw);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  if (isIpLiteral(hostname)) return { url, address: { address: hostname, family: hostname.includes(':') ? 6 : 4 } };
  let addresses: { address: string; family: number }[];
  try {
    addresses = await (options.resolve ?? defaultResolve)(hostname);
  } catch (error) {
    return { reason: `${hostname} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  if (!options.allowed.has(hostAndPort(url))) {
    const resolvedRefusal = checkResolved(hostname, addresses.map((entry) => entry.address));
    if (resolvedRefusal) return { reason: resolvedRefusal };
  } else if (!addresses.length) {
    return { reason: `${hostname} resolves to no address` };
  }
  return { url, address: addresses[0] };
}

/** One GET to `url` over a connection to `address` only. */
function get(url: URL, address: { address: string; family: number }, options: FetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(url, {
      method: 'GET',
      lookup,
      agent: false,
      signal,
      headers: { 'User-Agent': options.userAgent, Accept: 'image/webp,image/png,image/jpeg,image/gif;q=0.9,*/*;q=0.1', 'Accept-Encoding': 'identity' },
    });
    outgoing.on('response', resolve);
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The body, or undefined once it passes `maxBytes` (the connection is then closed). */
async function readCapped(response: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      response.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** A size for the log: KB below a megabyte. */
export function formatMegabytes(bytes: number): string {
  return bytes < 1048576 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;
}
