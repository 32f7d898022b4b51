import { describe, expect, it } from "vitest";
import { isValidIdNumber, maskIdNumber, maskName } from "@/utils/mask";

describe("ID masking", () => {
  it("keeps the region code and the last four, like the server (110105********1234)", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("110105********002X");
    expect(maskIdNumber("110105194912310021")).toBe("110105********0021");
  });
  it("leaves masked and short values alone", () => {
    expect(maskIdNumber("110105********1234")).toBe("110105********1234");
    expect(maskIdNumber("12345")).toBe("12345");
    expect(maskIdNumber("")).toBe("");
    expect(maskIdNumber(undefined)).toBe("");
  });
  it("masks names for public pages", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳修文")).toBe("欧***");
    expect(maskName("李")).toBe("李");
  });
  it("checks the GB 11643 check character", () => {
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
    expect(isValidIdNumber("11010519491231002x")).toBe(true);
    expect(isValidIdNumber("110105194912310021")).toBe(false);
    expect(isValidIdNumber("1101051949123100")).toBe(false);
  });
});
