// cucumber-js profiles. `npm start` adds the report formats (see scripts/run-suite.ts).
const { availableParallelism } = require('node:os');

// Each worker starts its own mock platform and Chromium. Measured on a 2-core machine,
// two workers contend for the cores and finish later than one, so the default is one
// worker per two cores; CUCUMBER_PARALLEL overrides it.
const workers = Number(
  process.env.CUCUMBER_PARALLEL ?? Math.max(1, Math.floor(availableParallelism() / 2)),
);

const common = {
  requireModule: ['ts-node/register'],
  require: ['steps/**/*.ts'],
  paths: ['features/**/*.feature'],
  format: ['progress'],
  parallel: workers > 1 ? workers : 0,
};

module.exports = {
  default: common,
  smoke: { ...common, tags: '@smoke' },
  // The harness's own self-tests (test/harness-self-test.test.ts): scenarios that must
  // come out broken or failed, kept out of the product suite.
  'self-test': {
    ...common,
    require: [...common.require, 'test/fixtures/steps/*.ts'],
    paths: ['test/fixtures/features/**/*.feature'],
  },
};
