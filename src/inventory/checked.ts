// The result of checking one written value: the value in its final form, or why it is wrong.

/** A leaf validator's answer; the message is short and safe to print. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** The message for a required field that is absent, shared so it can be recognised when merging issues. */
export const MISSING = 'required field is missing';
