// ipmi_sim's configuration for one lab BMC: a LAN channel on the BMC's address and the fleet's users.
import type { LabHost } from '../fleet/plan-fleet.js';

type Bmc = NonNullable<LabHost['bmc']>;

const AUTHS = 'none md2 md5 straight';

/** The GUID in IPMI's byte order (RFC 4122 bytes reversed), the order ipmi_sim sends from lan.conf. */
export function ipmiWireGuid(rfc4122Hex: string): string {
  return (rfc4122Hex.match(/../g) ?? []).reverse().join('');
}

/** lan.conf for the BMC of `hostName`. It holds the passwords: the lab writes it with mode 0600. */
export function renderLanConf(hostName: string, bmc: Bmc): string {
  const lines = [
    `# ipmi_sim LAN configuration for lab BMC ${hostName}; rewritten by the lab on every start.`,
    `name "bmc-${hostName}"`,
    'set_working_mc 0x20',
    '  startlan 1',
    `    addr ${bmc.address} ${bmc.port}`,
    '    priv_limit admin',
    `    allowed_auths_callback ${AUTHS}`,
    `    allowed_auths_user ${AUTHS}`,
    `    allowed_auths_operator ${AUTHS}`,
    `    allowed_auths_admin ${AUTHS}`,
    `    guid ${ipmiWireGuid(bmc.guid)}`,
    '  endlan',
    // Slot 1 is the null (anonymous) user every IPMI BMC has; enabled only where a scenario asks.
    `  user 1 ${bmc.anonymous ? 'true' : 'false'} "" "" user 10 ${AUTHS}`,
    ...bmc.users.map((u) => `  user ${u.id} true "${u.name}" "${u.password}" ${u.privilege} 10 ${AUTHS}`),
    '',
  ];
  return lines.join('\n');
}

/** sim.emu: one BMC management controller with a SEL and no sensors. */
export function renderSimEmu(): string {
  return [
    'mc_setbmc 0x20',
    'mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr',
    'sel_enable 0x20 1000 0x0a',
    'mc_enable 0x20',
    '',
  ].join('\n');
}
