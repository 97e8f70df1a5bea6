/** XML text for the export formats (GraphML, Atom). */

/** Text as XML character data or an attribute value: escaped, and without the control characters XML 1.0 cannot hold. */
export function xml(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
