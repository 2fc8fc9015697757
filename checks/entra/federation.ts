import { readHrdDefinition } from '../../mocks/graph/hrd-definition';
import { finding, type Finding } from '../finding';
import type { EntraSnapshot } from './snapshot';

/**
 * ENTRA-03 and ENTRA-05, for a tenant with a domain federated with another IdP: password
 * hash sync on, and exactly one valid HRD policy allowing cloud password validation
 * assigned to the sync app's service principal; never two organisation defaults.
 */
export function checkFederation(snapshot: EntraSnapshot): Finding[] {
  const federated = snapshot.domains.filter((d) => d.authenticationType === 'Federated');
  const findings: Finding[] = [];

  const defaults = snapshot.hrdPolicies.filter((p) => p.isOrganizationDefault);
  if (defaults.length > 1) {
    findings.push(
      finding(
        'ENTRA-05',
        'HRD_MULTIPLE_ORG_DEFAULTS',
        'error',
        `${defaults.length} home realm discovery policies are marked as organization default; only one may be. Clear isOrganizationDefault on all but one.`,
        { policyIds: defaults.map((p) => p.id) },
      ),
    );
  }
  if (federated.length === 0) return findings;

  const domains = federated.map((d) => d.id);
  if (snapshot.passwordHashSync === null) {
    findings.push(
      finding(
        'ENTRA-03',
        'PHS_UNREADABLE',
        'attestation',
        'Password hash sync could not be read (needs OnPremDirectorySynchronization.Read.All). Attest that it is enabled in Microsoft Entra Connect Sync.',
        { federatedDomains: domains },
      ),
    );
  } else if (!snapshot.passwordHashSync) {
    findings.push(
      finding(
        'ENTRA-03',
        'PHS_DISABLED',
        'error',
        `Domain(s) ${domains.join(', ')} are federated with another IdP and password hash sync is off. Enable Password Hash Synchronization on the Entra Connect Sync server.`,
        { federatedDomains: domains, passwordSyncEnabled: false },
      ),
    );
  }

  if (!snapshot.syncApp) {
    findings.push(
      finding(
        'ENTRA-05',
        'SYNC_APP_NOT_FOUND',
        'error',
        "The vendor's sync app has no service principal in this tenant, so no HRD policy can apply to it. Add the application, then assign the policy.",
        { federatedDomains: domains },
      ),
    );
    return findings;
  }
  const assigned = snapshot.syncAppHrdPolicyIds
    .map((id) => snapshot.hrdPolicies.find((p) => p.id === id))
    .filter((p) => p !== undefined);
  const evidence = {
    servicePrincipalId: snapshot.syncApp.servicePrincipalId,
    appId: snapshot.syncApp.appId,
    federatedDomains: domains,
  };
  if (assigned.length === 0) {
    findings.push(
      finding(
        'ENTRA-05',
        'HRD_POLICY_NOT_ASSIGNED',
        'error',
        `No home realm discovery policy is assigned to "${snapshot.syncApp.displayName}" (service principal ${snapshot.syncApp.servicePrincipalId}); federated users' passwords cannot be validated in the cloud. Create a policy with AllowCloudPasswordValidation true and assign it to that service principal.`,
        evidence,
      ),
    );
    return findings;
  }
  if (assigned.length > 1) {
    findings.push(
      finding(
        'ENTRA-05',
        'HRD_MULTIPLE_POLICIES',
        'error',
        `${assigned.length} home realm discovery policies are assigned to "${snapshot.syncApp.displayName}"; only one can be active. Unassign all but the valid one.`,
        { ...evidence, policyIds: assigned.map((p) => p.id) },
      ),
    );
  }
  for (const policy of assigned) {
    for (const problem of readHrdDefinition(policy.definition).problems) {
      findings.push(
        finding(
          'ENTRA-05',
          problem.code,
          'error',
          `HRD policy "${policy.displayName}" (${policy.id}): ${problem.detail}. Write the definition as {"HomeRealmDiscoveryPolicy":{"AllowCloudPasswordValidation":true}}.`,
          { ...evidence, policyId: policy.id, definition: policy.definition },
        ),
      );
    }
  }
  return findings;
}
