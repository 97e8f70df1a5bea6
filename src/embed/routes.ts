/**
 * Graph views for dashboards: GET /embed (a self-contained page) and GET /api/graph (Cytoscape.js
 * elements). Placeholder until the embed view lands.
 */
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Executor } from '../db/executor';

/** The routes of the embeddable graph view. */
export function embedRouter(_config: Config, _db: Executor, _log: Logger): express.Router {
  return express.Router();
}
