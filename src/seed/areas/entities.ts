/**
 * The entities area: every entity, documents included (kind DOCUMENT, in their own `documents`
 * array of seed files). Its decision records, ranked values and held texts are checked here.
 */
import { amountInEuros, inForceSpans } from '../../domain/decisions';
import { labelOfKind } from '../../domain/kinds';
import { identifierKey } from '../../domain/ids';
import { alsoHeldInFromProps, compact, identifiersFromProps, labelsFromProps, decisionInputFromProps, DecisionInput, EntityInput, jsonOrNull, parsedProperties, Props, sourceInputs, sourceProps, sourceRecord, valuesFromProps, withoutFormerIds } from '../../db/records';
import { labelPart } from '../parts';
import { readSliced, SeedArea, type CheckContext } from './area';

/**
 * The typed decision record as stored: flat properties that Cypher can filter on, the status
 * history as JSON, and what follows from them (amountEur, the in-force spans that effects use,
 * the ids of the judgments that changed it). The derived ones depend on the input only, so the
 * seeder's comparison stays exact.
 */
function decisionProps(d: DecisionInput | null | undefined): Props {
  if (!d) return {};
  const history = d.statusHistory ?? [];
  const spans = history.length > 0 ? inForceSpans(history) : null;
  return {
    hasDecisionRecord: true,
    decidedOn: d.decidedOn,
    reference: d.reference,
    amount: d.amount,
    currency: d.currency,
    amountEur: amountInEuros(d.amount, d.currency, d.eurRate?.rate),
    eurRate: d.eurRate?.rate,
    eurRateOn: d.eurRate?.on,
    eurRateSourceDoc: d.eurRate?.source.document,
    eurRateSourceQuote: d.eurRate?.source.quote ?? (d.eurRate ? '' : null),
    eurRateSourceTranslation: d.eurRate?.source.translation,
    measures: d.measures ?? [],
    articlesBreached: d.articlesBreached ?? [],
    statusHistoryJson: history.length > 0 ? JSON.stringify(history.map((c) => ({ ...compact(c as unknown as Props), sources: c.sources.map(sourceRecord) }))) : null,
    statusByIds: history.length > 0 ? history.flatMap((c) => (c.by ? [c.by] : [])) : null,
    statusSourceDocs: history.length > 0 ? [...new Set(history.flatMap((c) => c.sources.map((s) => s.document)))] : null,
    inForceFrom: spans?.map((s) => s.from),
    inForceTo: spans?.map((s) => s.to),
    // The history's statuses and first days as two parallel lists, oldest first: what Cypher
    // needs to tell the status on a date (filters, decisionStats) without parsing the JSON.
    statuses: history.length > 0 ? history.map((c) => c.status) : null,
    statusFroms: history.length > 0 ? history.map((c) => c.from) : null,
  };
}

/**
 * Identifiers and labels as stored: the curated records as JSON (a Neo4j list cannot hold maps),
 * the label names and identifier values as text for search (index entity_search), and what the
 * indexes and the reference check read: the identifiers' lookup keys as one string
 * of white-space separated terms (the full-text index entity_identifiers, whitespace analyzer:
 * entityByIdentifier is an index seek, then an exact test on identifierKeys), and the documents
 * they cite (entity/references).
 */
function identifierAndLabelProps(e: EntityInput): Props {
  const ids = e.identifiers ?? [];
  const labels = e.labels ?? [];
  const keys = ids.map((i) => identifierKey(i.scheme, i.value));
  return {
    identifiersJson: ids.length > 0 ? JSON.stringify(ids.map((i) => compact({ scheme: i.scheme, value: i.value, url: i.url, sources: i.sources.map(sourceRecord) }))) : null,
    identifierKeys: ids.length > 0 ? keys : null,
    identifierText: ids.length > 0 ? keys.join(' ') : null,
    // Searched like names (index entity_search): an analyst may type a case number.
    identifierValues: ids.length > 0 ? ids.map((i) => i.value).join(' | ') : null,
    identifierSourceDocs: ids.length > 0 ? [...new Set(ids.flatMap((i) => i.sources.map((x) => x.document)))] : null,
    labelsJson: labels.length > 0 ? JSON.stringify(labels.map((l) => ({ language: l.language, name: l.name, sources: l.sources.map(sourceRecord) }))) : null,
    // The names joined like aliasText, for the full-text index (string properties only).
    labelText: labels.length > 0 ? labels.map((l) => l.name).join(' | ') : null,
    labelSourceDocs: labels.length > 0 ? [...new Set(labels.flatMap((l) => l.sources.map((x) => x.document)))] : null,
  };
}

/** Entity input to stored properties (dates as strings; the Cypher turns them into dates). */
function entityProps(e: EntityInput): Props {
  const isDocument = e.kind === 'DOCUMENT';
  return compact({
    id: e.id,
    kind: e.kind,
    name: e.name,
    aliases: e.aliases ?? [],
    aliasText: (e.aliases ?? []).join(' | '),
    ...identifierAndLabelProps(e),
    description: e.description,
    date: isDocument ? (e.publishedOn ?? e.date) : e.date,
    propertiesJson: jsonOrNull(e.properties),
    ...sourceProps(e.sources),
    url: e.url,
    publishedOn: isDocument ? e.publishedOn : null,
    publisherId: e.publisher,
    language: e.language,
    textFile: e.textFile,
    textSection: e.textSection,
    alsoHeldInJson: e.alsoHeldIn && e.alsoHeldIn.length > 0 ? JSON.stringify(e.alsoHeldIn) : null,
    primary: isDocument ? (e.primary ?? null) : null,
    reliability: isDocument ? e.reliability : null,
    reliabilityNote: isDocument ? e.reliabilityNote : null,
    retrievedOn: e.retrievedOn,
    valuesJson: e.values && e.values.length > 0 ? JSON.stringify(e.values.map((v) => ({ ...compact(v as unknown as Props), sources: v.sources.map(sourceRecord) }))) : null,
    valueSourceDocs: e.values && e.values.length > 0 ? [...new Set(e.values.flatMap((v) => v.sources.map((x) => x.document)))] : null,
    ...decisionProps(e.decision),
    ...(e.decision && !e.date && e.decision.decidedOn ? { date: e.decision.decidedOn } : {}),
    ...(e.decision && !isDocument ? { publishedOn: e.decision.publishedOn } : {}),
  });
}

/**
 * Stored entity properties back to the curated form that {@link entityProps} takes, its keys in
 * the order the seed files write them.
 */
export function entityInputFromProps(p: Props): EntityInput {
  const values = valuesFromProps(p);
  const sources = sourceInputs(p);
  const isDocument = p.kind === 'DOCUMENT';
  const labels = labelsFromProps(p);
  const identifiers = identifiersFromProps(p);
  return compact({
    id: p.id,
    kind: p.kind,
    name: p.name,
    aliases: p.aliases ?? [],
    labels: labels.length > 0 ? labels : null,
    identifiers: identifiers.length > 0 ? identifiers : null,
    description: p.description,
    date: isDocument ? null : p.date,
    properties: parsedProperties(p),
    decision: decisionInputFromProps(p),
    values: values.length > 0 ? values : null,
    url: p.url,
    publishedOn: isDocument ? p.publishedOn : null,
    publisher: p.publisherId,
    language: p.language,
    primary: p.primary,
    reliability: p.reliability,
    reliabilityNote: p.reliabilityNote,
    textFile: p.textFile,
    textSection: p.textSection,
    alsoHeldIn: alsoHeldInFromProps(p),
    retrievedOn: p.retrievedOn,
    // Documents need no citation of their own: an empty list is written as none.
    sources: sources.length > 0 || !isDocument ? sources : null,
  }) as unknown as EntityInput;
}

/** Properties that the typed decision record holds: a decision with a record may not repeat them in properties. */
const DECISION_FIELDS = ['decidedOn', 'publishedOn', 'reference', 'amount', 'currency', 'eurRate', 'measures', 'articlesBreached', 'statusHistory'];

/** What an entity states itself of a property that ranked values may also give. */
function ownValue(item: EntityInput, property: string): unknown {
  const d = item.decision ?? {};
  const own: Record<string, unknown> = {
    date: item.kind === 'DOCUMENT' ? undefined : item.date,
    decidedOn: d.decidedOn ?? (item.kind === 'DECISION' ? item.date : undefined),
    publishedOn: item.kind === 'DOCUMENT' ? item.publishedOn : d.publishedOn,
    reference: d.reference,
    amount: d.amount,
    currency: d.currency,
    filedOn: item.kind === 'COMPLAINT' ? item.date : undefined,
    retrievedOn: item.retrievedOn,
    name: item.name,
  };
  return own[property] ?? item.properties?.[property] ?? undefined;
}

function checkValues(ctx: CheckContext, file: string, pointer: string, item: EntityInput) {
  const preferred = new Map<string, number>();
  (item.values ?? []).forEach((v, i) => {
    const p = `${pointer}/values/${i}`;
    if (v.rank === 'PREFERRED') {
      const first = preferred.get(v.property);
      if (first !== undefined) ctx.at(file, `${p}/rank`, `a second PREFERRED value of "${v.property}" (the first is ${pointer}/values/${first})`);
      else preferred.set(v.property, i);
      const own = ownValue(item, v.property);
      if (own !== undefined && own !== null && own !== v.value) {
        ctx.at(file, `${p}/value`, `the PREFERRED value of "${v.property}" must equal the entity's own ${JSON.stringify(own)}`);
      }
    } else if (!v.reason) ctx.at(file, `${p}/reason`, `a ${v.rank} value needs a reason`);
    ctx.sources(file, p, v.sources, true);
  });
}

function checkDecision(ctx: CheckContext, file: string, pointer: string, item: EntityInput) {
  const d = item.decision!;
  if (item.kind !== 'DECISION') return void ctx.at(file, pointer, `only a DECISION has a decision record, not a ${item.kind}`);
  ctx.date(file, `${pointer}/decidedOn`, d.decidedOn);
  ctx.date(file, `${pointer}/publishedOn`, d.publishedOn);
  if (d.decidedOn && item.date && d.decidedOn !== item.date) ctx.at(file, `${pointer}/decidedOn`, `must equal the entity's date ${item.date}`);
  for (const key of DECISION_FIELDS) {
    if (item.properties && key in item.properties) ctx.at(file, `${pointer.replace(/\/decision$/, '')}/properties/${key}`, `"${key}" belongs in the decision record only (one place for one fact)`);
  }
  if (d.eurRate) {
    ctx.date(file, `${pointer}/eurRate/on`, d.eurRate.on);
    ctx.source(file, `${pointer}/eurRate/source`, d.eurRate.source);
    if (!d.eurRate.source.quote) ctx.at(file, `${pointer}/eurRate/source/quote`, 'a rate needs the verbatim quote that states it');
    if (d.currency === 'EUR') ctx.at(file, `${pointer}/eurRate`, 'an amount in EUR needs no rate');
  }
  let previous: string | undefined;
  (d.statusHistory ?? []).forEach((change, i) => {
    const p = `${pointer}/statusHistory/${i}`;
    ctx.date(file, `${p}/from`, change.from);
    if (change.precision === 'MONTH' && !/-01$/.test(change.from)) ctx.at(file, `${p}/from`, 'a date known to the month is written as the 1st of the month');
    if (change.precision === 'YEAR' && !/-01-01$/.test(change.from)) ctx.at(file, `${p}/from`, 'a date known to the year is written as 1 January');
    if (previous !== undefined && change.from <= previous) ctx.at(file, `${p}/from`, `must be after the previous change's ${previous} (oldest first)`);
    previous = change.from;
    if (change.by) {
      const kind = ctx.kindOf.get(change.by);
      if (!kind) ctx.at(file, `${p}/by`, `decision "${change.by}" is neither in the input nor in the database`);
      else if (kind !== 'DECISION') ctx.at(file, `${p}/by`, `"${change.by}" is a ${kind}, not a decision`);
      else if (change.by === item.id) ctx.at(file, `${p}/by`, 'leave by out where the change is the decision itself');
    }
    ctx.sources(file, p, change.sources, true);
  });
}

/**
 * Identifiers and labels: each stated by a held text (one of its citations quotes the value or
 * name, from the body: ctx.source refuses a header line), and an identifier used once per scheme
 * across the input and the database.
 */
function checkIdentifiersAndLabels(ctx: CheckContext, file: string, pointer: string, item: EntityInput, seen: Map<string, string>) {
  (item.identifiers ?? []).forEach((i, n) => {
    const p = `${pointer}/identifiers/${n}`;
    ctx.sources(file, p, i.sources, true);
    if (!i.sources.some((s) => s.quote && s.quote.includes(i.value))) ctx.at(file, `${p}/value`, `no quote of its sources contains "${i.value}": an identifier is cited by the passage that states it`);
    const key = identifierKey(i.scheme, i.value);
    const first = seen.get(key);
    const owner = ctx.identifierOwner(key);
    if (first !== undefined) ctx.at(file, `${p}/value`, `${i.scheme} "${i.value}" is already used by ${first}: one value per scheme across the graph`);
    else if (owner !== undefined && owner !== item.id) ctx.at(file, `${p}/value`, `${i.scheme} "${i.value}" is already used by entity "${owner}" in the database: one value per scheme across the graph`);
    else seen.set(key, `${file}:${p}`);
  });
  (item.labels ?? []).forEach((l, n) => {
    const p = `${pointer}/labels/${n}`;
    ctx.sources(file, p, l.sources, true);
    if (!l.sources.some((s) => s.quote && s.quote.includes(l.name))) ctx.at(file, `${p}/name`, `no quote of its sources contains "${l.name}": a name in another language is cited by the passage that states it`);
  });
}

const isDocument = (e: EntityInput) => e.kind === 'DOCUMENT';

/** Entities and documents. */
export const entities: SeedArea<'entities', EntityInput> = {
  name: 'entities',
  sections: [
    {
      key: 'documents',
      schemaDef: 'document',
      toItem: (raw) => ({ ...raw, kind: 'DOCUMENT' }),
      fromItem: ({ kind: _k, ...document }) => document,
      holds: isDocument,
    },
    { key: 'entities', schemaDef: 'entity', toItem: (raw) => raw, fromItem: (e) => e, holds: (e) => !isDocument(e) },
  ],
  mergeKey: (e) => `node:${e.id}`,
  id: (e) => e.id,
  sortKey: (e) => e.id,
  uniqueIds: true,
  idKind: (e) => e.kind,
  references: (e) => {
    const documents = [...(e.sources ?? []), ...(e.values ?? []).flatMap((v) => v.sources), ...(e.identifiers ?? []).flatMap((i) => i.sources), ...(e.labels ?? []).flatMap((l) => l.sources)];
    const d = e.decision;
    if (d?.eurRate) documents.push(d.eurRate.source);
    for (const change of d?.statusHistory ?? []) documents.push(...change.sources);
    return { entities: [e.publisher, ...documents.map((s) => s.document), ...(d?.statusHistory ?? []).map((c) => c.by)] };
  },
  lockIds: (e) => [e.id],
  holdsTexts: true,
  identifierKeys: (e) => (e.identifiers ?? []).map((i) => identifierKey(i.scheme, i.value)),
  knownFromStored: (stored, known) => {
    for (const e of stored.byId.values()) {
      known.entities.set(e.id as string, e.kind as string);
      if (Array.isArray(e.statuses) && e.statuses.length > 0) (known.withStatusHistory ??= new Set()).add(e.id as string);
    }
  },
  know: (k, known, items) => {
    for (const [id, kind] of known.entities) k.kindOf.set(id, kind);
    for (const id of known.withStatusHistory ?? []) k.withStatusHistory.add(id);
    for (const item of items) {
      k.kindOf.set(item.id, item.kind);
      if ((item.decision?.statusHistory ?? []).length > 0) k.withStatusHistory.add(item.id);
      else k.withStatusHistory.delete(item.id);
    }
  },
  touchedIds: (e) => [e.id],
  stored: async (run, ids, _items, _external, soFar) => {
    const rows = soFar.counts.entities === 0 ? [] : await readSliced(run, 'entity/by-ids', 'ids', ids);
    // Former ids are the merges area's (seed/upsert-merges keeps them on the entity): not compared here.
    return { byId: new Map(rows.map((r) => [r.entity.id as string, withoutFormerIds(r.entity as Props)])) };
  },
  props: entityProps,
  row: (e, props) => ({ id: e.id, label: labelOfKind(e.kind), props }),
  upsert: 'seed/upsert-entities',
  create: 'seed/create-entities',
  writeParts: (row) => labelPart(row.label as string),
  exportAll: 'seed/export-entities',
  fromStored: entityInputFromProps,
  check: (list, ctx) => {
    const identifiersSeen = new Map<string, string>();
    for (const { item, file, pointer } of list) {
      ctx.entityRef(file, `${pointer}/publisher`, item.publisher, 'publisher');
      ctx.date(file, `${pointer}/date`, item.date);
      ctx.date(file, `${pointer}/publishedOn`, item.publishedOn);
      ctx.date(file, `${pointer}/retrievedOn`, item.retrievedOn);
      ctx.sources(file, pointer, item.sources, item.kind !== 'DOCUMENT');
      if (item.kind === 'DOCUMENT' && !item.url && !item.textFile) ctx.at(file, pointer, 'a document needs a url or a textFile (held text): no placeholder documents');
      if (item.alsoHeldIn && item.alsoHeldIn.length > 0 && !item.textFile) ctx.at(file, `${pointer}/alsoHeldIn`, 'further parts of a held text need its first part (textFile)');
      // A name a curator adds must be one a held text gives: search and reconciliation trust aliases.
      (item.aliases ?? []).forEach((alias, i) => {
        if (!ctx.statesName(alias)) ctx.at(file, `${pointer}/aliases/${i}`, `alias "${alias}" is stated by no held text (facts.md, our own summary, does not count)`);
      });
      checkValues(ctx, file, pointer, item);
      checkIdentifiersAndLabels(ctx, file, pointer, item, identifiersSeen);
      if (item.decision) checkDecision(ctx, file, `${pointer}/decision`, item);
    }
  },
};
