import { judgeDirectoryUser } from '../../mocks/cloud/rules';
import { finding, type Finding } from '../finding';
import type { EntraSnapshot } from './snapshot';

/**
 * PRE-05 and PRE-06: each user in scope is synchronised from AD and holds an enabled
 * Entra ID P1 or P2 plan, judged by service plan id (the same rule the cloud's sync
 * applies), never by SKU name.
 */
export function checkScopedUsers(snapshot: EntraSnapshot): Finding[] {
  return snapshot.scopedUsers.flatMap((user) => {
    const record = judgeDirectoryUser(user);
    if (record.synced) return [];
    const evidence = {
      userId: user.id,
      userPrincipalName: user.userPrincipalName,
      onPremisesSyncEnabled: user.onPremisesSyncEnabled,
      assignedPlans: user.assignedPlans,
    };
    if (user.onPremisesSyncEnabled !== true || user.accountEnabled === false) {
      return [
        finding(
          'PRE-05',
          'USER_NOT_SYNCED_FROM_AD',
          'error',
          `${user.userPrincipalName}: ${record.detail}. Sync the user from Active Directory with Entra Connect.`,
          evidence,
        ),
      ];
    }
    return [
      finding(
        'PRE-06',
        'USER_NO_PREMIUM_PLAN',
        'error',
        `${user.userPrincipalName}: ${record.detail}. Assign a licence with the Entra ID P1 or P2 plan enabled.`,
        evidence,
      ),
    ];
  });
}
