/**
 * The graph view's download links (issue 17 part 6) in the real browser: Debian's Chromium
 * driven by playwright-core, as in embed.int.test.ts. The GraphML and CSV links of a view are
 * clicked, the downloads captured and parsed (graphology-graphml, fflate and csv-parse), and
 * what they hold compared with what the view draws. Readiness is polled, never slept for.
 */
import fs from 'node:fs';
import Graph from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { chromium, Browser, Page } from 'playwright-core';
import { startTestServer, TestServer } from '../support/helpers';

const CHROMIUM = '/usr/bin/chromium';
const READY_MS = 30_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // A shared machine: see export.int.test.ts.
  server = await startTestServer({ QUERY_TIMEOUT_MS: '60000' });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What the view in the page draws: its node and edge ids. */
const drawnIds = (page: Page) =>
  page.evaluate(() => {
    const cy = (window as any).__frrGraph.cy;
    return { nodes: cy.nodes().map((n: any) => n.id()).sort() as string[], edges: cy.edges().map((e: any) => e.id()).sort() as string[] };
  });

/** Clicks a download link and returns the downloaded file's name and bytes. */
async function download(page: Page, format: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: READY_MS }), page.click(`a[data-download="${format}"]`)]);
  const failure = await file.failure();
  expect(failure).toBeNull();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync((await file.path())!) };
}

describe('downloads from the graph view', () => {
  it('GraphML and CSV downloads of the view on screen hold exactly what it draws', async () => {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
      await page.goto(`${server.base}/embed?center=clearview-ai&depth=1&asOf=2022-06-01`);
      await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: READY_MS });
      const drawn = await drawnIds(page);
      expect(drawn.nodes.length).toBeGreaterThan(5);
      expect(await page.getAttribute('a[data-download="csv"]', 'href')).toBe('/api/export?format=csv&center=clearview-ai&asOf=2022-06-01');

      const graphml = await download(page, 'graphml');
      expect(graphml.name).toBe('frr-graph-clearview-ai-d1-2022-06-01.graphml');
      const g = parseGraphml(Graph, graphml.bytes.toString('utf8'));
      expect([...g.nodes()].sort()).toEqual(drawn.nodes);
      expect([...g.edges()].sort()).toEqual(drawn.edges);

      const csv = await download(page, 'csv');
      expect(csv.name).toBe('frr-graph-clearview-ai-d1-2022-06-01.zip');
      const files = unzipSync(new Uint8Array(csv.bytes));
      const nodes = parseCsv(strFromU8(files['nodes.csv']!), { columns: true }) as Record<string, string>[];
      const edges = parseCsv(strFromU8(files['edges.csv']!), { columns: true }) as Record<string, string>[];
      expect(nodes.map((n) => n.id).sort()).toEqual(drawn.nodes);
      expect(edges.map((e) => e.id).sort()).toEqual(drawn.edges);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
