// windows-1252 differs from ISO-8859-1 only in 0x80–0x9F, where it has printable characters
// (the five unassigned bytes are left out). Spelled out here, so that the test does not rely on
// the decoder it is testing.
const HIGH_CONTROL_RANGE = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Encodes text in windows-1252. Throws on a character the charset cannot hold, so a page never silently differs. */
export function encodeWindows1252(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (char) => {
      const code = char.codePointAt(0)!;
      const high = HIGH_CONTROL_RANGE.indexOf(char);
      if (high >= 0 && !(code >= 0x80 && code <= 0x9f)) return 0x80 + high;
      if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
      throw new Error(`windows-1252 cannot encode ${JSON.stringify(char)}`);
    }),
  );
}
