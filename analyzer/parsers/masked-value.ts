/**
 * A mask a person typed over a value or over part of it (`XXXXXXXX`, `ZRXXXXXX`, `Z1X***`, `S4EV…`, the last three
 * characters `S6PPNJ0RB04XXX`), or their word saying
 * they did (`[REDACTED]`, `(removed)`, `<hidden>`, `WD-WCC4E (REDACTED)`, `1234 [masked for privacy]`): what is left is
 * not the device's value.
 */
const MASK = /X{4,}|X{3}$|\*{2,}|…|\.{3}|redact|remov|hidden|masked|trimmed|censor|obfuscat|anonymi[sz]|saniti[sz]|scrubbed|omitted|\bedited\b/i;

/** The value shows a mask, or a note that it was masked. */
export const showsMask = (value: string): boolean => MASK.test(value);

/** A word a person typed in place of a serial (`--private--`, `confidential`, `serialxxx`), or a tool's for none (`Not Available`, `N/A`). */
const NO_SERIAL = /private|serial|confidential|secret|\bunknown\b|\bnone\b|not (?:available|specified|applicable)|^\W*n\/?a\W*$/i;

/**
 * A serial that names one device, to be compared with others: four letters or digits in a row, no mask or masking note,
 * no word standing for a serial, not one character over and over (a blank EEPROM's `0000000000000000`, `FFFFFFFF`).
 */
export const namesDevice = (serial: string | null | undefined): serial is string =>
  serial !== undefined && serial !== null && /[A-Za-z0-9]{4,}/.test(serial) && !showsMask(serial) && !NO_SERIAL.test(serial) && !/^(.)\1+$/.test(serial.trim());
