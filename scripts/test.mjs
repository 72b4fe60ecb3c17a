#!/usr/bin/env node
// `npm test`: typecheck, lint (any warning fails it), unit + integration (vitest), build, e2e (Playwright in Debian chromium), and
// one plain closing line `tests: N passed, N failed, N skipped` that CI reads. Every step runs even
// when an earlier one failed, so one run shows everything that is wrong; the exit code is non-zero
// on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

fs.rmSync('test-results', { recursive: true, force: true });
fs.mkdirSync('test-results/screenshots', { recursive: true });

const steps = [
  { name: 'typecheck', cmd: 'npm', args: ['run', '-s', 'typecheck'] },
  { name: 'lint', cmd: 'npm', args: ['run', '-s', 'lint'] },
  // built before the unit/integration run, so the CLI tests exercise the real `aisle` binary
  { name: 'build', cmd: 'npm', args: ['run', '-s', 'build'] },
  { name: 'unit', cmd: 'npm', args: ['run', '-s', 'test:unit'] },
  { name: 'e2e', cmd: 'npm', args: ['run', '-s', 'test:e2e'], needs: 'build' },
];

const failedSteps = [];
const ok = new Set();
for (const step of steps) {
  if (step.needs && !ok.has(step.needs)) {
    console.log(`\n── ${step.name}: not run, because ${step.needs} failed`);
    failedSteps.push(step.name);
    continue;
  }
  console.log(`\n── ${step.name}`);
  const t0 = Date.now();
  const r = spawnSync(step.cmd, step.args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  console.log(
    `── ${step.name}: ${r.status === 0 ? 'ok' : `FAILED (exit ${r.status})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  if (r.status === 0) ok.add(step.name);
  else failedSteps.push(step.name);
}

const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : null);
let passed = 0;
let failed = 0;
let skipped = 0;
const skipReasons = new Set();

const unit = read('test-results/unit.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
  for (const file of unit.testResults ?? [])
    for (const t of file.assertionResults ?? [])
      if (t.status === 'skipped' || t.status === 'pending') skipReasons.add(`${t.fullName ?? t.title}`);
}
const e2e = read('test-results/e2e.json');
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
  const walk = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const t of spec.tests ?? [])
        if (t.status === 'skipped') {
          const note = (t.annotations ?? [])
            .map((a) => a.description)
            .filter(Boolean)
            .join('; ');
          skipReasons.add(`${spec.title}${note ? ` — ${note}` : ''}`);
        }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of e2e.suites ?? []) walk(s);
}
// A step that failed without producing test results (typecheck, lint, build, a crashed runner) is a failure too.
for (const s of failedSteps) {
  if ((s === 'unit' && unit && unit.numFailedTests > 0) || (s === 'e2e' && e2e && e2e.stats.unexpected > 0)) continue;
  failed += 1;
}
if (skipReasons.size) {
  console.log('\nSkipped:');
  for (const r of skipReasons) console.log(`  - ${r}`);
}
if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
