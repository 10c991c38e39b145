import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * HTTP basic auth (RFC 7617) with one password and any user name, as OPDS clients (KOReader,
 * Moon+ Reader, Thorium) and browsers ask for it. Digests are compared in constant time.
 */
export function passwordMatches(authorization: string | undefined, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(decoded.slice(colon + 1)), digest(password));
}

export const CHALLENGE = 'Basic realm="ficbind", charset="UTF-8"';
