import type { Bilingual } from '../../../electron/contract';
import { api } from '../api';

/**
 * The core's password policy on a candidate for account `username` (staff.checkPassword): what is
 * wrong with it, or null when it passes — or when it cannot be asked now (the save checks again).
 * The forms that set a password ask it at the first submit, so its rule shows with the other fields'.
 */
export async function passwordProblem(username: string, displayName: string, password: string): Promise<Bilingual | null> {
  if (!password) return null;
  try {
    return (await api.invoke('staff.checkPassword', { username, displayName, password })).problem;
  } catch {
    return null;
  }
}
