/**
 * The binary greymap (netpbm PGM, "P5"), the format the Locker page sends its camera
 * frames in: a short text header, then one byte a pixel. The matcher reads grey
 * levels only, and a frame of a few thousand pixels is smaller raw than the cost of
 * inflating it, so the frame goes uncompressed and is read in place, without a copy.
 *
 *   P5 <width> <height> <maxval> <one whitespace byte> <width x height bytes>
 *
 * Comments (`#` to the end of a line) may stand between the header's fields, as the
 * netpbm specification allows. Only 8-bit frames (maxval 255) are read.
 */

export class PgmFormatError extends Error {
  override name = 'PgmFormatError';
}

export interface GreyFrame {
  width: number;
  height: number;
  /** One byte a pixel, row-major, starting at `offset`. */
  grey: Uint8Array;
  offset: number;
}

/** The longest header read: digits, spaces and comments of a sane frame fit easily. */
const MAX_HEADER_BYTES = 512;
/** No dimension of an accepted frame, nor its maxval, has more digits. */
const MAX_FIELD_DIGITS = 5;

export function isPgm(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x50 && bytes[1] === 0x35;
}

export function readPgm(bytes: Buffer, maxPixels: number): GreyFrame {
  if (!isPgm(bytes)) throw new PgmFormatError('the frame does not start with "P5"');
  const header = { at: 2 };
  const width = readField(bytes, header, 'width');
  const height = readField(bytes, header, 'height');
  const maxval = readField(bytes, header, 'maxval');
  if (maxval !== 255) {
    throw new PgmFormatError(`maxval is ${maxval}; only 8-bit frames (maxval 255) are read`);
  }
  if (!isWhitespace(bytes[header.at])) {
    throw new PgmFormatError('the header does not end with a whitespace byte');
  }
  const offset = header.at + 1;
  if (width === 0 || height === 0) throw new PgmFormatError('the image is empty');
  if (width * height > maxPixels) {
    throw new PgmFormatError(
      `the image is ${width}x${height}; at most ${maxPixels} pixels are accepted`,
    );
  }
  const pixels = bytes.length - offset;
  if (pixels !== width * height) {
    throw new PgmFormatError(
      `the header says ${width}x${height} = ${width * height} pixels; the data holds ${pixels} bytes`,
    );
  }
  return { width, height, grey: bytes, offset };
}

/** A decimal field after whitespace and comments; advances `cursor.at` past it. */
function readField(bytes: Buffer, cursor: { at: number }, name: string): number {
  let at = cursor.at;
  const limit = Math.min(bytes.length, MAX_HEADER_BYTES);
  // Whitespace and comments ('#' to the end of the line); every pass moves forward.
  while (at < limit && (isWhitespace(bytes[at]) || bytes[at] === 0x23)) {
    if (bytes[at] === 0x23) {
      while (at < limit && bytes[at] !== 0x0a && bytes[at] !== 0x0d) at++;
    } else {
      at++;
    }
  }
  let value = 0;
  const start = at;
  while (at < limit && bytes[at]! >= 0x30 && bytes[at]! <= 0x39) {
    value = value * 10 + bytes[at]! - 0x30;
    at++;
  }
  if (at === start) {
    throw new PgmFormatError(
      at >= limit ? `the header ends before the ${name}` : `the ${name} is not a number`,
    );
  }
  if (at - start > MAX_FIELD_DIGITS) throw new PgmFormatError(`the ${name} is too large`);
  cursor.at = at;
  return value;
}

function isWhitespace(byte: number | undefined): boolean {
  return (
    byte === 0x20 ||
    byte === 0x0a ||
    byte === 0x0d ||
    byte === 0x09 ||
    byte === 0x0b ||
    byte === 0x0c
  );
}
