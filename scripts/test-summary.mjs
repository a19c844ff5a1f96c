// Prints one plain closing line with the test counts from Jest's machine-readable results (.jest-results.json).
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.jest-results.json';
if (!existsSync(file)) {
  console.log('0 passed, 0 failed (no Jest results: the run stopped before the tests)');
  process.exit(0);
}
const results = JSON.parse(readFileSync(file, 'utf8'));
console.log(`${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`);
