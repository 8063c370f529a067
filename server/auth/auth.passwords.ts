// Password hashing with argon2id (@node-rs/argon2, a maintained native binding).
import { hash, verify } from '@node-rs/argon2';

// A hash of a random password, verified against when the email is unknown, so that a wrong
// email and a wrong password take the same time.
let decoy: Promise<string> | undefined;

export const hashPassword = (password: string) => hash(password);

export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  decoy ??= hash('decoy-' + Math.random());
  try {
    return await verify(passwordHash ?? (await decoy), password);
  } catch {
    return false;
  }
}
