/**
 * The password of the embedded Neo4j: generated on its first start and kept in a file beside its
 * store, readable by its owner only (mode 600). Every process of the project that talks to that
 * Neo4j (the server, `npm run seed`, the tests, the bench) reads the same file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The user every project process logs in as. */
export const NEO4J_USER = 'neo4j';

/**
 * Reads the password of `file`.
 * @throws Error naming the file when it is missing, unreadable or empty.
 */
export function readPasswordFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the Neo4j password file ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); start the embedded Neo4j once (npm start) or set NEO4J_PASSWORD_FILE / NEO4J_PASSWORD`);
  }
  const password = text.trim();
  if (password === '') throw new Error(`the Neo4j password file ${file} is empty`);
  return password;
}

/**
 * The password of `file`, creating the file with a new random password (mode 600) when it does
 * not exist yet. A file another process created meanwhile wins (exclusive create), so two
 * processes starting at once agree. An existing file's mode is tightened to 600.
 */
export function readOrCreatePassword(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  }
  return readPasswordFile(file);
}
