import { concealProps, type Props } from "../propertyValues";
import type { MemberListProvider } from "./memberListProvider";

/**
 * The input the SDK's resources add for the dynamic provider: `true` when any input the user gave held a secret.
 * The dynamic provider host tells the engine it takes no secrets (acceptSecrets: false), so it receives secret
 * inputs as plain values and cannot see which were secret; the engine itself only marks secret an output named
 * like a secret input. The program knows (`pulumi.isSecret`), and says so here, in clear: a fact about the
 * inputs, not a value of theirs.
 */
export const SECRET_INPUT_FLAG = "hasSecretInput";

const flagOf = (props: Props): boolean => props[SECRET_INPUT_FLAG] === true;

/** `outs` with every value in Pulumi's secret envelope when the inputs held a secret, and the flag kept in clear. */
function outputsOf(outs: Props, secretInputs: boolean): Props {
    const concealed = secretInputs ? concealProps(outs, new Set(Object.keys(outs))) : outs;
    return { ...concealed, [SECRET_INPUT_FLAG]: secretInputs };
}

/**
 * A resource provider for the dynamic provider host, on top of the one both skins share: with the flag set, every
 * output (the list, its count, its hash, the inputs echoed back) goes back to the engine as a secret, which
 * keeps it secret in state, in `pulumi stack output` and in the program. A change of the flag alone is a change,
 * so that state is rewritten with the outputs concealed (or revealed). State written before the flag existed
 * reads as no secret input, as it was stored.
 */
export function withSecretInputs(provider: MemberListProvider): MemberListProvider {
    return {
        async check(olds: Props, news: Props) {
            const checked = await provider.check(olds, news);
            return { ...checked, inputs: { ...(checked.inputs as Props), [SECRET_INPUT_FLAG]: flagOf(news) } };
        },
        async diff(id: string, olds: Props, news: Props) {
            if (flagOf(olds) !== flagOf(news)) return { changes: true };
            return provider.diff(id, olds, news);
        },
        async create(inputs: Props) {
            const created = await provider.create(inputs);
            return { id: created.id, outs: outputsOf(created.outs as Props, flagOf(inputs)) };
        },
        async read(id: string, props: Props) {
            const result = await provider.read(id, props);
            return { ...result, props: outputsOf(result.props as Props, flagOf(props)) };
        },
        async update(id: string, olds: Props, news: Props) {
            const updated = await provider.update(id, olds, news);
            return { outs: outputsOf(updated.outs as Props, flagOf(news)) };
        },
        delete: (id: string, props: Props) => provider.delete(id, props),
    };
}
