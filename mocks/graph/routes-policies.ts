import type { Request, Response, Router } from 'express';

import type { PerUserMfaState } from '../../fixtures/entra';
import { graphError } from './errors';
import { requireRole } from './tokens';
import {
  getApplication,
  getServicePrincipal,
  listApplications,
  listServicePrincipals,
  type ServicePrincipalRef,
} from './apps';
import {
  assignHrdPolicy,
  createHrdPolicy,
  deleteHrdPolicy,
  getHrdPolicy,
  listAppliesTo,
  listAssignedHrdPolicies,
  listHrdPolicies,
  unassignHrdPolicy,
  updateHrdPolicy,
} from './hrd';
import { createPolicy, getPolicy, listPolicies, updatePolicy } from './conditional-access';
import {
  createNamedLocation,
  getNamedLocation,
  listNamedLocations,
  updateNamedLocation,
} from './named-locations';
import { findUser } from './users';
import { parseSelect } from './odata';
import type { GraphContext } from './routes';
import { nextPageUrl } from './routes';
import { claimsOf, collectionQuery } from './routes-directory';

const READ_APPS = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All'];
const WRITE_APPS = ['Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy'];
const READ_POLICIES = [
  'Policy.Read.All',
  'Policy.ReadWrite.ApplicationConfiguration',
  'Policy.ReadWrite.ConditionalAccess',
];
const WRITE_APP_POLICIES = ['Policy.ReadWrite.ApplicationConfiguration'];
const WRITE_CA = ['Policy.ReadWrite.ConditionalAccess'];
const READ_MFA = [
  'UserAuthenticationMethod.Read.All',
  'UserAuthenticationMethod.ReadWrite.All',
  'Policy.ReadWrite.AuthenticationMethod',
];
const WRITE_MFA = [
  'UserAuthenticationMethod.ReadWrite.All',
  'Policy.ReadWrite.AuthenticationMethod',
];
const MFA_STATES: PerUserMfaState[] = ['disabled', 'enabled', 'enforced'];

/** `servicePrincipals/{id}…` or `servicePrincipals(appId='…')…`, and the rest of the path. */
const SERVICE_PRINCIPAL_PATH = /^\/servicePrincipals(?:\/([^/(]+)|\(appId='([^']+)'\))(\/.*)?$/;

function requireAll(res: Response, ...roleSets: string[][]): void {
  for (const roles of roleSets) requireRole(claimsOf(res), roles);
}

function servicePrincipalRoute(ctx: GraphContext, req: Request, res: Response): void {
  const match = SERVICE_PRINCIPAL_PATH.exec(req.path)!;
  const ref: ServicePrincipalRef = match[1]
    ? { id: decodeURIComponent(match[1]) }
    : { appId: decodeURIComponent(match[2]!) };
  const rest = match[3] ?? '';
  const state = ctx.state();
  const unassign = /^\/homeRealmDiscoveryPolicies\/([^/]+)\/\$ref$/.exec(rest);

  if (req.method === 'GET' && rest === '') {
    requireAll(res, READ_APPS);
    res.json(getServicePrincipal(state, ref, parseSelect(req.query.$select)));
  } else if (req.method === 'GET' && rest === '/homeRealmDiscoveryPolicies') {
    requireAll(res, READ_APPS, READ_POLICIES);
    res.json(listAssignedHrdPolicies(state, ref));
  } else if (req.method === 'POST' && rest === '/homeRealmDiscoveryPolicies/$ref') {
    requireAll(res, WRITE_APPS, READ_POLICIES);
    assignHrdPolicy(state, ref, req.body);
    res.status(204).end();
  } else if (req.method === 'DELETE' && unassign) {
    requireAll(res, WRITE_APPS, READ_POLICIES);
    unassignHrdPolicy(state, ref, decodeURIComponent(unassign[1]!));
    res.status(204).end();
  } else {
    res.locals.unhandled = true;
    throw graphError.badRequest(
      `Resource not found for the segment '${rest.split('/')[1] ?? req.path}'.`,
    );
  }
}

export function mountPolicyRoutes(v1: Router, beta: Router, ctx: GraphContext): void {
  v1.get('/servicePrincipals', (req, res) => {
    requireAll(res, READ_APPS);
    res.json(listServicePrincipals(ctx.state(), collectionQuery(req), nextPageUrl(req)));
  });
  v1.all(SERVICE_PRINCIPAL_PATH, (req, res) => servicePrincipalRoute(ctx, req, res));
  v1.get('/applications', (req, res) => {
    requireAll(res, READ_APPS);
    res.json(listApplications(ctx.state(), collectionQuery(req), nextPageUrl(req)));
  });
  v1.get('/applications/:id', (req, res) => {
    requireAll(res, READ_APPS);
    res.json(getApplication(ctx.state(), String(req.params.id), parseSelect(req.query.$select)));
  });

  const hrd = '/policies/homeRealmDiscoveryPolicies';
  v1.get(hrd, (req, res) => {
    requireAll(res, READ_POLICIES);
    res.json(listHrdPolicies(ctx.state(), collectionQuery(req), nextPageUrl(req)));
  });
  v1.post(hrd, (req, res) => {
    requireAll(res, WRITE_APP_POLICIES);
    res.status(201).json(createHrdPolicy(ctx.state(), req.body));
  });
  v1.get(`${hrd}/:id`, (req, res) => {
    requireAll(res, READ_POLICIES);
    res.json(getHrdPolicy(ctx.state(), String(req.params.id)));
  });
  v1.patch(`${hrd}/:id`, (req, res) => {
    requireAll(res, WRITE_APP_POLICIES);
    updateHrdPolicy(ctx.state(), String(req.params.id), req.body);
    res.status(204).end();
  });
  v1.delete(`${hrd}/:id`, (req, res) => {
    requireAll(res, WRITE_APP_POLICIES);
    deleteHrdPolicy(ctx.state(), String(req.params.id));
    res.status(204).end();
  });
  v1.get(`${hrd}/:id/appliesTo`, (req, res) => {
    requireAll(res, READ_POLICIES, READ_APPS);
    res.json(listAppliesTo(ctx.state(), String(req.params.id)));
  });

  const ca = '/identity/conditionalAccess';
  v1.get(`${ca}/policies`, (req, res) => {
    requireAll(res, READ_POLICIES);
    res.json(listPolicies(ctx.state(), collectionQuery(req), nextPageUrl(req)));
  });
  v1.post(`${ca}/policies`, (req, res) => {
    requireAll(res, WRITE_CA);
    res.status(201).json(createPolicy(ctx.state(), req.body, ctx.clock.nowIso()));
  });
  v1.get(`${ca}/policies/:id`, (req, res) => {
    requireAll(res, READ_POLICIES);
    res.json(getPolicy(ctx.state(), String(req.params.id)));
  });
  v1.patch(`${ca}/policies/:id`, (req, res) => {
    requireAll(res, WRITE_CA);
    updatePolicy(ctx.state(), String(req.params.id), req.body, ctx.clock.nowIso());
    res.status(204).end();
  });
  v1.get(`${ca}/namedLocations`, (req, res) => {
    requireAll(res, READ_POLICIES);
    res.json(listNamedLocations(ctx.state(), collectionQuery(req), nextPageUrl(req)));
  });
  v1.post(`${ca}/namedLocations`, (req, res) => {
    requireAll(res, WRITE_CA);
    res.status(201).json(createNamedLocation(ctx.state(), req.body, ctx.clock.nowIso()));
  });
  v1.get(`${ca}/namedLocations/:id`, (req, res) => {
    requireAll(res, READ_POLICIES);
    res.json(getNamedLocation(ctx.state(), String(req.params.id)));
  });
  v1.patch(`${ca}/namedLocations/:id`, (req, res) => {
    requireAll(res, WRITE_CA);
    updateNamedLocation(ctx.state(), String(req.params.id), req.body, ctx.clock.nowIso());
    res.status(204).end();
  });

  // Per-user MFA state exists only in beta (entra-docs "howto-mfa-userstates").
  beta.get('/users/:id/authentication/requirements', (req, res) => {
    requireAll(res, READ_MFA);
    const user = findUser(ctx.state(), String(req.params.id));
    res.json({
      '@odata.context': `https://graph.microsoft.com/beta/$metadata#users('${user.id}')/authentication/requirements/$entity`,
      perUserMfaState: ctx.state().directory.perUserMfa[user.id] ?? 'disabled',
    });
  });
  beta.patch('/users/:id/authentication/requirements', (req, res) => {
    requireAll(res, WRITE_MFA);
    const user = findUser(ctx.state(), String(req.params.id));
    const wanted = (req.body as { perUserMfaState?: unknown } | undefined)?.perUserMfaState;
    if (!MFA_STATES.includes(wanted as PerUserMfaState))
      throw graphError.invalidBody(`perUserMfaState must be one of ${MFA_STATES.join(', ')}.`);
    ctx.state().directory.perUserMfa[user.id] = wanted as PerUserMfaState;
    res.status(204).end();
  });
}
