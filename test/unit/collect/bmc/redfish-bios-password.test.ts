import { describe, expect, it } from 'vitest';
import { adminPasswordName, classifyChangePassword } from '../../../../src/collect/bmc/redfish-bios-password.js';
import type { RedfishMessage } from '../../../../src/transport/redfish/redfish-session.js';

const reply = (status: number, messages: RedfishMessage[] = []) => ({ ok: true as const, status, json: undefined, messages, location: undefined, durationMs: 1 });
const msg = (id: string, args: string[]): RedfishMessage => ({ id, text: 'x', args });

describe('classifyChangePassword', () => {
  it('accepts a 2xx answer', () => {
    expect(classifyChangePassword(reply(200, [msg('Base.1.12.Success', [])])).outcome).toBe('accepted');
    expect(classifyChangePassword(reply(204)).outcome).toBe('accepted');
  });

  it('reads a 400 naming OldPassword as the wrong password, any other 400 as unknown', () => {
    expect(classifyChangePassword(reply(400, [msg('Base.1.12.ActionParameterValueError', ['OldPassword', 'Bios.ChangePassword'])]))).toEqual({
      outcome: 'wrong-password',
      detail: 'HTTP 400: Base.1.12.ActionParameterValueError: x',
    });
    expect(classifyChangePassword(reply(400, [msg('Base.1.12.ActionParameterValueError', ['NewPassword', 'Bios.ChangePassword'])])).outcome).toBe('unknown');
    expect(classifyChangePassword(reply(400)).outcome).toBe('unknown');
  });

  it('never reads a job, a refusal or a missing action as proof', () => {
    expect(classifyChangePassword(reply(202)).outcome).toBe('pending');
    expect(classifyChangePassword(reply(403)).outcome).toBe('forbidden');
    for (const s of [404, 405, 501]) expect(classifyChangePassword(reply(s)).outcome).toBe('unsupported');
    expect(classifyChangePassword(reply(500)).outcome).toBe('unknown');
  });
});

describe('adminPasswordName', () => {
  it("uses the action's allowable administrator name, else AdminPassword", () => {
    expect(adminPasswordName({ 'PasswordName@Redfish.AllowableValues': ['UserPassword', 'AdministratorPassword'] })).toBe('AdministratorPassword');
    expect(adminPasswordName({ target: '/x' })).toBe('AdminPassword');
    expect(adminPasswordName(undefined)).toBe('AdminPassword');
  });
});
