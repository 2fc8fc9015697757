/** Runs before `npm test`: finds or installs Chromium and Java (see harness/tools.ts). */
import { ensureTools } from '../harness/tools';

const problems = ensureTools();
for (const problem of problems) console.error(problem);
process.exit(problems.length === 0 ? 0 : 1);
