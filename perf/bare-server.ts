/**
 * The baseline of `npm run bench`: a bare node:http server that reads the whole
 * request body, as the verify endpoint must, and answers a fixed JSON body of the
 * size the verify endpoint answers. No framework, no parsing, no work: whatever the
 * verify endpoint costs beyond this is the simulator's own.
 *
 *   node -r ts-node/register perf/bare-server.ts <body bytes>
 *
 * Prints one JSON line {"url"} and serves on loopback until SIGTERM or SIGINT.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

function answerOf(bytes: number): Buffer {
  const frame = '{"padding":""}';
  return Buffer.from(frame.replace('""', `"${'x'.repeat(Math.max(0, bytes - frame.length))}"`));
}

function main(): void {
  const bytes = Number(process.argv[2]);
  if (!Number.isInteger(bytes) || bytes < 14 || bytes > 65_536) {
    console.error(
      `The bare server needs a body size from 14 to 65536 bytes; got "${process.argv[2]}"`,
    );
    process.exit(2);
  }
  const answer = answerOf(bytes);

  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': answer.length,
      });
      res.end(answer);
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(0, '127.0.0.1', () => {
    console.log(
      JSON.stringify({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      }),
    );
  });

  const stop = () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main();
