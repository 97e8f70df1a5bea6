/**
 * The export serializers without a database: text that needs escaping (commas, quotes, line
 * breaks, markup, control characters) survives CSV and GraphML as read back by csv-parse and
 * graphology-graphml; JSON-LD of a document and a claim expands with jsonld and closes over its
 * references; PUBLIC_URL is checked at boot.
 */
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { loadConfig } from '../../src/config';
import { claims } from '../../src/seed/areas/claims';
import { entities } from '../../src/seed/areas/entities';
import { claimEdge, claimNode, entityNode, ExportGraph, ExportNode, ExportEdge } from '../../src/export/model';
import { edgesCsv, graphml, nodesCsv } from '../../src/export/tabular';
import { jsonLd } from '../../src/export/jsonld';
import { parseSince } from '../../src/graphql/resolvers/audit';

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const s of chunks) out += s;
  return out;
}

function graphOf(nodes: ExportNode[], edges: ExportEdge[]): ExportGraph {
  return {
    async *nodes() {
      yield* nodes;
    },
    async *edges() {
      yield* edges;
    },
  };
}

const awkward = 'He said "no", then <b>yes</b> & left;\nnext line\u0007.';
const doc = entityNode(entities.props({ id: 'doc-1', kind: 'DOCUMENT', name: 'A report', url: 'https://example.org/r', publishedOn: '2021-02-03', sources: [] }));
const person = entityNode(
  entities.props({ id: 'p,1', kind: 'PERSON', name: awkward, sources: [{ document: 'doc-1', quote: 'a "quoted", text' }] }),
);
const claim = claimNode(
  claims.props({ id: 'c-1', text: 'P says so.', claimant: 'p,1', subjects: ['doc-1'], proposition: 'prop-1', polarity: 'AFFIRMS', madeOn: '2021-02-04', sources: [{ document: 'doc-1', quote: 'so' }], basedOn: ['c-elsewhere'] }),
);
const graph = graphOf([doc, person, claim], [claimEdge('p,1', 'MADE', 'c-1'), claimEdge('c-1', 'ABOUT', 'doc-1')]);

describe('CSV', () => {
  it('quotes what needs quoting, so csv-parse reads every value back as it was', async () => {
    const nodes = parseCsv(await text(nodesCsv(graph)), { columns: true }) as Record<string, string>[];
    expect(nodes.map((n) => n.id)).toEqual(['doc-1', 'p,1', 'c-1']);
    expect(nodes[1]!.label).toBe(awkward);
    expect(JSON.parse(nodes[1]!.sources)).toEqual([{ document: 'doc-1', quote: 'a "quoted", text' }]);
    expect(nodes[2]).toMatchObject({ kind: 'CLAIM', date: '2021-02-04', status: 'UNCONTESTED', distance: '' });
    const edges = parseCsv(await text(edgesCsv(graph)), { columns: true }) as Record<string, string>[];
    expect(edges.map((e) => [e.id, e.source, e.target, e.type])).toEqual([
      ['p,1:MADE:c-1', 'p,1', 'c-1', 'MADE'],
      ['c-1:ABOUT:doc-1', 'c-1', 'doc-1', 'ABOUT'],
    ]);
  });
});

describe('GraphML', () => {
  it('escapes markup and drops the control characters XML cannot hold, so graphology-graphml reads it', async () => {
    const g = parseGraphml(Graph, await text(graphml(graph)));
    expect(g.order).toBe(3);
    expect(g.size).toBe(2);
    expect(g.getNodeAttribute('p,1', 'label')).toBe(awkward.replace('\u0007', ''));
    expect(g.getNodeAttribute('doc-1', 'url')).toBe('https://example.org/r');
    // Absent values are absent, not empty strings.
    expect(g.hasNodeAttribute('doc-1', 'status')).toBe(false);
    expect(g.getEdgeAttributes('p,1:MADE:c-1')).toMatchObject({ type: 'MADE', sources: '[]' });
  });
});

describe('JSON-LD', () => {
  it('types a document as CreativeWork and a claim as Claim, and stubs what lies outside', async () => {
    const asked: string[][] = [];
    const doc = JSON.parse(
      await text(
        jsonLd(graph, 'https://graph.example.org', async (entityIds, claimIds) => {
          asked.push(entityIds, claimIds);
          return [];
        }),
      ),
    );
    expect(asked).toEqual([[], ['c-elsewhere']]);
    const expanded = await jsonld.expand(doc);
    const ids = expanded.map((n) => n['@id']);
    expect(ids).toEqual(
      expect.arrayContaining(['https://graph.example.org/entities/doc-1', 'https://graph.example.org/entities/p%2C1', 'https://graph.example.org/claims/c-1', 'https://graph.example.org/claims/c-elsewhere']),
    );
    const work = expanded.find((n) => n['@id'].endsWith('/doc-1'))!;
    expect(work['@type']).toEqual(['https://schema.org/CreativeWork', 'https://graph.example.org/ns#Document']);
    expect(work['https://schema.org/datePublished']).toEqual([{ '@value': '2021-02-03' }]);
    const c = expanded.find((n) => n['@id'].endsWith('/claims/c-1'))!;
    expect(c['@type']).toEqual(['https://schema.org/Claim']);
    expect(c['https://schema.org/author']).toEqual([{ '@id': 'https://graph.example.org/entities/p%2C1' }]);
    expect(c['https://graph.example.org/ns#status']).toEqual([{ '@value': 'UNCONTESTED' }]);
  });
});

describe('PUBLIC_URL and since', () => {
  it('PUBLIC_URL defaults to the listening address and refuses what is not a plain http(s) URL, by name', () => {
    expect(loadConfig({ PORT: '4100' }).publicUrl).toBe('http://127.0.0.1:4100');
    expect(loadConfig({ PUBLIC_URL: 'https://graph.example.org/frr/' }).publicUrl).toBe('https://graph.example.org/frr');
    for (const bad of ['graph.example.org', 'ftp://x.org', 'https://x.org/?a=1', 'https://x.org/#f']) {
      expect(() => loadConfig({ PUBLIC_URL: bad })).toThrow(/^PUBLIC_URL/);
    }
  });

  it('since takes an ISO date-time with an offset, or a date, and refuses the rest naming the argument', () => {
    expect(parseSince('2026-01-31T13:00:00+01:00')).toBe('2026-01-31T12:00:00.000Z');
    expect(parseSince('2026-01-31')).toBe('2026-01-31T00:00:00.000Z');
    for (const bad of ['2026-01-31T12:00:00', 'yesterday', '2026-02-30x']) expect(() => parseSince(bad)).toThrow(/^since:/);
  });
});
