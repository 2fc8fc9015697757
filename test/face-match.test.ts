import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  cameraFrame,
  encodePgm,
  encodePng,
  LOCKER_FRAME_SIZE,
  renderBlankFrame,
  renderFace,
  renderPrintedPhoto,
  type RgbImage,
} from '../fixtures/faces';
import {
  analyseFrame,
  compareTemplates,
  FrameDecodeError,
  greyOf,
  matchFrame,
  readFrame,
} from '../mocks/cloud/face-match';
import { buildTenant } from '../fixtures/tenant';

const { matchThreshold: threshold, minLiveContrast, minFaceContrast } = buildTenant().cloud;
const grey = (image: RgbImage) => greyOf(image.width, image.height, image.pixels);
/** What enrolment stores for a face seed, as the fixture tenant's enrolled users have it. */
const templateOf = (seed: string) => analyseFrame(grey(renderFace(seed))).template;
const people = Array.from({ length: 40 }, (_, i) => `face:person-${i}`);

test('a face compared with itself scores 1', () => {
  const t = templateOf('face:Ada');
  assert.ok(compareTemplates(t, t) > 0.999);
});

test('the same face drawn at another size still matches', () => {
  const small = analyseFrame(grey(renderFace('face:Ada', 96))).template;
  const large = analyseFrame(grey(renderFace('face:Ada', 240))).template;
  const score = compareTemplates(small, large);
  assert.ok(score >= threshold, `score ${score}`);
});

test('no two of 40 different faces reach the match threshold', () => {
  const templates = people.map(templateOf);
  let worst = 0;
  for (let i = 0; i < templates.length; i++) {
    for (let j = i + 1; j < templates.length; j++)
      worst = Math.max(worst, compareTemplates(templates[i]!, templates[j]!));
  }
  assert.ok(worst < threshold - 0.1, `closest impostor pair scored ${worst}`);
});

test("at the Locker page's frame size, every face matches its own enrolment and no other", () => {
  const frames = people.map((seed) => readFrame(cameraFrame(seed)));
  const templates = people.map(templateOf);
  let lowestOwn = 1;
  let highestOther = 0;
  for (let i = 0; i < people.length; i++) {
    for (let j = 0; j < people.length; j++) {
      const { score } = matchFrame(frames[i]!, templates[j]!);
      if (i === j) lowestOwn = Math.min(lowestOwn, score);
      else highestOther = Math.max(highestOther, score);
    }
  }
  assert.ok(lowestOwn >= threshold + 0.05, `lowest own-face score ${lowestOwn}`);
  assert.ok(highestOther < threshold - 0.1, `highest other-face score ${highestOther}`);
});

test('matching in one pass agrees with building the template and comparing', () => {
  const template = templateOf('face:Omar');
  for (const seed of ['face:Omar', 'face:Ada', 'face:person-7']) {
    const frame = readFrame(cameraFrame(seed));
    const twoPass = analyseFrame(frame);
    const onePass = matchFrame(frame, template);
    assert.ok(Math.abs(onePass.score - compareTemplates(twoPass.template, template)) < 1e-6);
    assert.ok(Math.abs(onePass.contrast - twoPass.contrast) < 1e-6);
  }
});

test('a printed photo still matches its face, but is flat: under the liveness contrast', () => {
  const seeds = Array.from({ length: 200 }, (_, i) => `face:person-${i}`);
  let liveLowest = Infinity;
  let printHighest = 0;
  let printLowestScore = 1;
  for (const seed of seeds) {
    const template = templateOf(seed);
    const live = matchFrame(readFrame(cameraFrame(seed)), template);
    const print = matchFrame(
      readFrame(encodePgm(renderPrintedPhoto(seed, LOCKER_FRAME_SIZE))),
      template,
    );
    liveLowest = Math.min(liveLowest, live.contrast);
    printHighest = Math.max(printHighest, print.contrast);
    printLowestScore = Math.min(printLowestScore, print.score);
    assert.ok(print.contrast >= minFaceContrast, `${seed}: the print still shows a face`);
  }
  assert.ok(liveLowest >= minLiveContrast + 3, `lowest live contrast ${liveLowest}`);
  assert.ok(printHighest <= minLiveContrast - 3, `highest printed-photo contrast ${printHighest}`);
  assert.ok(
    printLowestScore >= threshold,
    `a print scored ${printLowestScore}: liveness is needed`,
  );
});

test('faces are deterministic per seed and differ between seeds', () => {
  assert.deepEqual(renderFace('s1').pixels, renderFace('s1').pixels);
  assert.notDeepEqual(renderFace('s1').pixels, renderFace('s2').pixels);
});

test('an empty frame has no contrast, a face has plenty', () => {
  assert.equal(analyseFrame(grey(renderBlankFrame())).contrast, 0);
  const blank = readFrame(encodePgm(renderBlankFrame(LOCKER_FRAME_SIZE)));
  assert.ok(matchFrame(blank, templateOf('face:Ada')).contrast < 1e-6);
  assert.ok(analyseFrame(grey(renderFace('face:Ada'))).contrast > 20);
});

test('a PNG and a greymap of one picture read as the same grey levels', () => {
  const face = renderFace('face:Ada');
  const fromPng = readFrame(encodePng(face));
  const fromPgm = readFrame(encodePgm(face));
  assert.deepEqual([fromPng.width, fromPng.height], [fromPgm.width, fromPgm.height]);
  const pixels = (f: typeof fromPng) =>
    Buffer.from(f.grey.subarray(f.offset, f.offset + f.width * f.height));
  assert.deepEqual(pixels(fromPng), pixels(fromPgm));
});

test('bytes that are neither PGM nor PNG, or a truncated frame, are refused with a reason', () => {
  assert.throws(
    () => readFrame(Buffer.from('GIF89a-not-a-frame')),
    /neither a PGM \(P5\) nor a PNG/,
  );
  const png = encodePng(renderFace('face:Ada'));
  assert.throws(() => readFrame(png.subarray(0, 60)), FrameDecodeError);
  const pgm = cameraFrame('face:Ada');
  assert.throws(
    () => readFrame(pgm.subarray(0, pgm.length - 1)),
    (e: Error) => e instanceof FrameDecodeError && /6399 bytes/.test(e.message),
  );
});

test('a frame smaller than the template grid is refused, not judged', () => {
  const tiny = encodePng({ width: 1, height: 1, pixels: Buffer.from([255, 255, 255, 255]) });
  assert.throws(
    () => readFrame(tiny),
    (e: Error) => e instanceof FrameDecodeError && /1x1/.test(e.message),
  );
  // The smallest frame readable, and every score from it a number.
  const template = templateOf('face:Ada');
  const smallest = matchFrame(readFrame(encodePgm(renderFace('face:Ada', 48))), template);
  assert.ok(Number.isFinite(smallest.score) && Number.isFinite(smallest.contrast));
  // At 40 x 40 the face region is 22 x 26 pixels: some template cells would be empty.
  assert.throws(
    () => readFrame(encodePgm(renderFace('face:Ada', 40))),
    /40x40; its face region is 22x26 pixels and at least 24x24 are needed/,
  );
  assert.equal(readFrame(encodePgm(renderFace('face:Ada', 48))).width, 48);
});
