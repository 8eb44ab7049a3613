// Finds the Debian mirror this machine already uses, so no mirror host name is written into the repository.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../lab-error.js';

/** One apt source file's name and text. */
export interface SourceFile {
  path: string;
  text: string;
}

function fromOneLineFormat(text: string, suite: string): string | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    // deb [ option=value ... ] uri suite component...
    const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)/.exec(line);
    if (m && m[2] === suite) return m[1];
  }
  return undefined;
}

function fromDeb822(text: string, suite: string): string | undefined {
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last: string | undefined;
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#')) continue;
      if (/^\s/.test(line) && last) {
        fields.set(last, `${fields.get(last) ?? ''} ${line.trim()}`);
        continue;
      }
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (m?.[1] && m[2] !== undefined) {
        last = m[1].toLowerCase();
        fields.set(last, m[2].trim());
      }
    }
    const words = (key: string): string[] => (fields.get(key) ?? '').split(/\s+/).filter(Boolean);
    if (fields.get('enabled')?.toLowerCase() === 'no') continue;
    if (!words('types').includes('deb') || !words('suites').includes(suite)) continue;
    const uri = words('uris')[0];
    if (uri) return uri;
  }
  return undefined;
}

/** The first `deb` mirror URI that serves `suite`, from sources.list and deb822 .sources files, in apt's order. */
export function mirrorFromSources(files: SourceFile[], suite: string): string | undefined {
  for (const file of files) {
    const uri = file.path.endsWith('.sources') ? fromDeb822(file.text, suite) : fromOneLineFormat(file.text, suite);
    if (uri) return uri.replace(/\/+$/, '');
  }
  return undefined;
}

/** Reads /etc/apt/sources.list and sources.list.d/*.{list,sources} (other suffixes are disabled files). */
export async function readAptSources(root = '/etc/apt'): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  const tryRead = async (path: string): Promise<void> => {
    try {
      files.push({ path, text: await readFile(path, 'utf8') });
    } catch {
      // A missing sources.list is normal on deb822-only systems.
    }
  };
  await tryRead(join(root, 'sources.list'));
  let names: string[] = [];
  try {
    names = (await readdir(join(root, 'sources.list.d'))).sort();
  } catch {
    names = [];
  }
  for (const name of names) {
    if (name.endsWith('.list') || name.endsWith('.sources')) await tryRead(join(root, 'sources.list.d', name));
  }
  return files;
}

/** The mirror to debootstrap `suite` from; a LabError when the machine has none configured. */
export async function machineMirror(suite: string): Promise<string> {
  const uri = mirrorFromSources(await readAptSources(), suite);
  if (!uri) throw new LabError(`no apt source for suite ${suite} in /etc/apt/sources.list or sources.list.d/`);
  return uri;
}
