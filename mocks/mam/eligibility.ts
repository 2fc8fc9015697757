import type { Device, UserPolicy } from '../../fixtures/tenant';
import { compareVersions } from '../platform/versions';
import type { FaceUnavailableReason } from './reasons';

/** What MAM learns from EAM, the cloud and its own inventory when a badge is tapped. */
export interface FaceFacts {
  eamVersion: string;
  cloudConnect: { running: boolean; integrationVerified: boolean };
  licences: { authenticationManagement: boolean; confirmIdRemoteAccess: boolean };
  cloudServicesAmendment: boolean;
  policy: UserPolicy;
  badge: { badgeAllowed: boolean; detail?: string };
  directory: { synced: boolean; detail?: string };
  device: Device;
  enrolled: boolean;
}

export type FaceDecision =
  | { offered: true; enrolment?: boolean }
  | { offered: false; reason: FaceUnavailableReason; detail: string };

export { compareVersions };

/** PRE-09: Locker 4.0 on iOS, 2.0 on Android. */
const MIN_LOCKER = { ios: '4.0', android: '2.0' } as const;

/** PRE-11: face recognition needs EAM 25.2. */
const MIN_EAM_FOR_FACE = '25.2';

/** CO-03: "no second factor" is still offered before 25.4 (not recommended); 25.4 removed it. */
function secondFactorAllowed(policy: UserPolicy, eamVersion: string): boolean {
  if (policy.secondFactor !== 'none') return true;
  return compareVersions(eamVersion, '25.4') < 0;
}

/**
 * Decides whether face recognition is offered, checking the conditions of DESIGN
 * section 3 in order and naming the first that fails. Device-side conditions (camera,
 * the device's own network) are decided on the device and reported later.
 */
export function decideFace(facts: FaceFacts): FaceDecision {
  const refuse = (reason: FaceUnavailableReason, detail: string): FaceDecision => ({
    offered: false,
    reason,
    detail,
  });

  if (compareVersions(facts.eamVersion, MIN_EAM_FOR_FACE) < 0) {
    return refuse(
      'eam_version_unsupported',
      `EAM appliance is ${facts.eamVersion}; face recognition needs ${MIN_EAM_FOR_FACE} or later (PRE-11)`,
    );
  }
  if (!facts.cloudConnect.running || !facts.cloudConnect.integrationVerified) {
    const state = facts.cloudConnect.running ? 'integration not verified' : 'service stopped';
    return refuse('cloud_connect_down', `Cloud Connect: ${state} (PRE-04)`);
  }
  const { authenticationManagement, confirmIdRemoteAccess } = facts.licences;
  if (!authenticationManagement || !confirmIdRemoteAccess || !facts.cloudServicesAmendment) {
    return refuse(
      'license_missing',
      `licences or cloud services amendment missing: authentication management ${authenticationManagement}, Confirm ID for remote access ${confirmIdRemoteAccess}, amendment signed ${facts.cloudServicesAmendment} (PRE-01, PRE-03, PRE-08)`,
    );
  }
  if (
    !facts.policy.primaryMethods.includes('face') ||
    !secondFactorAllowed(facts.policy, facts.eamVersion)
  ) {
    return refuse(
      'policy_disallows_face',
      `user policy "${facts.policy.name}" does not pair face recognition with an allowed second factor on EAM ${facts.eamVersion} (CO-02, CO-03)`,
    );
  }
  if (!facts.policy.primaryMethods.includes('badge')) {
    return refuse(
      'policy_disallows_face',
      `user policy "${facts.policy.name}" does not allow the proximity card as a primary factor, so a tap cannot start a check-out with face recognition (CO-11)`,
    );
  }
  if (!facts.badge.badgeAllowed) {
    return refuse(
      'badge_not_allowed',
      facts.badge.detail ??
        `the computer policy of Launchpad ${facts.device.launchpadId} does not allow the proximity card (CO-08)`,
    );
  }
  if (!facts.directory.synced) {
    return refuse('user_not_synced', `${facts.directory.detail ?? 'not synced'} (PRE-05, PRE-06)`);
  }
  const minimum = MIN_LOCKER[facts.device.platform];
  if (compareVersions(facts.device.lockerVersion, minimum) < 0) {
    return refuse(
      'locker_version_unsupported',
      `Locker ${facts.device.lockerVersion} on ${facts.device.platform}; face recognition needs ${minimum} or later (PRE-09)`,
    );
  }
  // CO-12: an unenrolled user is offered enrolment, which needs explicit consent first.
  if (!facts.enrolled) return { offered: true, enrolment: true };
  return { offered: true };
}
