import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';

import type { LogoFile } from '../clients/cloud-connect-client';
import {
  LOGO_EXTENSIONS,
  LOGO_TYPES,
  makeHeavyPng,
  makeLogo,
  makeTextFile,
  makeTruncatedPng,
  type LogoFormat,
} from '../fixtures/logos';
import { adminChange, adminOf, lastAnswer, scenarioOf, setupCheck } from './support/cloud-connect';
import type { CheckoutWorld } from './support/world';

// ---- Administrator console single sign-on (CC-04) ----

When(
  'the administrator selects administrator console single sign-on using SAML',
  async function (this: CheckoutWorld) {
    await adminChange(adminOf(this).selectAdminConsoleSso(true), 'selecting SAML single sign-on');
  },
);

Given(
  'administrator console single sign-on using SAML is not selected',
  async function (this: CheckoutWorld) {
    await adminChange(adminOf(this).selectAdminConsoleSso(false), 'clearing SAML single sign-on');
    const settings = await adminChange(adminOf(this).portalSettings(), 'reading the portal');
    setupCheck(settings.adminConsoleSamlSso === false, 'SAML single sign-on is still selected');
  },
);

// ---- The organisation logo (CC-05) ----

/** A file as a browser would send it: the name and type follow the extension given. */
function fileNamed(image: Buffer, fileName: string): LogoFile {
  const extension = fileName.split('.').pop()!.toLowerCase();
  const format = (Object.keys(LOGO_EXTENSIONS) as LogoFormat[]).find(
    (f) => LOGO_EXTENSIONS[f] === extension,
  );
  return {
    image,
    fileName,
    contentType: format ? LOGO_TYPES[format] : 'application/octet-stream',
  };
}

async function upload(world: CheckoutWorld, file: LogoFile): Promise<void> {
  scenarioOf(world).answer = await adminOf(world).uploadLogo(file);
}

When(
  'the administrator uploads a(n) {logoFormat} logo of {int}x{int} pixels',
  async function (this: CheckoutWorld, format: LogoFormat, width: number, height: number) {
    const image = await makeLogo(format, width, height);
    await upload(this, fileNamed(image, `logo.${LOGO_EXTENSIONS[format]}`));
  },
);

When(
  'the administrator uploads a(n) {logoFormat} logo of {int}x{int} pixels named {string}',
  async function (
    this: CheckoutWorld,
    format: LogoFormat,
    width: number,
    height: number,
    name: string,
  ) {
    await upload(this, fileNamed(await makeLogo(format, width, height), name));
  },
);

When(
  'the administrator uploads a PNG logo of {int}x{int} pixels weighing {int} KB',
  async function (this: CheckoutWorld, width: number, height: number, kilobytes: number) {
    await upload(this, fileNamed(await makeHeavyPng(width, height, kilobytes * 1024), 'logo.png'));
  },
);

When(
  'the administrator uploads a PNG logo of {int}x{int} pixels cut short',
  async function (this: CheckoutWorld, width: number, height: number) {
    await upload(this, fileNamed(await makeTruncatedPng(width, height), 'logo.png'));
  },
);

When(
  'the administrator uploads a text file named {string} as the logo',
  async function (this: CheckoutWorld, name: string) {
    await upload(this, fileNamed(makeTextFile(), name));
  },
);

Then(
  'the portal keeps the logo as a {word} of {int}x{int} pixels',
  async function (this: CheckoutWorld, format: string, width: number, height: number) {
    const { status, body } = lastAnswer(this);
    assert.equal(status, 200, `the portal refused the logo: ${JSON.stringify(body)}`);
    const { logo } = await adminChange(adminOf(this).portalSettings(), 'reading the portal');
    assert.deepEqual([logo?.format, logo?.width, logo?.height], [format, width, height]);
  },
);

Then('the portal refuses the logo with {word}', function (this: CheckoutWorld, code: string) {
  const { status, body } = lastAnswer(this);
  assert.ok(
    status >= 400 && status < 500,
    `the portal answered ${status}: ${JSON.stringify(body)}`,
  );
  assert.equal(body.error?.code, code, body.error?.message);
});

Then('the portal has no logo', async function (this: CheckoutWorld) {
  const { logo } = await adminChange(adminOf(this).portalSettings(), 'reading the portal');
  assert.equal(logo, null, `the portal kept ${JSON.stringify(logo)}`);
});
