/** Who is calling: what the bearer token says, read by the auth check and by every resolver. */

/** The roles a token can carry; anonymous is the caller without one. */
type Role = 'anonymous' | 'reader' | 'curator';

/** Who is calling, from the bearer token. */
export interface Caller {
  name: string;
  role: Role;
}

/** The caller without a token. */
export const ANONYMOUS: Caller = { name: 'anonymous', role: 'anonymous' };
