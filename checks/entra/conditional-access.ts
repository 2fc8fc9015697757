import type { ConditionalAccessPolicy } from '../../fixtures/entra';
import { demandsMfa, isMicrosoftManaged } from '../../mocks/graph/conditional-access';
import { finding, type Finding } from '../finding';
import type { EntraSnapshot } from './snapshot';

const REQ = 'ENTRA-06';

function appliesToApp(policy: ConditionalAccessPolicy, appId: string): boolean {
  const include = policy.conditions.applications.includeApplications;
  return include.includes('All') || include.includes(appId);
}

/**
 * ENTRA-06: every enabled policy that demands MFA (by grant control or authentication
 * strength) and covers the sync app must exclude it by appId. Conditional access names
 * applications by appId: an object id in the exclusion matches nothing. Report-only
 * policies warn; Microsoft-managed ones cannot exclude apps, so they must be duplicated
 * with the exclusion and turned off (vendor guide).
 */
export function checkConditionalAccess(snapshot: EntraSnapshot): Finding[] {
  const app = snapshot.syncApp;
  if (!app)
    return [
      finding(
        REQ,
        'SYNC_APP_NOT_FOUND',
        'error',
        "The vendor's sync app has no service principal in this tenant; conditional access exclusions cannot be checked.",
        {},
      ),
    ];

  const findings: Finding[] = [];
  const wrongIds = [app.servicePrincipalId, app.applicationObjectId].filter(
    (id): id is string => !!id,
  );
  for (const policy of snapshot.conditionalAccessPolicies) {
    if (policy.state === 'disabled' || !demandsMfa(policy) || !appliesToApp(policy, app.appId))
      continue;
    const excluded = policy.conditions.applications.excludeApplications;
    if (excluded.includes(app.appId)) continue;

    const evidence = {
      policyId: policy.id,
      displayName: policy.displayName,
      state: policy.state,
      excludeApplications: excluded,
      syncAppId: app.appId,
      templateId: policy.templateId,
    };
    const objectId = excluded.find((id) => wrongIds.includes(id));
    if (isMicrosoftManaged(policy)) {
      findings.push(
        finding(
          REQ,
          'CA_MICROSOFT_MANAGED_REQUIRES_MFA',
          'error',
          `Microsoft-managed policy "${policy.displayName}" is ${policy.state} and demands MFA for the sync app; it cannot exclude apps. Duplicate it, exclude appId ${app.appId} in the copy, and turn the managed policy off.`,
          evidence,
        ),
      );
    } else if (objectId) {
      findings.push(
        finding(
          REQ,
          'CA_EXCLUSION_USES_OBJECT_ID',
          'error',
          `Policy "${policy.displayName}" excludes ${objectId}, an object id of the sync app; conditional access matches applications by appId. Exclude ${app.appId} instead.`,
          { ...evidence, objectId },
        ),
      );
    } else if (policy.state === 'enabledForReportingButNotEnforced') {
      findings.push(
        finding(
          REQ,
          'CA_REPORT_ONLY_WOULD_REQUIRE_MFA',
          'warning',
          `Report-only policy "${policy.displayName}" would demand MFA for the sync app once enforced. Exclude appId ${app.appId} before turning it on.`,
          evidence,
        ),
      );
    } else {
      findings.push(
        finding(
          REQ,
          'CA_SYNC_APP_NOT_EXCLUDED',
          'error',
          `Policy "${policy.displayName}" demands MFA for all resources and does not exclude the sync app. Exclude appId ${app.appId} ("${app.displayName}").`,
          evidence,
        ),
      );
    }
  }
  return findings;
}
