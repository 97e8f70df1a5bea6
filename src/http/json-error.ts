/**
 * The one error shape of every non-GraphQL route (/api/graph, assets, the fallbacks, and the
 * routes to come): `{"error": {"code", "message", …extra}}`, with the status of errors.ts's
 * table. GraphQL's own route answers in GraphQL's shape instead (guards.ts `httpError`).
 */
import type express from 'express';
import { ErrorCode, HTTP_STATUS } from '../errors';

/** Sends `{"error": {"code", "message", ...extra}}` with HTTP_STATUS[code] (or `status`). */
export function jsonError(res: express.Response, code: ErrorCode, message: string, extra: Record<string, unknown> = {}, status = HTTP_STATUS[code]): void {
  res.status(status).json({ error: { code, message, ...extra } });
}
