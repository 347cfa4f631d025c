import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Metadata } from 'sharp';
import { parseAllowedHosts } from '../lib/address-policy.ts';
import { imageUrlsOf } from '../lib/image-refs.ts';
import { articleImageUrls, IMAGE_REPORT_KEY, imagesStamp, planImage, variantWidths, type ImageRecord, type ImageReportEntry, type ImageVariant, type PublishedImages } from '../lib/image-records.ts';
import { sniffImage, type ImageFormat } from '../lib/image-sniff.ts';
import { articleBody } from '../data/article-bodies.ts';
import { loadedArticles } from '../loader/article-loader.ts';
import { fetchImage, formatMegabytes, type FetchOptions } from './image-fetch.ts';
import { readTextFileSync } from '../loader/text-files.ts';

/**
 * NEWS_IMAGES=mirror: before the pages render, every image a published article uses is
 * downloaded (src/integrations/image-fetch.ts, under the address policy), checked to be what its
 * bytes say (src/lib/image-sniff.ts, then sharp must agree), re-encoded without metadata at no
 * more than 1,200 pixels wide plus a 600-pixel copy, and kept in NEWS_CACHE_DIR/images/ under
 * names made from the copies' bytes. A failure is remembered with its reason and time, and tried
 * again after NEWS_IMAGES_RETRY_HOURS. The pages and feeds read what became of each URL
 * (images/published.json, src/data/mirrored-images.ts); once the pages are written the copies
 * they use are published under media/. A rebuild with everything kept asks the network nothing.
 */

/** Pixels an image may have (all frames together), checked from its header before it is decoded. */
export const MAX_PIXELS = 40_000_000;
/** Bytes one image's download may have. */
export const MAX_BYTES = 20 * 1024 * 1024;
const MAX_REDIRECTS = 4;
/** Downloads at once per host, and in all. */
const PER_HOST = 2;
const IN_ALL = 8;
const PROGRESS_EVERY_MS = 3000;
/** Failures named one by one in the log; the build report lists them all. */
const FAILURES_SHOWN = 50;
export const USER_AGENT = 'news-archive-image-mirror/1 (static site build; keeps a copy of article images)';
/** Changes when what is written for an image changes, so old copies are made again. */
const RECORD_FORMAT = 1;

export interface ImageMirrorOptions {
  cacheDir: string;
  allowHosts: string;
  retryHours: number;
  timeoutSeconds: number;
}


export function imageMirror(options: ImageMirrorOptions): AstroIntegration {
  const dir = join(options.cacheDir, 'images');
  const filesDir = join(dir, 'files');
  let used: ImageVariant[] = [];
  return {
    name: 'news-image-mirror',
    hooks: {
      'astro:build:start': async ({ logger }) => {
        used = await mirrorImages(logger);
      },
      'astro:build:done': ({ dir: outUrl, logger }) => {
        // The output folder may be kept from the last build: media/ ends holding exactly this build's copies.
        const media = join(fileURLToPath(outUrl), 'media');
        mkdirSync(media, { recursive: true });
        const wanted = new Set(used.map((variant) => variant.file));
        let removed = 0;
        for (const name of readdirSync(media)) {
          if (wanted.has(name)) continue;
          rmSync(join(media, name), { recursive: true, force: true });
          removed++;
        }
        let bytes = 0;
        let copied = 0;
        for (const variant of used) {
          const target = join(media, variant.file);
          // Names are digests of the bytes: a file of that name and size is that copy.
          if (!existsSync(target) || statSync(target).size !== variant.bytes) {
            copyFileSync(join(filesDir, variant.file), target);
            copied++;
          }
          bytes += variant.bytes;
        }
        logger.info(`images: ${used.length} files (${formatMegabytes(bytes)}) published under media/, ${copied} copied now${removed ? `, ${removed} no longer used removed` : ''}`);
      },
    },
  };

  async function mirrorImages(logger: AstroIntegrationLogger): Promise<ImageVariant[]> {
    const load = loadedArticles('the image mirror');
    mkdirSync(filesDir, { recursive: true });
    const indexFile = join(dir, 'index.json');
    const index = readIndex(indexFile);
    const urlsByArticle = new Map<string, string[]>();
    const articlesByUrl = new Map<string, string[]>();
    for (const article of load.entries()) {
      const urls = articleImageUrls(article.data.leadImage, imageUrlsOf(articleBody(article)));
      urlsByArticle.set(article.id, urls);
      for (const url of urls) articlesByUrl.get(url)?.push(article.id) ?? articlesByUrl.set(url, [article.id]);
    }
    const now = Date.now();
    const retryMs = options.retryHours * 3_600_000;
    const todo: string[] = [];
    for (const url of articlesByUrl.keys()) {
      if (planImage(index[keyOf(url)], now, retryMs, (file) => existsSync(join(filesDir, file))) === 'fetch') todo.push(url);
    }
    const started = performance.now();
    const progress = { done: 0, bytes: 0, last: started };
    if (todo.length) logger.info(`images: ${articlesByUrl.size} used by ${[...urlsByArticle.values()].filter((urls) => urls.length).length} articles, downloading ${todo.length} (the rest are kept from earlier builds)`);
    const fetchOptions: FetchOptions = {
      allowed: parseAllowedHosts(options.allowHosts),
      timeoutMs: options.timeoutSeconds * 1000,
      maxBytes: MAX_BYTES,
      maxRedirects: MAX_REDIRECTS,
      userAgent: USER_AGENT,
    };
    const all = pLimit(IN_ALL);
    const perHost = new Map<string, LimitFunction>();
    const hostLimit = (url: string) => {
      let host = '';
      try {
        host = new URL(url).host;
      } catch {}
      let limit = perHost.get(host);
      if (!limit) perHost.set(host, (limit = pLimit(PER_HOST)));
      return limit;
    };
    const fetched = new Set<string>();
    await Promise.all(
      todo.map((url) =>
        hostLimit(url)(() =>
          all(async () => {
            const record = await mirrorOne(url, fetchOptions, filesDir);
            index[keyOf(url)] = record;
            fetched.add(url);
            progress.done++;
            progress.bytes += record.downloaded ?? 0;
            if (performance.now() - progress.last > PROGRESS_EVERY_MS && progress.done < todo.length) {
              progress.last = performance.now();
              logger.info(`images: ${progress.done}/${todo.length} downloaded, ${formatMegabytes(progress.bytes)}, ${rate(progress.bytes, progress.last - started)}`);
            }
          }),
        ),
      ),
    );
    for (const record of Object.values(index)) delete (record as { downloaded?: number }).downloaded;
    writeJson(indexFile, { format: RECORD_FORMAT, images: index });

    // What the pages read, what the report says, what is published.
    const published: PublishedImages = { images: {}, stamps: {} };
    const report: ImageReportEntry[] = [];
    const usedFiles = new Map<string, ImageVariant>();
    const failures: ImageReportEntry[] = [];
    for (const [url, articles] of articlesByUrl) {
      const record = index[keyOf(url)];
      if (!record) throw new Error(`the image mirror lost its record of ${url}`);
      if (record.ok) {
        published.images[url] = { variants: record.variants };
        for (const variant of record.variants) usedFiles.set(variant.file, variant);
        report.push({ url, articles, outcome: 'kept', fetched: fetched.has(url), files: record.variants.map((variant) => variant.file) });
      } else {
        published.images[url] = { reason: record.reason };
        const entry: ImageReportEntry = { url, articles, outcome: 'failed', reason: record.reason, fetched: fetched.has(url) };
        report.push(entry);
        failures.push(entry);
      }
    }
    for (const [id, urls] of urlsByArticle) if (urls.length) published.stamps[id] = imagesStamp(urls, published.images);
    writeJson(join(dir, 'published.json'), published);
    (globalThis as Record<symbol, unknown>)[IMAGE_REPORT_KEY] = report;

    for (const failure of failures.slice(0, FAILURES_SHOWN)) {
      const when = failure.fetched ? '' : ' (remembered from an earlier build; tried again after the retry delay)';
      logger.warn(`image not kept: ${failure.url} (article ${failure.articles[0]}${failure.articles.length > 1 ? ` and ${failure.articles.length - 1} more` : ''}): ${failure.reason}${when}`);
    }
    if (failures.length > FAILURES_SHOWN) logger.warn(`images: ${failures.length - FAILURES_SHOWN} more not kept, listed in the build report`);
    const seconds = (performance.now() - started) / 1000;
    const kept = report.length - failures.length;
    const keptNow = report.filter((entry) => entry.outcome === 'kept' && entry.fetched).length;
    const failedNow = failures.filter((entry) => entry.fetched).length;
    logger.info(
      `images: ${report.length} used by ${[...urlsByArticle.values()].filter((urls) => urls.length).length} articles: ${kept} kept (${keptNow} downloaded now, ${kept - keptNow} from the cache), ` +
        `${failures.length} not kept (${failedNow} refused now, ${failures.length - failedNow} remembered); ${todo.length} requested, ${formatMegabytes(progress.bytes)} downloaded in ${seconds.toFixed(1)} s (${rate(progress.bytes, seconds * 1000)})`,
    );
    return [...usedFiles.values()];
  }
}

const keyOf = (url: string) => createHash('sha256').update(url).digest('base64url').slice(0, 32);
const rate = (bytes: number, ms: number) => `${formatMegabytes(ms > 0 ? (bytes * 1000) / ms : 0)}/s`;

function readIndex(file: string): Record<string, ImageRecord> {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readTextFileSync(file)) as { format?: number; images?: Record<string, ImageRecord> };
    return parsed.format === RECORD_FORMAT ? parsed.images ?? {} : {};
  } catch {
    return {};
  }
}

/** Written whole to a temporary name and renamed, so that a build stopped midway leaves the old file. */
function writeJson(file: string, value: unknown): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(value));
  renameSync(`${file}.tmp`, file);
}

/** Downloads, checks and re-encodes one image; the record says what became of it. */
async function mirrorOne(url: string, options: FetchOptions, filesDir: string): Promise<ImageRecord & { downloaded?: number }> {
  const at = Date.now();
  const fetched = await fetchImage(url, options);
  if (!fetched.ok) return { url, ok: false, reason: fetched.reason, at };
  const encoded = await encodeImage(fetched.bytes);
  if (!encoded.ok) return { url, ok: false, reason: encoded.reason, at };
  for (const variant of encoded.variants) {
    const path = join(filesDir, variant.file);
    if (!existsSync(path)) writeFileSync(path, variant.data);
  }
  return { url, ok: true, variants: encoded.variants.map(({ data: _data, ...variant }) => variant), at, downloaded: fetched.bytes.length };
}

const EXTENSIONS: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', gif: 'gif', webp: 'webp' };

/**
 * The copies of one downloaded file: its format read from its bytes and confirmed by sharp from
 * the header, its pixels counted before anything is decoded, then each width written in the same
 * format with no metadata (sharp drops EXIF, XMP and ICC unless asked to keep them; the EXIF
 * orientation is applied first).
 */
export async function encodeImage(bytes: Buffer): Promise<{ ok: true; variants: (ImageVariant & { data: Buffer })[] } | { ok: false; reason: string }> {
  const sniffed = sniffImage(bytes);
  if (!sniffed.ok) return sniffed;
  // Loaded here, so that builds that link images never load it.
  const { default: sharp } = await import('sharp');
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, animated: true }).metadata();
  } catch (error) {
    return { ok: false, reason: `the ${sniffed.format.toUpperCase()} file cannot be read: ${(error as Error).message}` };
  }
  if (meta.format !== sniffed.format) return { ok: false, reason: `the file starts as ${sniffed.format.toUpperCase()} but reads as ${meta.format}` };
  const width = meta.width ?? 0;
  const frameHeight = meta.pageHeight ?? meta.height ?? 0;
  const frames = meta.pages ?? 1;
  if (!width || !frameHeight) return { ok: false, reason: 'the image has no size' };
  if (width * frameHeight * frames > MAX_PIXELS) {
    return { ok: false, reason: `${width} × ${frameHeight} pixels${frames > 1 ? ` in ${frames} frames` : ''}, more than the ${MAX_PIXELS / 1_000_000}-megapixel limit (refused before decoding)` };
  }
  const animated = frames > 1;
  const variants: (ImageVariant & { data: Buffer })[] = [];
  try {
    for (const target of variantWidths(width)) {
      const pipeline = sharp(bytes, { limitInputPixels: MAX_PIXELS, animated, failOn: 'error' }).rotate().resize({ width: target, withoutEnlargement: true });
      const formatted = sniffed.format === 'jpeg' ? pipeline.jpeg({ quality: 80, mozjpeg: true })
        : sniffed.format === 'png' ? pipeline.png({ compressionLevel: 9 })
        : sniffed.format === 'webp' ? pipeline.webp({ quality: 80 })
        : pipeline.gif();
      const { data, info } = await formatted.toBuffer({ resolveWithObject: true });
      const digest = createHash('sha256').update(data).digest('hex').slice(0, 24);
      variants.push({ file: `${digest}.${EXTENSIONS[sniffed.format]}`, width: info.width, height: info.pageHeight ?? info.height, bytes: data.length, data });
    }
  } catch (error) {
    return { ok: false, reason: `the image cannot be decoded: ${(error as Error).message}` };
  }
  return { ok: true, variants };
}
