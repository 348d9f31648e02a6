/**
 * A plain static file server for the built app (no special headers, like any static host),
 * mounted at a sub-path, with Range support and an access log of bytes sent per path.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.csv': 'text/csv',
  '.parquet': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.geojson': 'application/geo+json',
};

export interface AccessEntry {
  readonly path: string;
  readonly status: number;
  readonly bytes: number;
  readonly range: string | null;
}

export interface StaticServer {
  readonly url: string;
  readonly log: AccessEntry[];
  close(): Promise<void>;
}

/** Serves `mounts` (url prefix → directory) on 127.0.0.1 at a free port. */
export async function serveStatic(mounts: Record<string, string>): Promise<StaticServer> {
  const log: AccessEntry[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    const prefix = Object.keys(mounts)
      .sort((a, b) => b.length - a.length)
      .find((p) => path.startsWith(p));
    if (!prefix) {
      res.writeHead(404).end();
      log.push({ path, status: 404, bytes: 0, range: null });
      return;
    }
    let file = normalize(join(mounts[prefix], path.slice(prefix.length)));
    if (!file.startsWith(normalize(mounts[prefix]))) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      log.push({ path, status: 404, bytes: 0, range: null });
      return;
    }
    const size = statSync(file).size;
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const range = req.headers.range ?? null;
    const m = range && /^bytes=(\d*)-(\d*)$/.exec(range);
    if (m) {
      const start = m[1] === '' ? size - Number(m[2]) : Number(m[1]);
      const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
      res.writeHead(206, { 'content-type': type, 'content-length': end - start + 1, 'content-range': `bytes ${start}-${end}/${size}`, 'accept-ranges': 'bytes' });
      log.push({ path, status: 206, bytes: end - start + 1, range });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(file, { start, end }).pipe(res);
      return;
    }
    // Like a typical static host: content-hashed assets are immutable; other files revalidate.
    const stat = statSync(file);
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const caching = /\/assets\/[^/]+-[\w-]{8}\.\w+$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'cache-control': caching }).end();
      log.push({ path, status: 304, bytes: 0, range: null });
      return;
    }
    res.writeHead(200, { 'content-type': type, 'content-length': size, 'accept-ranges': 'bytes', 'cache-control': caching, etag });
    log.push({ path, status: 200, bytes: req.method === 'HEAD' ? 0 : size, range: null });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://localhost:${port}`,
    log,
    // A stopped server drops its connections too: close() alone waits for the browser's
    // keep-alive connections to end, which took from 6 s to over 80 s.
    close: () =>
      new Promise((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
