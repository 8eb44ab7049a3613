// IPMI privilege levels the provider stores for its initial BMC accounts.

/** A BMC account's privilege, as IPMI names it (lower case). */
export type BmcPrivilege = 'user' | 'operator' | 'administrator';
