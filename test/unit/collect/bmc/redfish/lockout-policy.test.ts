import { describe, expect, it } from 'vitest';
import { mayTryLogin, parseLockoutPolicy } from '../../../../../src/collect/bmc/redfish/lockout-policy.js';
import { captured } from './capture-transport.js';

describe('lockout policy from the captured AccountServices', () => {
  it('reads what each BMC states', () => {
    expect(parseLockoutPolicy(captured('supermicro', '/redfish/v1/AccountService'))).toEqual({ threshold: 3, durationSeconds: 30 });
    expect(parseLockoutPolicy(captured('lenovo', '/redfish/v1/AccountService'))).toEqual({ threshold: 0, durationSeconds: 60 });
    expect(parseLockoutPolicy(captured('dell', '/redfish/v1/AccountService'))).toEqual({ threshold: 0, durationSeconds: 0 });
    // iLO 5 states no threshold, only an OEM delay after failures.
    expect(parseLockoutPolicy(captured('hpe', '/redfish/v1/AccountService'))).toEqual({});
  });

  it('never lets a run reach the threshold, assuming the lowest seen (3) when it is not stated', () => {
    expect(mayTryLogin({ threshold: 3 }, 0)).toBe(true);
    expect(mayTryLogin({ threshold: 3 }, 1)).toBe(true);
    expect(mayTryLogin({ threshold: 3 }, 2)).toBe(false);
    expect(mayTryLogin({ threshold: 1 }, 0)).toBe(false);
    expect(mayTryLogin({ threshold: 0 }, 50)).toBe(true);
    expect(mayTryLogin(undefined, 0)).toBe(true);
    expect(mayTryLogin({}, 1)).toBe(true);
    expect(mayTryLogin({}, 2)).toBe(false);
  });
});
