import { concealProps, type Props } from "../propertyValues";
import { redact, redactError, secretTexts } from "../redactSecrets";
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

/**
 * What of the inputs must not show in a message: with the flag set, every value of every input (the provider
 * cannot tell which one was secret), else nothing.
 */
function secretsOf(props: Props, inputKeys: readonly string[]): string[] {
    return flagOf(props) ? secretTexts(inputKeys.map((key) => props[key])) : [];
}

/** `outs` with every value in Pulumi's secret envelope when the inputs held a secret, and the flag kept in clear. */
function outputsOf(outs: Props, secretInputs: boolean): Props {
    const concealed = secretInputs ? concealProps(outs, new Set(Object.keys(outs))) : outs;
    return { ...concealed, [SECRET_INPUT_FLAG]: secretInputs };
}

/**
 * A resource provider for the dynamic provider host, on top of the one both skins share (`inputKeys`: its
 * inputs' names): with the flag set, no value of an input shows in a check failure or an error, and every
 * output (the list, its count, its hash, the inputs echoed back) goes back to the engine as a secret, which
 * keeps it secret in state, in `pulumi stack output` and in the program. A change of the flag alone is a change,
 * so that state is rewritten with the outputs concealed (or revealed). State written before the flag existed
 * reads as no secret input, as it was stored.
 */
export function withSecretInputs(provider: MemberListProvider, inputKeys: readonly string[]): MemberListProvider {
    const secrets = (props: Props) => secretsOf(props, inputKeys);
    // Runs `work`; an error it throws leaves with the inputs' values taken out of its message when one was secret.
    const redacting = async <T>(props: Props, work: () => Promise<T>): Promise<T> => {
        try {
            return await work();
        } catch (error) {
            throw redactError(error, secrets(props));
        }
    };
    return {
        // A failure's reason may quote a value (a filter's field name, a group number): not one of a secret input.
        async check(olds: Props, news: Props) {
            const checked = await redacting(news, () => provider.check(olds, news));
            const failures = checked.failures?.map((f) => ({ ...f, reason: redact(f.reason, secrets(news)) }));
            return { ...checked, ...(failures ? { failures } : {}), inputs: { ...(checked.inputs as Props), [SECRET_INPUT_FLAG]: flagOf(news) } };
        },
        async diff(id: string, olds: Props, news: Props) {
            if (flagOf(olds) !== flagOf(news)) return { changes: true };
            return redacting(news, () => provider.diff(id, olds, news));
        },
        async create(inputs: Props) {
            const created = await redacting(inputs, () => provider.create(inputs));
            return { id: created.id, outs: outputsOf(created.outs as Props, flagOf(inputs)) };
        },
        async read(id: string, props: Props) {
            const result = await redacting(props, () => provider.read(id, props));
            return { ...result, props: outputsOf(result.props as Props, flagOf(props)) };
        },
        async update(id: string, olds: Props, news: Props) {
            const updated = await redacting(news, () => provider.update(id, olds, news));
            return { outs: outputsOf(updated.outs as Props, flagOf(news)) };
        },
        delete: (id: string, props: Props) => provider.delete(id, props),
    };
}
