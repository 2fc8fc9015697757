import { crc32, inflateSync } from 'node:zlib';

/**
 * A lean PNG reader for camera frames, the hot path of face verification. It reads
 * the formats a browser canvas and the fixture encoder write (8-bit, not interlaced;
 * grey, grey with alpha, RGB, RGBA) and checks what pngjs checks for them: chunk
 * CRCs, the zlib stream, the row filters. It skips pngjs's per-row objects and copies,
 * which made decoding most of a verification's cost. Any other format gets `undefined`
 * so the caller can hand it to pngjs.
 */

export class PngFormatError extends Error {
  override name = 'PngFormatError';
}

export interface RgbaFrame {
  width: number;
  height: number;
  /** RGBA, row-major, 4 bytes a pixel, as pngjs returns it. */
  data: Buffer;
}

/** Bytes per pixel for each 8-bit colour type this reader handles. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Larger frames are refused before any decoding: a full-HD picture, far more than
 * the Locker page's 80 x 80 (an assumption). It bounds what one small compressed
 * body can make the decoder do.
 */
export const MAX_FRAME_PIXELS = 1920 * 1080;

interface Header {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  interlace: number;
}

export function readPngRgba(bytes: Buffer): RgbaFrame | undefined {
  const { header, idat } = readChunks(bytes);
  const channels = CHANNELS[header.colourType];
  if (header.bitDepth !== 8 || header.interlace !== 0 || channels === undefined) {
    return undefined;
  }

  const stride = header.width * channels;
  const expected = header.height * (stride + 1);
  let raw: Buffer;
  try {
    raw = inflateSync(idat, { maxOutputLength: expected });
  } catch (error) {
    throw new PngFormatError(`the image data does not inflate: ${(error as Error).message}`);
  }
  if (raw.length !== expected) {
    throw new PngFormatError(`the image data holds ${raw.length} bytes; ${expected} expected`);
  }
  unfilterRows(raw, header.height, stride, channels);
  return {
    width: header.width,
    height: header.height,
    data: toRgba(raw, header, channels),
  };
}

/** Walks the chunks, checking each CRC; returns the header and the joined image data. */
function readChunks(bytes: Buffer): { header: Header; idat: Buffer } {
  let header: Header | undefined;
  const parts: Buffer[] = [];
  let offset = 8;
  while (offset < bytes.length) {
    if (offset + 12 > bytes.length) {
      throw new PngFormatError('the file ends inside a chunk header');
    }
    const length = bytes.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) throw new PngFormatError('the file ends inside a chunk');
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(end - 4)) {
      throw new PngFormatError(`chunk ${type} has a wrong CRC`);
    }

    if (type === 'IHDR') header = readHeader(body);
    else if (!header) throw new PngFormatError('the first chunk is not IHDR');
    else if (type === 'IDAT') parts.push(body);
    else if (type === 'IEND') break;
    offset = end;
  }
  if (!header) throw new PngFormatError('no IHDR chunk');
  if (parts.length === 0) throw new PngFormatError('no image data (IDAT)');
  return { header, idat: parts.length === 1 ? parts[0]! : Buffer.concat(parts) };
}

function readHeader(body: Buffer): Header {
  if (body.length !== 13) throw new PngFormatError('IHDR is not 13 bytes long');
  const header = {
    width: body.readUInt32BE(0),
    height: body.readUInt32BE(4),
    bitDepth: body[8]!,
    colourType: body[9]!,
    interlace: body[12]!,
  };
  if (header.width === 0 || header.height === 0) {
    throw new PngFormatError('the image is empty');
  }
  if (header.width * header.height > MAX_FRAME_PIXELS) {
    throw new PngFormatError(
      `the image is ${header.width}x${header.height}; at most ${MAX_FRAME_PIXELS} pixels are accepted`,
    );
  }
  return header;
}

/**
 * Reverses the row filters of PNG section 9 in place. Row r starts at r * (stride + 1)
 * with its filter byte; one loop per filter type keeps the per-byte work branch-free.
 * Stores into the Buffer wrap modulo 256, as the filters' arithmetic requires.
 */
function unfilterRows(raw: Buffer, height: number, stride: number, bpp: number): void {
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1) + 1;
    const up = y === 0 ? -1 : row - stride - 1;
    const filter = raw[row - 1]!;
    if (filter === 1) unfilterSub(raw, row, stride, bpp);
    else if (filter === 2) unfilterUp(raw, row, up, stride);
    else if (filter === 3) unfilterAverage(raw, row, up, stride, bpp);
    else if (filter === 4) unfilterPaeth(raw, row, up, stride, bpp);
    else if (filter !== 0) {
      throw new PngFormatError(`row ${y} has unknown filter type ${filter}`);
    }
  }
}

function unfilterSub(raw: Buffer, row: number, stride: number, bpp: number): void {
  for (let i = bpp; i < stride; i++) raw[row + i] = raw[row + i]! + raw[row + i - bpp]!;
}

/** `up` is -1 on the first row, where the row above counts as zeros. */
function unfilterUp(raw: Buffer, row: number, up: number, stride: number): void {
  if (up < 0) return;
  for (let i = 0; i < stride; i++) raw[row + i] = raw[row + i]! + raw[up + i]!;
}

function unfilterAverage(raw: Buffer, row: number, up: number, stride: number, bpp: number): void {
  for (let i = 0; i < stride; i++) {
    const left = i >= bpp ? raw[row + i - bpp]! : 0;
    const above = up >= 0 ? raw[up + i]! : 0;
    raw[row + i] = raw[row + i]! + ((left + above) >> 1);
  }
}

/** Paeth on the first row reduces to Sub, and on the first pixel of a row to Up. */
function unfilterPaeth(raw: Buffer, row: number, up: number, stride: number, bpp: number): void {
  if (up < 0) return unfilterSub(raw, row, stride, bpp);
  for (let i = 0; i < bpp; i++) raw[row + i] = raw[row + i]! + raw[up + i]!;
  for (let i = bpp; i < stride; i++) {
    const a = raw[row + i - bpp]!;
    const b = raw[up + i]!;
    const c = raw[up + i - bpp]!;
    const pa = Math.abs(b - c);
    const pb = Math.abs(a - c);
    const pc = Math.abs(a + b - 2 * c);
    raw[row + i] = raw[row + i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
  }
}

function toRgba(raw: Buffer, header: Header, channels: number): Buffer {
  const { width, height, colourType } = header;
  const out = Buffer.allocUnsafe(width * height * 4);
  const stride = width * channels;
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1) + 1;
    if (colourType === 6) raw.copy(out, y * stride, row, row + stride);
    else expandRow(raw, row, out, y * width * 4, width, colourType);
  }
  return out;
}

/** Grey, grey with alpha and RGB rows to RGBA, opaque where the frame has no alpha. */
function expandRow(
  raw: Buffer,
  from: number,
  out: Buffer,
  to: number,
  width: number,
  colourType: number,
): void {
  const grey = colourType === 0 || colourType === 4;
  const channels = CHANNELS[colourType]!;
  for (let x = 0, p = from, o = to; x < width; x++, p += channels, o += 4) {
    out[o] = raw[p]!;
    out[o + 1] = grey ? raw[p]! : raw[p + 1]!;
    out[o + 2] = grey ? raw[p]! : raw[p + 2]!;
    out[o + 3] = colourType === 4 ? raw[p + 1]! : 255;
  }
}
