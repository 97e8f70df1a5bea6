/**
 * The seed areas run backwards: the whole graph as seed files, in seed/'s layout and format
 * (one `<section>.json` per array, items sorted by id — relationships by from, type, to — keys in
 * the order the seed files write them, two-space JSON and a final newline). Seeding the export
 * into an empty store gives the same graph; exporting a store seeded from seed/ gives seed/ back
 * byte for byte (test/integration/seed-export.int.test.ts). `npm run export`, `npm run backup` and
 * `/api/export?format=seed` all use {@link exportSeedFiles}.
 */
import type { Executor } from '../db/executor';
import type { Props } from '../db/records';
import type { SeedArea } from './areas/area';
import { AREA_LIST } from './areas';

/** The `$schema` every exported file names, as the seed files do. */
const SCHEMA_REF = './schema.json';

/** The text of a seed file holding one array. */
export function seedFileText(key: string, items: unknown[]): string {
  return `${JSON.stringify({ $schema: SCHEMA_REF, [key]: items }, null, 2)}\n`;
}

/**
 * The seed files of everything stored — name relative to seed/ (e.g. "entities.json") and exact
 * text — in seed/'s order (by name, as the seeder reads a folder). Reads in one transaction, so
 * the files are one consistent state even while curators write.
 */
export async function exportSeedFiles(executor: Executor): Promise<Array<{ file: string; text: string }>> {
  const read = await executor.readTransaction(
    async (run) => {
      const out: { area: SeedArea; elements: Props[] }[] = [];
      for (const area of AREA_LIST as readonly SeedArea[]) out.push({ area, elements: (await run(area.exportAll)).map((r) => r.element as Props) });
      return out;
    },
    // A backup is not a request: QUERY_TIMEOUT_MS would cut a large graph short.
    { timeoutMs: 0 },
  );
  const files: { file: string; text: string }[] = [];
  for (const { area, elements } of read) {
    const items = elements
      .map((e) => area.fromStored(e))
      .map((item) => ({ item, key: area.sortKey(item) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((x) => x.item);
    for (const section of area.sections) {
      files.push({ file: `${section.key}.json`, text: seedFileText(section.key, items.filter((i) => section.holds(i)).map((i) => section.fromItem(i))) });
    }
  }
  return files.sort((a, b) => (a.file < b.file ? -1 : 1));
}
