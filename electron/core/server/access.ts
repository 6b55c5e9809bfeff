// Who may use the headless server. Bound to loopback it serves only this
// machine, and checks the Host header so that a web page on a rebinding
// domain cannot reach it through the user's browser. Bound to any other
// address it requires a token, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1';
}

/** A fresh token: 192 random bits, URL-safe. */
export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison (hashing first makes the lengths equal too). */
export function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/** The host part of a Host header ("127.0.0.1:4029", "[::1]:4029", "localhost"). */
export function hostOfHeader(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(hostHeader.trim());
  return m?.[1];
}

/**
 * A browser's Origin must be this server itself: `http://<Host header>`.
 * Non-browser clients send no Origin; they are held to the token (or to
 * loopback) like everyone else.
 */
export function originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!hostHeader) return false;
  return origin.toLowerCase() === `http://${hostHeader.toLowerCase()}`;
}
