/**
 * Issue 25: a fresh `npm install` on Node 20 prints no engine warning. npm warns (EBADENGINE) for
 * every installed package whose `engines.node` refuses the running Node; the lock file records
 * each one's, so the check needs no install. The overrides of package.json pin what used to warn.
 */
import fs from 'node:fs';
import path from 'node:path';
// semver comes with npm's own dependency tree (hoisted); only its satisfies() is used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const semver = require('semver') as { satisfies(version: string, range: string): boolean };

/** The oldest Node 20 the locked tree accepts whole (some of codegen's prompts need 20.17). */
const NODE_20 = '20.19.0';

describe('engines', () => {
  it(`installs nothing whose engines.node refuses Node ${NODE_20}`, () => {
    const lock = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } }> };
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => p.engines?.node !== undefined && !semver.satisfies(NODE_20, p.engines.node))
      .map(([where, p]) => `${where}@${p.version} (node ${p.engines!.node})`);
    expect(refusing).toEqual([]);
  });

  it('declares the Node it needs as the lock does', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(semver.satisfies(NODE_20, pkg.engines.node)).toBe(true);
  });
});
