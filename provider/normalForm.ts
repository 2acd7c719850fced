/**
 * The one form in which text a user gave is compared with text a server sent: Unicode NFC. Hangul typed on some
 * systems (macOS file names, text copied from them) arrives decomposed (NFD) while NCP holds it composed, so 홍길동
 * would otherwise match nothing. Only comparisons use it: what is returned stays as the server sent it.
 */
export function normalForm(text: string): string {
    return text.normalize("NFC");
}
