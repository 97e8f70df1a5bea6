/**
 * The seed areas as units (src/seed/areas/): each names its part of seed/schema.json, and its
 * row mapping runs both ways — every curated element of seed/, turned into stored properties and
 * back, is what the file says (the export relies on it; test/integration/seed-export.int.test.ts
 * proves the same through Neo4j).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AREA_LIST } from '../../src/seed/areas';
import type { SeedArea } from '../../src/seed/areas/area';
import { STATEMENTS } from '../../src/db/statements';
import { mergeFiles } from '../../src/seed/validate';
import { readSeedPaths } from '../../src/seed/files';

const SEED = path.resolve(__dirname, '../../seed');
const schema = JSON.parse(fs.readFileSync(path.join(SEED, 'schema.json'), 'utf8'));
const areas = AREA_LIST as readonly SeedArea[];

describe('seed areas', () => {
  // The loops over the registry: what differs between areas is in the areas' modules, so an
  // area added to the registry needs no edit here (docs/architecture.md, "Add a seed area").
  it.each(['seeder.ts', 'validate.ts', 'check.ts', 'export.ts', 'backup.ts', 'erase.ts'])('src/seed/%s names no seed area by hand', (file) => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../src/seed', file), 'utf8');
    const names = [...new Set(areas.flatMap((a) => [a.name, ...a.sections.map((s) => s.key)]))];
    const named = names.filter((n) => new RegExp(`['"\`]${n}['"\`]|\\.${n}\\b|/areas/${n}\\b`).test(source));
    expect(named).toEqual([]);
  });

  it('each section names its array and its $defs part of seed/schema.json, and the schema has no other array', () => {
    for (const area of areas) {
      for (const s of area.sections) {
        expect([s.key, schema.properties[s.key]?.items]).toEqual([s.key, { $ref: `#/$defs/${s.schemaDef}` }]);
        expect(schema.$defs[s.schemaDef]).toBeDefined();
      }
    }
    const keys = areas.flatMap((a) => a.sections.map((s) => s.key));
    expect(Object.keys(schema.properties).filter((k) => k !== '$schema').sort()).toEqual([...keys].sort());
  });

  it('each area writes, reads back and exports through statements the server knows', () => {
    for (const area of areas) {
      expect(STATEMENTS).toContain(area.upsert);
      expect(STATEMENTS).toContain(area.exportAll);
    }
  });

  it('maps every curated element to stored properties and back to exactly what seed/ says', () => {
    const { parsed } = readSeedPaths([SEED]);
    const { input } = mergeFiles(parsed);
    for (const area of areas) {
      for (const { item } of (input as Record<string, { item: any }[]>)[area.name]!) {
        // What the export statements add to the stored properties (relationships: type and ends).
        const stored = { ...area.props(item), type: item.type, fromId: item.from, toId: item.to };
        const back = area.fromStored(stored);
        expect(back).toEqual(item);
        // In the file's key order too: the export writes seed/ byte for byte.
        const section = area.sections.find((s) => s.holds(item))!;
        expect(JSON.stringify(section.fromItem(back))).toBe(JSON.stringify(section.fromItem(item)));
      }
    }
  });
});
