// Limits per client of the public pages count by network, not by exact address: one IPv6 host holds a
// whole /64. Only a keyed hash is stored, since a bare hash of an IPv4 address is reversed by trying all.
import { isIPv6 } from 'node:net';
import { keyedHash } from '../links/signatures.js';

/** The /64 of an IPv6 address (expanded, so every spelling of one network agrees); an IPv4 address as it is. */
export function clientNetwork(sourceIp: string): string {
  if (!isIPv6(sourceIp)) return sourceIp;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(sourceIp);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = sourceIp.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = sourceIp.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return groups.slice(0, 4).map((g) => g.padStart(4, '0')).join(':') + '::/64';
}

export const clientNetworkHash = (sourceIp: string): Promise<string> => keyedHash('shortLived', 'client-network', clientNetwork(sourceIp));
