import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, dirname, join } from 'node:path';
import { PROJECT_ROOT } from './corpus.ts';
import { tempDir } from './temp.ts';

/**
 * nginx serving a build through the project's own deploy/nginx/news-site.conf: the lines that
 * say where (listen, root, error_page) are set for the test and every other line is the shipped
 * one. It runs as a child of the test, in the foreground, on a free port of 127.0.0.1, with its
 * pid, logs and temporary files in a folder of its own; stop() ends that process only.
 */

export const SHIPPED_CONFIG = join(PROJECT_ROOT, 'deploy/nginx/news-site.conf');

export interface NginxServer {
  origin: string;
  /** The server's error log so far (for failure messages). */
  errors(): string;
  stop(): Promise<void>;
}

/** The nginx executable: NGINX_PATH, else on PATH or in the sbin folders a user's PATH may lack. */
export function findNginx(): string {
  const named = process.env.NGINX_PATH;
  if (named) return named;
  const folders = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  const found = folders.map((folder) => join(folder, 'nginx')).find((path) => existsSync(path));
  if (!found) throw new Error('no nginx: install it (apt-get install nginx) or set NGINX_PATH');
  return found;
}

/** The shipped config with the lines that say where set: each must be there exactly once. */
export function configForTest(shipped: string, where: { port: number; root: string; basePath: string }): string {
  let config = shipped;
  const set = (pattern: RegExp, line: string) => {
    const found = config.match(new RegExp(pattern.source, 'gm'))?.length ?? 0;
    if (found !== 1) throw new Error(`deploy/nginx/news-site.conf: expected one line matching ${pattern}, found ${found}`);
    config = config.replace(new RegExp(pattern.source, 'm'), line);
  };
  set(/^( *)listen .*;$/, `$1listen 127.0.0.1:${where.port};`);
  set(/^( *)root .*;$/, `$1root ${where.root};`);
  set(/^( *)error_page 404 .*;$/, `$1error_page 404 ${where.basePath}404.html;`);
  return config;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Serves `siteDir` (a build for `basePath`) with nginx; see the module comment. */
export async function startNginx(siteDir: string, basePath: string): Promise<NginxServer> {
  if (basePath === '/') throw new Error('serve a build made under a BASE_PATH other than /');
  const nginx = findNginx();
  // nginx -V names (on stderr) the folder of its own config, where mime.types lives.
  const version = spawnSync(nginx, ['-V'], { encoding: 'utf8' });
  const confPath = /--conf-path=(\S+)/.exec(`${version.stdout}${version.stderr}`)?.[1];
  if (!confPath) throw new Error(`${nginx} -V names no --conf-path: ${version.stderr}`);
  const mimeTypes = join(dirname(confPath), 'mime.types');
  const prefix = tempDir('news-nginx');
  // Under root, the folder the base path names is the build itself.
  const root = join(prefix, 'www');
  const siteLink = join(root, basePath);
  mkdirSync(dirname(siteLink), { recursive: true });
  symlinkSync(siteDir, siteLink.replace(/\/$/, ''));
  for (const folder of ['temp', 'logs']) mkdirSync(join(prefix, folder));
  const errorLog = join(prefix, 'logs/error.log');
  const temp = (name: string) => `${name}_temp_path ${join(prefix, 'temp', name)};`;
  writeFileSync(
    join(prefix, 'nginx.conf'),
    [
      'daemon off;',
      // One process: no workers to start under another user, who could not read a private temporary folder.
      'master_process off;',
      `pid ${join(prefix, 'nginx.pid')};`,
      `error_log ${errorLog} warn;`,
      'events { worker_connections 256; }',
      'http {',
      `  include ${mimeTypes};`,
      '  default_type application/octet-stream;',
      '  access_log off;',
      `  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}`,
      `  include ${join(prefix, 'news-site.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const errors = () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '');
  // A port found free may be taken before nginx binds it: then another one.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    writeFileSync(join(prefix, 'news-site.conf'), configForTest(readFileSync(SHIPPED_CONFIG, 'utf8'), { port, root, basePath }));
    const child: ChildProcess = spawn(nginx, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', errorLog], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const origin = `http://127.0.0.1:${port}`;
    if (await answers(origin, () => child.exitCode !== null)) {
      return {
        origin,
        errors: () => output + errors(),
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      };
    }
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    if (attempt === 3 || !/in use/.test(output + errors())) throw new Error(`nginx did not start on ${origin}: ${output}${errors()}`);
  }
}

/** Whether a server answers at `origin` within five seconds; false at once when it has stopped. */
async function answers(origin: string, stopped: () => boolean): Promise<boolean> {
  for (let tries = 0; tries < 100; tries++) {
    if (stopped()) return false;
    try {
      await fetch(`${origin}/`);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return false;
}
