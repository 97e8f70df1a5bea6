/**
 * The layers of src/ and their direction: every import points down (or stays in its layer).
 *
 *   entry (main.ts, server.ts)
 *   embed/, export/             the graph view and the exports: answer through the GraphQL schema
 *   graphql/, http/             the GraphQL API; the HTTP plumbing (auth, CORS, guards, assets)
 *   store/                      the read side: statements, parameters and row mapping per area
 *   seed/                       validation and writing of curated data (seed files, curation)
 *   db/                         Neo4j: connection, statements, stored records
 *   config.ts, errors.ts, lifecycle.ts, logger.ts, metrics.ts, tracing.ts
 *   domain/                     the shared vocabulary and rules: imports nothing of ours
 *
 * A test reads the imports of every file of src/ and names both files of an upward import.
 */
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');

/** Layer rank of a file of src/ (path relative to src/, with forward slashes): higher may import lower. */
export function layerOf(file: string): { layer: string; rank: number } {
  const top = file.includes('/') ? `${file.split('/')[0]}/` : file;
  const LAYERS: [string, number, string[]][] = [
    ['entry', 7, ['main.ts', 'server.ts']],
    ['embed, export', 6, ['embed/', 'export/']],
    ['graphql, http', 5, ['graphql/', 'http/']],
    ['store', 4, ['store/']],
    ['seed', 3, ['seed/']],
    ['db', 2, ['db/']],
    ['config, errors, logger', 1, ['config.ts', 'errors.ts', 'lifecycle.ts', 'logger.ts', 'metrics.ts', 'tracing.ts']],
    ['domain', 0, ['domain/']],
  ];
  const found = LAYERS.find(([, , members]) => members.includes(top));
  if (!found) throw new Error(`src/${file} is in no layer: add it to test/unit/layers.test.ts`);
  return { layer: found[0], rank: found[1] };
}

/** The relative imports of a TypeScript text (import/export ... from, import(), require()). */
export function importsOf(text: string): string[] {
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm)].map((m) => m[1]!);
  return [...new Set(specs)];
}

/** Every upward import among `files` (path relative to src/ -> text), as "importer -> imported (layers)". */
export function upwardImports(files: Map<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of files) {
    const from = layerOf(file);
    for (const spec of importsOf(text)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const resolved = [`${target}.ts`, `${target}/index.ts`, target].find((t) => files.has(t)) ?? `${target}.ts`;
      if (resolved.startsWith('../')) continue; // outside src/ (package.json, ...): no layer
      const to = layerOf(resolved);
      if (to.rank > from.rank) found.push(`src/${file} (${from.layer}) imports src/${resolved} (${to.layer}), a layer above it`);
    }
  }
  return found;
}

function sourceFiles(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts')) files.set(path.relative(SRC, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(SRC);
  return files;
}

describe('the layers of src/', () => {
  it('has no import pointing to a layer above its own', () => {
    expect(upwardImports(sourceFiles())).toEqual([]);
  });

  it('places every file of src/ in a layer', () => {
    for (const file of sourceFiles().keys()) expect(() => layerOf(file)).not.toThrow();
  });

  it('names both files of an upward import (db importing graphql)', () => {
    const files = new Map([
      ['db/records.ts', "import type * as M from '../graphql/models';\n"],
      ['graphql/models.ts', 'export interface Entity { id: string }\n'],
    ]);
    expect(upwardImports(files)).toEqual(['src/db/records.ts (db) imports src/graphql/models.ts (graphql, http), a layer above it']);
  });

  it('refuses any import of ours in domain/, even of config', () => {
    const files = new Map([
      ['domain/kinds.ts', "import { loadConfig } from '../config';\n"],
      ['config.ts', 'export const loadConfig = 1;\n'],
    ]);
    expect(upwardImports(files)).toEqual(['src/domain/kinds.ts (domain) imports src/config.ts (config, errors, logger), a layer above it']);
  });
});
