/**
 * `npm run seed -- --check [paths]`: validates seed files without a database — the schema,
 * references within the input, quotes and translations verbatim in held text, the rules beyond
 * the schema and basedOn cycles. What it cannot see is only what a database would add (ids
 * defined by earlier seeds), so a clean check of the whole seed folder means a clean seed.
 */
import { readSeedPaths } from './files';
import { likelyDuplicates, LikelyDuplicate } from './duplicates';
import { heldTexts, mergeFiles, noneKnown, Problem, referenceProblems, schemaProblems, SeedFile } from './validate';

/**
 * Every problem of the files and folders in `targets`, and the likely duplicates among their
 * entities (warnings: a curator decides; none when the files have problems).
 */
export function checkPaths(targets: string[], schemaPath: string, seedRoot: string): { files: string[]; problems: Problem[]; duplicates: LikelyDuplicate[] } {
  const { files, parsed, problems } = readSeedPaths(targets);
  const all = [...problems, ...checkParsed(parsed, schemaPath, seedRoot)];
  return { files, problems: all, duplicates: all.length > 0 ? [] : likelyDuplicates(mergeFiles(parsed).input) };
}

/** Every problem of parsed seed files that is visible without a database (a whole export has none). */
export function checkParsed(parsed: SeedFile[], schemaPath: string, seedRoot: string): Problem[] {
  const problems: Problem[] = [];
  for (const f of parsed) problems.push(...schemaProblems(f.file, f.data, schemaPath));
  // References are only meaningful over schema-valid data.
  if (problems.length > 0) return problems;
  const { input, problems: merged } = mergeFiles(parsed);
  problems.push(...merged);
  const { texts, problems: textProblems } = heldTexts(input, seedRoot);
  problems.push(...textProblems);
  problems.push(...referenceProblems(input, noneKnown(), texts));
  return problems;
}
