// Network addresses written in the inventory: IP literals, DNS host names and CIDR blocks.
import { isIPv4, isIPv6 } from 'node:net';

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** True for a DNS host name (letters, digits, '-', dot-separated) whose last label is not all digits. */
export function isDnsName(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  const labels = text.split('.');
  if (!labels.every((label) => LABEL.test(label))) return false;
  // "127.10.3.300" is a broken IPv4 address, not a name.
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

/** True for what the inventory accepts as an address: an IPv4 or IPv6 literal, or a DNS host name. */
export function isAddress(text: string): boolean {
  return isIPv4(text) || isIPv6(text) || isDnsName(text);
}

/** True for an IPv4 or IPv6 network in CIDR notation ("10.250.0.0/16", "2001:db8::/32"). */
export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const ip = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  if (isIPv4(ip)) return Number(bits) <= 32;
  if (isIPv6(ip)) return Number(bits) <= 128;
  return false;
}

/** One spelling per address, so duplicates are found whatever the case or IPv6 compression. */
export function canonicalAddress(address: string): string {
  if (isIPv6(address) && !address.includes('%')) {
    try {
      return new URL(`http://[${address}]/`).hostname.slice(1, -1);
    } catch {
      return address.toLowerCase();
    }
  }
  return address.toLowerCase();
}
