import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** A static host like the ones the site is deployed to: directory URLs serve index.html, misses get 404.html. */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface StaticServer {
  /** Origin plus base path, ending in '/'. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves `root` under `basePath` on 127.0.0.1 at a free port. `holdBack` may hold back chosen
 * paths, for some milliseconds as a slow network would or until a promise settles (the browser's
 * own request routing misses a worker's requests).
 */
export async function serveStatic(root: string, basePath = '/', holdBack: (pathname: string) => number | Promise<void> = () => 0): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    const wait = holdBack(new URL(request.url ?? '/', 'http://x').pathname);
    if (typeof wait !== 'number') await wait;
    else if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const send404 = async () => {
      response.statusCode = 404;
      try {
        await stat(join(root, '404.html'));
        response.setHeader('content-type', TYPES['.html']);
        createReadStream(join(root, '404.html')).pipe(response);
      } catch {
        response.end('not found');
      }
    };
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!pathname.startsWith(basePath)) return send404();
    let file = normalize(join(root, pathname.slice(basePath.length)));
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return send404();
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        if (!pathname.endsWith('/')) {
          response.writeHead(301, { location: `${request.url}/` });
          return response.end();
        }
        file = join(file, 'index.html');
        info = await stat(file);
      }
      response.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream');
      createReadStream(file).pipe(response);
    } catch {
      await send404();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${basePath}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
