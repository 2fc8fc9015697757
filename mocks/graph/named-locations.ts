import { randomUUID } from 'node:crypto';
import ipaddr from 'ipaddr.js';

import type { IpRange, NamedLocation } from '../../fixtures/entra';
import { checkBody, type BodyRules } from './body';
import { graphError } from './errors';
import type { GraphState } from './state';
import { entityContext, filterEntities, pageOf, type CollectionQuery, type Page } from './odata';

const SET = 'identity/conditionalAccess/namedLocations';
const IP_TYPE = '#microsoft.graph.ipNamedLocation';
const COUNTRY_TYPE = '#microsoft.graph.countryNamedLocation';
const PROPERTIES = [
  'displayName',
  'createdDateTime',
  'modifiedDateTime',
  'isTrusted',
  'ipRanges',
  'countriesAndRegions',
  'includeUnknownCountriesAndRegions',
];

const RULES: BodyRules = {
  typeName: 'namedLocation',
  odataTypes: [IP_TYPE, COUNTRY_TYPE],
  // Graph needs the derived type on create and update of a named location.
  odataTypeRequired: true,
  properties: {
    displayName: 'string',
    isTrusted: 'boolean',
    ipRanges: 'array',
    countriesAndRegions: 'string[]',
    includeUnknownCountriesAndRegions: 'boolean',
  },
  required: ['displayName'],
};

const RANGE_TYPES = {
  '#microsoft.graph.iPv4CidrRange': 'ipv4',
  '#microsoft.graph.iPv6CidrRange': 'ipv6',
} as const;

/** Each range needs its `@odata.type` and a CIDR of that family: a bare address is refused. */
function checkRanges(raw: unknown): IpRange[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw graphError.invalidBody('An ipNamedLocation needs at least one entry in ipRanges.');
  return raw.map((range, i) => {
    const type = (range as Record<string, unknown>)?.['@odata.type'] as keyof typeof RANGE_TYPES;
    const cidr = (range as Record<string, unknown>)?.cidrAddress;
    if (!(type in RANGE_TYPES))
      throw graphError.invalidBody(
        `ipRanges[${i}] needs "@odata.type" #microsoft.graph.iPv4CidrRange or #microsoft.graph.iPv6CidrRange.`,
      );
    if (typeof cidr !== 'string')
      throw graphError.invalidBody(`ipRanges[${i}].cidrAddress must be a string.`);
    let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
    try {
      parsed = ipaddr.parseCIDR(cidr);
    } catch {
      throw graphError.invalidBody(
        `ipRanges[${i}].cidrAddress '${cidr}' is not a valid CIDR range (address/prefix length, for example 44.207.16.175/32).`,
      );
    }
    if (parsed[0].kind() !== RANGE_TYPES[type])
      throw graphError.invalidBody(
        `ipRanges[${i}] '${cidr}' is not an ${RANGE_TYPES[type]} range.`,
      );
    return { '@odata.type': type, cidrAddress: cidr };
  });
}

export function findNamedLocation(state: GraphState, id: string): NamedLocation {
  const location = state.directory.namedLocations.find((l) => l.id === id);
  if (!location) throw graphError.notFound(id);
  return location;
}

export function createNamedLocation(state: GraphState, body: unknown, nowIso: string) {
  const fields = checkBody(body, RULES);
  const type = fields['@odata.type'] as NamedLocation['@odata.type'];
  const location: NamedLocation = {
    '@odata.type': type,
    id: randomUUID(),
    displayName: fields.displayName as string,
    createdDateTime: nowIso,
    modifiedDateTime: nowIso,
    ...(type === IP_TYPE
      ? { isTrusted: fields.isTrusted === true, ipRanges: checkRanges(fields.ipRanges) }
      : {
          countriesAndRegions: (fields.countriesAndRegions as string[]) ?? [],
          includeUnknownCountriesAndRegions: fields.includeUnknownCountriesAndRegions === true,
        }),
  };
  state.directory.namedLocations.push(location);
  return { '@odata.context': entityContext(SET), ...location };
}

export function updateNamedLocation(
  state: GraphState,
  id: string,
  body: unknown,
  nowIso: string,
): void {
  const location = findNamedLocation(state, id);
  const fields = checkBody(body, RULES, true);
  if (fields['@odata.type'] !== location['@odata.type']) {
    throw graphError.invalidBody(
      `The @odata.type of named location ${id} is ${location['@odata.type']}; an update cannot change it.`,
    );
  }
  if (fields.ipRanges !== undefined) location.ipRanges = checkRanges(fields.ipRanges);
  if (typeof fields.displayName === 'string') location.displayName = fields.displayName;
  if (typeof fields.isTrusted === 'boolean') location.isTrusted = fields.isTrusted;
  location.modifiedDateTime = nowIso;
}

export function listNamedLocations(
  state: GraphState,
  query: CollectionQuery,
  pageUrl: (t: string) => string,
): Page {
  const items = filterEntities(state.directory.namedLocations, query.filter, ['displayName', 'id']);
  return pageOf(items, query, {
    entitySet: SET,
    typeName: 'namedLocation',
    known: PROPERTIES,
    polymorphic: true,
    pageUrl,
  });
}

export function getNamedLocation(state: GraphState, id: string) {
  return { '@odata.context': entityContext(SET), ...findNamedLocation(state, id) };
}

/** Whether an address falls in any range of a named location. */
export function locationContains(location: NamedLocation, address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  return (location.ipRanges ?? []).some((r) => {
    const [net, bits] = ipaddr.parseCIDR(r.cidrAddress);
    return ip.kind() === net.kind() && ip.match([net, bits] as never);
  });
}

export function addressInRanges(ranges: string[], address: string): boolean {
  return locationContains(
    {
      ipRanges: ranges.map((cidrAddress) => ({
        '@odata.type': '#microsoft.graph.iPv4CidrRange',
        cidrAddress,
      })),
    } as NamedLocation,
    address,
  );
}
