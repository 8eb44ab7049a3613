import { describe, expect, it } from 'vitest';
import { parseRedfishMessages, summarizeMessages } from '../../../../src/transport/redfish/extended-info.js';

const wrongOld = {
  error: {
    code: 'Base.1.12.ActionParameterValueError',
    message: 'The value for the parameter OldPassword in the action Bios.ChangePassword is invalid.',
    '@Message.ExtendedInfo': [
      {
        '@odata.type': '#Message.v1_1_1.Message',
        MessageId: 'Base.1.12.ActionParameterValueError',
        Message: 'The value for the parameter OldPassword in the action Bios.ChangePassword is invalid.',
        MessageArgs: ['OldPassword', 'Bios.ChangePassword'],
        Severity: 'Warning',
      },
    ],
  },
};

describe('@Message.ExtendedInfo', () => {
  it('reads the messages of an error body', () => {
    expect(parseRedfishMessages(wrongOld, [])).toEqual([
      {
        id: 'Base.1.12.ActionParameterValueError',
        text: 'The value for the parameter OldPassword in the action Bios.ChangePassword is invalid.',
        args: ['OldPassword', 'Bios.ChangePassword'],
      },
    ]);
  });

  it('reads top-level ExtendedInfo of a success, and falls back to the error code and message', () => {
    expect(parseRedfishMessages({ '@Message.ExtendedInfo': [{ MessageId: 'Base.1.12.Success', Message: 'ok' }] }, [])).toEqual([
      { id: 'Base.1.12.Success', text: 'ok', args: [] },
    ]);
    expect(parseRedfishMessages({ error: { code: 'iLO.0.10.InternalError', message: 'boom' } }, [])).toEqual([
      { id: 'iLO.0.10.InternalError', text: 'boom', args: [] },
    ]);
  });

  it('never echoes a secret the BMC put back in its text or arguments', () => {
    const echo = { error: { '@Message.ExtendedInfo': [{ MessageId: 'X.1.0.Bad', Message: "The value 'hunter2!' for Password is invalid.", MessageArgs: ['hunter2!', 'Password'] }] } };
    const [m] = parseRedfishMessages(echo, ['hunter2!']);
    expect(JSON.stringify(m)).not.toContain('hunter2');
    expect(m?.text).toBe("The value '[secret]' for Password is invalid.");
    expect(m?.args).toEqual(['[secret]', 'Password']);
  });

  it('strips control characters and bounds length and count', () => {
    const noisy = { '@Message.ExtendedInfo': Array.from({ length: 50 }, () => ({ MessageId: 'A\u001b[31mB', Message: 'x'.repeat(5000), MessageArgs: Array(50).fill('a') })) };
    const messages = parseRedfishMessages(noisy, []);
    expect(messages).toHaveLength(8);
    expect(messages[0]?.id).toBe('A?[31mB');
    expect(messages[0]!.text.length).toBeLessThanOrEqual(203);
    expect(messages[0]?.args).toHaveLength(8);
  });

  it('ignores bodies that are not Redfish errors', () => {
    for (const body of [undefined, null, 'text', 42, [], { error: 'string' }, { '@Message.ExtendedInfo': 'no' }, { '@Message.ExtendedInfo': [null, 1, {}] }]) {
      expect(parseRedfishMessages(body, [])).toEqual([]);
    }
  });

  it('summarizes in one line', () => {
    const m = { id: 'Base.1.12.X', text: 'text', args: [] };
    expect(summarizeMessages([])).toBe('');
    expect(summarizeMessages([m])).toBe('Base.1.12.X: text');
    expect(summarizeMessages([m, { ...m, id: '' }, m])).toBe('Base.1.12.X: text; text (+1 more)');
  });
});
