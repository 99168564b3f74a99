/** Who may call the API: a token off loopback, and on loopback only pages addressed to loopback. */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a request carries: `Authorization: Bearer …`, else `?token=` (for links and scripts). */
export function tokenOf(
  authorization: string | undefined,
  query: string | undefined,
): string | undefined {
  const m = authorization !== undefined ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return m?.[1] ?? query;
}

/**
 * Without a token, a loopback server still refuses requests whose Host is not loopback: a page
 * on another site could otherwise reach it by DNS rebinding and read or save the postmortems.
 */
export function hostHeaderAllowed(hostHeader: string | undefined): boolean {
  if (hostHeader === undefined) return false;
  const name = hostHeader.startsWith('[')
    ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
    : hostHeader.replace(/:\d+$/, '');
  return isLoopback(name);
}
