import type {
  ComputerMethod,
  ComputerPolicy,
  PrimaryMethod,
  SecondFactor,
  UserPolicy,
} from '../../fixtures/tenant';
import { compareVersions } from '../platform/versions';
import { ServiceError } from '../platform/http-error';
import type { EamState } from './state';

/**
 * User and computer policies as the EAM admin console edits them ("Configure
 * Enterprise Access Management" in the vendor guide).
 */

/** CO-07: a second-factor grace period of at most 24 hours 59 minutes. */
export const MAX_GRACE_MINUTES = 24 * 60 + 59;
const SECOND_FACTORS: SecondFactor[] = ['badge', 'pin', 'security_key', 'any', 'none'];
const PRIMARY: PrimaryMethod[] = ['face', 'badge', 'password', 'pin'];
const COMPUTER_METHODS: ComputerMethod[] = ['badge', 'face', 'password', 'pin', 'security_key'];

const bad = (code: string, message: string) => new ServiceError(400, code, message);

export function findUserPolicy(state: EamState, id: string): UserPolicy {
  const policy = state.policies.get(id);
  if (!policy) throw new ServiceError(404, 'policy_unknown', `No user policy ${id}`);
  return policy;
}

export interface PolicyChange {
  primaryMethods?: unknown;
  secondFactor?: unknown;
  gracePeriodMinutes?: unknown;
}

/**
 * CO-03: "no second factor" is still offered before 25.4 (on 25.3 the console shows it,
 * not recommended) and is gone from 25.4 on. Returns the warnings the console shows.
 */
export function updateUserPolicy(
  state: EamState,
  id: string,
  change: PolicyChange,
): { policy: UserPolicy; warnings: string[] } {
  const policy = findUserPolicy(state, id);
  const warnings: string[] = [];
  const next = { ...policy };

  if (change.secondFactor !== undefined) {
    if (!SECOND_FACTORS.includes(change.secondFactor as SecondFactor))
      throw bad(
        'invalid_second_factor',
        `Second factor must be one of ${SECOND_FACTORS.join(', ')}`,
      );
    if (change.secondFactor === 'none') {
      if (compareVersions(state.version, '25.4') >= 0) {
        throw bad(
          'second_factor_unavailable',
          `"No second factor" is not available on EAM ${state.version}; it was removed in 25.4. Choose a security key, PIN, proximity card or any of them.`,
        );
      }
      warnings.push(
        'No second factor is not recommended: pair face recognition with a strong second factor such as a proximity card.',
      );
    }
    next.secondFactor = change.secondFactor as SecondFactor;
  }
  if (change.gracePeriodMinutes !== undefined) {
    const minutes = change.gracePeriodMinutes;
    if (
      !Number.isInteger(minutes) ||
      (minutes as number) < 0 ||
      (minutes as number) > MAX_GRACE_MINUTES
    ) {
      throw bad(
        'invalid_grace_period',
        `The second-factor grace period must be whole minutes from 0 to ${MAX_GRACE_MINUTES} (24 h 59 min); got ${String(minutes)}`,
      );
    }
    next.gracePeriodMinutes = minutes as number;
  }
  if (change.primaryMethods !== undefined) {
    const methods = change.primaryMethods;
    if (
      !Array.isArray(methods) ||
      methods.length === 0 ||
      methods.some((m) => !PRIMARY.includes(m as PrimaryMethod))
    ) {
      throw bad(
        'invalid_primary_methods',
        `Primary factors must be a non-empty list of ${PRIMARY.join(', ')}`,
      );
    }
    next.primaryMethods = [...new Set(methods as PrimaryMethod[])];
  }
  state.policies.set(id, next);
  return { policy: next, warnings };
}

export function findComputerPolicy(state: EamState, id: string): ComputerPolicy {
  const policy = state.computerPolicies.get(id);
  if (!policy) throw new ServiceError(404, 'computer_policy_unknown', `No computer policy ${id}`);
  return policy;
}

function checkMethods(raw: unknown, what: string): ComputerMethod[] {
  if (!Array.isArray(raw) || raw.some((m) => !COMPUTER_METHODS.includes(m as ComputerMethod))) {
    throw bad('invalid_methods', `${what} must be a list of ${COMPUTER_METHODS.join(', ')}`);
  }
  return [...new Set(raw as ComputerMethod[])];
}

export function updateComputerPolicy(
  state: EamState,
  id: string,
  change: { allowedMethods?: unknown; override?: unknown },
): ComputerPolicy {
  const policy = findComputerPolicy(state, id);
  if (change.allowedMethods !== undefined)
    policy.allowedMethods = checkMethods(change.allowedMethods, 'allowedMethods');
  if (change.override !== undefined) {
    policy.override =
      change.override === null
        ? null
        : {
            allowedMethods: checkMethods(
              (change.override as { allowedMethods?: unknown }).allowedMethods,
              'override.allowedMethods',
            ),
          };
  }
  return policy;
}

/** What a computer policy allows, its override (if enabled) replacing the base list. */
export function effectiveMethods(policy: ComputerPolicy): ComputerMethod[] {
  return policy.override?.allowedMethods ?? policy.allowedMethods;
}

export function assignHost(state: EamState, launchpadId: string, policyId: string): void {
  findComputerPolicy(state, policyId);
  state.hosts.set(launchpadId, policyId);
}

export function assignProveIdDevice(
  state: EamState,
  deviceId: string,
  policyId: string | null,
): void {
  if (policyId === null) state.proveIdWebDevices.delete(deviceId);
  else {
    findComputerPolicy(state, policyId);
    state.proveIdWebDevices.set(deviceId, policyId);
  }
}

export interface BadgeDecision {
  launchpadId: string;
  policyId: string;
  badgeAllowed: boolean;
  detail?: string;
}

/**
 * CO-08, CO-09, CO-10: the Launchpad's EAM computer, under its computer policy (and
 * override), must allow the proximity card; an iOS device must be listed as a Prove
 * ID Web device in a computer policy that allows the card and face recognition.
 */
export function decideBadge(
  state: EamState,
  launchpadId: string,
  device?: { id: string; platform: string },
): BadgeDecision {
  const policyId = state.hosts.get(launchpadId);
  if (!policyId)
    throw new ServiceError(404, 'host_unknown', `Launchpad ${launchpadId} is not an EAM computer`);
  const policy = findComputerPolicy(state, policyId);
  const allowed = effectiveMethods(policy);
  if (!allowed.includes('badge')) {
    const why = policy.override
      ? `its override allows only ${allowed.join(', ')}`
      : `it allows only ${allowed.join(', ')}`;
    return {
      launchpadId,
      policyId,
      badgeAllowed: false,
      detail: `computer policy "${policy.name}" of Launchpad ${launchpadId} does not allow the proximity card: ${why} (CO-08, CO-09)`,
    };
  }
  if (device?.platform === 'ios') {
    const devicePolicyId = state.proveIdWebDevices.get(device.id);
    const devicePolicy = devicePolicyId ? state.computerPolicies.get(devicePolicyId) : undefined;
    const deviceMethods = devicePolicy ? effectiveMethods(devicePolicy) : [];
    if (!devicePolicy || !deviceMethods.includes('badge') || !deviceMethods.includes('face')) {
      const where = devicePolicy
        ? `is in computer policy "${devicePolicy.name}", which allows ${deviceMethods.join(', ')}`
        : 'is not listed as a Prove ID Web device';
      return {
        launchpadId,
        policyId,
        badgeAllowed: false,
        detail: `iOS device ${device.id} ${where}; it must be in a computer policy allowing the proximity card and face recognition (CO-10)`,
      };
    }
  }
  return { launchpadId, policyId, badgeAllowed: true };
}
