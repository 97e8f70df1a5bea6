/**
 * The change feed as Atom (RFC 4287), so that an analyst can follow the graph, or one entity,
 * in any feed reader: one entry per recorded write, newest first (as feed readers expect; the
 * GraphQL `changes` field pages oldest first).
 */
import type { AuditEntryView } from '../store/audit';
import { xml } from './xml';

/** How many entries a feed holds: the latest writes. */
export const FEED_ENTRIES = 50;


/** What a write did, element by element: "entities clearview-ai: updated". */
function changeLines(e: AuditEntryView): string[] {
  if (e.changes.length === 0) return [e.operation === 'seed' ? 'A bulk seed from curated files.' : 'No element changed.'];
  return e.changes.map((c) => `${c.area} ${c.id}: ${c.before == null ? 'created' : c.after == null ? 'removed' : 'updated'}`);
}

/** "upsertEntity: clearview-ai"; a seed, which names no ids, is "seed". */
function title(e: AuditEntryView): string {
  if (e.entityIds.length === 0) return e.operation;
  return `${e.operation}: ${e.entityIds.slice(0, 5).join(', ')}${e.entityIds.length > 5 ? ` and ${e.entityIds.length - 5} more` : ''}`;
}

/** The feed's options: where it lives, and the entity it follows (if any). */
interface FeedOptions {
  publicUrl: string;
  /** The feed's own URL (self link and feed id). */
  selfUrl: string;
  /** Only writes that touched this entity, claim or proposition. */
  entity: string | null;
}

/** An Atom feed document of audit entries (newest first). */
export function atomFeed(entries: readonly AuditEntryView[], options: FeedOptions): string {
  const { publicUrl, selfUrl, entity } = options;
  const entityUrl = (id: string) => `${publicUrl}/entities/${encodeURIComponent(id)}`;
  // A feed with no entry yet is still valid: its updated is the epoch, not the reading time, so it stays the same until a write.
  const updated = entries[0]?.at ?? new Date(0).toISOString();
  const feedTitle = entity ? `Changes to ${entity} in the facial-recognition regulation graph` : 'Changes to the facial-recognition regulation graph';
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${xml(selfUrl)}</id>`,
    `  <title>${xml(feedTitle)}</title>`,
    `  <updated>${xml(updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(selfUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(entity ? `${publicUrl}/embed?center=${encodeURIComponent(entity)}` : `${publicUrl}/graphql`)}"/>`,
    '  <author><name>frr-graph curators</name></author>',
    '  <generator>frr-graph</generator>',
  ];
  for (const e of entries) {
    const lines = changeLines(e);
    const subject = entity ?? e.entityIds[0];
    out.push(
      '  <entry>',
      `    <id>urn:uuid:${xml(e.id)}</id>`,
      `    <title>${xml(title(e))}</title>`,
      `    <updated>${xml(e.at)}</updated>`,
      `    <author><name>${xml(e.actor)}</name></author>`,
      ...(subject ? [`    <link rel="alternate" type="application/ld+json" href="${xml(entityUrl(subject))}"/>`] : []),
      ...e.entityIds.map((id) => `    <category term="${xml(id)}"/>`),
      `    <summary type="text">${xml(lines.join('\n'))}</summary>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}
