// cucumber-js profiles. `npm start` adds the report formats (see scripts/run-suite.ts).
const common = {
  requireModule: ['ts-node/register'],
  require: ['steps/**/*.ts'],
  paths: ['features/**/*.feature'],
  format: ['progress'],
  // One worker per core: each starts its own mock platform and browser.
  parallel: 2,
};

module.exports = {
  default: common,
  smoke: { ...common, tags: '@smoke', parallel: 1 },
};
