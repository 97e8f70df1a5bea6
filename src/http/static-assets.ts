/**
 * THE static-asset route, shared by GraphiQL's assets (/assets/…) and the graph view's
 * (/embed/assets/…): files by name from a fixed table, never from the URL's path.
 */
import type express from 'express';
import { ErrorCode } from '../errors';
import { jsonError } from './json-error';

/**
 * Serves `assets` (name -> absolute file) by the route's `:name` parameter; 404 for any other name.
 * A Map, not an object: /assets/__proto__ or /assets/constructor must not find a property.
 */
export function assetRoute(assets: ReadonlyMap<string, string>): express.RequestHandler<{ name: string }> {
  return (req, res) => {
    const file = assets.get(req.params.name);
    if (!file) return jsonError(res, ErrorCode.NOT_FOUND, 'no such asset');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(file);
  };
}
