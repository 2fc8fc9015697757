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
  search?: string;
  count: boolean;
}

export interface Page {
  '@odata.context': string;
  '@odata.count'?: number;
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
}

/**
 * Reads `$top`, `$select`, `$filter`, `$search`, `$count` and `$skiptoken`. Advanced
 * queries (`$count`, `$search`) need `ConsistencyLevel: eventual`, as on directory
 * objects in Graph ("Advanced query capabilities on Microsoft Entra ID objects").
 */
export function parseCollectionQuery(
  query: Record<string, unknown>,
  consistencyLevel?: string,
  maxPageSize = MAX_PAGE_SIZE,
): CollectionQuery {
  const top = query.$top === undefined ? DEFAULT_PAGE_SIZE : Number(query.$top);
  if (!Number.isInteger(top) || top < 1 || top > maxPageSize) {
    throw graphError.invalidRequest(
      `Invalid page size specified: '${String(query.$top)}'. Must be between 1 and ${maxPageSize} inclusive.`,
    );
  }
  const eventual = consistencyLevel?.toLowerCase() === 'eventual';
  if (query.$search !== undefined && !eventual) {
    throw graphError.unsupportedQuery(
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  const count = query.$count === 'true';
  if (count && !eventual) throw graphError.invalidRequest('$count is not currently supported.');
  return {
    select: parseSelect(query.$select),
    top,
    skip: decodeSkipToken(query.$skiptoken),
    filter: typeof query.$filter === 'string' ? query.$filter : undefined,
    search: typeof query.$search === 'string' ? query.$search : undefined,
    count,
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

/**
 * Keeps the selected properties of an entity (and `id`, which Graph always returns).
 * Unset properties come back as null, except in sets of several derived types, where
 * a property of another type is left out.
 */
export function project<T extends object>(
  entity: T,
  select: string[],
  known: readonly string[],
  typeName: string,
  omitAbsent = false,
): Record<string, unknown> {
  const unknown = select.filter((p) => p !== 'id' && !known.includes(p));
  if (unknown.length > 0) {
    throw graphError.badRequest(
      `Could not find a property named '${unknown[0]}' on type 'microsoft.graph.${typeName}'.`,
    );
  }
  const source = entity as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (source['@odata.type'] !== undefined) out['@odata.type'] = source['@odata.type'];
  for (const property of new Set(['id', ...select])) {
    if (omitAbsent && source[property] === undefined) continue;
    out[property] = source[property] ?? null;
  }
  return out;
}

/**
 * The `$filter` forms a checker uses: `prop eq 'text'`, `prop eq true|false`, and
 * `isof('microsoft.graph.type')`. Anything else is Graph's unsupported-query error.
 */
export function filterEntities<T extends object>(
  items: T[],
  filter: string | undefined,
  filterable: readonly string[],
): T[] {
  if (!filter) return items;
  const text = filter.trim();
  const isOf = /^isof\('microsoft\.graph\.(\w+)'\)$/.exec(text);
  if (isOf)
    return items.filter(
      (i) => (i as Record<string, unknown>)['@odata.type'] === `#microsoft.graph.${isOf[1]}`,
    );

  const eq = /^(\w+) eq (?:'((?:[^']|'')*)'|(true|false|null))$/.exec(text);
  if (!eq || !filterable.includes(eq[1]!)) {
    throw graphError.unsupportedQuery(
      `Unsupported or invalid query filter clause specified for property '${eq?.[1] ?? text}'.`,
    );
  }
  const [, property, quoted, literal] = eq;
  const wanted =
    quoted !== undefined
      ? quoted.replace(/''/g, "'").toLowerCase()
      : literal === 'null'
        ? null
        : literal === 'true';
  return items.filter((item) => {
    const value = (item as Record<string, unknown>)[property!];
    return typeof value === 'string' && typeof wanted === 'string'
      ? value.toLowerCase() === wanted
      : (value ?? null) === wanted;
  });
}

/** `$search="displayName:text"`: a case-insensitive substring match, as Graph tokenises loosely. */
export function searchEntities<T extends object>(items: T[], search: string | undefined): T[] {
  if (!search) return items;
  const match = /^"(\w+):([^"]*)"$/.exec(search.trim());
  if (!match) throw graphError.invalidRequest(`Syntax error in $search: ${search}`);
  const [, property, text] = match;
  return items.filter((i) =>
    String((i as Record<string, unknown>)[property!] ?? '')
      .toLowerCase()
      .includes(text!.toLowerCase()),
  );
}

export interface PageOptions {
  entitySet: string;
  typeName: string;
  /** Properties returned without `$select`; all known ones when omitted. */
  defaults?: readonly string[];
  known: readonly string[];
  /** The set holds several derived types (named locations): leave out what an item lacks. */
  polymorphic?: boolean;
  pageUrl: (skipToken: string) => string;
}

/** One page of a collection, with `@odata.nextLink` while more remain. */
export function pageOf<T extends object>(
  items: T[],
  query: CollectionQuery,
  options: PageOptions,
): Page {
  const slice = items.slice(query.skip, query.skip + query.top);
  const select = query.select ?? options.defaults ?? options.known;
  const page: Page = {
    '@odata.context': collectionContext(options.entitySet, query.select),
    value: slice.map((item) =>
      project(item, select as string[], options.known, options.typeName, options.polymorphic),
    ),
  };
  if (query.count) page['@odata.count'] = items.length;
  const next = query.skip + query.top;
  if (next < items.length) page['@odata.nextLink'] = options.pageUrl(encodeSkipToken(next));
  return page;
}

export function collectionContext(entitySet: string, select?: string[]): string {
  return `${GRAPH_ROOT}/$metadata#${entitySet}${select ? `(${select.join(',')})` : ''}`;
}

export function entityContext(entitySet: string): string {
  return `${GRAPH_ROOT}/$metadata#${entitySet}/$entity`;
}

/** A single entity with its context; `$select` applies as on collections. */
export function entityOf<T extends object>(
  item: T,
  select: string[] | undefined,
  options: Omit<PageOptions, 'pageUrl'>,
) {
  return {
    '@odata.context': entityContext(options.entitySet),
    ...project(
      item,
      (select ?? options.defaults ?? options.known) as string[],
      options.known,
      options.typeName,
    ),
  };
}
