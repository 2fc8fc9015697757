import { readFileSync } from 'node:fs';

/**
 * Checks feature files for the mistakes Gherkin lets through quietly (BR-11): a table
 * row without its closing pipe, rows with a different number of cells than their
 * header, an Examples table without rows, a Scenario Outline without Examples. A
 * smaller matrix must never pass for the whole one.
 */
export interface LintProblem {
  file: string;
  line: number;
  message: string;
}

const cellsOf = (row: string) =>
  row
    .trim()
    .slice(1, -1)
    .split(/(?<!\\)\|/).length;

export function lintFeature(file: string, text: string): LintProblem[] {
  const problems: LintProblem[] = [];
  const lines = text.split('\n');
  let header: { line: number; cells: number } | undefined;
  let examples: { line: number; rows: number } | undefined;
  let outline: { line: number; examples: number } | undefined;

  const closeExamples = () => {
    if (examples && examples.rows === 0)
      problems.push({
        file,
        line: examples.line,
        message: 'Examples table has a header but no rows',
      });
    examples = undefined;
  };
  const closeOutline = () => {
    closeExamples();
    if (outline && outline.examples === 0)
      problems.push({ file, line: outline.line, message: 'Scenario Outline has no Examples' });
    outline = undefined;
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text.startsWith('#') || text === '') return;
    if (!text.startsWith('|')) header = undefined;

    if (/^(Scenario Outline|Scenario Template):/.test(text)) {
      closeOutline();
      outline = { line, examples: 0 };
    } else if (/^(Scenario|Example|Rule|Feature|Background):/.test(text)) {
      closeOutline();
    } else if (/^(Examples|Scenarios):/.test(text)) {
      closeExamples();
      if (outline) outline.examples += 1;
      examples = { line, rows: -1 };
    } else if (text.startsWith('|')) {
      if (!text.endsWith('|') || text.endsWith('\\|')) {
        problems.push({
          file,
          line,
          message: 'table row has no closing pipe, so Gherkin would drop or misread its last cell',
        });
        return;
      }
      const cells = cellsOf(text);
      if (!header) header = { line, cells };
      else if (cells !== header.cells)
        problems.push({
          file,
          line,
          message: `table row has ${cells} cells; its header (line ${header.line}) has ${header.cells}`,
        });
      if (examples) examples.rows += 1;
    }
  });
  closeOutline();
  return problems;
}

export function lintFeatureFiles(files: string[]): LintProblem[] {
  return files.flatMap((file) => lintFeature(file, readFileSync(file, 'utf8')));
}
