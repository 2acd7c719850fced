import type * as pulumi from "@pulumi/pulumi";

/**
 * A {@link Filter} as the Output forms and the resources take it: any part may be an Input, such as a value
 * kept secret (`values: [cfg.requireSecret("lead")]`), which then makes every output derived from it secret.
 * Pulumi's convention for input types (`...Args`).
 */
export interface FilterArgs {
    /** The field to test, as the API names it; dotted for a nested field (`i18nNames.ko_KR`). */
    readonly name: pulumi.Input<string>;
    /** One or more values; the filter matches when any of them does. */
    readonly values: pulumi.Input<readonly pulumi.Input<string>[]>;
    /** Treat `values` as JavaScript regular expressions. @default false */
    readonly regex?: pulumi.Input<boolean>;
}
