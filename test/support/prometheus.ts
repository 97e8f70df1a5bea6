/**
 * A Prometheus scrape as Prometheus's own Python client parses it
 * (`prometheus_client.parser.text_string_to_metric_families`): the text is judged by a parser of
 * another ecosystem, not by our own reading of it. The client is pinned in
 * test/support/python-requirements.txt and installed into .python-deps/ by .ci/run.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const REQUIREMENTS = 'test/support/python-requirements.txt';
/** Where .ci/run installs the Python packages the tests use (git-ignored). */
export const PYTHON_DEPS = path.join(root, '.python-deps');
const INSTALL = `python3 -m pip install --target .python-deps -r ${REQUIREMENTS}`;

const PARSE = `
import json, sys
from prometheus_client.parser import text_string_to_metric_families
out = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for s in family.samples:
        out.append({"family": family.name, "type": family.type, "name": s.name, "labels": s.labels, "value": s.value})
print(json.dumps(out))
`;

/** One sample of a scrape. */
export interface Sample {
  family: string;
  type: string;
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses a scrape with the Python client; throws, saying how to install it, when Python or the
 * client is missing, and with the parser's message when the text is not valid exposition format.
 */
export function parseScrape(text: string): Sample[] {
  const run = spawnSync('python3', ['-c', PARSE], {
    input: text,
    encoding: 'utf8',
    env: { ...process.env, PYTHONPATH: [PYTHON_DEPS, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`python3 is needed to parse /metrics with Prometheus's Python client (${run.error.message}); then run: ${INSTALL}`);
  if (/No module named 'prometheus_client'/.test(run.stderr)) throw new Error(`Prometheus's Python client is not installed; run: ${INSTALL} (.ci/run does)`);
  if (run.status !== 0) throw new Error(`prometheus_client could not parse /metrics: ${run.stderr}`);
  return JSON.parse(run.stdout) as Sample[];
}

/** The sum of the samples named `name` whose labels include `labels`; 0 when there is none (a counter not yet moved). */
export function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.reduce((sum, s) => sum + s.value, 0);
}
