import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import { readProcessCpuMs } from './cpu-time';
import { assertLoopback } from './loopback';

/**
 * The servers under measurement, each in a process of its own, so the load generator
 * (this process) never shares an event loop or a CPU count with what it measures.
 */
const ROOT = resolve(__dirname, '..');
const START_TIMEOUT_MS = 30_000;

export interface ServerProcess {
  name: string;
  pid: number;
  /** The JSON line the server printed when it was ready. */
  ready: Record<string, unknown>;
  /** CPU time the process has used so far, in ms; undefined where /proc is missing. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

export async function startPlatformProcess(): Promise<ServerProcess & { urls: PlatformUrls }> {
  const server = await startServerProcess('mock platform', [join(ROOT, 'scripts', 'mocks.ts')]);
  const urls = server.ready as unknown as PlatformUrls;
  for (const name of ['cloud', 'mam', 'control'] as const) {
    assertLoopback(String(urls[name]));
  }
  return { ...server, urls };
}

export async function startBareServer(bodyBytes: number): Promise<ServerProcess & { url: string }> {
  const server = await startServerProcess('bare node:http server', [
    join(ROOT, 'perf', 'bare-server.ts'),
    String(bodyBytes),
  ]);
  const url = String(server.ready.url);
  assertLoopback(url);
  return { ...server, url };
}

export interface PlatformUrls {
  cloud: string;
  mam: string;
  control: string;
}

async function startServerProcess(name: string, args: string[]): Promise<ServerProcess> {
  // The default tenant always: the benchmarks name its people, and results stay comparable.
  const { TENANT_SEED: _seed, TENANT_STAFF: _staff, ...env } = process.env;
  const child = spawn(process.execPath, ['--require', 'ts-node/register', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true' },
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));

  const ready = await readFirstJsonLine(child, name, () => stderr.join('').trim().slice(-2000));
  return {
    name,
    pid: child.pid!,
    ready,
    cpuMs: () => readProcessCpuMs(child.pid!),
    stop: () => stopProcess(child),
  };
}

function readFirstJsonLine(
  child: ChildProcess,
  name: string,
  stderrTail: () => string,
): Promise<Record<string, unknown>> {
  return new Promise((resolvePromise, reject) => {
    const fail = (why: string) => {
      child.kill('SIGKILL');
      reject(
        new Error(`The ${name} did not start: ${why}${stderrTail() ? `\n${stderrTail()}` : ''}`),
      );
    };
    const timer = setTimeout(
      () => fail(`no ready line within ${START_TIMEOUT_MS / 1000} s`),
      START_TIMEOUT_MS,
    );
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(`it exited with code ${code}`);
    });
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      try {
        resolvePromise(JSON.parse(line) as Record<string, unknown>);
      } catch {
        fail(`its first line is not JSON: ${line.slice(0, 200)}`);
      }
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}
