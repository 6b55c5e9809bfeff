// The renderer is served from a privileged custom scheme (hearth://app/...)
// rather than file://, so that it has a real origin, gets the strict CSP as a
// response header, and can read nothing outside its own folder.
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { RENDERER_SECURITY_HEADERS } from '../core/security/csp.js';
import { contentTypeFor, resolveStaticPath } from '../core/security/static-files.js';

export const RENDERER_SCHEME = 'hearth';
export const RENDERER_ORIGIN = `${RENDERER_SCHEME}://app`;
export const RENDERER_ENTRY = `${RENDERER_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerRendererScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export async function serveRendererFile(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  const path = url.host === 'app' ? resolveStaticPath(rendererDir, url.pathname) : null;
  if (!path) return new Response('Not found', { status: 404, headers: RENDERER_SECURITY_HEADERS });
  try {
    const body = await readFile(path);
    return new Response(body, {
      status: 200,
      headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': contentTypeFor(path) },
    });
  } catch {
    return new Response('Not found', { status: 404, headers: RENDERER_SECURITY_HEADERS });
  }
}

export function handleRendererScheme(protocol: Protocol, rendererDir: string): void {
  protocol.handle(RENDERER_SCHEME, (request) => serveRendererFile(rendererDir, request.url));
}
