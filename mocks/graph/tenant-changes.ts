import type { HrdPolicy } from '../../fixtures/entra';
import { ServiceError } from '../platform/http-error';
import type { GraphSettings, GraphState } from './state';

/**
 * Tenant settings Graph cannot change (domain federation, password hash sync, the
 * per-user MFA trusted IPs of the legacy MFA portal) and states its API refuses to
 * create (two organisation-default HRD policies), for scenarios to plant through the
 * control plane. Everything else is changed the way an admin would, through Graph.
 */
export interface TenantChanges {
  domainAuthentication?: Record<string, 'Managed' | 'Federated'>;
  passwordHashSync?: boolean;
  mfaTrustedIps?: string[];
  settings?: Partial<GraphSettings>;
  /** Raw HRD policies to add as they are, valid or not. */
  hrdPolicies?: HrdPolicy[];
  /** Per user (id or UPN): on-premises sync state, which only Entra Connect changes. */
  users?: Record<string, { onPremisesSyncEnabled?: boolean | null }>;
  /** servicePrincipalId → HRD policy ids, replacing what is assigned. */
  hrdAssignments?: Record<string, string[]>;
}

const bad = (message: string) => new ServiceError(400, 'invalid_body', message);

export function applyTenantChanges(state: GraphState, changes: TenantChanges): void {
  for (const [name, type] of Object.entries(changes.domainAuthentication ?? {})) {
    const domain = state.directory.domains.find((d) => d.id.toLowerCase() === name.toLowerCase());
    if (!domain)
      throw bad(
        `No domain ${name}; domains: ${state.directory.domains.map((d) => d.id).join(', ')}`,
      );
    if (type !== 'Managed' && type !== 'Federated')
      throw bad(`Domain authentication must be Managed or Federated, not ${String(type)}`);
    domain.authenticationType = type;
  }
  if (changes.passwordHashSync !== undefined) {
    if (typeof changes.passwordHashSync !== 'boolean')
      throw bad('passwordHashSync must be boolean');
    state.directory.passwordHashSync = changes.passwordHashSync;
  }
  if (changes.mfaTrustedIps !== undefined) {
    if (!Array.isArray(changes.mfaTrustedIps))
      throw bad('mfaTrustedIps must be a list of CIDR ranges');
    state.directory.mfaTrustedIps = changes.mfaTrustedIps.map(String);
  }
  for (const [key, change] of Object.entries(changes.users ?? {})) {
    const user =
      state.usersById.get(key) ??
      state.users.find((u) => u.userPrincipalName.toLowerCase() === key.toLowerCase());
    if (!user) throw bad(`No user ${key}`);
    if (change.onPremisesSyncEnabled !== undefined)
      user.onPremisesSyncEnabled = change.onPremisesSyncEnabled;
  }
  if (changes.settings) Object.assign(state.settings, changes.settings);
  for (const policy of changes.hrdPolicies ?? [])
    state.directory.hrdPolicies.push({ ...policy, deletedDateTime: null });
  if (changes.hrdAssignments) Object.assign(state.directory.hrdAssignments, changes.hrdAssignments);
}
