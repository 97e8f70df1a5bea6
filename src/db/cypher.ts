/**
 * Loads every Cypher statement from `cypher/<area>/<name>.cypher` once at start-up. TypeScript
 * refers to statements by name only; a name without a file fails start-up, not the first request
 * that happens to need it.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A Cypher statement read from its file. */
export interface CypherStatement {
  name: string;
  file: string;
  text: string;
  /** Parameters named in the file's comment header (`// $name: ...`). */
  declaredParams: string[];
  /** Parameters the statement body uses. */
  usedParams: string[];
  /**
   * `write` when the body has a clause that changes the graph or the schema: such a statement
   * may only run in a write transaction, which a cluster sends to its leader (see Executor).
   */
  mode: 'read' | 'write';
}

/** Cypher statements by name (`area/name`). */
export type CypherRegistry = ReadonlyMap<string, CypherStatement>;

const STRIP_STRINGS = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;

/** The statement without its comment lines and with its string literals emptied. */
function bodyOf(text: string): string {
  return text
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n')
    .replace(STRIP_STRINGS, "''");
}

/** Clauses that change data or schema (Cypher 5); a statement with none of them only reads. */
const WRITE_CLAUSE = /\b(CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH|LOAD\s+CSV)\b/i;

/** Whether a statement writes, from its text: classified once, so a new file needs no list entry. */
export function accessModeOf(text: string): 'read' | 'write' {
  return WRITE_CLAUSE.test(bodyOf(text)) ? 'write' : 'read';
}

function paramsIn(text: string): string[] {
  const body = bodyOf(text);
  return [...new Set([...body.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))].sort();
}

function declaredIn(text: string): string[] {
  const header = text.split('\n').filter((l) => l.trim().startsWith('//'));
  return [...new Set(header.flatMap((l) => [...l.matchAll(/^\s*\/\/\s*\$([A-Za-z_][A-Za-z0-9_]*)\s*:/g)].map((m) => m[1]!)))].sort();
}

/**
 * Reads every `.cypher` file under `dir`.
 * @param required names the server uses; any without a file throws, naming them all.
 */
export function loadCypher(dir: string, required: readonly string[] = []): CypherRegistry {
  const registry = new Map<string, CypherStatement>();
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.cypher')) {
        const name = path.relative(dir, full).replace(/\\/g, '/').replace(/\.cypher$/, '');
        const text = fs.readFileSync(full, 'utf8');
        registry.set(name, { name, file: full, text, declaredParams: declaredIn(text), usedParams: paramsIn(text), mode: accessModeOf(text) });
      }
    }
  };
  walk(dir);
  const missing = required.filter((n) => !registry.has(n));
  if (missing.length > 0) {
    throw new Error(`missing Cypher file(s) in ${dir}: ${missing.map((n) => `${n}.cypher`).join(', ')}`);
  }
  return registry;
}
