import { ref } from "vue";
import { unreadCount } from "@/api/notices";

/** The bell's unread count, shared by the bell and the notices page (which refreshes it). */
export const unread = ref(0);

export async function refreshUnread(): Promise<void> {
  try {
    unread.value = (await unreadCount()).unread;
  } catch {
    // The bell stays as it was; the page itself reports errors.
  }
}
