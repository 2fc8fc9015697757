import { PNG } from 'pngjs';

import { isPgm, readPgm, type GreyFrame } from './pgm-frame';
import { MAX_FRAME_PIXELS, readPngRgba, type RgbaFrame } from './png-frame';

/**
 * The cloud simulator's face comparison: a real, deliberately simple image measure.
 * A frame is reduced to a small grey-level grid, centred and normalised; the score of
 * two frames is the correlation of their grids (1 is identical). This is enough to tell
 * the harness's synthetic faces apart after a browser camera round trip; it is no model
 * of a production matcher and claims no error rates.
 */

export type { GreyFrame } from './pgm-frame';

export const TEMPLATE_GRID = 24;
const CELLS = TEMPLATE_GRID * TEMPLATE_GRID;

/** What the cloud keeps of a face: numbers, never the image. */
export type FaceTemplate = Float32Array;

export interface FrameAnalysis {
  /** Standard deviation of the grid's grey levels, 0..255: near 0 means an empty frame. */
  contrast: number;
  template: FaceTemplate;
}

export interface FrameMatch {
  contrast: number;
  /** Correlation with the template, clipped to 0..1. */
  score: number;
}

export class FrameDecodeError extends Error {
  override name = 'FrameDecodeError';
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A camera frame as grey levels. The Locker page sends greymaps (PGM), read in place;
 * a PNG, which API callers may send, is decoded and turned grey first.
 */
export function readFrame(bytes: Buffer): GreyFrame {
  let frame: GreyFrame;
  if (isPgm(bytes)) {
    try {
      frame = readPgm(bytes, MAX_FRAME_PIXELS);
    } catch (error) {
      throw new FrameDecodeError(`frame is not a readable PGM image: ${(error as Error).message}`);
    }
  } else if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    const png = decodePng(bytes);
    frame = greyOf(png.width, png.height, png.data);
  } else {
    throw new FrameDecodeError('frame is neither a PGM (P5) nor a PNG image');
  }
  // A face region with fewer pixels than template cells cannot be compared.
  const region = faceRegionOf(frame.width, frame.height);
  if (region.width < TEMPLATE_GRID || region.height < TEMPLATE_GRID) {
    throw new FrameDecodeError(
      `frame is ${frame.width}x${frame.height}; its face region is ${region.width}x${region.height} pixels and at least ${TEMPLATE_GRID}x${TEMPLATE_GRID} are needed`,
    );
  }
  return frame;
}

/** The lean reader for camera-frame formats, pngjs for every other PNG. */
export function decodePng(bytes: Buffer): RgbaFrame {
  try {
    return readPngRgba(bytes) ?? PNG.sync.read(bytes);
  } catch (error) {
    throw new FrameDecodeError(`frame is not a readable PNG image: ${(error as Error).message}`);
  }
}

/** RGBA pixels to grey levels with the ITU-R BT.601 luma weights, as the Locker page does. */
export function greyOf(width: number, height: number, rgba: Uint8Array): GreyFrame {
  const grey = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < grey.length; p++, i += 4) {
    grey[p] = Math.round(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
  }
  return { width, height, grey, offset: 0 };
}

/**
 * The part of the frame compared: the inner face, where the camera framing of the
 * Locker page puts it. Leaving out the outline and background keeps two different
 * faces from scoring high merely for being faces on the same wall.
 */
const FACE_REGION = { left: 0.24, right: 0.76, top: 0.24, bottom: 0.86 };

function faceRegionOf(width: number, height: number) {
  const x0 = Math.floor(width * FACE_REGION.left);
  const y0 = Math.floor(height * FACE_REGION.top);
  return {
    x0,
    y0,
    width: Math.ceil(width * FACE_REGION.right) - x0,
    height: Math.ceil(height * FACE_REGION.bottom) - y0,
  };
}

/** Which grid cell each pixel of the face region falls in, worked out once per frame size. */
interface Geometry {
  x0: number;
  y0: number;
  /** Per column of the region, its cell's column. */
  columnCell: Int32Array;
  /** Per row of the region, the index of its cell row's first cell. */
  rowCell: Int32Array;
  /** 1 / the number of pixels in each cell. */
  inverseCount: Float64Array;
}

const geometries = new Map<number, Geometry>();
/** Frame sizes remembered; a client sending ever new sizes only refills the cache. */
const GEOMETRY_CACHE_SIZE = 32;

function geometryOf(width: number, height: number): Geometry {
  const key = width * 65_536 + height;
  const known = geometries.get(key);
  if (known) return known;

  const region = faceRegionOf(width, height);
  if (region.width < TEMPLATE_GRID || region.height < TEMPLATE_GRID) {
    throw new Error(`A ${width}x${height} frame leaves template cells empty`);
  }
  const { x0, y0 } = region;
  const columnCell = new Int32Array(region.width);
  const rowCell = new Int32Array(region.height);
  for (let x = 0; x < columnCell.length; x++) {
    columnCell[x] = Math.floor((x * TEMPLATE_GRID) / columnCell.length);
  }
  for (let y = 0; y < rowCell.length; y++) {
    rowCell[y] = Math.floor((y * TEMPLATE_GRID) / rowCell.length) * TEMPLATE_GRID;
  }
  const inverseCount = new Float64Array(CELLS);
  for (const row of rowCell) for (const column of columnCell) inverseCount[row + column]! += 1;
  for (let c = 0; c < CELLS; c++) inverseCount[c] = 1 / inverseCount[c]!;

  if (geometries.size >= GEOMETRY_CACHE_SIZE) geometries.clear();
  const geometry = { x0, y0, columnCell, rowCell, inverseCount };
  geometries.set(key, geometry);
  return geometry;
}

/** Sums the face region's grey levels per grid cell, into one scratch array reused by every call. */
const cellSums = new Int32Array(CELLS);

function sumCells(frame: GreyFrame): { sums: Int32Array; inverseCount: Float64Array } {
  const { x0, y0, columnCell, rowCell, inverseCount } = geometryOf(frame.width, frame.height);
  const { grey, width } = frame;
  const span = columnCell.length;
  cellSums.fill(0);
  for (let y = 0; y < rowCell.length; y++) {
    const cellRow = rowCell[y]!;
    const start = frame.offset + (y0 + y) * width + x0;
    for (let x = 0; x < span; x++) cellSums[cellRow + columnCell[x]!]! += grey[start + x]!;
  }
  return { sums: cellSums, inverseCount };
}

/** The mean grey level of each cell: the box average of the face region. */
function averageCells(frame: GreyFrame): Float64Array {
  const { sums, inverseCount } = sumCells(frame);
  const means = new Float64Array(CELLS);
  for (let c = 0; c < CELLS; c++) means[c] = sums[c]! * inverseCount[c]!;
  return means;
}

/** The template an enrolment stores: the grid, centred and scaled to unit length. */
export function analyseFrame(frame: GreyFrame): FrameAnalysis {
  const cells = averageCells(frame);
  let mean = 0;
  for (let c = 0; c < CELLS; c++) mean += cells[c]!;
  mean /= CELLS;
  let energy = 0;
  for (let c = 0; c < CELLS; c++) energy += (cells[c]! - mean) ** 2;

  const template = new Float32Array(CELLS);
  const norm = Math.sqrt(energy) || 1;
  for (let c = 0; c < CELLS; c++) template[c] = (cells[c]! - mean) / norm;
  return { contrast: Math.sqrt(energy / CELLS), template };
}

/**
 * A verification: the frame's correlation with an enrolled template, in one pass over
 * the grid and without building the frame's own template. It equals
 * `compareTemplates(analyseFrame(frame).template, template)` to rounding.
 */
export function matchFrame(frame: GreyFrame, template: FaceTemplate): FrameMatch {
  if (template.length !== CELLS) throw new Error('templates of different sizes');
  const { sums, inverseCount } = sumCells(frame);
  let sum = 0;
  let squares = 0;
  let cross = 0;
  let templateSum = 0;
  for (let c = 0; c < CELLS; c++) {
    const v = sums[c]! * inverseCount[c]!;
    sum += v;
    squares += v * v;
    cross += v * template[c]!;
    templateSum += template[c]!;
  }
  const energy = Math.max(0, squares - (sum * sum) / CELLS);
  const correlation = energy > 0 ? (cross - (sum / CELLS) * templateSum) / Math.sqrt(energy) : 0;
  return {
    contrast: Math.sqrt(energy / CELLS),
    score: Math.max(0, Math.min(1, correlation)),
  };
}

/** Correlation of two templates, clipped to 0..1. */
export function compareTemplates(a: FaceTemplate, b: FaceTemplate): number {
  if (a.length !== b.length) throw new Error('templates of different sizes');
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return Math.max(0, Math.min(1, sum));
}
