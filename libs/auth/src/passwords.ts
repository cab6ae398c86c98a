import argon2 from 'argon2';

/** argon2id with a memory cost of 2^cost KiB (16: 64 MiB in production; tests use less). */
export function hashPassword(password: string, cost: number): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: 2 ** cost, timeCost: 3, parallelism: 1 });
}

/** True when `password` matches the stored hash; false for any malformed hash. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
