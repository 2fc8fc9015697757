import { requestJson } from './json-http';

/**
 * The calls an administrator makes while following the guide's "Secure Connection to
 * Imprivata Cloud Platform": the EAM consoles' API with the EAM key, the Access
 * Management setup's with the portal administrator's key. Answers come back as they
 * are (status and body) so a caller can judge a refusal.
 */

export interface CloudConnectEndpoints {
  eamUrl: string;
  eamApiKey: string;
  cloudUrl: string;
  portalAdminKey: string;
}

export interface LogoFile {
  image: Buffer;
  fileName?: string;
  contentType?: string;
}

export class CloudConnectClient {
  constructor(private readonly endpoints: CloudConnectEndpoints) {}

  private eam(method: string, path: string, body?: unknown) {
    const { eamUrl, eamApiKey } = this.endpoints;
    return requestJson(`${eamUrl}${path}`, {
      method,
      body,
      headers: { authorization: `Bearer ${eamApiKey}` },
    });
  }

  private portal(method: string, path: string, body?: unknown) {
    const { cloudUrl, portalAdminKey } = this.endpoints;
    return requestJson(`${cloudUrl}/portal/api/v1${path}`, {
      method,
      body,
      headers: { authorization: `Bearer ${portalAdminKey}` },
    });
  }

  cloudConnect() {
    return this.eam('GET', '/api/v1/cloud-connect');
  }

  operateCloudConnect(action: 'restart' | 'stop', appliances: 'all' | string[]) {
    return this.eam('POST', '/api/v1/cloud-connect/operations', { action, appliances });
  }

  integration() {
    return this.eam('GET', '/api/v1/cloud-integration');
  }

  integrate(token: string) {
    return this.eam('POST', '/api/v1/cloud-integration', { token });
  }

  portalSettings() {
    return this.portal('GET', '/settings');
  }

  createIntegrationToken(integrationId: string) {
    return this.portal('POST', '/integration-tokens', { integrationId });
  }

  selectAdminConsoleSso(saml: boolean) {
    return this.portal('PUT', '/admin-console-sso', { saml });
  }

  uploadLogo(file: LogoFile) {
    const { image, fileName, contentType } = file;
    return this.portal('PUT', '/logo', {
      image: image.toString('base64'),
      fileName,
      contentType,
    });
  }
}
