import { afterEach, describe, expect, it, vi } from "vitest";

// The bell's count comes from GET /notices/unread-count; a failed call keeps the last count.
const unreadCount = vi.fn();
vi.mock("@/api/notices", () => ({ unreadCount: () => unreadCount() }));

describe("notices bell count", () => {
  afterEach(() => unreadCount.mockReset());

  it("takes the server's count and keeps it when a refresh fails", async () => {
    const { unread, refreshUnread } = await import("@/views/notify/useUnread");
    unreadCount.mockResolvedValueOnce({ unread: 3 });
    await refreshUnread();
    expect(unread.value).toBe(3);
    unreadCount.mockRejectedValueOnce(new Error("offline"));
    await refreshUnread();
    expect(unread.value).toBe(3);
    unreadCount.mockResolvedValueOnce({ unread: 0 });
    await refreshUnread();
    expect(unread.value).toBe(0);
  });
});
