import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CloudConnectClient } from '../clients/cloud-connect-client';
import { makeHeavyPng, makeLogo, makeTextFile, makeTruncatedPng } from '../fixtures/logos';
import { decodeLogoField, inspectLogo, LOGO_LIMITS } from '../mocks/cloud/logo';
import { ServiceError } from '../mocks/platform/http-error';
import { usePlatform } from './support/platform';

async function refusalOf(bytes: Buffer, fileName?: string): Promise<string> {
  try {
    await inspectLogo({ bytes, fileName });
  } catch (error) {
    assert.ok(error instanceof ServiceError, String(error));
    assert.equal(error.status, 422);
    return error.code;
  }
  assert.fail('the logo was accepted');
}

test('PNG, JPG and GIF up to 200x100 are accepted, judged by their content', async () => {
  for (const [format, name] of [
    ['png', 'PNG'],
    ['jpeg', 'JPG'],
    ['gif', 'GIF'],
  ] as const) {
    const logo = await inspectLogo({ bytes: await makeLogo(format, 200, 100) });
    assert.deepEqual([logo.format, logo.width, logo.height], [name, 200, 100]);
  }
  const jpegNamedPng = await inspectLogo({
    bytes: await makeLogo('jpeg', 80, 40),
    fileName: 'logo.png',
    declaredType: 'image/png',
  });
  assert.equal(jpegNamedPng.format, 'JPG');
});

test('a logo one pixel too wide or too tall is refused', async () => {
  assert.equal(await refusalOf(await makeLogo('png', 201, 100)), 'logo_too_large');
  assert.equal(await refusalOf(await makeLogo('gif', 200, 101)), 'logo_too_large');
});

test('a logo over 100 KB is refused before it is decoded; exactly 100 KB passes', async () => {
  assert.equal(
    await refusalOf(await makeHeavyPng(200, 100, LOGO_LIMITS.maxBytes + 1)),
    'logo_too_heavy',
  );
  const atLimit = await inspectLogo({
    bytes: await makeHeavyPng(200, 100, LOGO_LIMITS.maxBytes),
  });
  assert.equal(atLimit.bytes, LOGO_LIMITS.maxBytes);
});

test('other formats, text named logo.png, a cut-short PNG and an empty file are refused', async () => {
  assert.equal(await refusalOf(await makeLogo('webp', 100, 50)), 'logo_format_unsupported');
  assert.equal(await refusalOf(await makeLogo('tiff', 100, 50)), 'logo_format_unsupported');
  assert.equal(await refusalOf(makeTextFile(), 'logo.png'), 'logo_not_an_image');
  assert.equal(await refusalOf(await makeTruncatedPng(200, 100)), 'logo_corrupt');
  assert.equal(await refusalOf(Buffer.alloc(0)), 'logo_empty');
});

test('the upload field must be base64; anything else is a 400', () => {
  assert.equal(
    decodeLogoField('data:image/png;base64,iVBORw0KGgo=').subarray(1, 4).toString(),
    'PNG',
  );
  for (const bad of [undefined, 42, '', 'not base64!', 'abc']) {
    assert.throws(
      () => decodeLogoField(bad),
      (e: ServiceError) => e.status === 400,
      String(bad),
    );
  }
});

const platform = usePlatform();

test('over HTTP: a good logo is kept, a fake PNG gets a 422 and leaves it in place', async () => {
  const { urls, platform: p } = platform();
  const portal = new CloudConnectClient({
    eamUrl: urls.eam,
    eamApiKey: p.state.eam.apiKey,
    cloudUrl: urls.cloud,
    portalAdminKey: p.state.tenant.cloud.portal.adminKey,
  });
  const good = await portal.uploadLogo({
    image: await makeLogo('gif', 120, 60),
    fileName: 'logo.gif',
    contentType: 'image/gif',
  });
  assert.equal(good.status, 200, JSON.stringify(good.body));

  const fake = await portal.uploadLogo({
    image: makeTextFile(),
    fileName: 'logo.png',
    contentType: 'image/png',
  });
  assert.equal(fake.status, 422);
  assert.equal(fake.body.error.code, 'logo_not_an_image');
  assert.match(fake.body.error.message, /logo\.png, image\/png/);
  assert.deepEqual((await portal.portalSettings()).body.logo, {
    format: 'GIF',
    width: 120,
    height: 60,
    bytes: good.body.bytes,
  });
});
