import assert from "node:assert/strict";
import { formatTable } from "../../cli/formatTable";

describe("tables on a terminal", () => {
    const items = [
        { externalKey: "k1", name: "홍길동 Hong Gil Dong, with a very long name that goes on and on", emailAddr: "aaa@bbb.com" },
        { externalKey: "k2", name: "Kim", emailAddr: "a-very-long-address-of-someone@an-even-longer-domain.example.com" },
    ];
    const lineWidth = (line: string) => line.length + (line.match(/[\uac00-\ud7a3]/g)?.length ?? 0);

    it("fit the terminal's width: the widest columns are cut with …", () => {
        const table = formatTable(items, ["externalKey", "name", "emailAddr"], 60);
        const lines = table.trimEnd().split("\n");
        for (const line of lines) assert.ok(lineWidth(line) <= 60, `${lineWidth(line)} columns: ${line}`);
        assert.match(table, /…/);
        assert.match(table, /k1/);
    });

    it("are not cut when there is no terminal", () => {
        const table = formatTable(items, ["externalKey", "name", "emailAddr"]);
        assert.ok(table.includes("a-very-long-address-of-someone@an-even-longer-domain.example.com"));
        assert.ok(!table.includes("…"));
    });
});
