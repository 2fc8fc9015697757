import { defineParameterType } from '@cucumber/cucumber';

import type { LogoFormat } from '../../fixtures/logos';

/** Parameter types of the cloud-connection scenarios, in the guide's own words. */

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oneOf = (words: string[]) =>
  new RegExp(
    [...words]
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|'),
  );

/** A region as a scenario names it ("US", "UK"); the platform keys it in lower case. */
defineParameterType({
  name: 'region',
  regexp: /[A-Z]{2,3}/,
  transformer: (name: string) => name.toLowerCase(),
});

export const INTEGRATION_TOKENS = {
  'a token made from its own integration id': 'own',
  "a token made from another enterprise's integration id": 'other',
  'a token made from its own integration id that has since expired': 'expired',
  'a token made from its own integration id with its signature altered': 'tampered',
  'text that is not a token': 'text',
} as const;

export type TokenKind = (typeof INTEGRATION_TOKENS)[keyof typeof INTEGRATION_TOKENS];

defineParameterType({
  name: 'integrationToken',
  regexp: oneOf(Object.keys(INTEGRATION_TOKENS)),
  transformer: (words: string) => INTEGRATION_TOKENS[words as keyof typeof INTEGRATION_TOKENS],
});

const UNVERIFIED_REASONS: Record<string, string> = {
  'nothing is integrated yet': 'not_integrated',
  'Cloud Connect is stopped': 'cloud_connect_stopped',
  'the firewall blocks a cloud host': 'host_blocked',
};

defineParameterType({
  name: 'unverifiedReason',
  regexp: oneOf(Object.keys(UNVERIFIED_REASONS)),
  transformer: (words: string) => UNVERIFIED_REASONS[words]!,
});

const LOGO_FORMATS: Record<string, LogoFormat> = {
  PNG: 'png',
  JPG: 'jpeg',
  GIF: 'gif',
  WebP: 'webp',
  TIFF: 'tiff',
};

defineParameterType({
  name: 'logoFormat',
  regexp: oneOf(Object.keys(LOGO_FORMATS)),
  transformer: (name: string) => LOGO_FORMATS[name]!,
});
