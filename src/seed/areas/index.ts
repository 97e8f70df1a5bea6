/**
 * The seed areas, in the order they are written (an area's rows may refer to the areas before
 * it). Adding an area: its module here, its Cypher files (cypher/seed/), its part of
 * seed/schema.json, and, when it refers to entities, its branch in cypher/entity/references.cypher;
 * see docs/architecture.md, "Add a seed area".
 */
import type { SeedArea } from './area';
import { entities } from './entities';
import { propositions } from './propositions';
import { relationships } from './relationships';
import { claims } from './claims';
import { merges } from './merges';

/** Every area, in write order. */
export const AREA_LIST = [entities, propositions, relationships, claims, merges] as const;

/** An area's name. */
export type AreaName = (typeof AREA_LIST)[number]['name'];

/** The element type of an area. */
export type ItemOf<A extends AreaName> = Extract<(typeof AREA_LIST)[number], { name: A }> extends SeedArea<A, infer I> ? I : never;

/** The names, in write order. */
export const AREAS: AreaName[] = AREA_LIST.map((a) => a.name);

/** Areas by name, for loops that need the module behind a name. */
export const AREA_BY_NAME = new Map<string, SeedArea>(AREA_LIST.map((a) => [a.name, a as SeedArea]));

/** The area behind a seed-file array's key (`documents` is the entities area's). */
export function areaOfSection(key: string): SeedArea | undefined {
  return (AREA_LIST as readonly SeedArea[]).find((area) => area.sections.some((s) => s.key === key));
}
