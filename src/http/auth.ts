/**
 * Bearer tokens: `Authorization: Bearer <token>` against API_TOKENS. Tokens are compared in
 * constant time (sha256 digests of equal length, every configured token compared every time), so
 * response timing tells nothing about how much of a guess was right. Only the token's name goes
 * any further (context, audit log, logs); the token itself is never stored or logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiToken } from '../config';
import { ANONYMOUS, Caller } from '../domain/caller';
import { AppError, ErrorCode } from '../errors';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Who sent a request: anonymous without an Authorization header. */
export type Authenticate = (authorization: string | undefined) => Caller;

/**
 * Builds the authenticator for the configured tokens; /graphql and the embed routes share it.
 * @param options.requireAuthForReads refuse anonymous callers too (REQUIRE_AUTH_FOR_READS).
 * @throws AppError UNAUTHENTICATED for a malformed header or an unknown token: a client that
 *   sends a token expects it to count, so it is never silently treated as anonymous.
 */
export function authenticator(tokens: ApiToken[], options: { requireAuthForReads?: boolean } = {}): Authenticate {
  const known = tokens.map((t) => ({ name: t.name, role: t.role, digest: digest(t.token) }));
  return (authorization) => {
    if (authorization === undefined || authorization === '') {
      if (options.requireAuthForReads) {
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'This server requires a bearer token for every request (REQUIRE_AUTH_FOR_READS).');
      }
      return ANONYMOUS;
    }
    const m = /^Bearer ([\x21-\x7e]+)$/.exec(authorization.trim());
    if (!m) throw new AppError(ErrorCode.UNAUTHENTICATED, 'The Authorization header must be "Bearer <token>".');
    const presented = digest(m[1]!);
    let found: (typeof known)[number] | undefined;
    for (const t of known) if (timingSafeEqual(t.digest, presented) && !found) found = t;
    if (!found) throw new AppError(ErrorCode.UNAUTHENTICATED, 'The bearer token is not valid.');
    return { name: found.name, role: found.role };
  };
}
