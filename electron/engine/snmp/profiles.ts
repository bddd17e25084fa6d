import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { profileSetIssues, validateDeviceProfile, type DeviceProfile } from '../../../shared/device-profile.js';
import { ASSETS_DIR } from '../paths.js';

export const PROFILES_DIR = join(ASSETS_DIR, 'profiles');

/** Every device profile in a folder (`<id>.json`), validated alone and together; throws naming the file and the path. */
export function loadProfiles(dir = PROFILES_DIR): ReadonlyMap<string, DeviceProfile> {
  const profiles = new Map<string, DeviceProfile>();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`${file}: not valid JSON (${(e as Error).message})`, { cause: e });
    }
    const result = validateDeviceProfile(raw);
    if (!result.ok) throw new Error(`${file}: ${result.issues.join('; ')}`);
    if (`${result.profile.id}.json` !== name) throw new Error(`${file}: id "${result.profile.id}" does not match the file name`);
    profiles.set(result.profile.id, result.profile);
  }
  const across = profileSetIssues(profiles.values());
  if (across.length) throw new Error(`${dir}: ${across.join('; ')}`);
  return profiles;
}
