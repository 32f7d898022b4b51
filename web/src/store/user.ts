import { defineStore } from "pinia";
import { computed, ref } from "vue";
import * as authApi from "@/api/auth";
import { setToken, setUnauthorizedHandler } from "@/api/http";
import type { Role, User } from "@/api/types";

const STORAGE_KEY = "jixu.session";

interface Saved {
  token: string;
  expires_at: string;
  user: User;
}

function load(): Saved | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Saved;
    if (s.expires_at && Date.parse(s.expires_at) < Date.now()) return null;
    return s;
  } catch {
    return null;
  }
}

/** The signed-in user and the token; kept in sessionStorage so a reload keeps the session. */
export const useUserStore = defineStore("user", () => {
  const saved = load();
  const token = ref<string | null>(saved?.token ?? null);
  const user = ref<User | null>(saved?.user ?? null);
  setToken(token.value);

  const role = computed<Role | null>(() => user.value?.role ?? null);
  const loggedIn = computed(() => token.value !== null && user.value !== null);
  const mustChangePassword = computed(() => user.value?.must_change_password === true);

  function clear(): void {
    token.value = null;
    user.value = null;
    setToken(null);
    sessionStorage.removeItem(STORAGE_KEY);
  }

  async function login(username: string, password: string): Promise<User> {
    const res = await authApi.login(username, password);
    token.value = res.token;
    user.value = res.user;
    setToken(res.token);
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(res));
    return res.user;
  }

  /** Changes the password and records that a reset's forced change is done. */
  async function changePassword(current: string, next: string): Promise<void> {
    const updated = await authApi.changePassword(current, next);
    user.value = updated;
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw) {
      const s = JSON.parse(raw) as Saved;
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...s, user: updated }));
    }
  }

  async function logout(): Promise<void> {
    try {
      if (token.value) await authApi.logout();
    } catch {
      /* the session is dropped locally whatever the server says */
    }
    clear();
  }

  return { token, user, role, loggedIn, mustChangePassword, login, changePassword, logout, clear };
});

export function installUnauthorizedHandler(onExpired: () => void): void {
  setUnauthorizedHandler(onExpired);
}
