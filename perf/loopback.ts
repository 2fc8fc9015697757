import { BlockList, isIP } from 'node:net';

/**
 * Load goes to this machine only: 127.0.0.0/8 or ::1, written as an address. A host
 * name is refused rather than resolved, since DNS could point it anywhere.
 */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export class NotLoopbackError extends Error {
  override name = 'NotLoopbackError';
}

export function assertLoopback(url: string): void {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    throw new NotLoopbackError(`Refusing to send load to "${url}": it is not a URL`);
  }
  const family = isIP(host);
  if (family === 0 || !LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6')) {
    throw new NotLoopbackError(
      `Refusing to send load to ${url}: benchmarks only target loopback addresses (127.0.0.0/8 or ::1), written as an address`,
    );
  }
}
