import type {
  ConditionalAccessPolicy,
  Domain,
  HrdPolicy,
  NamedLocation,
  PerUserMfaState,
} from '../../fixtures/entra';
import type { AssignedPlan } from '../../fixtures/tenant';

/** A member of a group in scope, with the fields the checks read (`$select`ed). */
export interface ScopedUser {
  id: string;
  userPrincipalName: string;
  accountEnabled: boolean | null;
  onPremisesSyncEnabled: boolean | null;
  assignedPlans: AssignedPlan[] | null;
}

export interface SyncAppIds {
  servicePrincipalId: string;
  appId: string;
  applicationObjectId: string | null;
  displayName: string;
}

/** The cloud platform's view of its Entra directory (ENTRA-04); absent in a Graph-only run. */
export interface CloudDirectoryView {
  tenantId: string | null;
  groupIds: string[];
  consentedByRole: string | null;
  users: { userPrincipalName: string; synced: boolean; detail?: string }[];
}

/**
 * Everything the Entra checks read, fetched once, read-only. The checks are plain
 * functions over this, so they run the same on the simulator and on a real tenant.
 */
export interface EntraSnapshot {
  tenantId: string;
  domains: Pick<Domain, 'id' | 'authenticationType' | 'isVerified'>[];
  /** null when the caller may not read onPremisesSynchronization. */
  passwordHashSync: boolean | null;
  syncApp: SyncAppIds | null;
  hrdPolicies: HrdPolicy[];
  /** Ids of the HRD policies assigned to the sync app's service principal. */
  syncAppHrdPolicyIds: string[];
  conditionalAccessPolicies: ConditionalAccessPolicy[];
  namedLocations: NamedLocation[];
  scopeGroups: { id: string; displayName: string }[];
  scopedUsers: ScopedUser[];
  /** Per-user MFA state of scoped users, or null when it could not be read (beta API). */
  perUserMfa: Record<string, PerUserMfaState> | null;
  cloudDirectory: CloudDirectoryView | null;
}

export interface Attestations {
  /** The per-user MFA trusted IPs an administrator read off the legacy MFA portal. */
  mfaTrustedIps?: string[];
}
