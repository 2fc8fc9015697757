import type { EntraUser } from '../../fixtures/tenant';
import { ENTRA_PREMIUM_PLANS, SKU_M365_E3 } from '../../fixtures/tenant';
import { graphError } from './errors';
import type { AssignedPlan } from '../../fixtures/tenant';
import type { GraphState } from './state';
import {
  collectionContext,
  entityOf,
  filterEntities,
  pageOf,
  searchEntities,
  type CollectionQuery,
  type Page,
} from './odata';

/** Properties a user has without `$select` (Graph "user resource type": the default set). */
export const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

/** Everything the simulator can return on `$select`; sync and licence fields only then. */
export const SELECTABLE_USER_PROPERTIES = [
  ...DEFAULT_USER_PROPERTIES,
  'accountEnabled',
  'onPremisesSyncEnabled',
  'onPremisesImmutableId',
  'assignedLicenses',
  'assignedPlans',
] as const;

const FILTERABLE = [
  'userPrincipalName',
  'id',
  'mail',
  'displayName',
  'onPremisesSyncEnabled',
  'accountEnabled',
];

const USER_PAGE = {
  entitySet: 'users',
  typeName: 'user',
  defaults: DEFAULT_USER_PROPERTIES,
  known: SELECTABLE_USER_PROPERTIES,
};

export function listUsers(
  state: GraphState,
  query: CollectionQuery,
  pageUrl: (skipToken: string) => string,
): Page {
  const matching = searchEntities(
    filterEntities(state.users, query.filter, FILTERABLE),
    query.search,
  );
  return pageOf(matching, query, { ...USER_PAGE, pageUrl });
}

/** Pages of a subset of users (group members), with the user `$select` rules. */
export function pageOfUsers(
  users: EntraUser[],
  query: CollectionQuery,
  entitySet: string,
  pageUrl: (skipToken: string) => string,
): Page {
  const page = pageOf(users, query, { ...USER_PAGE, entitySet, pageUrl });
  for (const item of page.value) item['@odata.type'] = '#microsoft.graph.user';
  return page;
}

/** Finds a user by object id or user principal name, as `/users/{id | userPrincipalName}` does. */
export function findUser(state: GraphState, idOrUpn: string): EntraUser {
  const key = idOrUpn.toLowerCase();
  const user =
    state.usersById.get(key) ?? state.users.find((u) => u.userPrincipalName.toLowerCase() === key);
  if (!user) throw graphError.notFound(idOrUpn);
  return user;
}

export function getUser(
  state: GraphState,
  idOrUpn: string,
  select?: string[],
): Record<string, unknown> {
  return entityOf(findUser(state, idOrUpn), select, USER_PAGE);
}

export function countUsers(state: GraphState, consistencyLevel: string | undefined): number {
  if (consistencyLevel?.toLowerCase() !== 'eventual')
    throw graphError.invalidRequest('$count is not currently supported.');
  return state.users.length;
}

const PLAN_NAMES: Record<string, string> = {
  [ENTRA_PREMIUM_PLANS.p1]: 'AAD_PREMIUM',
  [ENTRA_PREMIUM_PLANS.p2]: 'AAD_PREMIUM_P2',
};

const SKU_NAMES: Record<string, string> = { [SKU_M365_E3.skuId]: SKU_M365_E3.skuPartNumber };

/** `GET /users/{id}/licenseDetails`: per licence, its plans and whether each is on. */
export function licenseDetails(state: GraphState, idOrUpn: string): Page {
  const user = findUser(state, idOrUpn);
  return {
    '@odata.context': collectionContext(`users('${user.id}')/licenseDetails`),
    value: user.assignedLicenses.map((licence) => ({
      id: `${user.id}-${licence.skuId}`,
      skuId: licence.skuId,
      skuPartNumber: SKU_NAMES[licence.skuId] ?? null,
      servicePlans: user.assignedPlans.map((plan) => ({
        servicePlanId: plan.servicePlanId,
        servicePlanName: PLAN_NAMES[plan.servicePlanId] ?? null,
        provisioningStatus: licence.disabledPlans.includes(plan.servicePlanId)
          ? 'Disabled'
          : 'Success',
        appliesTo: 'User',
      })),
    })),
  };
}

interface LicenceChange {
  addLicenses?: { skuId?: unknown; disabledPlans?: unknown }[];
  removeLicenses?: unknown[];
}

/**
 * `POST /users/{id}/assignLicense`: adds or replaces licences (with their disabled
 * plans) and removes others. A disabled plan stays in assignedPlans as "Deleted", so
 * the licence still looks premium by SKU name while its P1 plan is off.
 */
export function assignLicense(state: GraphState, idOrUpn: string, body: unknown, nowIso: string) {
  const user = findUser(state, idOrUpn);
  const change = (body ?? {}) as LicenceChange;
  if (!Array.isArray(change.addLicenses) || !Array.isArray(change.removeLicenses)) {
    throw graphError.invalidBody(
      'assignLicense needs both addLicenses and removeLicenses (either may be empty).',
    );
  }
  const known = new Map(state.directory.subscribedSkus.map((sku) => [sku.skuId, sku]));
  for (const licence of change.addLicenses) {
    const sku = known.get(String(licence.skuId));
    if (!sku)
      throw graphError.invalidRequest(
        `License ${String(licence.skuId)} does not correspond to a valid company License.`,
      );
    const disabledPlans = Array.isArray(licence.disabledPlans)
      ? licence.disabledPlans.map(String)
      : [];
    user.assignedLicenses = [
      ...user.assignedLicenses.filter((l) => l.skuId !== sku.skuId),
      { skuId: sku.skuId, disabledPlans },
    ];
    const plans: AssignedPlan[] = sku.servicePlans.map((plan) => ({
      servicePlanId: plan.servicePlanId,
      service: 'AADPremiumService',
      capabilityStatus: disabledPlans.includes(plan.servicePlanId) ? 'Deleted' : 'Enabled',
      assignedDateTime: nowIso,
    }));
    user.assignedPlans = [
      ...user.assignedPlans.filter((p) => !plans.some((n) => n.servicePlanId === p.servicePlanId)),
      ...plans,
    ];
  }
  const removed = change.removeLicenses.map(String);
  user.assignedLicenses = user.assignedLicenses.filter((l) => !removed.includes(l.skuId));
  return getUser(state, user.id);
}
