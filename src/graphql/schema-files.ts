/** Reads the SDL of every domain area from schema/*.graphql, in a stable order. */
import fs from 'node:fs';
import path from 'node:path';

/** The SDL files' contents, sorted by file name. */
export function loadTypeDefs(schemaDir: string): string[] {
  return fs
    .readdirSync(schemaDir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => fs.readFileSync(path.join(schemaDir, f), 'utf8'));
}
