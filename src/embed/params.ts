/**
 * The URL parameters of a graph view, shared by GET /embed and GET /api/graph so that a page URL
 * and a dashboard's data URL mean the same view. Only the shape of each value is checked here;
 * the ranges (depth 0 to 4, limit 1 to 2000) are the subgraph resolver's, so they live in one place.
 */
import { isIsoDate } from '../domain/dates';
import { AppError, ErrorCode } from '../errors';

/** A view: the arguments of `subgraph`, plus the entities a reader expanded. */
export interface ViewParams {
  center: string;
  depth: number;
  limit: number;
  asOf: string | null;
  kinds: string[] | null;
  /** includeClaims of `subgraph`. */
  claims: boolean;
  /** Entities whose neighbours (depth 1) were added to the view, in the order they were expanded. */
  expand: string[];
}

/** An invalid URL parameter: BAD_USER_INPUT whose message starts with, and whose `parameter` is, its name in the URL. */
export function paramError(parameter: string, message: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `${parameter}: ${message}`, { parameter });
}

/** Defaults: those of `subgraph`, so that /embed?center=x draws exactly subgraph(center: "x"). */
export const VIEW_DEFAULTS = { depth: 1, limit: 200, claims: true } as const;

/** More expansions than a reader clicks through in one sitting; bounds the work one URL can ask for. */
export const MAX_EXPAND = 25;

const ID_MAX = 200;

type Query = Record<string, unknown>;

function one(query: Query, name: string): string {
  const v = query[name];
  if (v === undefined) return '';
  if (typeof v !== 'string') throw paramError(name, 'must be given once');
  return v.trim();
}

function id(name: string, value: string): string {
  if (value.length > ID_MAX) throw paramError(name, `must be at most ${ID_MAX} characters`);
  return value;
}

function int(query: Query, name: string, def: number): number {
  const v = one(query, name);
  if (v === '') return def;
  if (!/^-?\d{1,6}$/.test(v)) throw paramError(name, `must be a whole number, got "${v}"`);
  return Number(v);
}

function list(value: string): string[] {
  return [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Reads a view from URL query parameters (Express's req.query).
 * @param entityKinds the schema's EntityKind names, so that an unknown kind is refused by name.
 * @throws AppError (BAD_USER_INPUT) naming the first invalid parameter.
 */
export function parseViewParams(query: Query, entityKinds: readonly string[]): ViewParams {
  const center = id('center', one(query, 'center'));
  if (!center) throw paramError('center', 'is required: the id of the entity to centre the view on');
  const asOf = one(query, 'asOf') || null;
  if (asOf !== null && !isIsoDate(asOf)) throw paramError('asOf', `must be a calendar date written YYYY-MM-DD, got "${asOf}"`);
  const kinds = list(one(query, 'kinds').toUpperCase());
  const unknown = kinds.filter((k) => !entityKinds.includes(k));
  if (unknown.length > 0) throw paramError('kinds', `unknown kind(s) ${unknown.join(', ')}; known: ${entityKinds.join(', ')}`);
  const claims = one(query, 'claims');
  if (claims !== '' && claims !== 'true' && claims !== 'false') throw paramError('claims', `must be true or false, got "${claims}"`);
  const expand = list(one(query, 'expand')).map((e) => id('expand', e));
  if (expand.length > MAX_EXPAND) throw paramError('expand', `at most ${MAX_EXPAND} ids, got ${expand.length}`);
  return {
    center,
    depth: int(query, 'depth', VIEW_DEFAULTS.depth),
    limit: int(query, 'limit', VIEW_DEFAULTS.limit),
    asOf,
    kinds: kinds.length > 0 ? kinds : null,
    claims: claims === '' ? VIEW_DEFAULTS.claims : claims === 'true',
    expand,
  };
}
