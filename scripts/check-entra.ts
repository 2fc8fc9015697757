/**
 * `npm run check:entra`: the Entra readiness checks (ENTRA-01 to 06, PRE-05, PRE-06),
 * read-only, against any Graph endpoint: a real tenant or `npm run mocks`. Only GET
 * calls are made, with a client-credentials token.
 *
 *   npm run check:entra -- --tenant-id <id> --client-id <id> --client-secret <secret> \
 *     [--groups <groupId,...>] [--sync-app-id <appId>] [--mfa-trusted-ips <cidr,...>] \
 *     [--graph-url https://graph.microsoft.com] [--login-url https://login.microsoftonline.com] \
 *     [--cloud-url <url> --cloud-token <token>] [--out reports/out/entra-findings.json]
 *
 * Each option can also come from the environment (TENANT_ID, CLIENT_ID, CLIENT_SECRET,
 * SCOPE_GROUP_IDS, SYNC_APP_ID, MFA_TRUSTED_IPS, GRAPH_URL, LOGIN_URL, CLOUD_URL,
 * CLOUD_TOKEN). Exit 0: no blocking finding; 1: findings; 2: the checks could not run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { GraphClient } from '../clients/graph-client';
import { requestJson } from '../clients/json-http';
import { ENTRA_REQUIREMENTS, runEntraChecks } from '../checks/entra';
import { isBlocking, type Finding } from '../checks/finding';
import { readEntraSnapshot } from '../checks/entra/read-snapshot';
import type { CloudDirectoryView } from '../checks/entra/snapshot';

const OPTIONS = {
  'tenant-id': { type: 'string', env: 'TENANT_ID' },
  'client-id': { type: 'string', env: 'CLIENT_ID' },
  'client-secret': { type: 'string', env: 'CLIENT_SECRET' },
  groups: { type: 'string', env: 'SCOPE_GROUP_IDS' },
  'sync-app-id': { type: 'string', env: 'SYNC_APP_ID' },
  'mfa-trusted-ips': { type: 'string', env: 'MFA_TRUSTED_IPS' },
  'graph-url': { type: 'string', env: 'GRAPH_URL' },
  'login-url': { type: 'string', env: 'LOGIN_URL' },
  'cloud-url': { type: 'string', env: 'CLOUD_URL' },
  'cloud-token': { type: 'string', env: 'CLOUD_TOKEN' },
  out: { type: 'string', env: 'ENTRA_FINDINGS_OUT' },
} as const;

type OptionName = keyof typeof OPTIONS;

function readOptions(): Partial<Record<OptionName, string>> {
  const { values } = parseArgs({
    options: Object.fromEntries(Object.entries(OPTIONS).map(([k, v]) => [k, { type: v.type }])),
    strict: true,
  });
  const merged: Partial<Record<OptionName, string>> = {};
  for (const [name, spec] of Object.entries(OPTIONS) as [
    OptionName,
    (typeof OPTIONS)[OptionName],
  ][]) {
    const value = (values as Record<string, string | undefined>)[name] ?? process.env[spec.env];
    if (value) merged[name] = value;
  }
  return merged;
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function printFindings(findings: Finding[]): void {
  for (const requirement of ENTRA_REQUIREMENTS) {
    const mine = findings.filter((f) => f.requirement === requirement);
    console.log(mine.length === 0 ? `${requirement}: no finding` : `${requirement}:`);
    for (const f of mine) console.log(`  [${f.severity}] ${f.code}: ${f.message}`);
  }
}

async function main(): Promise<number> {
  let options;
  try {
    options = readOptions();
  } catch (error) {
    console.error(
      `${(error as Error).message}\nSee the header of scripts/check-entra.ts or the README for the options.`,
    );
    return 2;
  }
  const missing = (['tenant-id', 'client-id', 'client-secret'] as const).filter(
    (name) => !options[name],
  );
  if (missing.length > 0) {
    console.error(
      `Missing ${missing.map((m) => `--${m}`).join(', ')} (or ${missing.map((m) => OPTIONS[m].env).join(', ')}).`,
    );
    return 2;
  }

  const graphUrl = (options['graph-url'] ?? 'https://graph.microsoft.com').replace(/\/$/, '');
  const client = new GraphClient({
    graphUrl,
    loginUrl: (options['login-url'] ?? 'https://login.microsoftonline.com').replace(/\/$/, ''),
    tenantId: options['tenant-id']!,
    clientId: options['client-id']!,
    clientSecret: options['client-secret']!,
  });
  const cloudUrl = options['cloud-url'];
  const readCloudDirectory = cloudUrl
    ? async () => {
        const answer = await requestJson(`${cloudUrl}/api/v1/directory`, {
          headers: { authorization: `Bearer ${options['cloud-token'] ?? ''}` },
        });
        if (answer.status !== 200)
          throw new Error(
            `The cloud platform answered ${answer.status} for its directory settings`,
          );
        return answer.body as CloudDirectoryView;
      }
    : undefined;

  let findings: Finding[];
  try {
    const snapshot = await readEntraSnapshot(client, {
      tenantId: options['tenant-id']!,
      syncAppId: options['sync-app-id'],
      groupIds: list(options.groups),
      readCloudDirectory,
    });
    findings = runEntraChecks(snapshot, { mfaTrustedIps: list(options['mfa-trusted-ips']) });
  } catch (error) {
    console.error(`The Entra checks could not read the tenant: ${(error as Error).message}`);
    return 2;
  }

  printFindings(findings);
  const blocking = findings.filter(isBlocking).length;
  console.log(
    `\n${blocking} blocking finding(s), ${findings.length - blocking} warning(s) or attestation(s) for tenant ${options['tenant-id']} at ${graphUrl}`,
  );

  const out = resolve(options.out ?? 'reports/out/entra-findings.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ tenantId: options['tenant-id'], graphUrl, readAt: new Date().toISOString(), findings }, null, 2)}\n`,
  );
  console.log(`Findings: ${out}`);
  return blocking === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
