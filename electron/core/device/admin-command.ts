/**
 * An admin command as the machine's admin types it on this device, for every message that names one
 * (the desk's first-run screen, refusals that send the admin to a command). The installed app answers
 * its own commands (shell/commands.ts; docs/admin-guide.md, "The motcua command"):
 * - Linux: the package links /usr/bin/motcua; the device file is the app user's alone (0600), so the
 *   machine's admin runs it with sudo — `sudo motcua doctor`.
 * - Windows: motcua.exe is not on PATH: its full path, in a prompt run as administrator, piped to
 *   `more` so the prompt waits for the windowed program's output.
 * `words` is the command after the program's name, e.g. "doctor" or "staff reset-admin <tên>".
 */
export function adminCommand(words: string, platform: NodeJS.Platform = process.platform, programFiles = process.env.ProgramFiles): string {
  if (platform === 'win32') return `"${programFiles || 'C:\\Program Files'}\\Một Cửa\\motcua.exe" ${words} | more`;
  return `sudo motcua ${words}`;
}
