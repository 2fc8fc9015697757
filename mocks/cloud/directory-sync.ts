import { GraphClient } from '../../clients/graph-client';
import type { CloudState } from './state';
import { recordDirectorySync, type DirectoryUser } from './rules';

const SYNC_SELECT = 'id,userPrincipalName,accountEnabled,onPremisesSyncEnabled,assignedPlans';

/** Reads every user from Graph over HTTP, page by page, and records who syncs. */
export async function runDirectorySync(state: CloudState, graphUrl: string, nowIso: string): Promise<void> {
  const client = new GraphClient({
    graphUrl,
    loginUrl: graphUrl,
    tenantId: state.graph.tenantId,
    clientId: state.graph.clientId,
    clientSecret: state.graph.clientSecret,
  });
  try {
    const users = await client.getAll<DirectoryUser>(`/users?$select=${SYNC_SELECT}&$top=999`);
    recordDirectorySync(state, users, nowIso);
  } catch (error) {
    state.directory = new Map();
    state.lastSync = { time: nowIso, synced: 0, notSynced: 0, error: (error as Error).message };
  }
}
