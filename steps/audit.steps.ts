import assert from 'node:assert/strict';
import { Then, type DataTable } from '@cucumber/cucumber';

import { requestJson } from '../clients/json-http';
import type { AuditEntry } from '../mocks/mam/state';
import { HarnessFault } from '../harness/errors';
import type { CheckoutWorld } from './support/world';

async function auditOf(world: CheckoutWorld, query: string): Promise<AuditEntry[]> {
  const { status, body } = await requestJson(`${world.urls.mam}/api/v1/audit?${query}`);
  if (status !== 200) throw new HarnessFault(`MAM's audit log could not be read: ${status}`);
  return body.value as AuditEntry[];
}

/** CO-14: each attempt names user, device, Launchpad, factors, result, reason and time. */
Then(
  'the audit log records this check-out as:',
  async function (this: CheckoutWorld, table: DataTable) {
    const session = this.currentSession();
    const person = this.currentPerson();
    const entries = await auditOf(this, `sessionId=${session.sessionId}`);
    this.attach(JSON.stringify(entries, null, 2), {
      mediaType: 'application/json',
      fileName: 'audit-log.json',
    });

    const actual = entries.map((e) => ({
      event: e.event,
      factors: e.factors.join(', '),
      result: e.result,
      reason: e.reason ?? '',
    }));
    assert.deepEqual(actual, table.hashes());

    for (const entry of entries) {
      assert.equal(
        entry.userPrincipalName,
        person.userPrincipalName,
        `audit entry ${entry.seq} names another user`,
      );
      assert.equal(
        entry.deviceId,
        session.deviceId,
        `audit entry ${entry.seq} names another device`,
      );
      assert.match(entry.launchpadId, /^LP-/, `audit entry ${entry.seq} has no Launchpad`);
      assert.ok(!Number.isNaN(Date.parse(entry.time)), `audit entry ${entry.seq} has no time`);
      assert.ok(entry.correlationId, `audit entry ${entry.seq} has no correlation id`);
    }
  },
);

Then(
  'the audit log records a refused tap of badge {string} at Launchpad {string}',
  async function (this: CheckoutWorld, badgeId: string, launchpadId: string) {
    const entries = await auditOf(this, '');
    const refused = entries.filter(
      (e) => e.event === 'badge_tap' && e.result === 'failure' && e.launchpadId === launchpadId,
    );
    assert.equal(
      refused.length,
      1,
      `expected one refused tap at ${launchpadId}, found ${refused.length}`,
    );
    assert.equal(refused[0]!.reason, 'badge_unknown');
    assert.equal(refused[0]!.detail, `badge ${badgeId}`);
    assert.ok(
      refused[0]!.correlationId && !Number.isNaN(Date.parse(refused[0]!.time)),
      'the refused tap has no time or correlation id',
    );
  },
);

Then(
  'the audit detail of the unavailable face recognition mentions {string}',
  async function (this: CheckoutWorld, words: string) {
    const entries = await auditOf(this, `sessionId=${this.currentSession().sessionId}`);
    const unavailable = entries.find((e) => e.event === 'face_unavailable');
    assert.ok(unavailable, 'no face_unavailable entry in the audit log');
    assert.match(
      unavailable.detail ?? '',
      new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    );
  },
);

Then(
  'the audit log records face recognition unavailable for this check-out with reason {reason}',
  async function (this: CheckoutWorld, reason: string) {
    const entries = await auditOf(this, `sessionId=${this.currentSession().sessionId}`);
    const unavailable = entries.filter((e) => e.event === 'face_unavailable');
    assert.deepEqual(
      unavailable.map((e) => e.reason),
      [reason],
    );
    assert.ok(unavailable[0]!.detail, 'the audit entry gives no detail');
    assert.equal(unavailable[0]!.userPrincipalName, this.currentPerson().userPrincipalName);
  },
);
