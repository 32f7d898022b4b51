import { describe, expect, it } from "vitest";
import { describeAgent } from "@/utils/userAgent";

describe("the sessions page's device names", () => {
  it("names the common browsers and systems", () => {
    expect(describeAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36")).toBe("Chrome 120 · Windows");
    expect(describeAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91")).toBe("Edge 120 · Windows");
    expect(describeAgent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")).toBe("Firefox 128 · Linux");
    expect(describeAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1")).toBe("Safari 17 · iOS");
    expect(describeAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")).toBe("Chrome 131 · Linux");
  });
  it("shows an unknown agent's start, and nothing for none", () => {
    expect(describeAgent("curl/8.5.0")).toBe("curl/8.5.0");
    expect(describeAgent("")).toBe("");
  });
});
