import assert from 'node:assert/strict';
import { test } from 'node:test';

import { compareVersions, decideFace, type FaceFacts } from '../mocks/mam/eligibility';

const compliant = (): FaceFacts => ({
  eamVersion: '25.4',
  cloudConnect: { running: true, integrationVerified: true },
  licences: { authenticationManagement: true, confirmIdRemoteAccess: true },
  cloudServicesAmendment: true,
  policy: {
    id: 'p',
    name: 'Nursing',
    primaryMethods: ['badge', 'face', 'password'],
    secondFactor: 'badge',
    gracePeriodMinutes: 0,
  },
  badge: { badgeAllowed: true },
  directory: { synced: true },
  device: { id: 'd', platform: 'ios', lockerVersion: '4.0', launchpadId: 'LP-1' },
  enrolled: true,
});

test('versions compare as numbers, not strings', () => {
  assert.equal(compareVersions('25.10', '25.4'), 1);
  assert.equal(compareVersions('25.2', '25.2.0'), 0);
  assert.equal(compareVersions('24.9', '25.2'), -1);
});

test('a compliant set-up offers face recognition', () => {
  assert.deepEqual(decideFace(compliant()), { offered: true });
});

const cases: [string, (f: FaceFacts) => void, string][] = [
  ['EAM 25.1', (f) => (f.eamVersion = '25.1'), 'eam_version_unsupported'],
  ['Cloud Connect stopped', (f) => (f.cloudConnect.running = false), 'cloud_connect_down'],
  [
    'integration not verified',
    (f) => (f.cloudConnect.integrationVerified = false),
    'cloud_connect_down',
  ],
  ['amendment unsigned', (f) => (f.cloudServicesAmendment = false), 'license_missing'],
  ['no Confirm ID licence', (f) => (f.licences.confirmIdRemoteAccess = false), 'license_missing'],
  ['policy without face', (f) => (f.policy.primaryMethods = ['password']), 'policy_disallows_face'],
  ['no second factor on 25.4', (f) => (f.policy.secondFactor = 'none'), 'policy_disallows_face'],
  [
    'badge not allowed',
    (f) => (f.badge = { badgeAllowed: false, detail: 'no card' }),
    'badge_not_allowed',
  ],
  [
    'user policy without the proximity card',
    (f) => (f.policy.primaryMethods = ['face', 'password']),
    'policy_disallows_face',
  ],
  ['not synced', (f) => (f.directory = { synced: false, detail: 'no P1' }), 'user_not_synced'],
  ['Locker 3.9 on iOS', (f) => (f.device.lockerVersion = '3.9'), 'locker_version_unsupported'],
  [
    'Locker 1.9 on Android',
    (f) => (f.device = { ...f.device, platform: 'android', lockerVersion: '1.9' }),
    'locker_version_unsupported',
  ],
];

for (const [name, plant, reason] of cases) {
  test(`${name} refuses face with ${reason}`, () => {
    const facts = compliant();
    plant(facts);
    const decision = decideFace(facts);
    assert.equal(decision.offered, false);
    assert.equal(decision.offered === false && decision.reason, reason);
  });
}

test('"no second factor" is accepted before EAM 25.4 and refused from 25.4 on', () => {
  for (const [version, offered] of [
    ['25.2', true],
    ['25.3', true],
    ['25.4', false],
    ['25.10', false],
  ] as const) {
    const facts = compliant();
    facts.policy.secondFactor = 'none';
    facts.eamVersion = version;
    assert.equal(decideFace(facts).offered, offered, version);
  }
});

test('an unenrolled user is offered enrolment, not refused', () => {
  const facts = compliant();
  facts.enrolled = false;
  assert.deepEqual(decideFace(facts), { offered: true, enrolment: true });
});

test('Locker 2.0 on Android is enough', () => {
  const facts = compliant();
  facts.device = { ...facts.device, platform: 'android', lockerVersion: '2.0' };
  assert.deepEqual(decideFace(facts), { offered: true });
});
