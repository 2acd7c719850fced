/**
 * How many requests a listing keeps in flight. It halves on a throttle answer (429, or Organization's
 * `COMMON_104`) and grows back by one only after as many successes in a row as the current limit, so a
 * throttled gateway quickly sees fewer requests and is not pushed back into throttling.
 */
export class AdaptiveLimit {
    #limit: number;
    #successes = 0;
    readonly max: number;

    constructor(max: number) {
        this.max = max;
        this.#limit = max;
    }

    get current(): number {
        return this.#limit;
    }

    throttled(): void {
        this.#limit = Math.max(1, Math.floor(this.#limit / 2));
        this.#successes = 0;
    }

    succeeded(): void {
        if (this.#limit >= this.max) return;
        this.#successes += 1;
        if (this.#successes >= this.#limit) {
            this.#limit += 1;
            this.#successes = 0;
        }
    }
}
