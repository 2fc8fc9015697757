import assert from 'node:assert/strict';
import { test } from 'node:test';

import { ENTRA_PREMIUM_PLANS } from '../fixtures/tenant';
import { judgeDirectoryUser, type DirectoryUser } from '../mocks/cloud/rules';

const user = (over: Partial<DirectoryUser> = {}): DirectoryUser => ({
  id: 'u1',
  userPrincipalName: 'a@example.org',
  accountEnabled: true,
  onPremisesSyncEnabled: true,
  assignedPlans: [
    {
      servicePlanId: ENTRA_PREMIUM_PLANS.p1,
      service: 'AADPremiumService',
      capabilityStatus: 'Enabled',
      assignedDateTime: '2026-01-01T00:00:00Z',
    },
  ],
  ...over,
});

test('a synced user with an enabled P1 plan syncs', () => {
  assert.equal(judgeDirectoryUser(user()).synced, true);
});

test('P2 alone counts as P1 or higher', () => {
  const plans = [
    {
      servicePlanId: ENTRA_PREMIUM_PLANS.p2,
      service: 'AADPremiumService',
      capabilityStatus: 'Enabled' as const,
      assignedDateTime: '',
    },
  ];
  assert.equal(judgeDirectoryUser(user({ assignedPlans: plans })).synced, true);
});

test('a P1 plan that is switched off does not count, and the reason names it', () => {
  const plans = [
    {
      servicePlanId: ENTRA_PREMIUM_PLANS.p1,
      service: 'AADPremiumService',
      capabilityStatus: 'Deleted' as const,
      assignedDateTime: '',
    },
  ];
  const record = judgeDirectoryUser(user({ assignedPlans: plans }));
  assert.equal(record.synced, false);
  assert.match(
    record.detail ?? '',
    /no enabled Entra ID P1 or P2 service plan.*41781fb2.* Deleted/,
  );
});

test('a plan of another product with a premium-sounding name does not count', () => {
  const plans = [
    {
      servicePlanId: '00000000-0000-0000-0000-00000000aaaa',
      service: 'AADPremiumService',
      capabilityStatus: 'Enabled' as const,
      assignedDateTime: '',
    },
  ];
  assert.equal(judgeDirectoryUser(user({ assignedPlans: plans })).synced, false);
});

test('a cloud-only user is not synced from AD', () => {
  const record = judgeDirectoryUser(user({ onPremisesSyncEnabled: null }));
  assert.equal(record.synced, false);
  assert.match(record.detail ?? '', /onPremisesSyncEnabled/);
});

test('a disabled account does not sync', () => {
  assert.equal(judgeDirectoryUser(user({ accountEnabled: false })).synced, false);
});
