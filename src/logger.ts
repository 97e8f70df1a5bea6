/** The process logger: structured JSON lines (pino). Tokens and request bodies are never logged. */
import pino, { Logger } from 'pino';
import type { Config } from './config';

/** Creates the logger at the configured level. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'frr-graph' }, redact: ['req.headers.authorization', 'token'] });
}
