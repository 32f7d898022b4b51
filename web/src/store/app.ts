import { defineStore } from "pinia";
import { ref } from "vue";

/** Layout state: whether the screen is phone-width and whether the side menu is open. */
export const useAppStore = defineStore("app", () => {
  const mobile = ref(typeof window !== "undefined" && window.innerWidth < 768);
  const drawerOpen = ref(false);
  function onResize(): void {
    mobile.value = window.innerWidth < 768;
    if (!mobile.value) drawerOpen.value = false;
  }
  return { mobile, drawerOpen, onResize };
});
