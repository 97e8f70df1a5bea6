/**
 * The graph view's URL parameters, Content-Security-Policy and page, without a database: what a
 * view URL means, which parameter a bad one names, and that data in the page stays data.
 */
import { parseViewParams, MAX_EXPAND } from '../../src/embed/params';
import { AppError, ErrorCode } from '../../src/errors';
import { embedCsp } from '../../src/embed/routes';
import { embedPage } from '../../src/embed/page';
import { ENTITY_KINDS } from '../../src/domain/kinds';

const KINDS = ENTITY_KINDS;

function rejected(query: Record<string, unknown>): { parameter: string; message: string } {
  try {
    parseViewParams(query, KINDS);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(ErrorCode.BAD_USER_INPUT);
    return { parameter: (err as AppError).details.parameter as string, message: (err as AppError).message };
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
}

describe('view parameters', () => {
  it('fills in the defaults of subgraph, so that /embed?center=x means subgraph(center: "x")', () => {
    expect(parseViewParams({ center: 'clearview-ai' }, KINDS)).toEqual({
      center: 'clearview-ai',
      depth: 1,
      limit: 200,
      asOf: null,
      kinds: null,
      claims: true,
      expand: [],
    });
  });

  it('reads every parameter: kinds in any case and deduplicated, expansions in order', () => {
    const view = parseViewParams(
      { center: 'cnil', depth: '2', limit: '50', asOf: '2022-10-17', kinds: 'regulator, Decision,REGULATOR', claims: 'false', expand: 'clearview-ai,ico,clearview-ai' },
      KINDS,
    );
    expect(view).toEqual({ center: 'cnil', depth: 2, limit: 50, asOf: '2022-10-17', kinds: ['REGULATOR', 'DECISION'], claims: false, expand: ['clearview-ai', 'ico'] });
  });

  it('takes the kinds it accepts from the schema enum EntityKind', () => {
    expect(KINDS).toEqual(expect.arrayContaining(['COMPANY', 'REGULATOR', 'DECISION', 'DOCUMENT']));
    expect(KINDS).not.toContain('CLAIM');
  });

  it.each([
    [{}, 'center'],
    [{ center: '  ' }, 'center'],
    [{ center: 'x'.repeat(201) }, 'center'],
    [{ center: 'a', depth: 'two' }, 'depth'],
    [{ center: 'a', depth: '1.5' }, 'depth'],
    [{ center: 'a', limit: '1e3' }, 'limit'],
    [{ center: 'a', asOf: '2021-02-30' }, 'asOf'],
    [{ center: 'a', asOf: '28/09/2021' }, 'asOf'],
    [{ center: 'a', kinds: 'COMPANY,ROBOT' }, 'kinds'],
    [{ center: 'a', kinds: 'CLAIM' }, 'kinds'],
    [{ center: 'a', claims: 'yes' }, 'claims'],
    [{ center: ['a', 'b'] }, 'center'],
    [{ center: 'a', expand: Array.from({ length: MAX_EXPAND + 1 }, (_, i) => `e${i}`).join(',') }, 'expand'],
  ])('refuses %j, naming %s', (query, parameter) => {
    const problem = rejected(query);
    expect(problem.parameter).toBe(parameter);
    expect(problem.message.startsWith(`${parameter}: `)).toBe(true);
  });

  it('names the unknown kind in the message', () => {
    expect(rejected({ center: 'a', kinds: 'COMPANY,ROBOT' }).message).toMatch(/ROBOT/);
  });

  it('leaves ranges to the resolver: depth 9 is read here and refused by subgraph', () => {
    expect(parseViewParams({ center: 'a', depth: '9', limit: '0' }, KINDS)).toMatchObject({ depth: 9, limit: 0 });
  });
});

describe('Content-Security-Policy of the page', () => {
  it('allows only this server, and framing only by the configured ancestors', () => {
    const csp = embedCsp(["'self'", 'https://dash.example.org']);
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'style-src': "'self'",
      'connect-src': "'self'",
      'frame-ancestors': "'self' https://dash.example.org",
    });
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("forbids framing when no ancestor is configured", () => {
    expect(embedCsp([])).toMatch(/frame-ancestors 'none'$/);
  });

  it.each(['https://a.example; script-src *', 'https://a.example https://b.example', ''])('refuses the ancestor %j, which would rewrite the policy', (bad) => {
    expect(() => embedCsp(['https://ok.example', bad])).toThrow(/EMBED_FRAME_ANCESTORS/);
  });
});

describe('the page', () => {
  const view = { center: 'x', depth: 1, limit: 200, asOf: null, kinds: null, claims: true, expand: [] };
  const hostile = 'Evil </script><script>alert(1)</script> & <b>bold</b>';

  it('keeps text from the data inert: no element can be closed or opened from inside the JSON block', () => {
    const html = embedPage({
      graph: { view, truncated: false, elements: { nodes: [{ data: { id: 'x', label: hostile, kind: 'COMPANY', distance: 0, status: null, proposition: null, polarity: null, claimKind: null } }], edges: [] } },
      defaults: { depth: 1, limit: 200, claims: true },
    });
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(html).not.toContain('</script><script>alert');
    const block = html.match(/<script type="application\/json" id="frr-view">([^<]*)<\/script>/);
    expect(block).not.toBeNull();
    expect(JSON.parse(block![1]!).graph.elements.nodes[0].data.label).toBe(hostile);
    expect(html).toContain('<title>Evil &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; — graph view</title>');
  });

  it('loads every script and style from this server, none inline', () => {
    const html = embedPage({ error: { status: 404, code: 'NOT_FOUND', message: 'center: no entity has id "y"' }, defaults: { depth: 1, limit: 200, claims: true } });
    const srcs = [...html.matchAll(/<(?:script|link)[^>]*(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs).toEqual(['/embed/assets/icon.svg', '/embed/assets/embed.css', '/embed/assets/cytoscape.min.js', '/embed/assets/main.js']);
    expect(html).toContain('<script type="module" src="/embed/assets/main.js">');
    expect(html.replace(/<!--[\s\S]*?-->/g, '')).not.toMatch(/<style|style="|<script>/);
  });
});
