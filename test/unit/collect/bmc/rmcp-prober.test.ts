// The native prober's reuse of a name's one handshake: a handshake proves a password at the role
// its RAKP 1 asked for and below, never above, and a refuted password never reaches RAKP 3.
import { afterEach, describe, expect, it } from 'vitest';
import { RmcpProber } from '../../../../src/collect/bmc/rmcp-prober.js';
import type { BmcSettings } from '../../../../src/inventory/types.js';
import { Secret } from '../../../../src/model/secret.js';
import { PAYLOAD } from '../../../../src/transport/ipmi/rmcp/rmcp-packet.js';
import { payloadOf, payloadTypeOf } from '../../transport/ipmi/rmcp/capture-fixture.js';
import { bmcAnsweringRakp1, fittedRakp2 } from '../../transport/ipmi/rmcp/handshake-peer.js';
import type { ScriptedBmc } from '../../transport/ipmi/rmcp/scripted-bmc.js';

let peer: ScriptedBmc | undefined;
let prober: RmcpProber | undefined;
afterEach(async () => {
  prober?.finish();
  await peer?.close();
  peer = undefined;
  prober = undefined;
});

const bmcAt = (port: number): BmcSettings => ({ address: '127.0.0.1', port, cipherSuite: 3, channel: 1, timeoutMs: 3000, retries: 0, ipmi: true });

/** The role (low nibble of RAKP 1's byte 24) of every RAKP 1 the peer received, in order. */
const rakp1Roles = (p: ScriptedBmc) => p.received.filter((d) => payloadTypeOf(d) === PAYLOAD.rakp1).map((d) => payloadOf(d)[24]! & 0x0f);
const ROLE = { user: 2, operator: 3, administrator: 4 };

describe('RmcpProber: one handshake per name, at the role asked', () => {
  it('begins a new handshake when a higher role is asked for a name already probed at a lower one', async () => {
    peer = await bmcAnsweringRakp1((rakp1, sidm) => fittedRakp2(rakp1, sidm));
    prober = await RmcpProber.open(bmcAt(peer.port));
    const password = new Secret('Some-Pw-1');
    // ipmi_sim's captured code was made for other random numbers: it refutes our password.
    expect(await prober.prove('ADMIN', 'user', password)).toMatchObject({ ok: false, reason: 'auth' });
    expect(await prober.prove('ADMIN', 'administrator', password)).toMatchObject({ ok: false, reason: 'auth' });
    expect(rakp1Roles(peer)).toEqual([ROLE.user, ROLE.administrator]);
  });

  it('reuses the handshake for the same or a lower role, and never sends RAKP 3 for a refuted password', async () => {
    peer = await bmcAnsweringRakp1((rakp1, sidm) => fittedRakp2(rakp1, sidm));
    prober = await RmcpProber.open(bmcAt(peer.port));
    for (const role of ['administrator', 'operator', 'user', 'administrator'] as const) {
      expect(await prober.prove('ADMIN', role, new Secret(`Pw-for-${role}`))).toMatchObject({ ok: false, reason: 'auth' });
    }
    expect(rakp1Roles(peer)).toEqual([ROLE.administrator]);
    expect(peer.received.some((d) => payloadTypeOf(d) === PAYLOAD.rakp3)).toBe(false);
    // The handshake began and ended without a session: the report counts it as unfinished.
    expect(prober.finish()).toEqual({ begun: 1, finished: 0, unfinished: 1 });
  });

  it('says a password over 20 bytes was never put to the BMC, rather than that the BMC refused it', async () => {
    peer = await bmcAnsweringRakp1((rakp1, sidm) => fittedRakp2(rakp1, sidm));
    prober = await RmcpProber.open(bmcAt(peer.port));
    const outcome = await prober.prove('ADMIN', 'administrator', new Secret('x'.repeat(21)));
    expect(outcome).toMatchObject({ ok: false, reason: 'protocol', message: expect.stringContaining('longer than the 20 bytes') });
    expect(await prober.prove('ADMIN', 'administrator', new Secret('x'.repeat(20)))).toMatchObject({ ok: false, reason: 'auth' });
  });

  it('reads no user table for a password the RAKP 2 code refutes: no RAKP 3, no session, no table', async () => {
    peer = await bmcAnsweringRakp1((rakp1, sidm) => fittedRakp2(rakp1, sidm));
    prober = await RmcpProber.open(bmcAt(peer.port));
    const proof = await prober.readUsers('ADMIN', 'administrator', new Secret('Some-Pw-1'), 1);
    expect(proof).toEqual({ login: expect.objectContaining({ ok: false, reason: 'auth' }) });
    expect(peer.received.some((d) => payloadTypeOf(d) === PAYLOAD.rakp3 || payloadTypeOf(d) === PAYLOAD.ipmi)).toBe(false);
  });
});
