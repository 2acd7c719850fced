/**
 * The candidate a mistyped word most likely meant: the closest by edit distance (a transposed pair of letters
 * counts as one edit), if it is close enough to be a typo rather than another word: one edit for words of up to
 * five letters, two beyond.
 *
 * @example
 * didYouMean("ouput", ["output", "fields", "filter"]) // "output"
 * didYouMean("colour", ["output", "fields", "filter"]) // undefined
 */
export function didYouMean(typed: string, candidates: readonly string[]): string | undefined {
    const allowed = typed.length <= 5 ? 1 : 2;
    let best: string | undefined;
    let bestDistance = allowed + 1;
    for (const candidate of candidates) {
        const distance = editDistance(typed.toLowerCase(), candidate.toLowerCase());
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    return best;
}

// Optimal string alignment distance: Levenshtein's insertions, deletions and substitutions, plus transpositions of
// two neighbouring letters (ouptut for output), each one edit. Flag names are short, so the full table is cheap.
function editDistance(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}
