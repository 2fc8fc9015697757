import {
  SYNC_APP_NAME,
  type ConditionalAccessPolicy,
  type Domain,
  type HrdPolicy,
  type NamedLocation,
  type PerUserMfaState,
} from '../../fixtures/entra';
import { GraphRequestError, type GraphClient } from '../../clients/graph-client';
import type { CloudDirectoryView, EntraSnapshot, ScopedUser, SyncAppIds } from './snapshot';

export interface SnapshotOptions {
  tenantId: string;
  /** The sync app by appId; else looked up by its display name. */
  syncAppId?: string;
  syncAppName?: string;
  /** Groups whose members are in scope; defaults to the cloud directory's chosen groups. */
  groupIds?: string[];
  /** Reads the cloud platform's directory view, where one is reachable. */
  readCloudDirectory?: () => Promise<CloudDirectoryView>;
}

const USER_SELECT = 'id,userPrincipalName,accountEnabled,onPremisesSyncEnabled,assignedPlans';

/** A read that the caller's permissions may not allow: null instead of a failed run. */
async function optional<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof GraphRequestError && (error.status === 403 || error.status === 404))
      return null;
    throw error;
  }
}

async function findSyncApp(
  client: GraphClient,
  options: SnapshotOptions,
): Promise<SyncAppIds | null> {
  const filter = options.syncAppId
    ? `appId eq '${options.syncAppId}'`
    : `displayName eq '${(options.syncAppName ?? SYNC_APP_NAME).replace(/'/g, "''")}'`;
  const [sp] = await client.getAll<{ id: string; appId: string; displayName: string }>(
    `/servicePrincipals?$filter=${encodeURIComponent(filter)}&$select=id,appId,displayName`,
  );
  if (!sp) return null;
  const apps = await optional(() =>
    client.getAll<{ id: string }>(
      `/applications?$filter=${encodeURIComponent(`appId eq '${sp.appId}'`)}&$select=id,appId`,
    ),
  );
  return {
    servicePrincipalId: sp.id,
    appId: sp.appId,
    displayName: sp.displayName,
    applicationObjectId: apps?.[0]?.id ?? null,
  };
}

async function readPerUserMfa(
  client: GraphClient,
  users: ScopedUser[],
): Promise<Record<string, PerUserMfaState> | null> {
  const states: Record<string, PerUserMfaState> = {};
  for (const user of users) {
    const answer = await optional(() =>
      client.getJson<{ perUserMfaState: PerUserMfaState }>(
        `/beta/users/${user.id}/authentication/requirements`,
      ),
    );
    if (!answer) return null;
    states[user.id] = answer.perUserMfaState;
  }
  return states;
}

/** Reads, read-only, everything the Entra checks need, through any Graph endpoint. */
export async function readEntraSnapshot(
  client: GraphClient,
  options: SnapshotOptions,
): Promise<EntraSnapshot> {
  const cloudDirectory = options.readCloudDirectory ? await options.readCloudDirectory() : null;
  const groupIds = options.groupIds ?? cloudDirectory?.groupIds ?? [];

  const [domains, sync, hrdPolicies, conditionalAccessPolicies, namedLocations, syncApp] =
    await Promise.all([
      client.getAll<Domain>('/domains'),
      optional(() =>
        client.getAll<{ features: { passwordSyncEnabled: boolean } }>(
          '/directory/onPremisesSynchronization',
        ),
      ),
      client.getAll<HrdPolicy>('/policies/homeRealmDiscoveryPolicies'),
      client.getAll<ConditionalAccessPolicy>('/identity/conditionalAccess/policies'),
      client.getAll<NamedLocation>('/identity/conditionalAccess/namedLocations'),
      findSyncApp(client, options),
    ]);

  const scopeGroups: { id: string; displayName: string }[] = [];
  const scoped = new Map<string, ScopedUser>();
  for (const id of groupIds) {
    const group = await optional(() =>
      client.getJson<{ id: string; displayName: string }>(`/groups/${id}?$select=id,displayName`),
    );
    if (!group) continue;
    scopeGroups.push({ id: group.id, displayName: group.displayName });
    for (const member of await client.getAll<ScopedUser>(
      `/groups/${id}/members?$select=${USER_SELECT}&$top=999`,
    ))
      scoped.set(member.id, member);
  }
  const scopedUsers = [...scoped.values()];

  const syncAppHrdPolicyIds = syncApp
    ? (
        await client.getAll<{ id: string }>(
          `/servicePrincipals/${syncApp.servicePrincipalId}/homeRealmDiscoveryPolicies`,
        )
      ).map((p) => p.id)
    : [];

  return {
    tenantId: options.tenantId,
    domains: domains.map(({ id, authenticationType, isVerified }) => ({
      id,
      authenticationType,
      isVerified,
    })),
    passwordHashSync: sync?.[0]?.features.passwordSyncEnabled ?? null,
    syncApp,
    hrdPolicies,
    syncAppHrdPolicyIds,
    conditionalAccessPolicies,
    namedLocations,
    scopeGroups,
    scopedUsers,
    perUserMfa: await readPerUserMfa(client, scopedUsers),
    cloudDirectory,
  };
}
