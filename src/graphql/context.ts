/** The per-request context: loaders are built fresh for every request, never shared. */
import type { Executor } from '../db/executor';
import type { Loaders } from './loaders';
import type { Config } from '../config';

/** Who is calling, from the bearer token. */
export interface Caller {
  name: string;
  role: 'anonymous' | 'reader' | 'curator';
}

/** What every resolver receives. */
export interface Context {
  db: Executor;
  loaders: Loaders;
  config: Config;
  caller: Caller;
}
