import assert from "node:assert/strict";
import { runCli } from "../helpers/cli";
import { COMPANY, testData, testEmulator } from "../helpers/emulator";

describe("CSV cells: formulas are neutralised, numbers and phone numbers are not", function () {
    this.timeout(30_000);
    // Each name, and the cell CSV must hold for it.
    const kept = ["+82 10-1234-5678", "+821012345678", "010-1234-5678", "+1 (555) 123-4567", "-12.5", "-1", "+3", "-0.5e3"];
    const neutralised: [string, string][] = [
        ["=1+2", "'=1+2"],
        ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
        ["+A1", "'+A1"],
        ["-2+3", "'-2+3"],
        ["+82 10 1234 5678+A1", "'+82 10 1234 5678+A1"],
        ["-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"],
        ["+", "'+"],
        ["-", "'-"],
        ["\t=1", "'\t=1"],
        ["\r=1", `"'\r=1"`],
    ];
    const names = [...kept, ...neutralised.map(([name]) => name)];
    const data = () => testData({ mccCompanies: { [COMPANY]: names.map((name, i) => ({ externalKey: `k${i}`, name })) } });

    it("keeps numbers and phone numbers as they are, and puts ' before what a spreadsheet would run", async () => {
        const emulator = await testEmulator({ data: data() });
        const result = await runCli(["mcc-users", "--company", COMPANY, "--endpoint", emulator.url, "-o", "csv", "--fields", "externalKey,name"]);
        assert.equal(result.code, 0, result.stderr);
        const expected = [...kept, ...neutralised.map(([, cell]) => cell)].map((cell, i) => `k${i},${cell}`);
        assert.equal(result.stdout, ["externalKey,name", ...expected, ""].join("\r\n"));
    });

    it("--csv-raw writes every cell as it is", async () => {
        const emulator = await testEmulator({ data: data() });
        const result = await runCli(["mcc-users", "--company", COMPANY, "--endpoint", emulator.url, "-o", "csv", "--fields", "externalKey,name", "--csv-raw"]);
        assert.equal(result.code, 0, result.stderr);
        const expected = names.map((name, i) => `k${i},${name.startsWith("\r") ? `"${name}"` : name}`);
        assert.equal(result.stdout, ["externalKey,name", ...expected, ""].join("\r\n"));
    });
});
