/**
 * Loads every Cypher statement from `cypher/<area>/<name>.cypher` once at start-up. TypeScript
 * refers to statements by name only; a name without a file fails start-up, not the first request
 * that happens to need it. A condition several statements share is written once, as a fragment
 * (`cypher/fragments/<name>.cypher`), and included where it is used as `{{<name>}}`: Community
 * Neo4j has no user-defined functions, so this is the one place statements are composed.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A Cypher statement read from its file. */
interface CypherStatement {
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

/**
 * Clauses that change data or schema (Cypher 5); a statement with none of them only reads. A
 * word that is a map key (`{set: n}`) or a property (`r.set`) is no clause: the lookbehind and
 * lookahead keep those out (a map key named `set` once sent a read to the write-only check).
 */
const WRITE_CLAUSE = /(?<![.\w$])(CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH|LOAD\s+CSV)\b(?!\s*:)/i;

/** Whether a statement writes, from its text: classified once, so a new file needs no list entry. */
export function accessModeOf(text: string): 'read' | 'write' {
  return WRITE_CLAUSE.test(bodyOf(text)) ? 'write' : 'read';
}

function paramsIn(text: string): string[] {
  const body = bodyOf(text);
  const used = [...body.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
  // A placeholder (__WHERE__, __ORDER__, __GROUP__) stands for a part the filter compiler
  // (src/store/filters.ts) writes, whose values are all in the map $f. __LABEL__ and __TYPE__ are a
  // name from src/domain's closed lists, with no value.
  if (/__(WHERE|ORDER|GROUP)__/.test(body)) used.push('f');
  // __PLAN__ stands for the levels the planner composes (src/db/compose.ts), whose arguments are
  // all in the list $levels.
  if (/__PLAN__/.test(body)) used.push('levels');
  return [...new Set(used)].sort();
}

function declaredIn(text: string): string[] {
  const header = text.split('\n').filter((l) => l.trim().startsWith('//'));
  return [...new Set(header.flatMap((l) => [...l.matchAll(/^\s*\/\/\s*\$([A-Za-z_][A-Za-z0-9_]*)\s*:/g)].map((m) => m[1]!)))].sort();
}

/** The folder of cypher/ that holds fragments, not statements. */
export const FRAGMENTS = 'fragments';
/**
 * `{{name}}` or `{{name a=x $p=y.z}}`: a fragment, with its variables (`a`) and parameters (`$p`)
 * renamed to what the including text binds (`x`, `y.z`).
 */
const INCLUDE = /\{\{([a-z0-9-]+)((?:\s+\$?[A-Za-z_][A-Za-z0-9_]*=[^\s{}]+)*)\s*\}\}/g;
const NAME = /^\$?[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A fragment's text with each variable or parameter of `renames` replaced by its new name, as a
 * whole word: `r` is not the `r` of `range` or of `x.r`, nor a map key (`{r: …}`, `, r: …`).
 * A name the fragment does not use throws, naming it: a rename that renames nothing is a typo.
 */
export function renameIn(body: string, renames: Readonly<Record<string, string>>, what: string): string {
  const names = Object.keys(renames);
  if (names.length === 0) return body;
  for (const from of names) if (!NAME.test(from)) throw new Error(`${what}: ${from} is not a variable or parameter name`);
  // One pass over all names at once, so that `e=o1 o=o2` never renames a name it has just written.
  const words = names.map((n) => (n.startsWith('$') ? `\\$${n.slice(1)}` : n)).join('|');
  const pattern = new RegExp(`(?<![A-Za-z0-9_.$])(?:${words})(?![A-Za-z0-9_])`, 'g');
  const used = new Set<string>();
  const text = body.replace(pattern, (all: string, offset: number, whole: string) => {
    const mapKey = /[{,]\s*$/.test(whole.slice(0, offset)) && /^\s*:/.test(whole.slice(offset + all.length));
    if (mapKey) return all;
    used.add(all);
    return renames[all]!;
  });
  const unused = names.filter((n) => !used.has(n));
  if (unused.length > 0) throw new Error(`${what} renames ${unused.join(', ')}, which the fragment does not use`);
  return text;
}

/** The renames written in an include (` a=x $p=y`), in their order. */
function renamesOf(args: string): Record<string, string> {
  return Object.fromEntries(
    args
      .trim()
      .split(/\s+/)
      .filter((a) => a !== '')
      .map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]),
  );
}

/**
 * The fragments (name -> body without its comment lines) of `cypher/fragments/`; a fragment may
 * include others, expanded here, so that a rename at the include reaches them too.
 */
export function loadFragments(dir: string): Map<string, string> {
  const folder = path.join(dir, FRAGMENTS);
  const raw = new Map<string, string>();
  if (!fs.existsSync(folder)) return raw;
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.cypher'))) {
    const body = fs
      .readFileSync(path.join(folder, file), 'utf8')
      .split('\n')
      .filter((l) => !l.trim().startsWith('//'))
      .join('\n')
      .trim();
    raw.set(file.replace(/\.cypher$/, ''), body);
  }
  const fragments = new Map<string, string>();
  const expand = (name: string, seen: string[]): string => {
    if (seen.includes(name)) throw new Error(`${FRAGMENTS}/${name}.cypher includes itself (${[...seen, name].join(' -> ')})`);
    const done = fragments.get(name);
    if (done !== undefined) return done;
    const body = raw.get(name)!;
    const text = body.replace(INCLUDE, (_all, inner: string, args: string) => {
      if (!raw.has(inner)) throw new Error(`${FRAGMENTS}/${name}.cypher includes {{${inner}}}, but there is no ${FRAGMENTS}/${inner}.cypher`);
      return renameIn(expand(inner, [...seen, name]), renamesOf(args), `${FRAGMENTS}/${name}.cypher's {{${inner}}}`);
    });
    fragments.set(name, text);
    return text;
  };
  for (const name of raw.keys()) expand(name, []);
  return fragments;
}

/**
 * A statement's text with each `{{fragment}}` replaced by the fragment, its variables renamed as
 * the include says (`{{valid-on-as-of r=r2 $asOf=spec.asOf}}`); an unknown fragment throws,
 * naming the file.
 */
export function includeFragments(text: string, fragments: ReadonlyMap<string, string>, file: string): string {
  return text.replace(INCLUDE, (_all, name: string, args: string) => {
    const body = fragments.get(name);
    if (body === undefined) throw new Error(`${file} includes {{${name}}}, but there is no ${FRAGMENTS}/${name}.cypher`);
    return renameIn(body, renamesOf(args), `${file}'s {{${name}}}`);
  });
}

/**
 * Reads every `.cypher` file under `dir` (fragments included into the statements that use them).
 * @param required names the server uses; any without a file throws, naming them all.
 */
export function loadCypher(dir: string, required: readonly string[] = []): CypherRegistry {
  const registry = new Map<string, CypherStatement>();
  const fragments = loadFragments(dir);
  const walk = (d: string): void => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) {
        if (full !== path.join(dir, FRAGMENTS)) walk(full);
      } else if (entry.name.endsWith('.cypher')) {
        const name = path.relative(dir, full).replace(/\\/g, '/').replace(/\.cypher$/, '');
        const text = includeFragments(fs.readFileSync(full, 'utf8'), fragments, full);
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
