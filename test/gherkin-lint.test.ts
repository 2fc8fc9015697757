import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

import { lintFeature, lintFeatureFiles } from '../harness/gherkin-lint';

const MATRIX = `Feature: EAM second factors
  Scenario Outline: Face recognition with <second>
    Given an EAM user policy with second "<second>"

    @eam-25.4
    Examples:
      | second         | support   |
      | Proximity Card | supported |
      | Security Key   | supported |
`;

test('a well-formed matrix passes', () => {
  assert.deepEqual(lintFeature('m.feature', MATRIX), []);
});

test('a row without its closing pipe is named with file and line (BR-11)', () => {
  const broken = MATRIX.replace('| Security Key   | supported |', '| Security Key   | supported ');
  assert.deepEqual(lintFeature('m.feature', broken), [
    {
      file: 'm.feature',
      line: 9,
      message: 'table row has no closing pipe, so Gherkin would drop or misread its last cell',
    },
  ]);
});

test('a row with a missing cell, empty Examples and an outline without Examples are each caught', () => {
  const missingCell = MATRIX.replace('| Proximity Card | supported |', '| Proximity Card |');
  assert.match(
    lintFeature('m.feature', missingCell)[0]!.message,
    /1 cells; its header \(line 7\) has 2/,
  );
  const noRows = MATRIX.split('\n').slice(0, 7).join('\n');
  assert.match(lintFeature('m.feature', noRows)[0]!.message, /no rows/);
  const noExamples = MATRIX.split('\n').slice(0, 3).join('\n');
  assert.match(lintFeature('m.feature', noExamples)[0]!.message, /no Examples/);
});

test('every feature file of the suite passes the lint', () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const path = join(dir, n);
      return statSync(path).isDirectory() ? walk(path) : n.endsWith('.feature') ? [path] : [];
    });
  const files = walk(resolve(__dirname, '..', 'features'));
  assert.ok(files.length >= 8);
  assert.deepEqual(lintFeatureFiles(files), []);
});
