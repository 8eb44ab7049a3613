import { describe, expect, it } from 'vitest';
import { pendingCreated, stagedAttributes, type PendingSnapshot } from '../../../../../src/collect/bmc/redfish/pending-settings.js';
import { captured } from './capture-transport.js';

const snap = (attributes: Record<string, unknown>, jobs?: string[]): PendingSnapshot => ({ attributes, unread: [], ...(jobs ? { jobs: { path: '/j', ids: jobs } } : {}) });

describe('pending BIOS settings on real captures', () => {
  it('reads a settings object that mirrors every current attribute (Lenovo Bios/Pending, HPE bios/settings) as nothing staged', () => {
    for (const [vendor, bios, settings] of [
      ['lenovo', '/redfish/v1/Systems/1/Bios', '/redfish/v1/Systems/1/Bios/Pending'],
      ['hpe', '/redfish/v1/Systems/1/Bios', '/redfish/v1/Systems/1/Bios/settings'],
      ['dell', '/redfish/v1/Systems/System.Embedded.1/Bios', '/redfish/v1/Systems/System.Embedded.1/Bios/Settings'],
    ] as const) {
      const current = captured(vendor, bios)['Attributes'] as Record<string, unknown>;
      const pending = snap(captured(vendor, settings)['Attributes'] as Record<string, unknown>);
      expect(stagedAttributes(current, pending).size).toBe(0);
    }
  });

  it('names what a write staged: a hidden password attribute as the stored one set again, anything else as foreign, a new job as a job', () => {
    const current = captured('hpe', '/redfish/v1/Systems/1/Bios')['Attributes'] as Record<string, unknown>;
    const before = snap({ ...current, WorkloadProfile: 'Custom' });
    const after = snap({ ...current, WorkloadProfile: 'Custom', AdminPassword: null, BootMode: 'LegacyBios' }, ['/redfish/v1/Managers/iDRAC.Embedded.1/Oem/Dell/Jobs/JID_1']);
    expect(pendingCreated(current, before, after)).toEqual([
      { kind: 'attribute', name: 'BootMode', setsStoredPassword: false },
      { kind: 'attribute', name: 'AdminPassword', setsStoredPassword: true },
      { kind: 'job', name: '/redfish/v1/Managers/iDRAC.Embedded.1/Oem/Dell/Jobs/JID_1', setsStoredPassword: false },
    ]);
  });

  it('counts everything staged after the write as created when the snapshot before could not be read', () => {
    expect(pendingCreated({ A: 1 }, { unread: ['/s (timeout)'] }, snap({ A: 2 }))).toEqual([{ kind: 'attribute', name: 'A', setsStoredPassword: false }]);
  });
});
