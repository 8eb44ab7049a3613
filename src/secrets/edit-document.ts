// Pure edits of a store document: set one secret, merge an import, list keys without values.
import type { BmcPrivilege } from '../model/bmc-privilege.js';
import type { HostEntry, SecretsDocument } from './secrets-document.js';

/** What one `secrets set` names: a BMC account, the BIOS password, an OS login or a disk. */
export type SecretSlot =
  | { kind: 'bmc'; user: string; privilege?: BmcPrivilege }
  | { kind: 'bios' }
  | { kind: 'os'; user: string; handover?: string }
  | { kind: 'disk'; device: string; handover?: string };

/** A copy of `doc` with `value` stored at `slot` of host `key` (the entry is created when absent). */
export function setSecret(doc: SecretsDocument, key: string, slot: SecretSlot, value: string): SecretsDocument {
  const hosts = { ...doc.hosts };
  const entry: HostEntry = { ...(hosts[key] ?? {}) };
  switch (slot.kind) {
    case 'bmc': {
      const accounts = [...(entry.bmc?.accounts ?? [])];
      const i = accounts.findIndex((a) => a.user === slot.user);
      const privilege = slot.privilege ?? (i >= 0 ? accounts[i]!.privilege : undefined) ?? 'administrator';
      const account = { user: slot.user, password: value, privilege };
      if (i >= 0) accounts[i] = account;
      else accounts.push(account);
      entry.bmc = { accounts };
      break;
    }
    case 'bios':
      entry.bios = { password: value };
      break;
    case 'os': {
      const os = (entry.os ?? []).filter((o) => o.user !== slot.user);
      entry.os = [...os, { user: slot.user, password: value, ...(slot.handover ? { handover: slot.handover } : {}) }];
      break;
    }
    case 'disk': {
      const disks = (entry.disks ?? []).filter((d) => d.device !== slot.device);
      entry.disks = [...disks, { device: slot.device, passphrase: value, ...(slot.handover ? { handover: slot.handover } : {}) }];
      break;
    }
  }
  hosts[key] = entry;
  return { ...doc, hosts };
}

/** A copy of `doc` with a provider system's repository password `name` set to `value`. */
export function setSystemSecret(doc: SecretsDocument, system: string, name: string, value: string): SecretsDocument {
  const systems = { ...(doc.systems ?? {}) };
  systems[system] = { ...(systems[system] ?? {}), [name]: value };
  return { ...doc, systems };
}

/** `base` with every host of `incoming` merged in: BMC accounts by user, OS logins by user, disks by device. */
export function mergeDocuments(base: SecretsDocument, incoming: SecretsDocument): SecretsDocument {
  let doc = base;
  for (const [key, entry] of Object.entries(incoming.hosts)) {
    for (const a of entry.bmc?.accounts ?? []) doc = setSecret(doc, key, { kind: 'bmc', user: a.user, ...(a.privilege ? { privilege: a.privilege } : {}) }, a.password);
    if (entry.bios) doc = setSecret(doc, key, { kind: 'bios' }, entry.bios.password);
    for (const o of entry.os ?? []) doc = setSecret(doc, key, { kind: 'os', user: o.user, ...(o.handover ? { handover: o.handover } : {}) }, o.password);
    for (const d of entry.disks ?? []) doc = setSecret(doc, key, { kind: 'disk', device: d.device, ...(d.handover ? { handover: d.handover } : {}) }, d.passphrase);
    if (!doc.hosts[key]) doc = { ...doc, hosts: { ...doc.hosts, [key]: {} } };
  }
  for (const [system, entry] of Object.entries(incoming.systems ?? {})) for (const [name, value] of Object.entries(entry)) doc = setSystemSecret(doc, system, name, value);
  return doc;
}

/** One line per host key naming what is stored, never a value. */
export function describeKeys(doc: SecretsDocument): string[] {
  return Object.keys(doc.hosts)
    .sort()
    .map((key) => {
      const e = doc.hosts[key]!;
      const parts = [
        `bmc: ${(e.bmc?.accounts ?? []).map((a) => `${a.user} (${a.privilege ?? 'administrator'})`).join(', ') || '-'}`,
        `bios: ${e.bios ? 'set' : '-'}`,
        ...(e.os?.length ? [`os: ${e.os.map((o) => o.user).join(', ')}`] : []),
        ...(e.disks?.length ? [`disks: ${e.disks.map((d) => d.device).join(', ')}`] : []),
      ];
      return `${key}  ${parts.join('; ')}`;
    })
    .concat(
      Object.keys(doc.systems ?? {})
        .sort()
        .map((system) => `system ${system}  repositories: ${Object.keys(doc.systems![system]!).sort().join(', ') || '-'}`),
    );
}
