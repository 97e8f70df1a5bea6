/**
 * The graph view's browser code is native ES modules (src/embed/assets/view/), served as written:
 * each stays small enough to read (under 600 lines), the page loads only files the server serves,
 * every import names a module that is served, and every module is reached from the entry (a
 * module left out of the graph would be type-checked and served, yet never run), with no import
 * cycle (a module that must call one above it takes a callback).
 */
import fs from 'node:fs';
import path from 'node:path';
import { embedCsp, embedAssets, VIEW_MODULES } from '../../src/embed/routes';
import { ASSET_PATH, embedPage, VIEW_ENTRY } from '../../src/embed/page';

const ROOT = path.resolve(__dirname, '../..');
const DIR = path.join(ROOT, VIEW_MODULES);
const modules = fs.readdirSync(DIR).filter((f) => f.endsWith('.js')).sort();
const text = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');
/** The specifiers of a module's static imports (`import … from './x.js'`, `import './x.js'`). */
const importsOf = (source: string) => [...source.matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"];?$/gm)].map((m) => m[1]!);

const page = embedPage({ error: { status: 404, code: 'NOT_FOUND', message: 'center: no entity has id "y"' }, defaults: { depth: 1, limit: 200, claims: true } });

describe('the graph view’s modules', () => {
  it('are several, the entry among them', () => {
    expect(modules.length).toBeGreaterThan(5);
    expect(modules).toContain(VIEW_ENTRY);
  });

  it.each(modules)('%s is under 600 lines', (name) => {
    expect(text(name).split('\n').length).toBeLessThan(600);
  });

  it.each(modules)('%s is type-checked and imports only served modules of the view, by relative path', (name) => {
    const source = text(name);
    expect(source.startsWith('// @ts-check\n')).toBe(true);
    for (const spec of importsOf(source)) {
      expect(spec).toMatch(/^\.\/[\w-]+\.js$/);
      expect(modules).toContain(spec.slice(2));
    }
  });

  it('are all reached from the entry module', () => {
    const reached = new Set<string>();
    const visit = (name: string) => {
      if (reached.has(name)) return;
      reached.add(name);
      importsOf(text(name)).forEach((spec) => visit(spec.slice(2)));
    };
    visit(VIEW_ENTRY);
    expect(modules.filter((m) => !reached.has(m))).toEqual([]);
  });

  it('import one way: no module reaches itself through its imports', () => {
    const cycles: string[] = [];
    const walk = (name: string, trail: string[]) => {
      if (trail.includes(name)) return void cycles.push([...trail.slice(trail.indexOf(name)), name].join(' → '));
      importsOf(text(name)).forEach((spec) => walk(spec.slice(2), [...trail, name]));
    };
    modules.forEach((m) => walk(m, []));
    expect([...new Set(cycles)]).toEqual([]);
  });

  it('would see an import: the import reader finds the entry’s', () => {
    expect(importsOf(text(VIEW_ENTRY))).toEqual(expect.arrayContaining(['./address.js', './search.js']));
  });
});

describe('the page and the files it loads', () => {
  const assets = embedAssets(ROOT);

  it('references only files that exist and are served', () => {
    const refs = [...page.matchAll(/<(?:script|link)[^>]*(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBe(4);
    for (const ref of refs) {
      expect(ref.startsWith(`${ASSET_PATH}/`)).toBe(true);
      const file = assets.get(ref.slice(ASSET_PATH.length + 1));
      expect(file).toBeDefined();
      expect(fs.existsSync(file!)).toBe(true);
    }
  });

  it('loads the view as one module script, which the CSP allows without inline script', () => {
    expect([...page.matchAll(/<script type="module" src="([^"]+)"/g)].map((m) => m[1])).toEqual([`${ASSET_PATH}/${VIEW_ENTRY}`]);
    const scriptSrc = embedCsp(["'self'"]).split('; ').find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe("script-src 'self'");
  });

  it('serves every module of the view and nothing else of its folder', () => {
    for (const name of modules) expect(assets.get(name)).toBe(path.join(DIR, name));
    expect([...assets.keys()].sort()).toEqual(['cytoscape.min.js', 'embed.css', 'icon.svg', ...modules].sort());
  });
});
