// A `#` comment of a line of host text, cut in time linear in the line. `.` stops at a carriage return
// or U+2028, so `#.*$` tried at every `#` of a line with such a break after them reads to the break
// each time: the square of the line. This cuts at the same place, the first `#` after the line's last
// break, found once from the start. Group 1 is the text before the comment: `line.replace(HASH_COMMENT, '$1')`.
export const HASH_COMMENT = /^((?:[\s\S]*[\n\r\u2028\u2029])?[^#\n\r\u2028\u2029]*)#.*$/;
