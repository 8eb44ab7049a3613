import { describe, expect, it } from 'vitest';
import { identifyBmc } from '../../../../../src/collect/bmc/redfish/identify-bmc.js';
import { biosProofPlan } from '../../../../../src/collect/bmc/redfish/bios-proof-plan.js';
import { captured } from './capture-transport.js';

const MANAGER = { dell: '/redfish/v1/Managers/iDRAC.Embedded.1', hpe: '/redfish/v1/Managers/1', lenovo: '/redfish/v1/Managers/1', supermicro: '/redfish/v1/Managers/1' } as const;
const identity = (v: keyof typeof MANAGER, withManager = true) => identifyBmc(captured(v, '/redfish/v1'), withManager ? captured(v, MANAGER[v]) : undefined);

describe('identifyBmc on real captures', () => {
  it('names each captured BMC from what it says', () => {
    expect(identity('dell')).toMatchObject({ vendor: 'dell-idrac', firmware: '6.00.30.00' });
    expect(identity('hpe')).toMatchObject({ vendor: 'hpe-ilo', generation: 'iLO 5', firmware: 'iLO 5 v2.72' });
    expect(identity('lenovo')).toMatchObject({ vendor: 'lenovo-xcc', firmware: 'TGBT42S 2.83 2023-07-05' });
    expect(identity('supermicro')).toMatchObject({ vendor: 'supermicro', firmware: '11.01.01' });
    expect(identity('dell').said).toBe('service root Vendor Dell; Manager Model 15G Monolithic; FirmwareVersion 6.00.30.00');
    expect(identity('supermicro').said).toMatch(/OEM section Supermicro/);
  });

  it('needs only the service root where it names the vendor (the Manager may be unreadable)', () => {
    expect(identity('dell', false).vendor).toBe('dell-idrac');
    expect(identity('hpe', false)).toMatchObject({ vendor: 'hpe-ilo', generation: 'iLO 5' });
    expect(identity('supermicro', false).vendor).toBe('supermicro');
  });

  it('falls back to the Manager, then to unknown', () => {
    expect(identifyBmc({}, { Model: 'Lenovo XClarity Controller' }).vendor).toBe('lenovo-xcc');
    expect(identifyBmc({ Vendor: 'OpenBMC' }, undefined).vendor).toBe('openbmc');
    expect(identifyBmc({ Oem: { Ami: {} } }, undefined).vendor).toBe('ami');
    expect(identifyBmc({ Vendor: 'fleetcheck' }, undefined)).toEqual({ vendor: 'unknown', said: 'service root Vendor fleetcheck' });
    expect(identifyBmc(undefined, undefined)).toEqual({ vendor: 'unknown', said: 'the BMC names no vendor' });
  });
});

describe('biosProofPlan', () => {
  it('never writes to a Dell, writes to HPE iLO 5 and OpenBMC, and knows no proof for Lenovo, Supermicro, AMI or iLO 4', () => {
    expect(biosProofPlan(identity('dell')).method).toBe('dell-setup-hash');
    expect(biosProofPlan(identity('hpe'))).toMatchObject({ method: 'change-password', passwordName: 'Administrator', answerProvesOld: true });
    expect(biosProofPlan({ vendor: 'openbmc', said: '' })).toMatchObject({ method: 'change-password', answerProvesOld: true });
    expect(biosProofPlan(identity('lenovo'))).toMatchObject({ method: 'none', flags: 'lenovo' });
    expect(biosProofPlan(identity('supermicro')).method).toBe('none');
    expect(biosProofPlan({ vendor: 'ami', said: '' }).method).toBe('none');
    expect(biosProofPlan({ vendor: 'hpe-ilo', generation: 'iLO 4', said: '' }).method).toBe('none');
  });

  it('tries an unknown BMC but never lets its bare 2xx prove anything', () => {
    expect(biosProofPlan({ vendor: 'unknown', said: '' })).toMatchObject({ method: 'change-password', answerProvesOld: false });
  });

  it('reads each vendor\'s own mismatch message only', () => {
    const hpe = biosProofPlan(identity('hpe'));
    const openbmc = biosProofPlan({ vendor: 'openbmc', said: '' });
    if (hpe.method !== 'change-password' || openbmc.method !== 'change-password') throw new Error('plans changed');
    expect(hpe.mismatch({ id: 'iLO.2.14.BiosPasswordMismatch', text: '', args: [] })).toBe(true);
    expect(hpe.mismatch({ id: 'iLO.2.14.PropertyValueNotInList', text: '', args: ['x', 'PasswordName'] })).toBe(false);
    expect(openbmc.mismatch({ id: 'Base.1.19.ActionParameterValueError', text: '', args: ['OldPassword', 'ChangePassword'] })).toBe(true);
    expect(openbmc.mismatch({ id: 'Base.1.19.ActionParameterValueError', text: '', args: ['NewPassword', 'ChangePassword'] })).toBe(false);
  });
});
