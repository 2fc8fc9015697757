/**
 * `npm run bench:graph`: a tenant of 100,000 users (or --users N) built from the seed in
 * a separate `npm run mocks` process, and a directory client paging through all of
 * them at $top=999 with the fields a sync reads. Prints build time, paging time and
 * memory of both processes; exits 1 when a budget is missed.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { GraphClient } from '../clients/graph-client';
import { requestJson } from '../clients/json-http';

const ROOT = resolve(__dirname, '..');
/** Budgets: seconds to build and start, seconds to page everything, server memory. */
const BUDGET = { startMs: 15_000, pagingMs: 10_000, serverRssBytes: 1024 ** 3 };

interface Platform {
  graph: string;
  control: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  users: number;
  startMs: number;
}

function startMocks(staff: number): Promise<{ platform: Platform; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--require', 'ts-node/register', join(ROOT, 'scripts', 'mocks.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, TENANT_STAFF: String(staff) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolvePlatform, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk) => {
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.startsWith('{'));
      if (line)
        resolvePlatform({
          platform: JSON.parse(line) as Platform,
          stop: () => child.kill('SIGTERM'),
        });
    });
    child.once('exit', (code) =>
      reject(new Error(`the mock platform exited with ${code} before it started`)),
    );
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { users: { type: 'string', default: '100000' } } });
  const users = Number(values.users);
  if (!Number.isSafeInteger(users) || users < 1 || users > 1_000_000) {
    console.error(`--users must be an integer from 1 to 1000000, got "${values.users}"`);
    return 2;
  }

  const { platform, stop } = await startMocks(users);
  try {
    const client = new GraphClient({
      graphUrl: platform.graph,
      loginUrl: platform.graph,
      tenantId: platform.tenantId,
      clientId: platform.clientId,
      clientSecret: platform.clientSecret,
    });
    const started = process.hrtime.bigint();
    let pages = 0;
    let seen = 0;
    let next: string | undefined =
      '/users?$top=999&$select=id,userPrincipalName,onPremisesSyncEnabled,assignedPlans';
    while (next) {
      const page: { value: unknown[]; '@odata.nextLink'?: string } = await client.getJson(next);
      pages += 1;
      seen += page.value.length;
      next = page['@odata.nextLink'];
    }
    const pagingMs = Number(process.hrtime.bigint() - started) / 1e6;
    const health = await requestJson(`${platform.control}/health`);
    const result = {
      users: platform.users,
      usersPaged: seen,
      pages,
      startMs: platform.startMs,
      pagingMs: Math.round(pagingMs),
      usersPerSecond: Math.round(seen / (pagingMs / 1000)),
      serverRssMiB: Math.round(health.body.rssBytes / 2 ** 20),
      clientRssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
      budget: {
        startMs: BUDGET.startMs,
        pagingMs: BUDGET.pagingMs,
        serverRssMiB: BUDGET.serverRssBytes / 2 ** 20,
      },
    };
    const misses = [
      seen !== platform.users && `paged ${seen} of ${platform.users} users`,
      result.startMs > BUDGET.startMs && `start took ${result.startMs} ms`,
      result.pagingMs > BUDGET.pagingMs && `paging took ${result.pagingMs} ms`,
      health.body.rssBytes > BUDGET.serverRssBytes && `server used ${result.serverRssMiB} MiB`,
    ].filter(Boolean);

    console.table([result].map(({ budget, ...row }) => row));
    const out = resolve(
      process.env.REPORTS_DIR ?? join(ROOT, 'reports', 'out'),
      'perf',
      'graph-paging.json',
    );
    mkdirSync(resolve(out, '..'), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify({ ...result, verdict: misses.length === 0 ? 'pass' : 'fail', misses }, null, 2)}\n`,
    );
    console.log(
      misses.length === 0 ? `Within budget. ${out}` : `Over budget: ${misses.join('; ')}. ${out}`,
    );
    return misses.length === 0 ? 0 : 1;
  } finally {
    stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`The Graph paging benchmark could not run: ${error.message}`);
    process.exit(2);
  },
);
