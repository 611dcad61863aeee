// Prints one closing line for the whole run, summed over the Vitest JSON reports:
//   tests: 123 passed, 0 failed, 0 skipped
// A report that is missing (its run crashed before writing it) counts as a failure.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`No test report at ${file}: that run did not finish.`);
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  // numFailedTestSuites counts describe blocks too; a file that failed without a failing test (it
  // crashed while loading) shows only as success: false.
  failed += report.numFailedTests + (report.success === false && report.numFailedTests === 0 ? 1 : 0);
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0) process.exitCode = 1;
