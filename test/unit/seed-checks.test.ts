/**
 * The seed checks of issue 24 that refuse, each naming file and JSON pointer: a citation without
 * a quote, a quote that stands only in a held text's header lines, an alias that no held text
 * states (our own facts.md does not count), an effect edge of a decision without a status
 * history, and a correction or replacement without the day it was made.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatProblem, heldTexts, mergeFiles, referenceProblems, schemaProblems, SeedFile } from '../../src/seed/validate';

const schemaPath = path.resolve(__dirname, '../../seed/schema.json');

/** A seed folder with one register (a header and a body) and our own summary. */
function seedRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-checks-'));
  fs.mkdirSync(path.join(dir, 'sources'));
  fs.writeFileSync(
    path.join(dir, 'sources', 'register.md'),
    [
      '# Register',
      '#### `decision-text`',
      '- URL: https://example.org/decision',
      '- Title: Decision of the Authority on Example Corp',
      '- Publisher: The Example Authority (Autorité exemplaire)',
      '- Date: 1 March 2022',
      '- Quotes:',
      '  1. "The Authority orders Example Corp to stop processing biometric data of people in the country."',
      '     Passage: second paragraph of the operative part.',
      '#### `another`',
      '- Title: Something else',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'sources', 'facts.md'), '| 1 | The Example Authority, known as TEA, acted. |\n');
  return dir;
}

const documents = [
  { id: 'decision-text', name: 'Decision', primary: true, reliability: 'HIGH', textFile: 'sources/register.md', textSection: 'decision-text' },
  { id: 'our-summary', name: 'Facts', primary: false, reliability: 'LOW', textFile: 'sources/facts.md' },
];
const quote = 'The Authority orders Example Corp to stop processing biometric data of people in the country.';
const cite = { document: 'decision-text', quote };

function problems(data: Record<string, unknown>): string[] {
  const root = seedRoot();
  const files: SeedFile[] = [{ file: 'seed/x.json', data: { documents, ...data } }];
  const schema = files.flatMap((f) => schemaProblems(f.file, f.data, schemaPath));
  if (schema.length > 0) return schema.map(formatProblem);
  const { input } = mergeFiles(files);
  const { texts, problems: textProblems } = heldTexts(input, root);
  return [...textProblems, ...referenceProblems(input, { entities: new Map(), propositions: new Set() }, texts)].map(formatProblem);
}

const authority = { id: 'example-authority', kind: 'REGULATOR', name: 'The Example Authority', sources: [cite] };
const company = { id: 'example-corp', kind: 'COMPANY', name: 'Example Corp', sources: [cite] };
const decision = { id: 'example-decision', kind: 'DECISION', name: 'Decision', date: '2022-03-01', sources: [cite] };

describe('seed checks that refuse', () => {
  it('accept the clean input they start from', () => {
    expect(problems({ entities: [authority, company, decision] })).toEqual([]);
  });

  it('refuse a citation without a quote, naming it', () => {
    expect(problems({ entities: [{ ...company, sources: [{ document: 'decision-text' }] }] })).toEqual(['seed/x.json:/entities/0/sources/0: missing required property "quote"']);
  });

  it('refuse a quote that stands only in a header line (a title, a publisher, a date)', () => {
    for (const header of ['Decision of the Authority on Example Corp', 'The Example Authority (Autorité exemplaire)', '1 March 2022', 'second paragraph of the operative part']) {
      expect(problems({ entities: [{ ...company, sources: [{ document: 'decision-text', quote: header }] }] })).toEqual([
        'seed/x.json:/entities/0/sources/0/quote: quote stands only in a header line (URL, title, publisher, date, language, kind, status, note) of the held text of "decision-text": metadata is not evidence, quote the document\'s own words',
      ]);
    }
  });

  it('refuse an alias that no held text states, and facts.md does not count', () => {
    expect(problems({ entities: [{ ...authority, aliases: ['Autorité exemplaire', 'TEA', 'Example DPA'] }] })).toEqual([
      'seed/x.json:/entities/0/aliases/1: alias "TEA" is stated by no held text (facts.md, our own summary, does not count)',
      'seed/x.json:/entities/0/aliases/2: alias "Example DPA" is stated by no held text (facts.md, our own summary, does not count)',
    ]);
  });

  it('refuse an effect edge of a decision without a status history, and accept it with one', () => {
    const edge = { from: 'example-decision', type: 'PROHIBITS', to: 'example-corp', sources: [cite] };
    expect(problems({ entities: [company, decision], relationships: [edge] })).toEqual([
      'seed/x.json:/relationships/0/from: an effect (PROHIBITS) of decision "example-decision" needs the decision\'s status history: without it the effect would hold always',
    ]);
    const withHistory = { ...decision, decision: { statusHistory: [{ status: 'IN_FORCE', from: '2022-03-01', sources: [cite] }] } };
    expect(problems({ entities: [company, withHistory], relationships: [edge] })).toEqual([]);
  });

  it('refuse a correction or a replacement without the day it was made', () => {
    const claim = { text: 'x', claimant: 'example-authority', subjects: ['example-corp'], proposition: 'p', polarity: 'AFFIRMS', kind: 'ASSERTION', sources: [cite] };
    const claims = [
      { ...claim, id: 'first', madeOn: '2022-03-01' },
      { ...claim, id: 'fix', corrects: ['first'] },
      { ...claim, id: 'appeal', supersedes: ['first'], madeOn: '2023-01-01' },
    ];
    expect(problems({ entities: [authority, company], propositions: [{ id: 'p', text: 'p' }], claims })).toEqual([
      'seed/x.json:/claims/1/madeOn: a claim that corrects another needs madeOn: the day from which the other counts no more',
    ]);
  });

  it('check quotes against every part of a document held in two registers', () => {
    const root = seedRoot();
    fs.writeFileSync(path.join(root, 'sources', 'second.md'), '#### `part-two`\n- Quotes:\n  1. "A second passage of the same decision."\n');
    const files: SeedFile[] = [
      {
        file: 'seed/x.json',
        data: {
          documents: [{ ...documents[0], alsoHeldIn: [{ textFile: 'sources/second.md', textSection: 'part-two' }] }],
          entities: [{ ...company, sources: [cite, { document: 'decision-text', quote: 'A second passage of the same decision.' }] }],
        },
      },
    ];
    expect(files.flatMap((f) => schemaProblems(f.file, f.data, schemaPath))).toEqual([]);
    const { input } = mergeFiles(files);
    const { texts, problems: p } = heldTexts(input, root);
    expect(p).toEqual([]);
    expect(referenceProblems(input, { entities: new Map(), propositions: new Set() }, texts)).toEqual([]);
  });
});
