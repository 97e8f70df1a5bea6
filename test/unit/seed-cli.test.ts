import { parseArgs } from '../../src/seed/cli';

describe('the seed command line', () => {
  it('reads the bulk mode and the targets', () => {
    expect(parseArgs(['--commit-every', '50000', 'big/'])).toMatchObject({ commitEvery: 50000, targets: ['big/'], dryRun: false });
  });

  it('is all or nothing unless --commit-every is given', () => {
    expect((parseArgs([]) as { commitEvery?: number }).commitEvery).toBeUndefined();
  });

  it.each([
    [['--commit-every'], '--commit-every needs a whole number above 0'],
    [['--commit-every', '0'], '--commit-every needs a whole number above 0'],
    [['--max-problems', 'x'], '--max-problems needs a whole number above 0'],
    [['--reset', '--dry-run'], '--reset and --dry-run do not go together'],
    [['--fast'], 'unknown option --fast'],
  ])('refuses %j with a message that names the option', (argv, message) => {
    expect(parseArgs(argv)).toBe(message);
  });
});
