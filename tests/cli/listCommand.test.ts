import assert from "node:assert/strict";
import { listUsage, LIST_COMMANDS, type ListCommandName } from "../../cli/listCommand";

describe("list commands' help", () => {
    for (const command of Object.keys(LIST_COMMANDS) as ListCommandName[]) {
        it(`${command} --help starts every option's description in one column`, () => {
            const options = listUsage(command)
                .split("\n")
                .filter((line) => /^ {2}-/.test(line) && /\S {2,}\S/.test(line.trimStart()));
            assert.ok(options.length > 10);
            for (const line of options) assert.equal(/^ {2}\S.*? {2,}(?=\S)/.exec(line)?.[0].length, 22, line);
        });
    }
});
