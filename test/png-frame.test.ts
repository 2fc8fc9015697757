import assert from 'node:assert/strict';
import { test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

import { renderFace } from '../fixtures/faces';
import { decodePng, FrameDecodeError } from '../mocks/cloud/face-match';
import { PngFormatError, readPngRgba } from '../mocks/cloud/png-frame';

// The lean reader must give exactly what pngjs gives, or the speed-up changes verdicts.
const face = renderFace('face:png-frame');

function encode(options: { filterType: number; colorType: number; bitDepth?: number }): Buffer {
  const png = new PNG({
    width: face.width,
    height: face.height,
    ...options,
    inputColorType: 6,
  } as never);
  face.pixels.copy(png.data);
  return PNG.sync.write(png, { ...options, inputColorType: 6 } as never);
}

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A hand-built RGBA PNG whose header claims `width` x `height` over the given pixel data. */
function handMade(width: number, height: number, rows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('every row filter and 8-bit colour type decodes to the same pixels as pngjs', () => {
  for (const filterType of [0, 1, 2, 3, 4, -1]) {
    for (const colorType of [0, 2, 4, 6]) {
      const bytes = encode({ filterType, colorType });
      const lean = readPngRgba(bytes);
      assert.ok(lean, `filter ${filterType}, colour type ${colorType} took the slow path`);
      assert.ok(
        lean.data.equals(PNG.sync.read(bytes).data),
        `filter ${filterType}, colour type ${colorType} differs`,
      );
    }
  }
});

test('16-bit frames are left to pngjs, and still decode', () => {
  const bytes = encode({ filterType: -1, colorType: 6, bitDepth: 16 });
  assert.equal(readPngRgba(bytes), undefined);
  assert.equal(decodePng(bytes).width, face.width);
});

test('a flipped byte in the image data is a wrong CRC, not a wrong face', () => {
  const bytes = Buffer.from(encode({ filterType: -1, colorType: 6 }));
  const at = bytes.length - 40;
  bytes[at] = bytes[at]! ^ 0xff;
  assert.throws(() => readPngRgba(bytes), /wrong CRC/);
  assert.throws(() => decodePng(bytes), FrameDecodeError);
});

test('image data shorter or longer than the header says is refused', () => {
  const rowBytes = 1 + 2 * 4;
  assert.throws(
    () => readPngRgba(handMade(2, 2, Buffer.alloc(rowBytes))),
    /holds 9 bytes; 18 expected/,
  );
  assert.throws(() => readPngRgba(handMade(2, 2, Buffer.alloc(rowBytes * 3))), PngFormatError);
});

test('a header claiming a huge frame is refused before anything is inflated', () => {
  assert.throws(
    () => readPngRgba(handMade(100_000, 100_000, Buffer.alloc(9))),
    /at most 2073600 pixels/,
  );
});

test('an unknown row filter is named', () => {
  const rows = Buffer.alloc(2 * (1 + 2 * 4));
  rows[9] = 7;
  assert.throws(() => readPngRgba(handMade(2, 2, rows)), /row 1 has unknown filter type 7/);
});
