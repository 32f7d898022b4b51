import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, http, prefetchGet } from "@/api/http";

/** A fake `fetch` answering each URL with a JSON body naming the call's number. */
function fakeFetch(status = 200) {
  const urls: string[] = [];
  const fn = vi.fn(async (url: string) => {
    urls.push(url);
    const body = status === 200 ? { call: urls.length } : { status, code: "forbidden", message_en: "no" };
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  });
  vi.stubGlobal("fetch", fn);
  return urls;
}

describe("prefetchGet", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"] }));
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("gives the page the answer already asked for, whatever the order of its query", async () => {
    const urls = fakeFetch();
    prefetchGet("/statistics", { year: 2026, from: 2022, to: 2026 });
    const answer = await http.get<{ call: number }>("/statistics", { to: 2026, from: 2022, year: 2026 });
    expect(answer.call).toBe(1);
    expect(urls).toEqual(["api/v1/statistics?year=2026&from=2022&to=2026"]);
  });

  it("is taken once: the next call asks the server again", async () => {
    const urls = fakeFetch();
    prefetchGet("/statistics", { year: 2026 });
    await http.get("/statistics", { year: 2026 });
    const second = await http.get<{ call: number }>("/statistics", { year: 2026 });
    expect(second.call).toBe(2);
    expect(urls.length).toBe(2);
  });

  it("is not used for another query or once it is older than ten seconds", async () => {
    const urls = fakeFetch();
    prefetchGet("/statistics", { year: 2026 });
    const other = await http.get<{ call: number }>("/statistics", { year: 2025 });
    expect(other.call).toBe(2);
    vi.setSystemTime(Date.now() + 10_001);
    const stale = await http.get<{ call: number }>("/statistics", { year: 2026 });
    expect(stale.call).toBe(3);
    expect(urls.length).toBe(3);
  });

  it("hands a failed answer to the page's call as the usual ApiError", async () => {
    fakeFetch(403);
    prefetchGet("/statistics", { year: 2026 });
    await expect(http.get("/statistics", { year: 2026 })).rejects.toBeInstanceOf(ApiError);
  });
});
