import { requestJson } from './json-http';

/**
 * How a device sends a camera frame to the cloud for face verification, as the
 * Locker page does: the frame itself as the body, the ticket in a header.
 */
export const FRAME_CONTENT_TYPE = 'image/x-portable-graymap';
export const TICKET_HEADER = 'x-face-ticket';

export function frameHeaders(ticket: string, contentType = FRAME_CONTENT_TYPE) {
  return { 'content-type': contentType, [TICKET_HEADER]: ticket };
}

/** Sends one frame; the answer's status and JSON body, whatever the status. */
export function sendFrame(
  cloudUrl: string,
  ticket: string,
  frame: Uint8Array,
  contentType = FRAME_CONTENT_TYPE,
) {
  return requestJson(`${cloudUrl}/api/v1/face/verify`, {
    bytes: frame,
    headers: frameHeaders(ticket, contentType),
  });
}
