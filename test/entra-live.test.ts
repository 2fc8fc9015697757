import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';

import { GraphClient } from '../clients/graph-client';
import { requestJson } from '../clients/json-http';

// The live-mode path over real HTTP: `npm run mocks` in one process, `check:entra` in another.
const ROOT = resolve(__dirname, '..');
let mocks: ChildProcess;
let platform: Record<string, any>;

before(async () => {
  mocks = spawn(
    process.execPath,
    ['--require', 'ts-node/register', join(ROOT, 'scripts', 'mocks.ts')],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  platform = await new Promise((resolveLine, reject) => {
    let buffered = '';
    mocks.stdout!.on('data', (chunk) => {
      buffered += chunk;
      const line = buffered.split('\n').find((l) => l.startsWith('{'));
      if (line) resolveLine(JSON.parse(line));
    });
    mocks.once('exit', (code) => reject(new Error(`npm run mocks exited with ${code}`)));
  });
});

after(() => {
  mocks.kill('SIGTERM');
});

function checkEntra(extra: string[] = []) {
  const out = join(mkdtempSync(join(tmpdir(), 'entra-')), 'findings.json');
  const run = spawnSync(
    process.execPath,
    [
      '--require',
      'ts-node/register',
      join(ROOT, 'scripts', 'check-entra.ts'),
      '--graph-url',
      platform.graph,
      '--login-url',
      platform.graph,
      '--tenant-id',
      platform.tenantId,
      '--client-id',
      platform.clientId,
      '--client-secret',
      platform.clientSecret,
      '--groups',
      platform.scopeGroupIds.join(','),
      '--out',
      out,
      ...extra,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    findings: run.status === 2 ? [] : JSON.parse(readFileSync(out, 'utf8')).findings,
  };
}

test('the standalone platform prints everything a live-mode run needs', () => {
  for (const key of [
    'graph',
    'eam',
    'cloud',
    'mam',
    'control',
    'tenantId',
    'tokenUrl',
    'clientId',
    'clientSecret',
  ])
    assert.ok(platform[key], key);
});

test(
  'the compliant default tenant has no blocking finding over real HTTP',
  { timeout: 30_000 },
  () => {
    const run = checkEntra(['--cloud-url', platform.cloud, '--cloud-token', platform.cloudToken]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /0 blocking finding\(s\)/);
  },
);

test(
  'a planted federation without an HRD policy is found, with exit 1',
  { timeout: 30_000 },
  async () => {
    const checker = new GraphClient({
      graphUrl: platform.graph,
      loginUrl: platform.graph,
      tenantId: platform.tenantId,
      clientId: platform.clientId,
      clientSecret: platform.clientSecret,
    });
    const [domain] = await checker.getAll<{ id: string; isDefault: boolean }>(
      '/domains?$filter=isDefault eq true',
    );
    const planted = await requestJson(`${platform.control}/graph/tenant`, {
      method: 'PATCH',
      body: { domainAuthentication: { [domain!.id]: 'Federated' } },
    });
    assert.equal(planted.status, 204);
    try {
      const run = checkEntra();
      assert.equal(run.status, 1, run.stdout + run.stderr);
      const codes = run.findings.map((f: { code: string }) => f.code);
      assert.ok(codes.includes('HRD_POLICY_NOT_ASSIGNED'), codes.join(', '));
      assert.match(run.stdout, /ENTRA-05:\n  \[error\] HRD_POLICY_NOT_ASSIGNED/);
    } finally {
      await requestJson(`${platform.control}/reset`, { body: {} });
    }
  },
);

test(
  'wrong credentials or a missing option stop with exit 2 and a reason',
  { timeout: 30_000 },
  () => {
    const wrong = checkEntra(['--client-secret', 'not-the-secret']);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /Invalid client secret/);
    const missing = spawnSync(
      process.execPath,
      ['--require', 'ts-node/register', join(ROOT, 'scripts', 'check-entra.ts')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, TENANT_ID: '', CLIENT_ID: '', CLIENT_SECRET: '' },
      },
    );
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Missing --tenant-id, --client-id, --client-secret/);
  },
);
