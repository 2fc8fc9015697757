import { PNG } from 'pngjs';

import { readPngRgba, type RgbaFrame } from './png-frame';

/**
 * The cloud simulator's face comparison: a real, deliberately simple image measure.
 * A frame is reduced to a small grey-level grid, centred and normalised; the score of
 * two frames is the correlation of their grids (1 is identical). This is enough to tell
 * the harness's synthetic faces apart after a browser camera round trip; it is no model
 * of a production matcher and claims no error rates.
 */

export const TEMPLATE_GRID = 24;

/** What the cloud keeps of a face: numbers, never the image. */
export type FaceTemplate = Float32Array;

export interface FrameAnalysis {
  /** Standard deviation of the grey levels, 0..255: near 0 means an empty frame. */
  contrast: number;
  template: FaceTemplate;
}

export class FrameDecodeError extends Error {
  override name = 'FrameDecodeError';
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The lean reader for camera-frame formats, pngjs for every other PNG. */
export function decodePng(bytes: Buffer): RgbaFrame {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new FrameDecodeError('frame is not a PNG image (bad signature)');
  }
  let frame: RgbaFrame;
  try {
    frame = readPngRgba(bytes) ?? PNG.sync.read(bytes);
  } catch (error) {
    throw new FrameDecodeError(`frame is not a readable PNG image: ${(error as Error).message}`);
  }
  // Fewer pixels than template cells cannot be compared; a camera frame is far larger.
  if (frame.width < TEMPLATE_GRID || frame.height < TEMPLATE_GRID) {
    throw new FrameDecodeError(
      `frame is ${frame.width}x${frame.height}; at least ${TEMPLATE_GRID}x${TEMPLATE_GRID} pixels are needed`,
    );
  }
  return frame;
}

/**
 * The part of the frame compared: the inner face, where the camera framing of the
 * Locker page puts it. Leaving out the outline and background keeps two different
 * faces from scoring high merely for being faces on the same wall.
 */
const FACE_REGION = { left: 0.24, right: 0.76, top: 0.24, bottom: 0.86 };

/** Reduces RGBA pixels to a normalised grey-level grid by box averaging. */
export function analyseFrame(width: number, height: number, rgba: Buffer): FrameAnalysis {
  const cells = new Float64Array(TEMPLATE_GRID * TEMPLATE_GRID);
  const counts = new Uint32Array(TEMPLATE_GRID * TEMPLATE_GRID);
  const x0 = Math.floor(width * FACE_REGION.left);
  const x1 = Math.ceil(width * FACE_REGION.right);
  const y0 = Math.floor(height * FACE_REGION.top);
  const y1 = Math.ceil(height * FACE_REGION.bottom);
  for (let y = y0; y < y1; y++) {
    const row = Math.floor(((y - y0) * TEMPLATE_GRID) / (y1 - y0)) * TEMPLATE_GRID;
    for (let x = x0; x < x1; x++) {
      const cell = row + Math.floor(((x - x0) * TEMPLATE_GRID) / (x1 - x0));
      const i = (y * width + x) * 4;
      const grey = 0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!;
      cells[cell]! += grey;
      counts[cell]! += 1;
    }
  }

  let mean = 0;
  for (let c = 0; c < cells.length; c++) {
    cells[c] = cells[c]! / Math.max(1, counts[c]!);
    mean += cells[c]!;
  }
  mean /= cells.length;

  let energy = 0;
  for (let c = 0; c < cells.length; c++) energy += (cells[c]! - mean) ** 2;
  const contrast = Math.sqrt(energy / cells.length);

  const template = new Float32Array(cells.length);
  const norm = Math.sqrt(energy) || 1;
  for (let c = 0; c < cells.length; c++) template[c] = (cells[c]! - mean) / norm;
  return { contrast, template };
}

export function analysePng(bytes: Buffer): FrameAnalysis {
  const png = decodePng(bytes);
  return analyseFrame(png.width, png.height, png.data);
}

/** Correlation of two templates, clipped to 0..1. */
export function compareTemplates(a: FaceTemplate, b: FaceTemplate): number {
  if (a.length !== b.length) throw new Error('templates of different sizes');
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return Math.max(0, Math.min(1, sum));
}
