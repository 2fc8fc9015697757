import type { Finding } from '../finding';
import type { Attestations, EntraSnapshot } from './snapshot';
import { checkConditionalAccess } from './conditional-access';
import { checkDirectory } from './directory';
import { checkFederation } from './federation';
import { checkMfaTrustedIps, checkNamedLocations } from './named-locations';
import { checkScopedUsers } from './users';

/** The requirements these checks cover, each with at least one finding code. */
export const ENTRA_REQUIREMENTS = [
  'ENTRA-01',
  'ENTRA-02',
  'ENTRA-03',
  'ENTRA-04',
  'ENTRA-05',
  'ENTRA-06',
  'PRE-05',
  'PRE-06',
];

export function runEntraChecks(
  snapshot: EntraSnapshot,
  attestations: Attestations = {},
): Finding[] {
  return [
    ...checkNamedLocations(snapshot),
    ...checkMfaTrustedIps(snapshot, attestations.mfaTrustedIps),
    ...checkFederation(snapshot),
    ...checkDirectory(snapshot),
    ...checkConditionalAccess(snapshot),
    ...checkScopedUsers(snapshot),
  ];
}
