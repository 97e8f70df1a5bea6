/** The process logger: structured JSON lines (pino). Tokens and request bodies are never logged. */
import pino, { Logger } from 'pino';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { Config } from './config';

/**
 * The trace of the line's request, as OpenTelemetry's log correlation names it (trace_id,
 * span_id, trace_flags): a line is found from its trace, and the trace from its line. Nothing
 * without a recording span (no OTEL_EXPORTER_OTLP_ENDPOINT, or outside a request).
 */
function traceFields(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const c = span.spanContext();
  if (!isSpanContextValid(c)) return {};
  return { trace_id: c.traceId, span_id: c.spanId, trace_flags: `0${c.traceFlags.toString(16)}` };
}

/** Creates the logger at the configured level. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'frr-graph' }, redact: ['req.headers.authorization', 'token'], mixin: traceFields });
}
