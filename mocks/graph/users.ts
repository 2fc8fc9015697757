import type { EntraUser } from '../../fixtures/tenant';
import { ENTRA_PREMIUM_PLANS, SKU_M365_E3 } from '../../fixtures/tenant';
import { graphError } from './errors';
import type { GraphState } from './state';
import { collectionContext, encodeSkipToken, entityContext, project, type CollectionQuery } from './odata';

/** Properties a user has without `$select` (Graph "Get user": the default set). */
const DEFAULT_USER_PROPERTIES = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone',
  'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id',
];

/** Everything the simulator can return on `$select`; sync and licence fields only then. */
const SELECTABLE_USER_PROPERTIES = [
  ...DEFAULT_USER_PROPERTIES, 'accountEnabled', 'onPremisesSyncEnabled',
  'onPremisesImmutableId', 'assignedLicenses', 'assignedPlans',
];

export interface Page {
  '@odata.context': string;
  '@odata.nextLink'?: string;
  value: Record<string, unknown>[];
}

/** The `$filter` forms a directory client uses on users. */
function filterUsers(users: EntraUser[], filter: string | undefined): EntraUser[] {
  if (!filter) return users;
  const eq = /^(userPrincipalName|id|mail) eq '([^']*)'$/.exec(filter.trim());
  if (eq) {
    const [, property, value] = eq as unknown as [string, keyof EntraUser, string];
    return users.filter((u) => String(u[property]).toLowerCase() === value.toLowerCase());
  }
  const sync = /^onPremisesSyncEnabled eq (true|false)$/.exec(filter.trim());
  if (sync) return users.filter((u) => u.onPremisesSyncEnabled === (sync[1] === 'true'));
  throw graphError.badRequest(`Unsupported or invalid query filter clause specified: '${filter}'.`);
}

export function listUsers(state: GraphState, query: CollectionQuery, pageUrl: (skipToken: string) => string): Page {
  const matching = filterUsers(state.users, query.filter);
  const slice = matching.slice(query.skip, query.skip + query.top);
  const select = query.select ?? DEFAULT_USER_PROPERTIES;
  const page: Page = {
    '@odata.context': collectionContext('users', query.select),
    value: slice.map((u) => project(u, select, SELECTABLE_USER_PROPERTIES)),
  };
  const next = query.skip + query.top;
  if (next < matching.length) page['@odata.nextLink'] = pageUrl(encodeSkipToken(next));
  return page;
}

/** Finds a user by object id or user principal name, as `/users/{id | userPrincipalName}` does. */
export function findUser(state: GraphState, idOrUpn: string): EntraUser {
  const key = idOrUpn.toLowerCase();
  const user = state.users.find((u) => u.id === key || u.userPrincipalName.toLowerCase() === key);
  if (!user) throw graphError.notFound(`Resource '${idOrUpn}' does not exist or one of its queried reference-property objects are not present.`);
  return user;
}

export function getUser(state: GraphState, idOrUpn: string, select?: string[]): Record<string, unknown> {
  const user = findUser(state, idOrUpn);
  return {
    '@odata.context': entityContext('users'),
    ...project(user, select ?? DEFAULT_USER_PROPERTIES, SELECTABLE_USER_PROPERTIES),
  };
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
        provisioningStatus: licence.disabledPlans.includes(plan.servicePlanId) ? 'Disabled' : 'Success',
        appliesTo: 'User',
      })),
    })),
  };
}
