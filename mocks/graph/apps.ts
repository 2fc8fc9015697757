import type { AppIdentity } from '../../fixtures/entra';
import { graphError } from './errors';
import type { GraphState } from './state';
import { entityOf, filterEntities, pageOf, type CollectionQuery, type Page } from './odata';

/**
 * Applications and service principals. Every app has three different ids: the app
 * registration's object id, the service principal's object id, and the appId (client
 * id). Graph paths take the object id of their own kind; conditional access takes the
 * appId. A client that mixes them up gets a 404 here, as in a real tenant.
 */

const SP_PROPERTIES = [
  'appId',
  'displayName',
  'servicePrincipalType',
  'accountEnabled',
  'appOwnerOrganizationId',
];
const SP_PAGE = {
  entitySet: 'servicePrincipals',
  typeName: 'servicePrincipal',
  known: SP_PROPERTIES,
};
const APP_PROPERTIES = ['appId', 'displayName', 'signInAudience'];
const APP_PAGE = { entitySet: 'applications', typeName: 'application', known: APP_PROPERTIES };

function asServicePrincipal(state: GraphState, app: AppIdentity) {
  return {
    id: app.servicePrincipalId,
    appId: app.appId,
    displayName: app.displayName,
    servicePrincipalType: 'Application',
    accountEnabled: true,
    appOwnerOrganizationId: state.tenantId,
  };
}

function asApplication(app: AppIdentity) {
  return {
    id: app.applicationObjectId,
    appId: app.appId,
    displayName: app.displayName,
    signInAudience: 'AzureADMyOrg',
  };
}

export type ServicePrincipalRef = { id: string } | { appId: string };

/** `/servicePrincipals/{id}` or `/servicePrincipals(appId='{appId}')`. */
export function findServicePrincipal(state: GraphState, ref: ServicePrincipalRef): AppIdentity {
  const app =
    'id' in ref
      ? state.directory.apps.find((a) => a.servicePrincipalId === ref.id)
      : state.directory.apps.find((a) => a.appId === ref.appId);
  if (!app) throw graphError.notFound('id' in ref ? ref.id : `appId='${ref.appId}'`);
  return app;
}

export function listServicePrincipals(
  state: GraphState,
  query: CollectionQuery,
  pageUrl: (t: string) => string,
): Page {
  const all = state.directory.apps.map((a) => asServicePrincipal(state, a));
  return pageOf(filterEntities(all, query.filter, ['displayName', 'appId', 'id']), query, {
    ...SP_PAGE,
    pageUrl,
  });
}

export function getServicePrincipal(
  state: GraphState,
  ref: ServicePrincipalRef,
  select?: string[],
) {
  return entityOf(asServicePrincipal(state, findServicePrincipal(state, ref)), select, SP_PAGE);
}

export function listApplications(
  state: GraphState,
  query: CollectionQuery,
  pageUrl: (t: string) => string,
): Page {
  const all = state.directory.apps.map(asApplication);
  return pageOf(filterEntities(all, query.filter, ['displayName', 'appId', 'id']), query, {
    ...APP_PAGE,
    pageUrl,
  });
}

export function getApplication(state: GraphState, id: string, select?: string[]) {
  const app = state.directory.apps.find((a) => a.applicationObjectId === id);
  if (!app) throw graphError.notFound(id);
  return entityOf(asApplication(app), select, APP_PAGE);
}

/** The directory object a policy's `appliesTo` lists for a service principal. */
export function servicePrincipalReference(state: GraphState, app: AppIdentity) {
  return { '@odata.type': '#microsoft.graph.servicePrincipal', ...asServicePrincipal(state, app) };
}
