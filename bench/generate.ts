/**
 * Scales the curated model to a synthetic graph of about `nodes` nodes and five relationships per
 * node, written as seed JSON (the shape of seed/*.json) so that the project's own seeder loads it.
 *
 * Same kinds, relationship types (each between the kinds schema/relationships.graphql names),
 * claim / proposition structure (claims MADE by a claimant, ABOUT subjects, CONCERNING a
 * proposition that some affirm and some deny) and sources with verbatim quotes from held texts.
 * Degrees are skewed: targets are drawn with index = floor(n * u^SKEW), so the first entity of a
 * kind (named after the real hubs: clearview-ai, cnil, dutch-national-police ...) gets a large
 * share and most entities are leaves. The output is deterministic for a given size.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Bumped whenever the output of a given size changes: stored bench databases are rebuilt. */
export const GENERATOR_VERSION = 4;

/** Where the generated files of one size go, and what the harness needs to know about them. */
export interface Generated {
  /** The folder of seed files (and of the texts their quotes come from). */
  dir: string;
  files: string[];
  nodes: number;
  relationships: number;
  /** Ids the workload draws from, most popular first (requests follow the data's skew). */
  pools: Pools;
}

/** Ids per role for the workload. */
export interface Pools {
  companies: string[];
  regulators: string[];
  subjects: string[];
  persons: string[];
  any: string[];
  searchWords: string[];
}

const SKEW = 3;
const MAX_ITEMS_PER_FILE = 40_000;
const TEXTS = 16;
const SENTENCES = 40;

/** Small deterministic PRNG (mulberry32): the same size always gives the same graph. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'van', 'der', 'mar', 'lin', 'ost', 'berg', 'hof', 'dal', 'kin', 'sor', 'tel', 'ra', 'vik', 'mon', 'ter', 'gal', 'hel',
  'nor', 'sun', 'wes', 'ark', 'bel', 'cor', 'dun', 'eld', 'fen', 'gor', 'har', 'ist', 'jor', 'kal', 'lor', 'mir', 'nal',
];
const WORDS: Record<string, string[]> = {
  COMPANY: ['Vision', 'Labs', 'Analytics', 'Systems', 'Biometrics', 'Data', 'Technologies'],
  PRODUCT: ['Face', 'Match', 'Scan', 'Finder', 'Recognition', 'Engine'],
  REGULATOR: ['Data Protection Authority', 'Privacy Commission', 'Information Commissioner'],
  POLICE: ['Police', 'Constabulary', 'Gendarmerie'],
  GOVERNMENT: ['Ministry of Justice', 'Ministry of Interior', 'Cabinet Office', 'Department of Security'],
  LEGISLATURE: ['Parliament', 'House of Representatives', 'Senate'],
  COURT: ['Administrative Court', 'Tribunal', 'Court of Appeal'],
  POLITICAL_PARTY: ['Party', 'Alliance', 'Movement'],
  NGO: ['Digital Rights', 'Privacy Network', 'Civil Liberties Union', 'Transparency Center'],
  MEDIA: ['News', 'Times', 'Post', 'Herald', 'Review'],
  PERSON: [],
  COUNTRY: ['Republic', 'Kingdom', 'Federation'],
  LAW: ['Data Protection Act', 'Privacy Regulation', 'Biometrics Act'],
  POLICY: ['policy on facial recognition', 'guideline on biometric search'],
  COMPLAINT: ['complaint against'],
  DECISION: ['decision on', 'sanction against', 'formal notice to'],
  EVENT: ['written questions on', 'hearing on', 'answers on'],
  DOCUMENT: ['report on', 'article on', 'letter on'],
};

/** Real hub ids: the first entity of a kind is the one the curated data is centred on. */
const HUBS: Record<string, { id: string; name: string; aliases: string[] }> = {
  COMPANY: { id: 'clearview-ai', name: 'Clearview AI', aliases: ['Clearview', 'Clearview AI Inc'] },
  PRODUCT: { id: 'catch', name: 'CATCH', aliases: ['Capture'] },
  REGULATOR: { id: 'cnil', name: 'Commission nationale de l’informatique et des libertés', aliases: ['CNIL'] },
  POLICE: { id: 'dutch-national-police', name: 'Dutch National Police', aliases: ['Politie'] },
  GOVERNMENT: { id: 'ministry-of-justice-and-security', name: 'Ministry of Justice and Security', aliases: [] },
  LEGISLATURE: { id: 'house-of-representatives', name: 'House of Representatives', aliases: ['Tweede Kamer'] },
  COURT: { id: 'upper-tribunal', name: 'Upper Tribunal', aliases: [] },
  POLITICAL_PARTY: { id: 'd66', name: 'D66', aliases: ['Democrats 66'] },
  NGO: { id: 'noyb', name: 'noyb', aliases: ['None of Your Business'] },
  MEDIA: { id: 'buzzfeed-news', name: 'BuzzFeed News', aliases: ['BuzzFeed'] },
  PERSON: { id: 'sander-dekker', name: 'Sander Dekker', aliases: [] },
  COUNTRY: { id: 'netherlands', name: 'Netherlands', aliases: ['The Netherlands'] },
  LAW: { id: 'gdpr', name: 'General Data Protection Regulation', aliases: ['GDPR', 'AVG'] },
  POLICY: { id: 'police-facial-recognition-policy', name: 'Police policy on facial recognition', aliases: [] },
};

/** Share of the entity nodes per kind (documents, propositions and claims are counted apart). */
const KIND_SHARE: Record<string, number> = {
  PERSON: 0.3, COMPLAINT: 0.14, DECISION: 0.1, EVENT: 0.1, COMPANY: 0.08, PRODUCT: 0.06, NGO: 0.05, MEDIA: 0.04,
  GOVERNMENT: 0.03, POLICE: 0.02, LAW: 0.02, POLICY: 0.02, REGULATOR: 0.01, COURT: 0.01, LEGISLATURE: 0.005,
  POLITICAL_PARTY: 0.005, COUNTRY: 0.005,
};
const ENTITY_SHARE = 0.8;
const DOCUMENT_SHARE = 0.03;
const PROPOSITION_SHARE = 0.04;
const CLAIM_SHARE = 0.13;

/** Out-edges per entity of a kind: [type, target kinds, mean count, dated?]. */
const RULES: Record<string, [string, string[], number, boolean?][]> = {
  COMPLAINT: [
    ['FILED_BY', ['NGO', 'PERSON'], 1], ['FILED_WITH', ['REGULATOR'], 1], ['AGAINST', ['COMPANY', 'POLICE'], 1.8],
    ['APPLIES_LAW', ['LAW'], 2], ['LOCATED_IN', ['COUNTRY'], 1],
  ],
  DECISION: [
    ['AGAINST', ['COMPANY'], 1], ['RESPONDS_TO', ['COMPLAINT'], 1.5], ['APPLIES_LAW', ['LAW'], 1.5],
    ['FOLLOWS', ['DECISION'], 0.5], ['APPEAL_OF', ['DECISION'], 0.2], ['PROHIBITS', ['PRODUCT'], 0.5],
  ],
  EVENT: [['ADDRESSED_TO', ['PERSON', 'GOVERNMENT'], 2], ['RESPONDS_TO', ['EVENT'], 0.5], ['LOCATED_IN', ['COUNTRY'], 1]],
  PERSON: [
    ['MEMBER_OF', ['POLITICAL_PARTY', 'LEGISLATURE'], 1.8, true], ['HOLDS_OFFICE', ['GOVERNMENT'], 0.4, true],
    ['ASKED', ['EVENT'], 1.5], ['INVESTIGATED', ['COMPANY', 'POLICE'], 0.8], ['CALLS_ON', ['REGULATOR', 'GOVERNMENT'], 1.2],
    ['AUTHORED', ['DOCUMENT'], 0.6], ['FOUNDED', ['COMPANY'], 0.1], ['LOCATED_IN', ['COUNTRY'], 1],
  ],
  COMPANY: [['DEVELOPS', ['PRODUCT'], 1.2], ['LOCATED_IN', ['COUNTRY'], 1]],
  POLICE: [['USES', ['PRODUCT'], 2], ['ACCOUNTABLE_TO', ['GOVERNMENT'], 1], ['ADOPTED', ['POLICY'], 1], ['LOCATED_IN', ['COUNTRY'], 1]],
  GOVERNMENT: [
    ['PART_OF', ['GOVERNMENT'], 0.8], ['ACCOUNTABLE_TO', ['LEGISLATURE'], 1], ['USES', ['PRODUCT'], 1],
    ['ANSWERED', ['EVENT'], 2], ['ADOPTED', ['POLICY'], 0.5], ['LOCATED_IN', ['COUNTRY'], 1],
  ],
  NGO: [['PUBLISHED', ['DOCUMENT'], 1], ['CALLS_ON', ['REGULATOR', 'GOVERNMENT'], 1.5], ['LOCATED_IN', ['COUNTRY'], 1]],
  MEDIA: [['PUBLISHED', ['DOCUMENT'], 2.5], ['INVESTIGATED', ['COMPANY', 'POLICE'], 1.5], ['LOCATED_IN', ['COUNTRY'], 1]],
  REGULATOR: [['JURISDICTION_OVER', ['COUNTRY'], 1], ['LOCATED_IN', ['COUNTRY'], 1], ['INVESTIGATED', ['COMPANY'], 2]],
  COURT: [['JURISDICTION_OVER', ['COUNTRY'], 1], ['LOCATED_IN', ['COUNTRY'], 1]],
  LEGISLATURE: [['LOCATED_IN', ['COUNTRY'], 1]],
  POLITICAL_PARTY: [['LOCATED_IN', ['COUNTRY'], 1]],
  POLICY: [['PROHIBITS', ['PRODUCT', 'COMPANY'], 1.5]],
  LAW: [['PROHIBITS', ['PRODUCT'], 0.5], ['LOCATED_IN', ['COUNTRY'], 1]],
  PRODUCT: [['LOCATED_IN', ['COUNTRY'], 1]],
  DOCUMENT: [['REPORTS_ON', ['COMPANY', 'POLICE', 'EVENT', 'DECISION', 'COMPLAINT'], 6], ['CITES', ['DOCUMENT'], 1.5]],
};
/** Every decision gets one issuer, chosen from these kinds (ISSUED points at the decision). */
const ISSUERS = ['REGULATOR', 'REGULATOR', 'COURT', 'GOVERNMENT'];
const CLAIMANTS = ['PERSON', 'MEDIA', 'GOVERNMENT', 'NGO', 'REGULATOR'];
const SUBJECT_KINDS = ['COMPANY', 'POLICE', 'COMPANY', 'GOVERNMENT', 'PRODUCT'];

function slug(kind: string): string {
  return kind.toLowerCase().replace(/_/g, '-');
}

function date(r: () => number, from = 2015, to = 2024): string {
  const y = from + Math.floor(r() * (to - from + 1));
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Documents' reliabilities, in turn. */
const RELIABILITY = ['HIGH', 'MEDIUM', 'LOW'] as const;

/** The held texts documents quote from: sentences that include words of the vocabulary. */
function texts(r: () => number): string[][] {
  const out: string[][] = [];
  for (let t = 0; t < TEXTS; t++) {
    const sentences: string[] = [];
    for (let s = 0; s < SENTENCES; s++) {
      const w = () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]!;
      sentences.push(`Text ${t} sentence ${s}: the ${w()}${w()} authority reviewed the ${w()}${w()} facial recognition database.`);
    }
    out.push(sentences);
  }
  return out;
}

/**
 * Writes the seed JSON of a graph of about `size` nodes into `outDir`/seed (emptied first), split into
 * files of at most 40,000 items so that none reaches the seeder's 64 MiB limit.
 */
export function generate(size: number, outDir: string): Generated {
  const r = rng(size * 2654435761);
  fs.rmSync(outDir, { recursive: true, force: true });
  // The seed files and their held texts in a folder of their own: the seeder reads every *.json in it.
  const dir = path.join(outDir, 'seed');
  fs.mkdirSync(path.join(dir, 'texts'), { recursive: true });
  const held = texts(r);
  held.forEach((sentences, t) => fs.writeFileSync(path.join(dir, 'texts', `text-${t}.txt`), `${sentences.join('\n')}\n`));

  const skewed = (n: number) => Math.min(n - 1, Math.floor(n * r() ** SKEW));
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)]!;
  const word = () => pick(SYLLABLES) + pick(SYLLABLES);
  const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);

  // Documents first: every other item cites one of them, with a sentence of its held text.
  const docCount = Math.max(2, Math.round(size * DOCUMENT_SHARE));
  const docs: string[] = [];
  const docText: number[] = [];
  const documents: object[] = [];
  for (let i = 0; i < docCount; i++) {
    const id = i === 0 ? 'article-cabinet-insists-police-never-used-clearview' : `document-${i}`;
    docs.push(id);
    docText.push(i % TEXTS);
    documents.push({
      id,
      name: i === 0 ? 'Cabinet insists: police have never used Clearview AI software' : `${cap(word())} ${pick(WORDS.DOCUMENT!)} ${cap(word())}`,
      language: 'en',
      publishedOn: date(r),
      primary: false,
      reliability: RELIABILITY[i % RELIABILITY.length],
      textFile: `texts/text-${i % TEXTS}.txt`,
    });
  }
  const source = () => {
    const d = skewed(docCount);
    return [{ document: docs[d]!, quote: held[docText[d]!]![Math.floor(r() * SENTENCES)]! }];
  };

  // Every alias is a name some held text states (the seed refuses one that none does): the names
  // go into a register of names of their own, held like the other texts.
  const names = new Set<string>();
  const entityCount = Math.max(Object.keys(KIND_SHARE).length, Math.round(size * ENTITY_SHARE));
  const byKind: Record<string, string[]> = { DOCUMENT: docs };
  const entities: object[] = [];
  for (const [kind, share] of Object.entries(KIND_SHARE)) {
    const n = Math.max(1, Math.round(entityCount * share));
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const hub = i === 0 ? HUBS[kind] : undefined;
      const id = hub?.id ?? `${slug(kind)}-${i}`;
      ids.push(id);
      const suffix = WORDS[kind]!.length ? ` ${pick(WORDS[kind]!)}` : '';
      const name = hub?.name ?? `${cap(word())} ${cap(word())}${suffix}`;
      const aliases = hub?.aliases ?? (r() < 0.3 ? [`${cap(word())}${suffix}`] : []);
      const dated = kind === 'COMPLAINT' || kind === 'DECISION' || kind === 'EVENT';
      aliases.forEach((a) => names.add(a));
      const day = dated ? date(r) : undefined;
      // A decision's effects (PROHIBITS) hold only with a status history: every decision has one.
      const record =
        kind === 'DECISION'
          ? { decision: { ...(r() < 0.3 ? { amount: Math.round(r() * 2e7), currency: 'EUR' } : {}), statusHistory: [{ status: 'IN_FORCE', from: day, sources: source() }] } }
          : {};
      entities.push({
        id,
        kind,
        name,
        aliases,
        description: `Synthetic ${kind.toLowerCase().replace(/_/g, ' ')} number ${i} of the benchmark graph.`,
        ...(day ? { date: day } : {}),
        ...record,
        sources: source(),
      });
    }
    byKind[kind] = ids;
  }
  fs.writeFileSync(path.join(dir, 'texts', 'names.txt'), `${[...names].sort().join('\n')}\n`);
  documents.push({ id: 'register-of-names', name: 'Register of the names of the benchmark graph', language: 'en', primary: false, reliability: 'MEDIUM', textFile: 'texts/names.txt' });
  const target = (kinds: string[]) => {
    const list = byKind[pick(kinds)]!;
    return list[skewed(list.length)]!;
  };

  const seen = new Set<string>();
  const relationships: object[] = [];
  const link = (from: string, type: string, to: string, dated = false) => {
    const key = `${from}|${type}|${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    const validFrom = dated ? date(r, 2000, 2020) : undefined;
    relationships.push({
      from,
      type,
      to,
      ...(validFrom ? { validFrom, ...(r() < 0.6 ? { validTo: `${Number(validFrom.slice(0, 4)) + 1 + Math.floor(r() * 4)}${validFrom.slice(4)}` } : {}) } : {}),
      sources: source(),
    });
  };
  const count = (mean: number) => Math.floor(mean) + (r() < mean - Math.floor(mean) ? 1 : 0);
  for (const [kind, rules] of Object.entries(RULES)) {
    for (const from of byKind[kind]!) {
      for (const [type, kinds, mean, dated] of rules) {
        for (let k = count(mean); k > 0; k--) link(from, type, target(kinds), dated);
      }
    }
  }
  for (const decision of byKind.DECISION!) link(target(ISSUERS), 'ISSUED', decision);

  // Propositions have a main subject; a third of them are disputed (claims of both polarities).
  const propCount = Math.max(1, Math.round(size * PROPOSITION_SHARE));
  const propositions: object[] = [];
  const propSubject: string[] = [];
  const disputed: boolean[] = [];
  for (let i = 0; i < propCount; i++) {
    const subject = target(SUBJECT_KINDS);
    propSubject.push(subject);
    disputed.push(r() < 0.33);
    propositions.push({ id: `proposition-${i}`, text: `${subject} ${pick(['used', 'bought', 'tested', 'banned'])} ${word()} facial recognition (${i}).` });
  }
  const claimCount = Math.max(2, Math.round(size * CLAIM_SHARE));
  const claims: object[] = [];
  let claimEdges = 0;
  for (let i = 0; i < claimCount; i++) {
    const p = i < propCount ? i : skewed(propCount);
    const subjects = new Set([propSubject[p]!]);
    for (let k = Math.floor(r() * 4); k > 0; k--) subjects.add(target(SUBJECT_KINDS));
    const polarity = disputed[p] && r() < 0.5 ? 'DENIES' : 'AFFIRMS';
    claims.push({
      id: `claim-${i}`,
      text: `Claim ${i}: ${polarity === 'DENIES' ? 'it is not true that' : 'it is true that'} proposition ${p} holds.`,
      claimant: target(CLAIMANTS),
      subjects: [...subjects],
      proposition: `proposition-${p}`,
      polarity,
      madeOn: date(r),
      sources: source(),
    });
    claimEdges += 2 + subjects.size;
  }

  const files: string[] = [];
  const write = (area: string, items: object[]) => {
    for (let i = 0; i * MAX_ITEMS_PER_FILE < items.length; i++) {
      const file = path.join(dir, `${area}-${String(i).padStart(3, '0')}.json`);
      fs.writeFileSync(file, JSON.stringify({ [area]: items.slice(i * MAX_ITEMS_PER_FILE, (i + 1) * MAX_ITEMS_PER_FILE) }));
      files.push(file);
    }
  };
  write('documents', documents);
  write('entities', entities);
  write('relationships', relationships);
  write('propositions', propositions);
  write('claims', claims);

  const popular = (kind: string, n = 200) => byKind[kind]!.slice(0, n);
  const allEntities = Object.values(byKind).flat();
  const pools: Pools = {
    companies: popular('COMPANY'),
    regulators: popular('REGULATOR'),
    subjects: [...new Set(propSubject)].slice(0, 400),
    persons: popular('PERSON'),
    any: Array.from({ length: 500 }, () => allEntities[Math.floor(r() * allEntities.length)]!),
    searchWords: Array.from({ length: 200 }, () => cap(word())),
  };
  const result: Generated = {
    dir,
    files,
    nodes: documents.length + entities.length + propositions.length + claims.length,
    relationships: relationships.length + claimEdges,
    pools,
  };
  fs.writeFileSync(path.join(outDir, 'generated.json'), JSON.stringify({ ...result, version: GENERATOR_VERSION, size }, null, 1));
  return result;
}
