import { GraphClient } from '../../clients/graph-client';
import type { CloudState, DirectoryRecord } from './state';
import { judgeDirectoryUser, recordDirectorySync, type DirectoryUser } from './rules';

const SYNC_SELECT = 'id,userPrincipalName,accountEnabled,onPremisesSyncEnabled,assignedPlans';

/** Members of the chosen groups, each once, following every page (ENTRA-04). */
async function readMembers(client: GraphClient, groupIds: string[]): Promise<DirectoryUser[]> {
  const byId = new Map<string, DirectoryUser>();
  for (const groupId of groupIds) {
    for (const member of await client.getAll<DirectoryUser>(
      `/groups/${groupId}/members?$select=${SYNC_SELECT}&$top=999`,
    )) {
      byId.set(member.id, member);
    }
  }
  return [...byId.values()];
}

/**
 * The sign-in the sync makes for a user with the vendor's sync app: a password grant
 * at Entra's token endpoint, from the cloud platform's egress address. Entra's answer
 * decides whether the user can sync (federation, HRD, conditional access, MFA).
 */
async function checkSignIn(
  state: CloudState,
  graphUrl: string,
  record: DirectoryRecord,
): Promise<DirectoryRecord> {
  const { syncAppId, egressIp, credentials } = state.directoryConfig;
  const credential = credentials.find(
    (c) => c.userPrincipalName.toLowerCase() === record.userPrincipalName.toLowerCase(),
  );
  if (!credential)
    return {
      ...record,
      synced: false,
      detail: 'no credentials to validate the sign-in with (the user is not known to EAM)',
    };

  const response = await fetch(`${graphUrl}/${state.graph.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': egressIp },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: syncAppId,
      username: credential.userPrincipalName,
      password: credential.password,
      scope: 'openid',
    }),
  });
  if (response.ok) return record;
  const body = (await response.json().catch(() => ({}))) as {
    error?: string;
    error_description?: string;
  };
  const reason = (body.error_description ?? '').split(' Trace ID:')[0];
  return {
    ...record,
    synced: false,
    detail: `Entra ID refused the sync app's sign-in (${body.error}): ${reason}`,
  };
}

/** Reads the chosen groups from Graph over HTTP and records who syncs, and why not. */
export async function runDirectorySync(
  state: CloudState,
  graphUrl: string,
  nowIso: string,
): Promise<void> {
  const client = new GraphClient({
    graphUrl,
    loginUrl: graphUrl,
    tenantId: state.graph.tenantId,
    clientId: state.graph.clientId,
    clientSecret: state.graph.clientSecret,
  });
  try {
    const members = await readMembers(client, state.directoryConfig.groupIds);
    const records = await Promise.all(
      members.map(judgeDirectoryUser).map((r) => (r.synced ? checkSignIn(state, graphUrl, r) : r)),
    );
    recordDirectorySync(state, records, nowIso);
  } catch (error) {
    state.directory = new Map();
    state.lastSync = { time: nowIso, synced: 0, notSynced: 0, error: (error as Error).message };
  }
}
