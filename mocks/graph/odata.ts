import { graphError } from './errors';

/** Graph's service root, as `@odata.context` and `@odata.id` values name it. */
export const GRAPH_ROOT = 'https://graph.microsoft.com/v1.0';
export const MAX_PAGE_SIZE = 999;
export const DEFAULT_PAGE_SIZE = 100;

export interface CollectionQuery {
  select?: string[];
  top: number;
  skip: number;
  filter?: string;
}

export function parseCollectionQuery(query: Record<string, unknown>): CollectionQuery {
  const top = query.$top === undefined ? DEFAULT_PAGE_SIZE : Number(query.$top);
  if (!Number.isInteger(top) || top < 1 || top > MAX_PAGE_SIZE) {
    throw graphError.invalidRequest(`Invalid page size specified: '${String(query.$top)}'. Must be between 1 and ${MAX_PAGE_SIZE} inclusive.`);
  }
  return {
    select: parseSelect(query.$select),
    top,
    skip: decodeSkipToken(query.$skiptoken),
    filter: typeof query.$filter === 'string' ? query.$filter : undefined,
  };
}

export function parseSelect(raw: unknown): string[] | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw graphError.badRequest('Invalid $select: expected a comma-separated list of properties.');
  }
  return raw.split(',').map((p) => p.trim());
}

/** Graph's skip tokens are opaque to clients; here they wrap an offset. */
export function encodeSkipToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeSkipToken(raw: unknown): number {
  if (raw === undefined) return 0;
  const text = Buffer.from(String(raw), 'base64url').toString();
  const match = /^offset:(\d+)$/.exec(text);
  if (!match) throw graphError.badRequest('The $skiptoken is not valid.');
  return Number(match[1]);
}

/** Keeps the selected properties of an entity (and `id`, which Graph always returns). */
export function project<T extends object>(entity: T, select: string[], known: string[]): Record<string, unknown> {
  const unknown = select.filter((p) => !known.includes(p));
  if (unknown.length > 0) {
    throw graphError.badRequest(`Could not find a property named '${unknown[0]}' on type 'microsoft.graph.user'.`);
  }
  const source = entity as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const property of new Set(['id', ...select])) out[property] = source[property] ?? null;
  return out;
}

export function collectionContext(entitySet: string, select?: string[]): string {
  return `${GRAPH_ROOT}/$metadata#${entitySet}${select ? `(${select.join(',')})` : ''}`;
}

export function entityContext(entitySet: string): string {
  return `${GRAPH_ROOT}/$metadata#${entitySet}/$entity`;
}
