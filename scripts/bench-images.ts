/**
 * What mirroring images costs, on generated articles:
 *   node scripts/bench-images.ts [--count 1000]
 *
 * Generates N articles with ../shared/corpus/generate.mjs, points their image URLs at a local
 * image server (each URL answered with its own photo-like JPEG at the size the outlet's URL
 * names, made with sharp), and builds three times without the search index: linking images (the
 * default), mirroring them cold, and mirroring again with the cache kept. Prints the build times,
 * the requests of the warm build (must be 0), and the disk used by the cache and by media/, per
 * 1,000 articles.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { buildSite } from '../tests/support/build.ts';
import { PROJECT_ROOT } from '../tests/support/corpus.ts';
import { tempDir } from '../tests/support/temp.ts';

const index = process.argv.indexOf('--count');
const count = Number(index > 0 ? process.argv[index + 1] : 1000);
const GENERATOR = resolve(PROJECT_ROOT, '../shared/corpus/generate.mjs');

/** The pixel width an outlet's image URL names (RFI's w:1280, BBC's /1024/, VOA's _w1023), else DW's usual 940. */
function sizeOf(path: string): { width: number; height: number } {
  const width = Number(/w:(\d+)/.exec(path)?.[1] ?? /\/news\/(\d+)\//.exec(path)?.[1] ?? /_w(\d+)_/.exec(path)?.[1] ?? 940);
  return { width, height: Math.round((width * 9) / 16) };
}

/** A JPEG that compresses like a photograph (smoothed noise), different for every path. */
async function photo(path: string): Promise<Buffer> {
  const { width, height } = sizeOf(path);
  let seed = 0;
  for (const char of path) seed = (seed * 31 + char.charCodeAt(0)) >>> 0;
  const base = { r: seed & 255, g: (seed >> 8) & 255, b: (seed >> 16) & 255 };
  const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).blur(2.5).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: base } }).composite([{ input: noise, blend: 'overlay' }]).jpeg({ quality: 85 }).toBuffer();
}

const content = tempDir('bench-images-content');
await new Promise<void>((done, fail) => {
  const child = spawn(process.execPath, [GENERATOR, '--count', String(count), '--out', content, '--quiet'], { stdio: 'inherit' });
  child.on('close', (code) => (code === 0 ? done() : fail(new Error(`generate.mjs exited ${code}`))));
});

let requests = 0;
let served = 0;
const server = createServer((request, response) => {
  requests++;
  photo(request.url ?? '/').then(
    (bytes) => {
      served += bytes.length;
      response.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': bytes.length }).end(bytes);
    },
    () => response.writeHead(500).end(),
  );
});
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

let images = 0;
for (const file of readdirSync(content, { recursive: true }).map(String).filter((name) => name.endsWith('.txt'))) {
  const path = join(content, file);
  const text = readFileSync(path, 'utf8');
  const rewritten = text.replace(/<img src="https:\/\/([^"]+)"/g, (_, rest: string) => {
    images++;
    return `<img src="${origin}/${rest}"`;
  });
  if (rewritten !== text) writeFileSync(path, rewritten);
}

const folderSize = (dir: string): { files: number; bytes: number } => {
  let files = 0;
  let bytes = 0;
  for (const name of readdirSync(dir, { recursive: true }).map(String)) {
    const info = statSync(join(dir, name));
    if (info.isFile()) {
      files++;
      bytes += info.size;
    }
  }
  return { files, bytes };
};
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const settings = { NEWS_CONTENT_DIR: content, NEWS_SEARCH_INDEX: 'off', NEWS_IMAGES_ALLOW_HOSTS: new URL(origin).host };

const linked = await buildSite(settings);
if (linked.status !== 0) throw new Error(linked.log);
const cacheDir = tempDir('bench-images-cache');
const cold = await buildSite({ ...settings, NEWS_IMAGES: 'mirror' }, { cacheDir });
if (cold.status !== 0) throw new Error(cold.log);
const coldRequests = requests;
const warm = await buildSite({ ...settings, NEWS_IMAGES: 'mirror' }, { cacheDir });
if (warm.status !== 0) throw new Error(warm.log);
server.close();

const published = Number(/articles: (\d+) published/.exec(cold.log)?.[1] ?? count);
const cache = folderSize(join(cacheDir, 'images'));
const media = folderSize(join(cold.outDir, 'media'));
const per1000 = (bytes: number) => mb((bytes * 1000) / published);
console.log(`${count} generated captures, ${published} articles, ${images} image references, ${coldRequests} distinct images served (${mb(served)} as served)`);
console.log(`build, images linked:          ${linked.seconds.toFixed(1)} s`);
console.log(`build, images mirrored, cold:  ${cold.seconds.toFixed(1)} s`);
console.log(`build, images mirrored, warm:  ${warm.seconds.toFixed(1)} s, ${requests - coldRequests} requests`);
console.log(`cache (NEWS_CACHE_DIR/images): ${cache.files} files, ${mb(cache.bytes)}, ${per1000(cache.bytes)} per 1,000 articles`);
console.log(`published (dist/media):        ${media.files} files, ${mb(media.bytes)}, ${per1000(media.bytes)} per 1,000 articles`);
console.log(cold.log.split('\n').filter((line) => /\[news-image-mirror\] images: \d+ used/.test(line)).join('\n'));
