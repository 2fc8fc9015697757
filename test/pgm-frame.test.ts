import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PgmFormatError, readPgm } from '../mocks/cloud/pgm-frame';

const pixels = (n: number) => Buffer.alloc(n, 7);
const pgm = (header: string, data: Buffer) => Buffer.concat([Buffer.from(header, 'latin1'), data]);
const LIMIT = 1_000_000;

test('a greymap is read in place: width, height and where its pixels start', () => {
  const bytes = pgm('P5\n30 25\n255\n', pixels(750));
  const frame = readPgm(bytes, LIMIT);
  assert.deepEqual([frame.width, frame.height, frame.offset], [30, 25, 13]);
  assert.equal(frame.grey, bytes);
});

test('comments and any whitespace between the header fields are allowed', () => {
  const frame = readPgm(pgm('P5 # from a camera\n30\t25 # size\r\n255 ', pixels(750)), LIMIT);
  assert.deepEqual([frame.width, frame.height], [30, 25]);
});

test('each malformed header is refused with what is wrong', () => {
  const cases: [string, Buffer, RegExp][] = [
    ['P2\n30 25\n255\n', pixels(750), /does not start with "P5"/],
    ['P5\n30 25\n65535\n', pixels(1500), /maxval is 65535; only 8-bit/],
    ['P5\nthirty 25\n255\n', pixels(750), /width is not a number/],
    ['P5\n30 25\n255', Buffer.alloc(0), /does not end with a whitespace byte/],
    ['P5\n30 25\n', Buffer.alloc(0), /header ends before the maxval/],
    ['P5\n0 25\n255\n', Buffer.alloc(0), /image is empty/],
    ['P5\n1234567 1\n255\n', pixels(10), /width is too large/],
    ['P5\n2000 2000\n255\n', pixels(10), /2000x2000; at most 1000000 pixels/],
    ['P5\n30 25\n255\n', pixels(751), /says 30x25 = 750 pixels; the data holds 751 bytes/],
    // Whitespace up to the header's end, then a comment: the reader must still stop.
    [`P5${' '.repeat(510)}#\n30 25 255\n`, pixels(750), /header ends before the width/],
    [`P5 #${' '.repeat(600)}`, Buffer.alloc(0), /header ends before the width/],
  ];
  for (const [header, data, reason] of cases) {
    assert.throws(
      () => readPgm(pgm(header, data), LIMIT),
      (e: Error) => e instanceof PgmFormatError && reason.test(e.message),
      `${JSON.stringify(header)} should be refused with ${reason}`,
    );
  }
});
