import { finding, type Finding } from './finding';

/**
 * Readiness of the secure connection between EAM and the cloud platform, judged from
 * what the consoles and the Access Management setup show (vendor guide, "Secure
 * Connection to Imprivata Cloud Platform"). The firewall (CC-01) and the logo (CC-05)
 * are not here: the integration itself and the portal's upload check them.
 */

export interface CloudConnectionSnapshot {
  /** The Appliance Console: Cloud Connect on each appliance. */
  appliances: { id: string; cloudConnect: string }[];
  /** The Admin Console's Access Management integrations page. */
  integration: {
    integrationId: string;
    status: string;
    reason?: string;
    message?: string;
  };
  /** The Access Management setup's settings. */
  portal: { adminConsoleSamlSso: boolean; connectedIntegrationId: string | null };
}

/** PRE-04: "You must enable the service", on all appliances. */
function checkCloudConnectRunning(snapshot: CloudConnectionSnapshot): Finding[] {
  const stopped = snapshot.appliances.filter((a) => a.cloudConnect !== 'running').map((a) => a.id);
  if (stopped.length === 0) return [];
  return [
    finding(
      'PRE-04',
      'CLOUD_CONNECT_STOPPED',
      'error',
      `Cloud Connect is not running on ${stopped.join(', ')}. In the Appliance Console (System > Operations), restart Imprivata Cloud Connect on all appliances.`,
      { stopped },
    ),
  ];
}

/** CC-03: the Status panel's integration shows verified, with this enterprise's id. */
function checkIntegrationVerified(snapshot: CloudConnectionSnapshot): Finding[] {
  const { integration, portal } = snapshot;
  const evidence = {
    integrationId: integration.integrationId,
    status: integration.status,
    reason: integration.reason ?? null,
    connectedIntegrationId: portal.connectedIntegrationId,
  };
  if (integration.status !== 'verified') {
    return [
      finding(
        'CC-03',
        'INTEGRATION_NOT_VERIFIED',
        'error',
        integration.message ?? 'The Access Management integration is not verified.',
        evidence,
      ),
    ];
  }
  if (portal.connectedIntegrationId !== integration.integrationId) {
    return [
      finding(
        'CC-03',
        'INTEGRATION_ID_MISMATCH',
        'error',
        `The cloud tenant is connected to integration id ${portal.connectedIntegrationId ?? 'none'}, not to this enterprise's ${integration.integrationId}. Create a token from the id the Admin Console shows and integrate again.`,
        evidence,
      ),
    ];
  }
  return [];
}

/** CC-04: "Select Administrator console single sign-on using SAML". */
function checkAdminConsoleSso(snapshot: CloudConnectionSnapshot): Finding[] {
  if (snapshot.portal.adminConsoleSamlSso) return [];
  return [
    finding(
      'CC-04',
      'ADMIN_CONSOLE_SSO_NOT_SAML',
      'error',
      'Administrator console single sign-on using SAML is not selected, so administrators cannot reach their consoles through the Access Management portal with SSO. Select it when finishing the connection.',
      { adminConsoleSamlSso: false },
    ),
  ];
}

export function checkCloudConnection(snapshot: CloudConnectionSnapshot): Finding[] {
  return [
    ...checkCloudConnectRunning(snapshot),
    ...checkIntegrationVerified(snapshot),
    ...checkAdminConsoleSso(snapshot),
  ];
}
