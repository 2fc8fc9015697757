import type { Request, Response, Router } from 'express';

import type { AccessClaims } from './tokens';
import { requireRole } from './tokens';
import { parseCollectionQuery, parseSelect } from './odata';
import { assignLicense, countUsers, getUser, licenseDetails, listUsers } from './users';
import {
  getDomain,
  getGroup,
  listDomains,
  listGroupMembers,
  listGroups,
  listOnPremisesSynchronization,
  listOrganization,
  listSubscribedSkus,
} from './directory';
import type { GraphContext } from './routes';
import { nextPageUrl } from './routes';

const READ_DIRECTORY = [
  'User.Read.All',
  'User.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
const READ_GROUPS = [
  'Group.Read.All',
  'GroupMember.Read.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
const READ_SYNC = [
  'OnPremDirectorySynchronization.Read.All',
  'OnPremDirectorySynchronization.ReadWrite.All',
];

export const claimsOf = (res: Response) => res.locals.claims as AccessClaims;

export function collectionQuery(req: Request, maxPageSize?: number) {
  return parseCollectionQuery(req.query, req.header('consistencylevel'), maxPageSize);
}

export function mountDirectoryRoutes(v1: Router, ctx: GraphContext): void {
  const read = (roles: string[]) => (_req: Request, res: Response, next: () => void) => {
    requireRole(claimsOf(res), roles);
    next();
  };

  v1.get('/users', read(READ_DIRECTORY), (req, res) => {
    const state = ctx.state();
    res.json(listUsers(state, collectionQuery(req, state.settings.maxPageSize), nextPageUrl(req)));
  });
  v1.get('/users/\\$count', read(READ_DIRECTORY), (req, res) => {
    res.type('text/plain').send(String(countUsers(ctx.state(), req.header('consistencylevel'))));
  });
  v1.get('/users/:id', read(READ_DIRECTORY), (req, res) => {
    res.json(getUser(ctx.state(), String(req.params.id), parseSelect(req.query.$select)));
  });
  v1.get('/users/:id/licenseDetails', read(READ_DIRECTORY), (req, res) => {
    res.json(licenseDetails(ctx.state(), String(req.params.id)));
  });

  v1.post(
    '/users/:id/assignLicense',
    read(['User.ReadWrite.All', 'Directory.ReadWrite.All', 'LicenseAssignment.ReadWrite.All']),
    (req, res) => {
      res.json(assignLicense(ctx.state(), String(req.params.id), req.body, ctx.clock.nowIso()));
    },
  );

  v1.get('/organization', read(READ_DIRECTORY), (_req, res) => {
    res.json(listOrganization(ctx.state()));
  });
  v1.get('/domains', read(READ_DIRECTORY), (req, res) => {
    res.json(listDomains(ctx.state(), collectionQuery(req), nextPageUrl(req)));
  });
  v1.get('/domains/:id', read(READ_DIRECTORY), (req, res) => {
    res.json(getDomain(ctx.state(), String(req.params.id)));
  });
  v1.get('/subscribedSkus', read(READ_DIRECTORY), (_req, res) => {
    res.json(listSubscribedSkus(ctx.state()));
  });
  v1.get('/directory/onPremisesSynchronization', read(READ_SYNC), (_req, res) => {
    res.json(listOnPremisesSynchronization(ctx.state()));
  });

  v1.get('/groups', read(READ_GROUPS), (req, res) => {
    res.json(listGroups(ctx.state(), collectionQuery(req), nextPageUrl(req)));
  });
  v1.get('/groups/:id', read(READ_GROUPS), (req, res) => {
    res.json(getGroup(ctx.state(), String(req.params.id), parseSelect(req.query.$select)));
  });
  v1.get('/groups/:id/members', read(READ_GROUPS), (req, res) => {
    res.json(
      listGroupMembers(ctx.state(), String(req.params.id), collectionQuery(req), nextPageUrl(req)),
    );
  });
}
