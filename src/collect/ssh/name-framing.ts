// How a name from the host (a path, a unit, an account) crosses into a record of the collecting output.
//
// Records are lines, and their fields are separated by spaces, so a name could break its record
// with a space and forge the next one with a newline. Every name is therefore printed escaped:
// backslash and each whitespace byte become `\ooo` (octal, as fstab writes them), so a name is
// one field with no space and no newline whatever bytes it holds; `decodeName` reverses it.

/**
 * Shell text defining `fc_e NAME`, which sets `fc_ev` to NAME escaped. Only parameter expansion:
 * no process per name, and a loop turn only per byte that needs escaping (LC_ALL=C: one byte each).
 */
export const NAME_ESCAPE_SHELL = `fc_nl='
'
fc_tab='\t'
fc_cr='\r'
fc_vt='\v'
fc_ff='\f'
fc_e() {
  fc_ev= fc__s=$1
  while :; do
    case $fc__s in *[[:space:]\\\\]*) ;; *) fc_ev=$fc_ev$fc__s; return 0 ;; esac
    fc__p=\${fc__s%%[[:space:]\\\\]*}
    fc__s=\${fc__s#"$fc__p"}
    fc__c=\${fc__s%"\${fc__s#?}"}
    fc__s=\${fc__s#?}
    case $fc__c in
      ' ') fc__c=040 ;; "$fc_tab") fc__c=011 ;; "$fc_nl") fc__c=012 ;; "$fc_vt") fc__c=013 ;;
      "$fc_ff") fc__c=014 ;; "$fc_cr") fc__c=015 ;; *) fc__c=134 ;;
    esac
    fc_ev="$fc_ev$fc__p\\\\$fc__c"
  done
}`;

/** The name a field stands for: `\ooo` escapes back to their bytes (the rest was printed as it is). */
export function decodeName(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

/** A record's fields (the text after its tag), each name decoded; empty fields from doubled spaces are kept. */
export function nameFields(args: string): string[] {
  return args === '' ? [] : args.split(' ').map(decodeName);
}
