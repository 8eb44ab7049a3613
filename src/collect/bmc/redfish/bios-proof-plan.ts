// How the BIOS administrator password can be proven on each BMC family, and where that knowledge
// comes from. Pure: the collector reads the plan and does the I/O. ../shared/BMC-FACTS.md (kept
// with the project's sources) lists each source; the comments below name the one each choice
// rests on.
import type { BmcIdentity } from '../../../facts/bmc-identity.js';
import type { RedfishMessage } from '../../../transport/redfish/redfish-reply.js';
import { dmtfOldPasswordRejected } from '../redfish-bios-password.js';

/** One way to prove the BIOS password, or the reason none is known. */
export type BiosProofPlan =
  | {
      /** Read-only: compare the BMC's SHA256SetupPassword with sha256(stored password + salt). */
      method: 'dell-setup-hash';
      source: string;
    }
  | {
      /** `#Bios.ChangePassword` with the stored password as old and new (a write). */
      method: 'change-password';
      /** PasswordName of the administrator password; from the action's allowable values when it lists them. */
      passwordName: string | undefined;
      /** Whether a 2xx answer itself proves the BMC checked the old password at once. */
      answerProvesOld: boolean;
      /** Whether an error message says the old password is wrong. */
      mismatch: (m: RedfishMessage) => boolean;
      source: string;
    }
  | {
      /** No proof is known: nothing is written; read-only hints may still disprove (Lenovo's flags). */
      method: 'none';
      why: string;
      source: string;
      /** Lenovo's read-only `IsUefiAdminPasswordSet`, which can say no password is set at all. */
      flags?: 'lenovo';
    };

/** The plan for a BMC of `identity`. */
export function biosProofPlan(identity: BmcIdentity): BiosProofPlan {
  switch (identity.vendor) {
    case 'dell-idrac':
      // ChangePassword answers 200 whatever the old password and stages a BIOS job that fails at
      // reboot when the old password is wrong (dell/iDRAC-Redfish-Scripting
      // BiosChangePasswordREDFISH.py; Lifecycle Controller 2 user's guide): it is never called.
      // iDRAC 9 exposes SHA256SetupPassword + SHA256SetupPasswordSalt read-only (real capture);
      // sha256(password + salt) is Dell's documented formula for iDRAC users (iDRAC9 user's
      // guide, "Generating hash password"), unverified for the BIOS.
      return { method: 'dell-setup-hash', source: 'iDRAC9 SHA256SetupPassword (formula from the iDRAC9 user\'s guide, unverified for BIOS passwords)' };
    case 'hpe-ilo':
      if (identity.generation === 'iLO 4') {
        // iLO 4 has no ChangePassword action: AdminPassword + OldAdminPassword are PATCHed and
        // applied at reboot, reading back null (HewlettPackard/python-redfish-utility
        // SetPasswordCommand.py): no answer proves anything.
        return { method: 'none', why: 'HPE iLO 4 has no ChangePassword action and reads the BIOS password back as null', source: 'python-redfish-utility SetPasswordCommand.py' };
      }
      // iLO 5/6 registries define BiosPasswordMismatch ("The provided OldPassword does not match
      // the stored BIOS password."), so the old password is checked when the action is answered
      // (HPEDevCom/redfishdocs iLO message registries, ilo5_adaptation.md). PasswordName is
      // Administrator or User.
      return {
        method: 'change-password',
        passwordName: 'Administrator',
        answerProvesOld: true,
        mismatch: (m) => /\.BiosPasswordMismatch$/.test(m.id),
        source: 'HPE iLO 5/6 message registry (BiosPasswordMismatch)',
      };
    case 'openbmc':
      // bios-settings-mgr checks the old password against its seed HMAC at once and throws
      // InvalidCurrentPassword (openbmc/bios-settings-mgr src/password.cpp); OpenBMC trays answer
      // 400 Base ActionParameterValueError on OldPassword (openbmc/bmcweb redfish-core/lib/bios.hpp).
      return {
        method: 'change-password',
        passwordName: undefined,
        answerProvesOld: true,
        mismatch: dmtfOldPasswordRejected,
        source: 'openbmc/bios-settings-mgr password.cpp (old password checked at once)',
      };
    case 'lenovo-xcc':
      // Applied on reset; the wrong-old-password answer is undocumented and SR635/SR655 may
      // report success and set nothing (lenovo/python-redfish-lenovo set_bios_password.py). Only
      // the read-only IsUefiAdminPasswordSet flag is known (real capture).
      return { method: 'none', why: 'Lenovo XCC applies ChangePassword at reset and its answer does not show that the old password was checked', source: 'lenovo/python-redfish-lenovo set_bios_password.py', flags: 'lenovo' };
    case 'supermicro':
      // The action exists (with an ActionInfo) and the password attributes read null (real
      // capture); when, or whether, the old password is checked is not documented.
      return { method: 'none', why: 'Supermicro does not document when ChangePassword checks the old password, and reads the BIOS password back as null', source: 'Supermicro capture (ChangePasswordActionInfo)' };
    case 'ami':
      // The BIOS fetches the action as a queue at POST: probably no check at the BMC (weak evidence).
      return { method: 'none', why: 'AMI MegaRAC queues ChangePassword for the BIOS at the next POST, so the BMC does not check the old password', source: 'AMI MegaRAC (weak evidence)' };
    case 'unknown':
      // Nothing is known: the action is tried, and only an answer that itself shows the old
      // password was checked (a 400 naming OldPassword) counts; a bare 2xx proves nothing.
      return {
        method: 'change-password',
        passwordName: undefined,
        answerProvesOld: false,
        mismatch: dmtfOldPasswordRejected,
        source: 'no vendor profile: DMTF Bios.ChangePassword',
      };
  }
}
