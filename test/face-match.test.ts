import assert from 'node:assert/strict';
import { test } from 'node:test';

import { encodePng, renderBlankFrame, renderFace } from '../fixtures/faces';
import {
  analyseFrame,
  analysePng,
  compareTemplates,
  FrameDecodeError,
} from '../mocks/cloud/face-match';
import { buildTenant } from '../fixtures/tenant';

const threshold = buildTenant().cloud.matchThreshold;
const templateOf = (seed: string) => {
  const face = renderFace(seed);
  return analyseFrame(face.width, face.height, face.pixels).template;
};

test('a face compared with itself scores 1', () => {
  const t = templateOf('face:Ada');
  assert.ok(compareTemplates(t, t) > 0.999);
});

test('the same face drawn at another size still matches', () => {
  const small = renderFace('face:Ada', 96);
  const large = renderFace('face:Ada', 240);
  const score = compareTemplates(
    analyseFrame(small.width, small.height, small.pixels).template,
    analyseFrame(large.width, large.height, large.pixels).template,
  );
  assert.ok(score >= threshold, `score ${score}`);
});

test('no two of 40 different faces reach the match threshold', () => {
  const templates = Array.from({ length: 40 }, (_, i) => templateOf(`face:person-${i}`));
  let worst = 0;
  for (let i = 0; i < templates.length; i++) {
    for (let j = i + 1; j < templates.length; j++)
      worst = Math.max(worst, compareTemplates(templates[i]!, templates[j]!));
  }
  assert.ok(worst < threshold - 0.1, `closest impostor pair scored ${worst}`);
});

test('faces are deterministic per seed and differ between seeds', () => {
  assert.deepEqual(renderFace('s1').pixels, renderFace('s1').pixels);
  assert.notDeepEqual(renderFace('s1').pixels, renderFace('s2').pixels);
});

test('an empty frame has no contrast, a face has plenty', () => {
  const blank = renderBlankFrame();
  assert.equal(analyseFrame(blank.width, blank.height, blank.pixels).contrast, 0);
  const face = renderFace('face:Ada');
  assert.ok(analyseFrame(face.width, face.height, face.pixels).contrast > 20);
});

test('a PNG round trip keeps the template', () => {
  const face = renderFace('face:Ada');
  const direct = analyseFrame(face.width, face.height, face.pixels).template;
  assert.ok(compareTemplates(direct, analysePng(encodePng(face)).template) > 0.999);
});

test('bytes that are not a PNG, or a truncated PNG, are refused with a reason', () => {
  assert.throws(() => analysePng(Buffer.from('GIF89a-not-a-png')), FrameDecodeError);
  const png = encodePng(renderFace('face:Ada'));
  assert.throws(() => analysePng(png.subarray(0, 60)), FrameDecodeError);
});

test('a frame smaller than the template grid is refused, not judged', () => {
  const tiny = encodePng({ width: 1, height: 1, pixels: Buffer.from([255, 255, 255, 255]) });
  assert.throws(
    () => analysePng(tiny),
    (e: Error) => e instanceof FrameDecodeError && /1x1/.test(e.message),
  );
});
