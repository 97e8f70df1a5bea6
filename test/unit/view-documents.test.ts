/**
 * The GraphQL documents the graph view's browser code sends (src/embed/assets/view/data.js) fit the
 * server's schema, built as the server builds it, and its limits. The documents are read from the
 * browser code itself: the lines between its `documents:start` and `documents:end` markers are run
 * as they are in the browser, so a test and a page cannot see different text. And the view draws
 * entity kinds from the domain's list, which the page hands it, not from a list of its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DocumentNode, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { buildSchema } from '../../src/graphql/schema';
import { complexityOf } from '../../src/graphql/limits';
import { loadConfig } from '../../src/config';
import { ENTITY_KIND_LIST } from '../../src/domain/kinds';
import { embedPage, PageData } from '../../src/embed/page';

const VIEW_DIR = path.resolve(__dirname, '../../src/embed/assets/view');
const DATA_JS = path.join(VIEW_DIR, 'data.js');

/** Runs the browser code's document block and returns its DOCUMENTS, by name. */
function viewDocuments(source: string): Record<string, string> {
  const block = /\/\/ documents:start\n([\s\S]*?)\n\s*\/\/ documents:end/.exec(source);
  if (!block) throw new Error(`${DATA_JS}: no "// documents:start" … "// documents:end" block`);
  // The block is plain declarations (no DOM, no network); running it gives exactly the strings the page sends.
  return new Function(`${block[1]}\nreturn DOCUMENTS;`)() as Record<string, string>;
}

// The view's browser code: every module of the folder, as one text for the searches below.
const source = fs
  .readdirSync(VIEW_DIR)
  .filter((f) => f.endsWith('.js'))
  .map((f) => fs.readFileSync(path.join(VIEW_DIR, f), 'utf8'))
  .join('\n');
const documents = viewDocuments(fs.readFileSync(DATA_JS, 'utf8'));
const schema = buildSchema();

function operationOf(document: DocumentNode): OperationDefinitionNode {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  expect(operations).toHaveLength(1);
  return operations[0]!;
}

/** Variables the view sends, for the cost estimate: the largest list arguments are in the documents. */
const SAMPLE_VARIABLES: Record<string, Record<string, unknown>> = {
  claim: { id: 'c' },
  entity: { id: 'e' },
  relationship: { from: 'e', type: 'DEVELOPS' },
  search: { text: 'clearview' },
};

describe('the graph view’s GraphQL documents', () => {
  it('are read from the browser code: every document it sends by name', () => {
    expect(Object.keys(documents).sort()).toEqual(['claim', 'entity', 'relationship', 'search']);
    // Every request goes through graphql(name, …), whose name the type-check ties to DOCUMENTS.
    const sent = [...source.matchAll(/await graphql\('(\w+)'/g)].map((m) => m[1]);
    expect(new Set(sent)).toEqual(new Set(Object.keys(documents)));
    expect(source).not.toMatch(/fetch\('\/graphql'[\s\S]*fetch\('\/graphql'/);
  });

  it.each(Object.keys(documents))('%s validates against the server’s schema', (name) => {
    const document = parse(documents[name]!);
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
    expect(operationOf(document).name?.value).toMatch(/^Embed/);
  });

  it.each(Object.keys(documents))('%s costs less than the default MAX_COMPLEXITY, so a default server answers it', (name) => {
    const cost = complexityOf(schema, parse(documents[name]!), SAMPLE_VARIABLES[name] ?? {});
    expect(cost).toBeLessThan(loadConfig({}).limits.maxComplexity);
  });

  it('would catch a document that no longer fits the schema', () => {
    const broken = parse(documents.entity!.replace('description', 'descriptionText'));
    expect(validate(schema, broken).map((e) => e.message)).toEqual([expect.stringMatching(/Cannot query field "descriptionText"/)]);
  });
});

const errorPage = () =>
  embedPage({ error: { status: 404, code: 'NOT_FOUND', message: 'center: no entity has id "y"' }, defaults: { depth: 1, limit: 200, claims: true } });

describe('the page and its script', () => {
  it('agree on the elements: every id the script looks up is in the page', () => {
    const wanted = [...new Set([...source.matchAll(/\$\('([\w-]+)'/g)].map((m) => m[1]!))];
    const present = new Set([...errorPage().matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    expect(wanted.length).toBeGreaterThan(10);
    expect(wanted.filter((id) => !present.has(id))).toEqual([]);
  });
});

describe('the graph view’s kinds', () => {
  it('come to the browser in the page data: every kind of the domain list, with its colour and shape, in its order', () => {
    const block = /<script type="application\/json" id="frr-view">([^<]*)<\/script>/.exec(errorPage());
    const data = JSON.parse(block![1]!) as PageData;
    expect(data.kinds).toEqual(ENTITY_KIND_LIST.map(({ kind, colour, shape }) => ({ kind, colour, shape })));
  });

  it('each have a legend swatch: embed.css draws every shape of the domain list', () => {
    const css = fs.readFileSync(path.resolve(__dirname, '../../src/embed/assets/embed.css'), 'utf8');
    const shapes = [...new Set(ENTITY_KIND_LIST.map((k) => k.shape))];
    expect(shapes.filter((shape) => !css.includes(`.sw-${shape} {`))).toEqual([]);
  });

  // (Colours are not searched for: the view's own palette shares some hexes with kinds, for borders and labels.)
  it('are not listed again in the browser code: no kind name of the domain list appears in it', () => {
    expect(ENTITY_KIND_LIST.filter((k) => new RegExp(`\\b${k.kind}\\b`).test(source)).map((k) => k.kind)).toEqual([]);
  });
});
