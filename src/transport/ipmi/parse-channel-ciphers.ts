// Reads the table `ipmitool channel getciphers ipmi <channel>` prints: the RMCP+ cipher
// suites a BMC offers, for the cipher-zero check (suite 0 authenticates nobody).

/** One cipher suite the BMC lists. */
export interface CipherSuiteRow {
  id: number;
  /** Vendor IANA number for OEM suites; undefined when ipmitool prints "N/A". */
  iana: number | undefined;
  authentication: string;
  integrity: string;
  confidentiality: string;
}

/** Parsed rows, plus lines that looked like neither a row nor the header. */
export interface CipherSuiteParse {
  rows: CipherSuiteRow[];
  unparsed: string[];
}

const HEADER = /^ID\s+IANA\s/;

/** Parses `ipmitool channel getciphers` stdout. Pure. */
export function parseChannelCiphers(stdout: string): CipherSuiteParse {
  const rows: CipherSuiteRow[] = [];
  const unparsed: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (line.trim() === '' || HEADER.test(line)) continue;
    const words = line.trim().split(/\s+/);
    const [id, iana, authentication, integrity, confidentiality] = words;
    if (words.length !== 5 || !/^\d+$/.test(id!) || !(iana === 'N/A' || /^\d+$/.test(iana!))) {
      unparsed.push(line);
      continue;
    }
    rows.push({
      id: Number(id),
      iana: iana === 'N/A' ? undefined : Number(iana),
      authentication: authentication!,
      integrity: integrity!,
      confidentiality: confidentiality!,
    });
  }
  return { rows, unparsed };
}
