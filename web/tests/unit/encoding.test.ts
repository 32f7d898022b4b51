import { describe, expect, it } from "vitest";
import { decodeCsvBytes, UnknownEncodingError } from "@/utils/encoding";

describe("CSV encoding", () => {
  it("reads UTF-8 as such (and drops its byte order mark)", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("姓名\n张三\n")]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: "姓名\n张三\n", encoding: "utf-8" });
  });
  it("reads GBK (what Chinese Excel saves) as GB18030", () => {
    // 姓名 = D0 D5 C3 FB, 张三 = D5 C5 C8 FD in GBK
    const bytes = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: "姓名\n张三\n", encoding: "gb18030" });
  });
  it("refuses bytes that are neither, naming no guess", () => {
    expect(() => decodeCsvBytes(new Uint8Array([0x41, 0xff, 0xff, 0x42]))).toThrow(UnknownEncodingError);
  });
});
