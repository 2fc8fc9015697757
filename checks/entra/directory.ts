import { finding, type Finding } from '../finding';
import type { EntraSnapshot } from './snapshot';

const REQ = 'ENTRA-04';
/** The admin rights the vendor guide names for adding Entra as a directory. */
export const SYNC_ADMIN_ROLES = ['Global Administrator', 'Privileged Role Administrator'];

/**
 * ENTRA-04: the cloud platform has this tenant as its directory, groups are chosen, the
 * consent came from an admin right the guide names, and every member of the chosen
 * groups (all pages of them) is synced.
 */
export function checkDirectory(snapshot: EntraSnapshot): Finding[] {
  const cloud = snapshot.cloudDirectory;
  if (!cloud) {
    return [
      finding(
        REQ,
        'DIRECTORY_NOT_READ',
        'attestation',
        "The cloud platform's directory settings were not read (Graph-only run). Attest that this tenant is added as a directory with the chosen groups.",
        {},
      ),
    ];
  }
  const evidence = {
    tenantId: snapshot.tenantId,
    cloudTenantId: cloud.tenantId,
    groupIds: cloud.groupIds,
    consentedByRole: cloud.consentedByRole,
  };
  if (cloud.tenantId !== snapshot.tenantId) {
    return [
      finding(
        REQ,
        'DIRECTORY_NOT_CONNECTED',
        'error',
        `The cloud platform's Entra directory is ${cloud.tenantId ?? 'not set'}, not this tenant (${snapshot.tenantId}). Add Entra ID as a directory with this tenant id.`,
        evidence,
      ),
    ];
  }
  const findings: Finding[] = [];
  if (cloud.groupIds.length === 0) {
    findings.push(
      finding(
        REQ,
        'DIRECTORY_NO_GROUPS',
        'error',
        'No Entra ID groups are chosen for sync; nobody will sync. Specify the groups of face check-out users.',
        evidence,
      ),
    );
  }
  const unknown = cloud.groupIds.filter((id) => !snapshot.scopeGroups.some((g) => g.id === id));
  if (unknown.length > 0) {
    findings.push(
      finding(
        REQ,
        'DIRECTORY_GROUP_UNKNOWN',
        'error',
        `Chosen group(s) ${unknown.join(', ')} do not exist in Entra ID.`,
        { ...evidence, unknown },
      ),
    );
  }
  if (!cloud.consentedByRole || !SYNC_ADMIN_ROLES.includes(cloud.consentedByRole)) {
    findings.push(
      finding(
        REQ,
        'DIRECTORY_CONSENT_INSUFFICIENT',
        'error',
        `The directory was added with ${cloud.consentedByRole ?? 'no recorded'} rights; syncing needs ${SYNC_ADMIN_ROLES.join(' or ')} rights.`,
        evidence,
      ),
    );
  }
  for (const user of snapshot.scopedUsers) {
    const synced = cloud.users.find(
      (u) => u.userPrincipalName.toLowerCase() === user.userPrincipalName.toLowerCase(),
    );
    if (!synced || !synced.synced) {
      findings.push(
        finding(
          REQ,
          'DIRECTORY_MEMBER_NOT_SYNCED',
          'error',
          `${user.userPrincipalName} is in a chosen group but not synced: ${synced?.detail ?? 'the last sync did not see the user'}.`,
          { userId: user.id, userPrincipalName: user.userPrincipalName },
        ),
      );
    }
  }
  return findings;
}
