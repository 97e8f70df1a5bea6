/** The part of the jsonld package (no types of its own) that the export tests use. */
declare module 'jsonld' {
  type Doc = Record<string, any> | Record<string, any>[];
  const jsonld: {
    expand(input: Doc, options?: Record<string, unknown>): Promise<Record<string, any>[]>;
    compact(input: Doc, context: unknown, options?: Record<string, unknown>): Promise<Record<string, any>>;
    flatten(input: Doc, context?: unknown, options?: Record<string, unknown>): Promise<Doc>;
  };
  export default jsonld;
}
