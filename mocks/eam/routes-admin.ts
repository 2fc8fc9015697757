import type { Router } from 'express';

import { applyFlags } from '../platform/flags';
import { ServiceError } from '../platform/http-error';
import type { EamContext } from './routes';
import {
  assignHost,
  assignProveIdDevice,
  findComputerPolicy,
  findUserPolicy,
  updateComputerPolicy,
  updateUserPolicy,
} from './policies';

/** What an administrator changes in the EAM Admin and Appliance Consoles, over HTTP. */
export function mountEamAdmin(router: Router, ctx: EamContext): void {
  router.get('/api/v1/user-policies/:id', (req, res) => {
    res.json(findUserPolicy(ctx.state(), String(req.params.id)));
  });
  router.put('/api/v1/user-policies/:id', (req, res) => {
    res.json(updateUserPolicy(ctx.state(), String(req.params.id), req.body ?? {}));
  });

  router.get('/api/v1/computer-policies/:id', (req, res) => {
    res.json(findComputerPolicy(ctx.state(), String(req.params.id)));
  });
  router.put('/api/v1/computer-policies/:id', (req, res) => {
    res.json(updateComputerPolicy(ctx.state(), String(req.params.id), req.body ?? {}));
  });

  router.put('/api/v1/hosts/:launchpadId', (req, res) => {
    const policyId = (req.body as { policyId?: unknown } | undefined)?.policyId;
    if (typeof policyId !== 'string')
      throw new ServiceError(400, 'invalid_body', 'Expected {"policyId": string}');
    assignHost(ctx.state(), String(req.params.launchpadId), policyId);
    res.status(204).end();
  });

  router.put('/api/v1/prove-id-devices/:deviceId', (req, res) => {
    const policyId = (req.body as { policyId?: unknown } | undefined)?.policyId;
    if (typeof policyId !== 'string' && policyId !== null)
      throw new ServiceError(400, 'invalid_body', 'Expected {"policyId": string | null}');
    assignProveIdDevice(ctx.state(), String(req.params.deviceId), policyId);
    res.status(204).end();
  });

  /** Appliance upgrades and licences: the Appliance Console's and licensing page's settings. */
  router.put('/api/v1/appliance/version', (req, res) => {
    const version = (req.body as { version?: unknown } | undefined)?.version;
    if (typeof version !== 'string' || !/^\d+\.\d+(\.\d+)?$/.test(version))
      throw new ServiceError(400, 'invalid_version', 'Expected {"version": "25.4"}');
    ctx.state().version = version;
    res.json({ version });
  });
  router.put('/api/v1/licences', (req, res) => {
    res.json(applyFlags(ctx.state().licences, req.body, 'Licences'));
  });
}
