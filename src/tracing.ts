/**
 * OpenTelemetry traces (docs/operations.md#traces): when OTEL_EXPORTER_OTLP_ENDPOINT is set, the
 * Node SDK with the HTTP, Express and GraphQL instrumentations, exporting spans over OTLP/HTTP
 * (protobuf, or JSON with OTEL_EXPORTER_OTLP_PROTOCOL=http/json); when it is not, nothing is
 * loaded, no span is recorded and nothing is sent. The Cypher statement spans are made by the
 * executor (src/db/executor.ts) through @opentelemetry/api.
 *
 * main.ts imports this module first: the instrumentations patch http, express and graphql as
 * they are required, so the SDK must be started before anything requires them.
 */
import { SpanKind } from '@opentelemetry/api';
import { Config, loadConfigOrExit } from './config';

/** A started SDK: shutdown() exports the spans still buffered. */
interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Starts the SDK when `config.otel.endpoint` is set; undefined otherwise. The standard OTEL_*
 * variables (headers, protocol, sampler, resource attributes) are read by the SDK itself.
 */
function startTracing(config: Config): Tracing | undefined {
  if (config.otel.endpoint === null) return undefined;
  // Required here, not imported: without an endpoint none of the SDK is loaded.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK: SDK, tracing: trace } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation, ExpressLayerType } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { GraphQLInstrumentation } = require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const sdk = new SDK({
    serviceName: config.otel.serviceName,
    instrumentations: [
      new HttpInstrumentation({
        // Traces are for requests: the exporter's own calls and the health probes are not.
        ignoreOutgoingRequestHook: () => true,
        ignoreIncomingRequestHook: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics',
      }),
      // Express names the request span after its route (http.route); one span per middleware would be noise.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.REQUEST_HANDLER] }),
      // One span per operation (`query LookupClaim`), with the document's values masked; no span per resolver.
      new GraphQLInstrumentation({ ignoreResolveSpans: true, ignoreTrivialResolveSpans: true, allowValues: false }),
    ],
    // A trace per request: a span with no parent is kept only if it is a request's (SERVER);
    // start-up work (parsing the schema, seeding, the readiness pings) would be a trace per statement.
    sampler: new trace.ParentBasedSampler({
      root: {
        shouldSample: (_context, _traceId, _name, kind) => ({ decision: kind === SpanKind.SERVER ? trace.SamplingDecision.RECORD_AND_SAMPLED : trace.SamplingDecision.NOT_RECORD }),
        toString: () => 'RequestsOnly',
      },
    }),
    // Traces only: metrics are Prometheus's (/metrics) and logs are the JSON lines on stdout.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}

/** The process's tracing, started as this module loads (see above); undefined without an endpoint. */
export const tracing = startTracing(loadConfigOrExit());
