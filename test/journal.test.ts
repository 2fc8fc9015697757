import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Journal } from '../mocks/platform/journal';

test('the journal keeps the newest requests in order once its ring is full', () => {
  const journal = new Journal(3);
  for (let i = 1; i <= 5; i++) {
    journal.record({
      service: 'cloud',
      timeMs: Date.UTC(2026, 0, 1, 0, 0, i),
      method: 'GET',
      path: `/r/${i}?client_secret=s${i}`,
      status: 200,
      latencyMs: 1,
      correlationId: `c${i}`,
      handled: true,
    });
  }
  const listed = journal.list();
  assert.deepEqual(
    listed.map((e) => [e.seq, e.path, e.time]),
    [
      [3, '/r/3?client_secret=[redacted]', '2026-01-01T00:00:03.000Z'],
      [4, '/r/4?client_secret=[redacted]', '2026-01-01T00:00:04.000Z'],
      [5, '/r/5?client_secret=[redacted]', '2026-01-01T00:00:05.000Z'],
    ],
  );
  assert.deepEqual(
    journal.list(4).map((e) => e.seq),
    [5],
  );
  assert.equal(journal.lastSeq(), 5);
});
