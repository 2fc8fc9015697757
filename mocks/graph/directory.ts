import type { EntraUser } from '../../fixtures/tenant';
import { graphError } from './errors';
import type { GraphState } from './state';
import {
  collectionContext,
  entityOf,
  filterEntities,
  pageOf,
  type CollectionQuery,
  type Page,
} from './odata';
import { pageOfUsers } from './users';

/** `GET /organization`: a collection of one. */
export function listOrganization(state: GraphState): Page {
  const { organization, domains } = state.directory;
  return {
    '@odata.context': collectionContext('organization'),
    value: [
      {
        ...organization,
        verifiedDomains: domains
          .filter((d) => d.isVerified)
          .map((d) => ({
            name: d.id,
            isDefault: d.isDefault,
            isInitial: d.isInitial,
            type: d.authenticationType,
            capabilities: d.supportedServices.join(', '),
          })),
      },
    ],
  };
}

const DOMAIN_PROPERTIES = [
  'authenticationType',
  'isDefault',
  'isInitial',
  'isRoot',
  'isVerified',
  'supportedServices',
];

export function listDomains(
  state: GraphState,
  query: CollectionQuery,
  pageUrl: (t: string) => string,
): Page {
  const items = filterEntities(state.directory.domains, query.filter, [
    'authenticationType',
    'id',
    'isDefault',
    'isVerified',
  ]);
  return pageOf(items, query, {
    entitySet: 'domains',
    typeName: 'domain',
    known: DOMAIN_PROPERTIES,
    pageUrl,
  });
}

export function getDomain(state: GraphState, id: string) {
  const domain = state.directory.domains.find((d) => d.id.toLowerCase() === id.toLowerCase());
  if (!domain) throw graphError.notFound(id);
  return entityOf(domain, undefined, {
    entitySet: 'domains',
    typeName: 'domain',
    known: DOMAIN_PROPERTIES,
  });
}

/** `GET /subscribedSkus`; consumed units follow the users holding each SKU. */
export function listSubscribedSkus(state: GraphState): Page {
  return {
    '@odata.context': collectionContext('subscribedSkus'),
    value: state.directory.subscribedSkus.map((sku) => ({
      ...sku,
      consumedUnits: state.users.filter((u) =>
        u.assignedLicenses.some((l) => l.skuId === sku.skuId),
      ).length,
    })),
  };
}

/** `GET /directory/onPremisesSynchronization`: the PHS flag among the sync features. */
export function listOnPremisesSynchronization(state: GraphState): Page {
  return {
    '@odata.context': collectionContext('directory/onPremisesSynchronization'),
    value: [
      {
        id: state.tenantId,
        configuration: {
          accidentalDeletionPrevention: {
            synchronizationPreventionType: 'enabledForCount',
            alertThreshold: 500,
          },
        },
        features: {
          passwordSyncEnabled: state.directory.passwordHashSync,
          passwordWritebackEnabled: false,
          cloudPasswordPolicyForPasswordSyncedUsersEnabled: false,
        },
      },
    ],
  };
}

const GROUP_PROPERTIES = ['displayName', 'description', 'securityEnabled', 'mailEnabled'];
const GROUP_PAGE = { entitySet: 'groups', typeName: 'group', known: GROUP_PROPERTIES };

function findGroup(state: GraphState, id: string) {
  const group = state.directory.groups.find((g) => g.id === id);
  if (!group) throw graphError.notFound(id);
  return group;
}

export function listGroups(
  state: GraphState,
  query: CollectionQuery,
  pageUrl: (t: string) => string,
): Page {
  return pageOf(
    filterEntities(state.directory.groups, query.filter, ['displayName', 'id']),
    query,
    { ...GROUP_PAGE, pageUrl },
  );
}

export function getGroup(state: GraphState, id: string, select?: string[]) {
  return entityOf(findGroup(state, id), select, GROUP_PAGE);
}

/** `GET /groups/{id}/members`: users only in this simulator, paged like any collection. */
export function listGroupMembers(
  state: GraphState,
  id: string,
  query: CollectionQuery,
  pageUrl: (t: string) => string,
): Page {
  const group = findGroup(state, id);
  const members = group.memberIds
    .map((m) => state.usersById.get(m))
    .filter((u): u is EntraUser => u !== undefined);
  return pageOfUsers(members, query, 'directoryObjects', pageUrl);
}
