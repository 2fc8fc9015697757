import { randomUUID } from 'node:crypto';

import type { HrdPolicy } from '../../fixtures/entra';
import { checkBody, type BodyRules } from './body';
import { graphError } from './errors';
import type { GraphState } from './state';
import { findServicePrincipal, servicePrincipalReference, type ServicePrincipalRef } from './apps';
import { readHrdDefinition, unparseableItems } from './hrd-definition';
import {
  collectionContext,
  entityContext,
  GRAPH_ROOT,
  pageOf,
  type CollectionQuery,
  type Page,
} from './odata';

const SET = 'policies/homeRealmDiscoveryPolicies';
const TYPE = '#microsoft.graph.homeRealmDiscoveryPolicy';
const PROPERTIES = [
  'displayName',
  'description',
  'definition',
  'isOrganizationDefault',
  'deletedDateTime',
];

const RULES: BodyRules = {
  typeName: 'homeRealmDiscoveryPolicy',
  odataTypes: [TYPE],
  properties: {
    displayName: 'string',
    description: 'string',
    definition: 'string[]',
    isOrganizationDefault: 'boolean',
  },
  required: ['displayName', 'definition'],
};

export function findHrdPolicy(state: GraphState, id: string): HrdPolicy {
  const policy = state.directory.hrdPolicies.find((p) => p.id === id);
  if (!policy) throw graphError.notFound(id);
  return policy;
}

function asEntity(policy: HrdPolicy) {
  return { '@odata.context': entityContext(SET), ...policy };
}

function checkDefinition(state: GraphState, definition: string[]): void {
  if (definition.length === 0)
    throw graphError.invalidBody("Property 'definition' must hold at least one JSON document.");
  const broken = unparseableItems(definition);
  if (broken.length > 0 && state.settings.malformedHrdDefinition === 'reject') {
    // Assumption (reference DOMAIN.md 1.2): the exact error is not public; a setting says which.
    throw graphError.invalidRequest(
      `Invalid policy definition: ${broken.map((b) => b.detail).join('; ')}`,
    );
  }
}

/** Only one policy of a type can be the organisation default (Graph HRD resource page). */
function checkSingleDefault(state: GraphState, candidateId?: string): void {
  const other = state.directory.hrdPolicies.find(
    (p) => p.isOrganizationDefault && p.id !== candidateId,
  );
  if (other)
    throw graphError.invalidRequest(
      `Policy ${other.id} is already the organization default home realm discovery policy; only one may be.`,
    );
}

/** `POST /policies/homeRealmDiscoveryPolicies`: 201 with the single new entity. */
export function createHrdPolicy(state: GraphState, body: unknown) {
  const fields = checkBody(body, RULES);
  const definition = fields.definition as string[];
  checkDefinition(state, definition);
  if (fields.isOrganizationDefault === true) checkSingleDefault(state);

  const policy: HrdPolicy = {
    id: randomUUID(),
    displayName: fields.displayName as string,
    description: (fields.description as string | undefined) ?? null,
    definition,
    isOrganizationDefault: fields.isOrganizationDefault === true,
    deletedDateTime: null,
  };
  state.directory.hrdPolicies.push(policy);
  return asEntity(policy);
}

export function listHrdPolicies(
  state: GraphState,
  query: CollectionQuery,
  pageUrl: (t: string) => string,
): Page {
  return pageOf(state.directory.hrdPolicies, query, {
    entitySet: SET,
    typeName: 'homeRealmDiscoveryPolicy',
    known: PROPERTIES,
    pageUrl,
  });
}

export function getHrdPolicy(state: GraphState, id: string) {
  return asEntity(findHrdPolicy(state, id));
}

export function updateHrdPolicy(state: GraphState, id: string, body: unknown): void {
  const policy = findHrdPolicy(state, id);
  const fields = checkBody(body, RULES, true);
  if (fields.definition !== undefined) checkDefinition(state, fields.definition as string[]);
  if (fields.isOrganizationDefault === true) checkSingleDefault(state, id);
  Object.assign(policy, fields);
  delete (policy as unknown as Record<string, unknown>)['@odata.type'];
}

export function deleteHrdPolicy(state: GraphState, id: string): void {
  findHrdPolicy(state, id);
  state.directory.hrdPolicies = state.directory.hrdPolicies.filter((p) => p.id !== id);
  for (const [sp, ids] of Object.entries(state.directory.hrdAssignments)) {
    state.directory.hrdAssignments[sp] = ids.filter((p) => p !== id);
  }
}

/** `GET /policies/homeRealmDiscoveryPolicies/{id}/appliesTo`: the service principals it is assigned to. */
export function listAppliesTo(state: GraphState, id: string): Page {
  findHrdPolicy(state, id);
  const value = Object.entries(state.directory.hrdAssignments)
    .filter(([, ids]) => ids.includes(id))
    .map(([spId]) => servicePrincipalReference(state, findServicePrincipal(state, { id: spId })));
  return { '@odata.context': collectionContext('directoryObjects'), value };
}

export function listAssignedHrdPolicies(state: GraphState, ref: ServicePrincipalRef): Page {
  const app = findServicePrincipal(state, ref);
  const ids = state.directory.hrdAssignments[app.servicePrincipalId] ?? [];
  return {
    '@odata.context': collectionContext(SET),
    value: ids.map((id) => ({ '@odata.type': TYPE, ...findHrdPolicy(state, id) })),
  };
}

const POLICY_REF = new RegExp(
  `^${GRAPH_ROOT.replace(/[.]/g, '\\.')}/policies/homeRealmDiscoveryPolicies/([^/]+)$`,
);

/**
 * `POST /servicePrincipals/{id}/homeRealmDiscoveryPolicies/$ref`: 204. Only one HRD
 * policy can be active on a service principal; a second is refused by default (the
 * error text is an assumption, the rule is Entra's documented one).
 */
export function assignHrdPolicy(state: GraphState, ref: ServicePrincipalRef, body: unknown): void {
  const app = findServicePrincipal(state, ref);
  const target = (body as Record<string, unknown> | null)?.['@odata.id'];
  const match = typeof target === 'string' ? POLICY_REF.exec(target) : null;
  if (!match)
    throw graphError.invalidBody(
      `Expected {"@odata.id": "${GRAPH_ROOT}/policies/homeRealmDiscoveryPolicies/{id}"}.`,
    );
  const policy = findHrdPolicy(state, match[1]!);

  const assigned = state.directory.hrdAssignments[app.servicePrincipalId] ?? [];
  if (assigned.includes(policy.id)) {
    throw graphError.invalidRequest(
      "One or more added object references already exist for the following modified properties: 'policies'.",
    );
  }
  if (assigned.length > 0 && state.settings.secondHrdPolicyOnServicePrincipal === 'reject') {
    throw graphError.invalidRequest(
      `Service principal ${app.servicePrincipalId} already has home realm discovery policy ${assigned[0]}; only one can be assigned. Unassign it first.`,
    );
  }
  state.directory.hrdAssignments[app.servicePrincipalId] = [...assigned, policy.id];
}

export function unassignHrdPolicy(
  state: GraphState,
  ref: ServicePrincipalRef,
  policyId: string,
): void {
  const app = findServicePrincipal(state, ref);
  const assigned = state.directory.hrdAssignments[app.servicePrincipalId] ?? [];
  if (!assigned.includes(policyId)) throw graphError.notFound(policyId);
  state.directory.hrdAssignments[app.servicePrincipalId] = assigned.filter((id) => id !== policyId);
}

/**
 * Whether Entra would validate a federated user's password in the cloud for this app:
 * the policy assigned to its service principal decides, else the organisation default
 * (entra-docs "Home Realm Discovery policy", priority and evaluation).
 */
export function cloudPasswordValidationAllowed(
  state: GraphState,
  servicePrincipalId: string,
): boolean {
  const assigned = state.directory.hrdAssignments[servicePrincipalId] ?? [];
  const policyId =
    assigned[0] ?? state.directory.hrdPolicies.find((p) => p.isOrganizationDefault)?.id;
  if (!policyId) return false;
  const policy = state.directory.hrdPolicies.find((p) => p.id === policyId);
  return policy ? readHrdDefinition(policy.definition).allowsCloudPasswordValidation : false;
}
