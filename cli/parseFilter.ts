import type { Filter } from "../provider/filters";
import { UsageError } from "./UsageError";

/**
 * `name=v1,v2` (the field equals one of the values) or `name~=regex` (a regular expression finds a match).
 *
 * @example
 * parseFilter("deptExternalKey=dept01,dept02") // { name: "deptExternalKey", values: ["dept01", "dept02"] }
 * parseFilter("i18nNames.ko_KR~=^김")          // { name: "i18nNames.ko_KR", values: ["^김"], regex: true }
 */
export function parseFilter(text: string, label = "--filter"): Filter {
    const match = /^([^=~]+)(~?=)(.*)$/s.exec(text);
    if (!match) throw new UsageError(`${label} ${JSON.stringify(text)}: expected name=value[,value...] or name~=regex`);
    const [, name, operator, rest] = match as unknown as [string, string, string, string];
    const values = operator === "~=" ? [rest] : rest.split(",");
    if (values.some((v) => v === ""))
        throw new UsageError(
            `${label} ${JSON.stringify(text)}: a value is empty (to match an empty field, no filter can; to list everyone, leave the filter out)`,
        );
    return operator === "~=" ? { name: name.trim(), values, regex: true } : { name: name.trim(), values };
}
