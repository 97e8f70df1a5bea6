/**
 * Likely duplicates among the curated entities, for `seed --check` to warn about (never to
 * refuse): a duplicate splits one organisation's claims and relationships in two, and so breaks
 * the count of independent lines of evidence. Two entities are named when a name, alias or label
 * of one equals one of the other (case and accents folded), when they carry the same identifier
 * value (in any scheme), or when two of their names of eight letters or more, of entities of one
 * kind, differ by one letter. Documents are left out: two records may share a title.
 */
import { editDistance, foldName } from '../domain/names';
import { identifierKey } from '../domain/ids';
import type { EntityInput } from '../db/records';
import type { SeedInput } from './validate';

/** One pair and why it looks like one entity twice. */
export interface LikelyDuplicate {
  a: string;
  b: string;
  why: string;
}

/** Names shorter than this are compared only for equality: "AP" and "AT" are not a typo of each other. */
const MIN_FUZZY_LENGTH = 8;
/** Most letters two names may differ by to be called alike: two already pairs "Minister"/"Ministry", "Spanish"/"Danish". */
const MAX_EDITS = 1;

const namesOf = (e: EntityInput): string[] => [e.name, ...(e.aliases ?? []), ...(e.labels ?? []).map((l) => l.name)];

/** The likely duplicates of the input, each pair once, ordered by its ids. */
export function likelyDuplicates(input: SeedInput): LikelyDuplicate[] {
  const entities = input.entities.map((x) => x.item).filter((e) => e.kind !== 'DOCUMENT');
  const found = new Map<string, LikelyDuplicate>();
  const add = (x: string, y: string, why: string) => {
    if (x === y) return;
    const [a, b] = x < y ? [x, y] : [y, x];
    if (!found.has(`${a} ${b}`)) found.set(`${a} ${b}`, { a, b, why });
  };
  const byName = new Map<string, string>();
  const byValue = new Map<string, string>();
  for (const e of entities) {
    for (const n of new Set(namesOf(e).map(foldName))) {
      const other = byName.get(n);
      if (other) add(other, e.id, `both are called "${n}"`);
      else byName.set(n, e.id);
    }
    for (const i of e.identifiers ?? []) {
      // The value alone, whatever the scheme: one case number recorded under two schemes is still one case.
      const v = identifierKey('', i.value);
      const other = byValue.get(v);
      if (other) add(other, e.id, `both carry the identifier "${i.value}"`);
      else byValue.set(v, e.id);
    }
  }
  const byKind = new Map<string, { id: string; names: string[] }[]>();
  for (const e of entities) {
    const names = [...new Set(namesOf(e).map(foldName))].filter((n) => n.length >= MIN_FUZZY_LENGTH);
    const list = byKind.get(e.kind) ?? [];
    for (const other of list) {
      const pair = names.flatMap((n) => other.names.map((m) => [n, m] as const)).find(([n, m]) => n !== m && Math.abs(n.length - m.length) <= MAX_EDITS && editDistance(n, m) <= MAX_EDITS);
      if (pair) add(other.id, e.id, `their names "${pair[1]}" and "${pair[0]}" differ by ${editDistance(pair[0], pair[1])} letter(s)`);
    }
    list.push({ id: e.id, names });
    byKind.set(e.kind, list);
  }
  return [...found.values()].sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}
