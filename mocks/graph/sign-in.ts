import { timingSafeEqual } from 'node:crypto';

import type { EntraUser } from '../../fixtures/tenant';
import type { GraphState } from './state';
import { findServicePrincipal } from './apps';
import { policiesDemandingMfa } from './conditional-access';
import { cloudPasswordValidationAllowed } from './hrd';
import { addressInRanges } from './named-locations';
import { OAuthError } from './tokens';

/**
 * The sign-in decision of the token endpoint for a password grant (ROPC), which the
 * cloud platform's directory sync makes with the vendor's sync app. It follows the
 * tenant's settings as Entra ID documents them:
 * - a federated domain's users are validated in the cloud only with password hash
 *   sync and an HRD policy allowing cloud password validation for the app (ENTRA-03,
 *   ENTRA-05), else invalid_grant (AADSTS50126, as Entra answers it);
 * - an enforced conditional access policy demanding MFA that covers the app, the user
 *   and the caller's location needs interaction (AADSTS50076) (ENTRA-06, ENTRA-01);
 * - per-user MFA applies unless the caller's address is an MFA trusted IP (ENTRA-02).
 */

export interface PasswordGrant {
  clientId: string;
  username: string;
  password: string;
  ipAddress: string;
}

export interface SignInResult {
  user: EntraUser;
  appId: string;
}

const invalidGrant = (code: number, message: string) =>
  new OAuthError(400, 'invalid_grant', message, code);
const interactionRequired = (message: string) =>
  new OAuthError(400, 'interaction_required', message, 50076);

function samePassword(given: string, expected: string | undefined): boolean {
  if (expected === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function decidePasswordSignIn(state: GraphState, grant: PasswordGrant): SignInResult {
  const app = state.directory.apps.find((a) => a.appId === grant.clientId);
  if (!app)
    throw new OAuthError(
      400,
      'unauthorized_client',
      `Application with identifier '${grant.clientId}' was not found in the directory.`,
      700016,
    );
  findServicePrincipal(state, { id: app.servicePrincipalId });

  const user = state.users.find(
    (u) => u.userPrincipalName.toLowerCase() === grant.username.toLowerCase(),
  );
  if (!user)
    throw invalidGrant(
      50034,
      `The user account ${grant.username} does not exist in the directory.`,
    );
  if (!user.accountEnabled) throw invalidGrant(50057, 'The user account is disabled.');

  const domainName = user.userPrincipalName.split('@')[1]?.toLowerCase();
  const domain = state.directory.domains.find((d) => d.id.toLowerCase() === domainName);
  if (domain?.authenticationType === 'Federated') {
    const hrd = cloudPasswordValidationAllowed(state, app.servicePrincipalId);
    if (!state.directory.passwordHashSync || !hrd) {
      const missing = [
        !state.directory.passwordHashSync && 'password hash sync is off',
        !hrd &&
          `no home realm discovery policy allows cloud password validation for ${app.displayName}`,
      ]
        .filter(Boolean)
        .join(' and ');
      throw invalidGrant(
        50126,
        `Error validating credentials due to invalid username or password. (Domain ${domain.id} is federated: ${missing}.)`,
      );
    }
  }
  if (!samePassword(grant.password, state.directory.passwords[user.id])) {
    throw invalidGrant(50126, 'Error validating credentials due to invalid username or password.');
  }

  const groupIds = state.directory.groups
    .filter((g) => g.memberIds.includes(user.id))
    .map((g) => g.id);
  const demanding = policiesDemandingMfa(state, {
    appId: app.appId,
    userId: user.id,
    groupIds,
    ipAddress: grant.ipAddress,
  });
  if (demanding.length > 0) {
    throw interactionRequired(
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${app.appId}'. (Conditional access: ${demanding.map((p) => p.displayName).join(', ')}.)`,
    );
  }
  const perUser = state.directory.perUserMfa[user.id] ?? 'disabled';
  if (perUser !== 'disabled' && !addressInRanges(state.directory.mfaTrustedIps, grant.ipAddress)) {
    throw interactionRequired(
      `You must use multi-factor authentication to access '${app.appId}'. (Per-user MFA is ${perUser} and ${grant.ipAddress} is not an MFA trusted IP.)`,
    );
  }
  return { user, appId: app.appId };
}
