import { describe, expect, it } from 'vitest';
import { formatInventoryIssue, sortInventoryIssues } from '../../../src/inventory/inventory-issue.js';

describe('formatInventoryIssue', () => {
  it('prints file:line path: message', () => {
    expect(
      formatInventoryIssue({ file: 'inventory/fleet.yaml', line: 14, path: 'racks.A3.hosts.a3-02.bmc.address', message: 'expected an IP address or host name' }),
    ).toBe('inventory/fleet.yaml:14 racks.A3.hosts.a3-02.bmc.address: expected an IP address or host name');
  });

  it('adds the column when known, and leaves out an empty path or a missing line', () => {
    expect(formatInventoryIssue({ file: 'f.yaml', line: 3, column: 7, path: '', message: 'Map keys must be unique' })).toBe(
      'f.yaml:3:7: Map keys must be unique',
    );
    expect(formatInventoryIssue({ file: 'f.yaml', path: '', message: 'inventory file not found' })).toBe('f.yaml: inventory file not found');
  });

  it('strips control characters from every part', () => {
    const line = formatInventoryIssue({ file: 'f\u001b[2J.yaml', line: 1, path: 'a\u0007', message: 'bad \u001b]0;x\u0007' });
    expect(line).toBe('f?[2J.yaml:1 a?: bad ?]0;x?');
  });
});

describe('sortInventoryIssues', () => {
  it('orders by line then column, keeps ties in order, and drops repeats', () => {
    const issue = (line: number | undefined, message: string) => ({ file: 'f', path: '', message, ...(line === undefined ? {} : { line }) });
    expect(sortInventoryIssues([issue(5, 'e'), issue(2, 'b'), issue(undefined, 'a'), issue(2, 'c'), issue(5, 'e')]).map((i) => i.message)).toEqual([
      'a',
      'b',
      'c',
      'e',
    ]);
  });
});
