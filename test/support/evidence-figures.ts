/**
 * The figures issue 14 asks for, of one seed folder: disputes with their claims and lines of
 * evidence per side, quotes by class of document, relationships whose best quote is under five
 * words, documents without a URL or held text. No database: it reads the JSON.
 *
 *   npx ts-node --transpile-only test/support/evidence-figures.ts seed ../main/seed
 *
 * Lines follow src/evidence.ts; on data without claim kinds or bases every claim is an
 * assertion of its own, which is what the old model counted.
 */
import path from 'node:path';
import type { ClaimInput, EntityInput, SourceInput } from '../../src/db/records';
import { EvidenceClaim, propositionLines } from '../../src/domain/evidence';
import { readSeedPaths } from '../../src/seed/files';
import { mergeFiles, MIN_RELATIONSHIP_QUOTE_WORDS, wordCount } from '../../src/seed/validate';

const ARTICLE = 'article-cabinet-insists-police-never-used-clearview';
const FACTS = 'verified-facts-register';

/** The figures of one seed folder. */
export function figures(dir: string) {
  const { parsed } = readSeedPaths([dir]);
  const { input } = mergeFiles(parsed);
  const documents = new Map(input.entities.filter((e) => e.item.kind === 'DOCUMENT').map((e) => [e.item.id, e.item]));

  // Disputes: propositions with claims of both polarities (the old rule), with both counts.
  const claims = input.claims.map((c) => c.item);
  const evidence = (c: ClaimInput): EvidenceClaim => ({
    id: c.id,
    propositionId: c.proposition,
    polarity: c.polarity,
    kind: c.kind ?? 'ASSERTION',
    claimantId: c.claimant,
    basedOn: c.basedOn ?? [],
    basedOnDocuments: c.basedOnDocuments ?? [],
  });
  const byId = new Map(claims.map((c) => [c.id, evidence(c)]));
  const propositions = [...new Set(claims.map((c) => c.proposition))].sort();
  const disputes = propositions
    .map((p) => {
      const on = claims.filter((c) => c.proposition === p);
      const lines = propositionLines(on.map(evidence), byId);
      return {
        proposition: p,
        claimsAffirming: on.filter((c) => c.polarity === 'AFFIRMS').length,
        claimsDenying: on.filter((c) => c.polarity === 'DENIES').length,
        ...lines,
      };
    })
    .filter((d) => d.claimsAffirming > 0 && d.claimsDenying > 0);

  // Quotes by class of the document they cite.
  const quotes = { article: 0, primary: 0, secondary: 0, factsMd: 0, unflagged: 0 };
  const count = (list: (SourceInput | undefined)[] | undefined) => {
    for (const s of list ?? []) {
      if (!s?.quote) continue;
      const doc = documents.get(s.document);
      if (s.document === ARTICLE) quotes.article++;
      else if (s.document === FACTS) quotes.factsMd++;
      else if (doc?.primary === true) quotes.primary++;
      else if (doc?.primary === false) quotes.secondary++;
      else quotes.unflagged++;
    }
  };
  const entity = (e: EntityInput) => {
    count(e.sources);
    (e.values ?? []).forEach((v) => count(v.sources));
    (e.decision?.statusHistory ?? []).forEach((c) => count(c.sources));
    count([e.decision?.eurRate?.source]);
  };
  input.entities.forEach((e) => entity(e.item));
  input.relationships.forEach((r) => count(r.item.sources));
  claims.forEach((c) => count(c.sources));
  const total = Object.values(quotes).reduce((a, b) => a + b, 0);

  const shortBest = input.relationships.filter((r) => Math.max(0, ...r.item.sources.map((s) => wordCount(s.quote))) < MIN_RELATIONSHIP_QUOTE_WORDS);
  const noText = [...documents.values()].filter((d) => !d.url && !d.textFile).map((d) => d.id);
  return {
    dir,
    disputes,
    quotes: { ...quotes, total, factsMdShare: total ? Math.round((quotes.factsMd / total) * 1000) / 10 : 0 },
    relationships: input.relationships.length,
    relationshipsBestQuoteUnderFiveWords: shortBest.length,
    documents: documents.size,
    documentsWithoutUrlOrHeldText: noText,
  };
}

if (require.main === module) {
  const dirs = process.argv.slice(2);
  for (const dir of dirs.length ? dirs : ['seed']) process.stdout.write(`${JSON.stringify(figures(path.resolve(dir)), null, 2)}\n`);
}
