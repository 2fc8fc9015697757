import { randomUUID } from 'node:crypto';

import type { CaState, ConditionalAccessPolicy } from '../../fixtures/entra';
import { checkBody, type BodyRules } from './body';
import { graphError } from './errors';
import type { GraphState } from './state';
import { locationContains } from './named-locations';
import { entityContext, filterEntities, pageOf, type CollectionQuery, type Page } from './odata';

const SET = 'identity/conditionalAccess/policies';
const PROPERTIES = [
  'templateId',
  'displayName',
  'createdDateTime',
  'modifiedDateTime',
  'state',
  'conditions',
  'grantControls',
  'sessionControls',
];
const STATES: CaState[] = ['enabled', 'disabled', 'enabledForReportingButNotEnforced'];
/** conditionalAccessGrantControl in the v1.0 CSDL. */
const BUILT_IN_CONTROLS = [
  'block',
  'mfa',
  'compliantDevice',
  'domainJoinedDevice',
  'approvedApplication',
  'compliantApplication',
  'passwordChange',
  'unknownFutureValue',
  'riskRemediation',
];

const RULES: BodyRules = {
  typeName: 'conditionalAccessPolicy',
  odataTypes: ['#microsoft.graph.conditionalAccessPolicy'],
  properties: {
    displayName: 'string',
    state: 'string',
    conditions: 'object',
    grantControls: 'object',
    sessionControls: 'object',
    templateId: 'string',
  },
  required: ['displayName', 'state', 'conditions'],
};

const MANAGED_PREFIX = 'Microsoft-managed: ';

export function isMicrosoftManaged(policy: Pick<ConditionalAccessPolicy, 'displayName'>): boolean {
  return policy.displayName.startsWith(MANAGED_PREFIX);
}

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

function normaliseConditions(raw: Record<string, any>): ConditionalAccessPolicy['conditions'] {
  if (!raw.applications || !raw.users)
    throw graphError.invalidBody('conditions.applications and conditions.users are required.');
  return {
    clientAppTypes: list(raw.clientAppTypes ?? ['all']),
    applications: {
      includeApplications: list(raw.applications.includeApplications),
      excludeApplications: list(raw.applications.excludeApplications),
      includeUserActions: list(raw.applications.includeUserActions),
    },
    users: {
      includeUsers: list(raw.users.includeUsers),
      excludeUsers: list(raw.users.excludeUsers),
      includeGroups: list(raw.users.includeGroups),
      excludeGroups: list(raw.users.excludeGroups),
      includeRoles: list(raw.users.includeRoles),
      excludeRoles: list(raw.users.excludeRoles),
    },
    locations: raw.locations
      ? {
          includeLocations: list(raw.locations.includeLocations),
          excludeLocations: list(raw.locations.excludeLocations),
        }
      : null,
  };
}

function normaliseGrant(
  raw: Record<string, any> | null | undefined,
): ConditionalAccessPolicy['grantControls'] {
  if (!raw) return null;
  const controls = list(raw.builtInControls);
  const unknown = controls.filter((c) => !BUILT_IN_CONTROLS.includes(c));
  if (unknown.length > 0)
    throw graphError.invalidBody(`Unknown built-in grant control(s): ${unknown.join(', ')}.`);
  return {
    operator: raw.operator === 'AND' ? 'AND' : 'OR',
    builtInControls: controls,
    customAuthenticationFactors: list(raw.customAuthenticationFactors),
    termsOfUse: list(raw.termsOfUse),
    authenticationStrength: raw.authenticationStrength
      ? {
          id: String(raw.authenticationStrength.id),
          displayName: String(raw.authenticationStrength.displayName ?? ''),
        }
      : null,
  };
}

function checkState(state: unknown): CaState {
  if (!STATES.includes(state as CaState))
    throw graphError.invalidBody(`state must be one of ${STATES.join(', ')}.`);
  return state as CaState;
}

export function findPolicy(state: GraphState, id: string): ConditionalAccessPolicy {
  const policy = state.directory.conditionalAccessPolicies.find((p) => p.id === id);
  if (!policy) throw graphError.notFound(id);
  return policy;
}

export function createPolicy(state: GraphState, body: unknown, nowIso: string) {
  const fields = checkBody(body, RULES);
  if (isMicrosoftManaged({ displayName: fields.displayName as string })) {
    throw graphError.invalidBody(
      `The "${MANAGED_PREFIX}" name prefix is reserved for policies Microsoft manages.`,
    );
  }
  const policy: ConditionalAccessPolicy = {
    id: randomUUID(),
    templateId: null,
    displayName: fields.displayName as string,
    createdDateTime: nowIso,
    modifiedDateTime: null,
    state: checkState(fields.state),
    conditions: normaliseConditions(fields.conditions as Record<string, any>),
    grantControls: normaliseGrant(fields.grantControls as Record<string, any> | undefined),
    sessionControls: null,
  };
  state.directory.conditionalAccessPolicies.push(policy);
  return { '@odata.context': entityContext(SET), ...policy };
}

/**
 * PATCH a policy. On a Microsoft-managed policy only the state and the excluded users
 * and groups may change (entra-docs "Microsoft-managed policies"); the error for other
 * changes is an assumption (400).
 */
export function updatePolicy(state: GraphState, id: string, body: unknown, nowIso: string): void {
  const policy = findPolicy(state, id);
  const fields = checkBody(body, RULES, true);
  if (isMicrosoftManaged(policy)) {
    const conditions = fields.conditions as Record<string, any> | undefined;
    const onlyUserExclusions =
      !conditions ||
      (Object.keys(conditions).every((k) => k === 'users') &&
        Object.keys(conditions.users ?? {}).every(
          (k) => k === 'excludeUsers' || k === 'excludeGroups',
        ));
    const otherFields = Object.keys(fields).filter(
      (k) => !['state', 'conditions', '@odata.type'].includes(k),
    );
    if (!onlyUserExclusions || otherFields.length > 0) {
      throw graphError.invalidBody(
        `Policy "${policy.displayName}" is Microsoft-managed: only its state and excluded users or groups can change. Duplicate it to exclude an application.`,
      );
    }
  }
  if (fields.state !== undefined) policy.state = checkState(fields.state);
  if (typeof fields.displayName === 'string') policy.displayName = fields.displayName;
  if (fields.conditions) {
    const merged = { ...policy.conditions, ...(fields.conditions as object) } as Record<
      string,
      any
    >;
    merged.users = {
      ...policy.conditions.users,
      ...(fields.conditions as Record<string, any>).users,
    };
    policy.conditions = normaliseConditions(merged);
  }
  if (fields.grantControls !== undefined)
    policy.grantControls = normaliseGrant(fields.grantControls as Record<string, any>);
  policy.modifiedDateTime = nowIso;
}

export function listPolicies(
  state: GraphState,
  query: CollectionQuery,
  pageUrl: (t: string) => string,
): Page {
  const items = filterEntities(state.directory.conditionalAccessPolicies, query.filter, [
    'displayName',
    'state',
    'id',
  ]);
  return pageOf(items, query, {
    entitySet: SET,
    typeName: 'conditionalAccessPolicy',
    known: PROPERTIES,
    pageUrl,
  });
}

export function getPolicy(state: GraphState, id: string) {
  return { '@odata.context': entityContext(SET), ...findPolicy(state, id) };
}

/** Whether a policy's grant asks for MFA: the `mfa` control or an authentication strength. */
export function demandsMfa(policy: ConditionalAccessPolicy): boolean {
  const grant = policy.grantControls;
  return (
    !!grant && (grant.builtInControls.includes('mfa') || grant.authenticationStrength !== null)
  );
}

export interface SignInContext {
  appId: string;
  userId: string;
  groupIds: string[];
  ipAddress: string;
}

function coversUser(policy: ConditionalAccessPolicy, ctx: SignInContext): boolean {
  const u = policy.conditions.users;
  const included =
    u.includeUsers.includes('All') ||
    u.includeUsers.includes(ctx.userId) ||
    u.includeGroups.some((g) => ctx.groupIds.includes(g));
  const excluded =
    u.excludeUsers.includes(ctx.userId) || u.excludeGroups.some((g) => ctx.groupIds.includes(g));
  return included && !excluded;
}

function coversApp(policy: ConditionalAccessPolicy, appId: string): boolean {
  const a = policy.conditions.applications;
  // Applications are named by appId here; an object id in the list matches nothing.
  return (
    (a.includeApplications.includes('All') || a.includeApplications.includes(appId)) &&
    !a.excludeApplications.includes(appId)
  );
}

function coversLocation(state: GraphState, policy: ConditionalAccessPolicy, ip: string): boolean {
  const loc = policy.conditions.locations;
  if (!loc) return true;
  const trusted = state.directory.namedLocations.filter((l) => l.isTrusted);
  const inLocation = (id: string) =>
    id === 'All' ||
    (id === 'AllTrusted'
      ? trusted.some((l) => locationContains(l, ip))
      : state.directory.namedLocations.some((l) => l.id === id && locationContains(l, ip)));
  const included = loc.includeLocations.length === 0 || loc.includeLocations.some(inLocation);
  return included && !loc.excludeLocations.some(inLocation);
}

/** Enforced policies (not report-only) that would ask this sign-in for MFA. */
export function policiesDemandingMfa(
  state: GraphState,
  ctx: SignInContext,
): ConditionalAccessPolicy[] {
  return state.directory.conditionalAccessPolicies.filter(
    (p) =>
      p.state === 'enabled' &&
      demandsMfa(p) &&
      coversApp(p, ctx.appId) &&
      coversUser(p, ctx) &&
      coversLocation(state, p, ctx.ipAddress),
  );
}
