/**
 * GraphML and CSV of an export graph, written a node or an edge at a time so that a whole-graph
 * export streams. Both carry the same columns: for nodes id, kind, label, description, date, url,
 * status, distance and sources; for edges id, source, target, type, validFrom, validTo, sources.
 * `sources` is JSON text (a list of {document, quote, translation?}): one cell that spreadsheets,
 * Gephi and networkx keep as it is, and any JSON reader takes apart.
 */
import type { SourceRef } from '../domain/elements';
import type { ExportEdge, ExportGraph, ExportNode } from './model';
import { xml } from './xml';

/** The sources of an element as one JSON text. */
function sourcesText(sources: readonly SourceRef[]): string {
  return JSON.stringify(sources.map((s) => ({ document: s.documentId, ...(s.quote ? { quote: s.quote } : {}), ...(s.translation ? { translation: s.translation } : {}) })));
}

/** Node columns, in order. */
const NODE_COLUMNS = ['id', 'kind', 'label', 'description', 'date', 'url', 'status', 'distance', 'sources'] as const;
/** Edge columns, in order. */
const EDGE_COLUMNS = ['id', 'source', 'target', 'type', 'validFrom', 'validTo', 'sources'] as const;

type Cell = string | number | null;

function nodeCells(n: ExportNode): Cell[] {
  return [n.id, n.kind, n.label, n.description, n.date, n.url, n.status, n.distance, sourcesText(n.sources)];
}

function edgeCells(e: ExportEdge): Cell[] {
  return [e.id, e.source, e.target, e.type, e.validFrom, e.validTo, sourcesText(e.sources)];
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; null is empty. */
function csvField(v: Cell): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/** nodes.csv, a header line then a line per node. */
export async function* nodesCsv(graph: ExportGraph): AsyncGenerator<string> {
  yield csvLine(NODE_COLUMNS);
  for await (const n of graph.nodes()) yield csvLine(nodeCells(n));
}

/** edges.csv, a header line then a line per edge. */
export async function* edgesCsv(graph: ExportGraph): AsyncGenerator<string> {
  yield csvLine(EDGE_COLUMNS);
  for await (const e of graph.edges()) yield csvLine(edgeCells(e));
}


function dataElements(prefix: string, columns: readonly string[], cells: readonly Cell[], skip: number): string {
  let out = '';
  for (let i = skip; i < columns.length; i++) {
    const v = cells[i];
    // An absent value is no <data> element, so a reader sees it missing rather than empty.
    if (v !== null && v !== undefined) out += `<data key="${prefix}${columns[i]}">${xml(String(v))}</data>`;
  }
  return out;
}

/** Key declarations: attr.type int for distance, string for the rest. */
function keys(prefix: string, domain: 'node' | 'edge', columns: readonly string[], skip: number): string {
  return columns
    .slice(skip)
    .map((c) => `  <key id="${prefix}${c}" for="${domain}" attr.name="${c}" attr.type="${c === 'distance' ? 'int' : 'string'}"/>\n`)
    .join('');
}

/**
 * A GraphML document (directed graph): keys, then every node, then every edge. Ids are the
 * graph's own (entity and claim ids; from:TYPE:to for edges), so a file read back joins the API.
 */
export async function* graphml(graph: ExportGraph): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
    keys('n_', 'node', NODE_COLUMNS, 1) +
    keys('e_', 'edge', EDGE_COLUMNS, 3) +
    '  <graph id="frr-graph" edgedefault="directed">\n';
  for await (const n of graph.nodes()) yield `    <node id="${xml(n.id)}">${dataElements('n_', NODE_COLUMNS, nodeCells(n), 1)}</node>\n`;
  for await (const e of graph.edges()) {
    yield `    <edge id="${xml(e.id)}" source="${xml(e.source)}" target="${xml(e.target)}">${dataElements('e_', EDGE_COLUMNS, edgeCells(e), 3)}</edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}
