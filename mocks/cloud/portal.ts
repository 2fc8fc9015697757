import type { CloudPortalSlice } from '../../fixtures/cloud-connection';
import { connectionView } from './integration';
import { inspectLogo, type LogoUpload } from './logo';
import type { CloudState } from './state';

/**
 * The Access Management setup (the cloud portal) as its administrator sees it: the
 * connection to EAM, administrator console sign-in, and the organisation logo.
 */

export type PortalState = CloudPortalSlice;

export function createPortalState(slice: CloudPortalSlice): PortalState {
  return { ...slice, logo: slice.logo && { ...slice.logo } };
}

export function portalView(state: CloudState) {
  const { adminConsoleSamlSso, logo } = state.portal;
  return {
    tenantId: state.tenantId,
    agreements: { ...state.agreements },
    connection: connectionView(state),
    adminConsoleSamlSso,
    logo,
  };
}

/**
 * CC-04: "Administrator console single sign-on using SAML" (vendor guide, finishing
 * the connection). Only the selection is kept; the SAML sign-in itself comes later.
 */
export function selectAdminConsoleSso(state: CloudState, saml: boolean): void {
  state.portal.adminConsoleSamlSso = saml;
}

/** CC-05: a logo replaces the previous one only when it passes every check. */
export async function uploadLogo(state: CloudState, upload: LogoUpload) {
  const logo = await inspectLogo(upload);
  state.portal.logo = logo;
  return logo;
}

export function removeLogo(state: CloudState): void {
  state.portal.logo = null;
}

/**
 * A tenant as Imprivata Services hands it over. Assumption: SAML single sign-on for
 * the admin consoles starts unselected, since the guide asks the administrator to
 * select it.
 */
export function resetPortal(state: CloudState): void {
  state.portal.adminConsoleSamlSso = false;
  state.portal.logo = null;
}
