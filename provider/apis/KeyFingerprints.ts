/**
 * Remembers which keys a listing has seen, as 64-bit fingerprints in two flat typed arrays: a million members'
 * `externalKey`s take 16 MB and no object per key, where a `Set` of the strings took over 100 MB and work for the
 * garbage collector. Two different keys share a fingerprint with a probability of about n² / 2⁶⁵ (3 in 100
 * million for a million keys): the listing then reports a duplicate and fails, it never returns a wrong list.
 */
export class KeyFingerprints {
    #high = new Uint32Array(1024);
    #low = new Uint32Array(1024);
    #count = 0;

    /** Adds the key; false when a key with its fingerprint was already there. */
    add(key: string): boolean {
        let h1 = 0x811c9dc5;
        let h2 = 0x9747b28c;
        for (let i = 0; i < key.length; i++) {
            const c = key.charCodeAt(i);
            h1 = Math.imul(h1 ^ c, 0x01000193);
            h2 = Math.imul(h2 ^ c, 0x5bd1e995);
            h2 ^= h2 >>> 15;
        }
        h1 >>>= 0;
        h2 = (h2 | 1) >>> 0; // never 0: a slot whose low word is 0 is empty
        if ((this.#count + 1) * 2 > this.#low.length) this.#grow();
        return this.#insert(h1, h2);
    }

    #insert(high: number, low: number): boolean {
        const mask = this.#low.length - 1;
        for (let slot = high & mask; ; slot = (slot + 1) & mask) {
            if (this.#low[slot] === 0) {
                this.#high[slot] = high;
                this.#low[slot] = low;
                this.#count += 1;
                return true;
            }
            if (this.#low[slot] === low && this.#high[slot] === high) return false;
        }
    }

    #grow(): void {
        const high = this.#high;
        const low = this.#low;
        this.#high = new Uint32Array(low.length * 2);
        this.#low = new Uint32Array(low.length * 2);
        this.#count = 0;
        for (let i = 0; i < low.length; i++) if (low[i] !== 0) this.#insert(high[i], low[i]);
    }
}
