/**
 * The one error shape of every non-GraphQL route (/api/graph, /api/export, /entities, the feed,
 * /reconcile, assets, the fallbacks): `{"error": {"code", "message", …details}}`, with the status
 * of errors.ts's table. GraphQL's own route answers in GraphQL's shape instead (guards.ts
 * `httpError`); both carry an AppError's code, message and public details the same way.
 */
import type express from 'express';
import type { Logger } from 'pino';
import { AppError, ErrorCode, HTTP_STATUS, publicError } from '../errors';

/** Sends `{"error": {"code", "message", ...extra}}` with HTTP_STATUS[code] (or `status`). */
export function jsonError(res: express.Response, code: ErrorCode, message: string, extra: Record<string, unknown> = {}, status = HTTP_STATUS[code]): void {
  res.status(status).json({ error: { code, message, ...extra } });
}

/**
 * Answers whatever a route's work threw: an AppError with its code, message and public details
 * (an internal one, and anything else, logged in full and answered 500 without them).
 * @param what names the route's work in the log line ("export failed").
 */
export function sendError(res: express.Response, err: unknown, log: Logger, what: string, status?: number): void {
  const own = err instanceof AppError ? err : null;
  if (!own || own.code === ErrorCode.INTERNAL_SERVER_ERROR) log.error({ err, ...own?.internal }, `${what} failed`);
  const { code, message, details } = publicError(own ?? new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'unexpected'));
  jsonError(res, code, message, details, status ?? HTTP_STATUS[code]);
}
