import { describe, expect, it } from "vitest";
// @ts-expect-error plain ESM build script without type declarations
import { checkLocales, flatten } from "../../scripts/check-locales.mjs";

describe("locale files", () => {
  it("zh-CN and en have the same keys and every key the source uses exists", () => {
    const { problems, keys, used } = checkLocales() as { problems: string[]; keys: number; used: number };
    expect(problems).toEqual([]);
    expect(keys).toBeGreaterThan(200);
    expect(used).toBeGreaterThan(200);
  });
  it("flattens nested sections to dotted keys", () => {
    const m = flatten({ a: { b: "x", c: { d: "y" } } }) as Map<string, string>;
    expect([...m.keys()]).toEqual(["a.b", "a.c.d"]);
  });
});
