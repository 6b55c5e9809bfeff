// Serves the built renderer: files only (no directory listings), nothing
// outside the folder (also through symbolic links), every response with the
// renderer's security headers.
import { createReadStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sep } from 'node:path';
import { RENDERER_SECURITY_HEADERS } from '../security/csp.js';
import { contentTypeFor, resolveStaticPath } from '../security/static-files.js';

export function sendPlain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...RENDERER_SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/** Answers a GET/HEAD for a file of `root` (already resolved with realpath). */
export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const pathname = (req.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  const file = resolveStaticPath(root, pathname);
  if (file === null) {
    sendPlain(res, 400, 'Bad path\n');
    return;
  }
  let real: string;
  let size: number;
  try {
    real = await fs.realpath(file);
    const stat = await fs.stat(real);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    sendPlain(res, 404, 'Not found\n');
    return;
  }
  if (!real.startsWith(root + sep)) {
    sendPlain(res, 404, 'Not found\n');
    return;
  }
  res.writeHead(200, {
    ...RENDERER_SECURITY_HEADERS,
    'Content-Type': contentTypeFor(real),
    'Content-Length': size,
    // The bundle's names do not change between builds: always revalidate.
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(real);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
