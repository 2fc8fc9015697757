import sharp from 'sharp';

import { ServiceError } from '../platform/http-error';

/**
 * CC-05: the organisation logo of the Access Management setup, "a PNG, JPG, or GIF
 * ... 200 x 100 pixels or smaller, max 100KB" (vendor guide, "Imprivata Access
 * Management Setup", Before You Begin). The file is judged by decoding it, never by
 * its name or the type the browser declared.
 */

export const LOGO_LIMITS = {
  formats: ['png', 'jpeg', 'gif'],
  maxWidth: 200,
  maxHeight: 100,
  /** Assumption: the guide's "100KB" read as 100 KiB; not public. */
  maxBytes: 100 * 1024,
} as const;

const FORMAT_NAMES: Record<string, string> = { png: 'PNG', jpeg: 'JPG', gif: 'GIF' };

export interface LogoUpload {
  bytes: Buffer;
  fileName?: string;
  declaredType?: string;
}

export interface Logo {
  format: string;
  width: number;
  height: number;
  bytes: number;
}

const refuse = (code: string, message: string) => new ServiceError(422, code, message);

/** What the upload said it was: reported back, never believed. */
function claimOf(upload: LogoUpload): string {
  const parts = [upload.fileName, upload.declaredType].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'no name or type';
}

/** Reads the header only: enough to tell the format and size before decoding pixels. */
async function readHeader(upload: LogoUpload) {
  try {
    return await sharp(upload.bytes).metadata();
  } catch {
    throw refuse(
      'logo_not_an_image',
      `The logo (${claimOf(upload)}) is not an image in any known format. Upload a PNG, JPG or GIF.`,
    );
  }
}

/** Decodes every pixel, so a file that only starts like an image is caught. */
async function decodePixels(bytes: Buffer, format: string): Promise<void> {
  try {
    await sharp(bytes, { failOn: 'error' }).raw().toBuffer();
  } catch (error) {
    throw refuse(
      'logo_corrupt',
      `The logo looks like a ${FORMAT_NAMES[format]} but cannot be decoded (${(error as Error).message}). Export it again and upload the new file.`,
    );
  }
}

export async function inspectLogo(upload: LogoUpload): Promise<Logo> {
  const { bytes } = upload;
  const { maxBytes, maxWidth, maxHeight, formats } = LOGO_LIMITS;
  if (bytes.length === 0)
    throw refuse('logo_empty', 'The logo file is empty. Upload a PNG, JPG or GIF.');
  if (bytes.length > maxBytes) {
    throw refuse(
      'logo_too_heavy',
      `The logo is ${bytes.length} bytes; at most ${maxBytes} bytes (100 KB) are allowed. Reduce its colours or size.`,
    );
  }

  const header = await readHeader(upload);
  const format = header.format ?? 'unknown';
  if (!(formats as readonly string[]).includes(format)) {
    throw refuse(
      'logo_format_unsupported',
      `The logo (${claimOf(upload)}) is ${format.toUpperCase()}; only PNG, JPG and GIF are allowed. Convert it and upload again.`,
    );
  }
  const width = header.width ?? 0;
  const height = header.pageHeight ?? header.height ?? 0;
  if (width > maxWidth || height > maxHeight) {
    throw refuse(
      'logo_too_large',
      `The logo is ${width}x${height} pixels; at most ${maxWidth}x${maxHeight} are allowed. Scale it down.`,
    );
  }

  await decodePixels(bytes, format);
  return { format: FORMAT_NAMES[format]!, width, height, bytes: bytes.length };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:[\w.+-]+\/[\w.+-]+;base64,/;

/** The upload's file, sent as base64 (optionally a data URL); anything else is a 400. */
export function decodeLogoField(image: unknown): Buffer {
  const text = typeof image === 'string' ? image.replace(DATA_URL, '') : '';
  if (text.length === 0 || text.length % 4 !== 0 || !BASE64.test(text)) {
    throw new ServiceError(
      400,
      'invalid_body',
      'Expected {"image": base64 file, "fileName"?: string, "contentType"?: string}',
    );
  }
  return Buffer.from(text, 'base64');
}
