/**
 * Jest reporter of the reliability suite: empties test/artifacts/reliability.json before the run
 * (so stale figures never pass for fresh ones) and prints the figures the suites recorded after it.
 */
const fs = require('node:fs');
const path = require('node:path');

const FILE = path.join(__dirname, '..', 'artifacts', 'reliability.json');

class ReliabilitySummaryReporter {
  onRunStart() {
    fs.rmSync(FILE, { force: true });
  }

  onRunComplete() {
    if (!fs.existsSync(FILE)) return;
    const figures = JSON.parse(fs.readFileSync(FILE, 'utf8'));
    const lines = ['', 'Reliability figures (test/artifacts/reliability.json):'];
    for (const [section, values] of Object.entries(figures)) {
      lines.push(`  ${section}: ${JSON.stringify(values)}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

module.exports = ReliabilitySummaryReporter;
