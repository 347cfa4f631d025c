import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

/**
 * An image host on 127.0.0.1 (a free port) for the image mirror's tests: good images made with
 * sharp when it starts (JPEG with camera metadata, PNG, animated GIF, WebP), and every kind of
 * hostile answer the mirror must refuse. It counts every request, by path, so that a test can
 * tell a rebuild asked for nothing.
 */

export interface ImageServer {
  origin: string;
  port: number;
  /** Requests received so far, by path. */
  requests: Map<string, number>;
  total(): number;
  close(): Promise<void>;
}

/** The hostile paths, each with the words its refusal must contain. */
export const BAD_IMAGES: Readonly<Record<string, RegExp>> = {
  '/bad/script.svg': /SVG document/,
  '/bad/page.jpg': /HTML page/,
  '/bad/archive.jpg': /ZIP archive/,
  '/bad/huge.png': /20000 × 20000 pixels, more than the 40-megapixel limit/,
  '/bad/slow.jpg': /no complete answer within 3 s/,
  '/bad/loop-a.jpg': /more than 4 redirects/,
  '/bad/to-metadata.jpg': /redirected to http:\/\/169\.254\.169\.254\/.*link-local/,
  '/bad/to-file.jpg': /redirected to file:\/\/\/etc\/passwd: file: URLs are not fetched/,
  '/bad/missing.jpg': /HTTP 404/,
  '/bad/big.jpg': /more than the 20\.0 MB limit/,
};

/** The good paths and the pixel size each is served at. */
export const GOOD_IMAGES: Readonly<Record<string, { width: number; height: number; format: string }>> = {
  '/img/harbour.jpg': { width: 1600, height: 1000, format: 'jpeg' },
  '/img/tide-chart.png': { width: 800, height: 500, format: 'png' },
  '/img/buoy.gif': { width: 240, height: 160, format: 'gif' },
  '/img/ferry.webp': { width: 1000, height: 700, format: 'webp' },
};

async function makeImages(): Promise<Map<string, Buffer>> {
  const images = new Map<string, Buffer>();
  const canvas = (width: number, height: number) =>
    sharp({ create: { width, height, channels: 3, background: { r: 40, g: 110, b: 160 } } }).composite([
      // A lighter band, so that the images are not one flat colour.
      { input: { create: { width: Math.round(width / 3), height, channels: 3, background: { r: 220, g: 200, b: 120 } } }, left: 0, top: 0 },
    ]);
  const { width, height } = GOOD_IMAGES['/img/harbour.jpg']!;
  // Camera metadata (with a place and owner) that the published copy must not carry.
  images.set('/img/harbour.jpg', await canvas(width, height).withExif({ IFD0: { Artist: 'Test Camera Owner', Copyright: 'test' } }).jpeg({ quality: 90 }).toBuffer());
  images.set('/img/tide-chart.png', await canvas(800, 500).png().toBuffer());
  const frame = (shade: number) => ({ create: { width: 240, height: 160, channels: 3 as const, background: { r: shade, g: 80, b: 80 } } });
  images.set('/img/buoy.gif', await sharp([await sharp(frame(60)).png().toBuffer(), await sharp(frame(200)).png().toBuffer()], { join: { animated: true } }).gif({ delay: [300, 300] }).toBuffer());
  images.set('/img/ferry.webp', await canvas(1000, 700).webp().toBuffer());
  images.set('/bad/huge.png', await hugePng());
  return images;
}

/** A PNG whose header says 20,000 × 20,000 pixels (its data is a single pixel's: only the header is ever read). */
async function hugePng(): Promise<Buffer> {
  const small = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer();
  const png = Buffer.from(small);
  // IHDR's data starts at byte 16 (8 signature, 4 length, 4 type): width, height, then 5 bytes.
  png.writeUInt32BE(20000, 16);
  png.writeUInt32BE(20000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>fetch("/steal")</script><rect width="10" height="10"/></svg>';
const HTML = '<!doctype html><html><head><title>Not an image</title></head><body><p>Sign in to view this photo.</p></body></html>';
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]);

export async function startImageServer(): Promise<ImageServer> {
  const images = await makeImages();
  const requests = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    const good = images.get(path);
    // Every answer calls itself an image: the mirror must judge the bytes.
    if (good) return response.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': good.length }).end(good);
    switch (path) {
      case '/bad/script.svg': return response.writeHead(200, { 'Content-Type': 'image/svg+xml' }).end(SVG);
      case '/bad/page.jpg': return response.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(HTML);
      case '/bad/archive.jpg': return response.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(ZIP);
      case '/bad/loop-a.jpg': return response.writeHead(302, { Location: '/bad/loop-b.jpg' }).end();
      case '/bad/loop-b.jpg': return response.writeHead(302, { Location: '/bad/loop-a.jpg' }).end();
      case '/bad/to-metadata.jpg': return response.writeHead(302, { Location: 'http://169.254.169.254/latest/meta-data/' }).end();
      case '/bad/to-file.jpg': return response.writeHead(302, { Location: 'file:///etc/passwd' }).end();
      case '/bad/slow.jpg': {
        // A JPEG's first bytes, then one byte a quarter second, for ever.
        response.writeHead(200, { 'Content-Type': 'image/jpeg' });
        response.write(Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
        const timer = setInterval(() => response.write(Buffer.from([0])), 250);
        response.on('close', () => clearInterval(timer));
        return;
      }
      case '/bad/big.jpg': {
        // 50 MB with no Content-Length: the mirror has to count.
        response.writeHead(200, { 'Content-Type': 'image/jpeg' });
        const chunk = Buffer.alloc(1024 * 1024);
        chunk.set([0xff, 0xd8, 0xff, 0xe0]);
        let sent = 0;
        const send = () => {
          while (sent < 50) {
            sent++;
            if (!response.write(chunk)) return void response.once('drain', send);
          }
          response.end();
        };
        response.on('close', () => (sent = 50));
        return send();
      }
      default: return response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    total: () => [...requests.values()].reduce((sum, count) => sum + count, 0),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
