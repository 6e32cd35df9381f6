import { hash, verify } from "@node-rs/argon2";

/**
 * Argon2id (memory-hard) with OWASP's recommended floor: 19 MiB memory, 2 passes, 1 lane
 * (~50 ms here). Parameters are stored inside each hash, so they can be raised later.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A hash to verify against when the account does not exist, so timing does not reveal which emails exist. */
export function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword("clearline-timing-equalizer-not-a-password"));
}
