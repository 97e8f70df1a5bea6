/** CORS of the API routes. */
import type express from 'express';

/**
 * CORS for the configured origins only ("*" allows any). Credentials are never allowed: the API
 * authenticates by bearer token, not cookies, so a page on another origin gains nothing it could
 * not do with its own token.
 */
export function cors(origins: string[]): express.RequestHandler {
  const any = origins.includes('*');
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && (any || allowed.has(origin))) {
      res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, Accept, Neo4j-Bookmarks');
        res.setHeader('Access-Control-Max-Age', '600');
        return void res.status(204).end();
      }
    }
    next();
  };
}
