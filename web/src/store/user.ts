import { defineStore } from "pinia";
import { computed, ref } from "vue";
import * as authApi from "@/api/auth";
import { setToken, setUnauthorizedHandler } from "@/api/http";
import type { Role, User } from "@/api/types";

const STORAGE_KEY = "jixu.session";

/** The step of the sign-in still missing: none, the authenticator's code, or enrolment. */
export type PendingStep = "none" | "totp" | "enrol";

interface Saved {
  token: string;
  expires_at: string;
  user: User;
  second_factor?: PendingStep;
  password_expired?: boolean;
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

  const pending = ref<PendingStep>(saved?.second_factor ?? "none");
  const passwordExpired = ref(saved?.password_expired === true);

  const role = computed<Role | null>(() => user.value?.role ?? null);
  /** Signed in with every step done: a session still lacking its second factor opens no page. */
  const loggedIn = computed(() => token.value !== null && user.value !== null && pending.value === "none");
  const mustChangePassword = computed(() => user.value?.must_change_password === true);

  function save(patch: Partial<Saved>): void {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (raw) sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...(JSON.parse(raw) as Saved), ...patch }));
  }

  function clear(): void {
    token.value = null;
    user.value = null;
    pending.value = "none";
    passwordExpired.value = false;
    setToken(null);
    sessionStorage.removeItem(STORAGE_KEY);
  }

  /** The password step; the answer says which step (if any) is still missing. */
  async function login(username: string, password: string): Promise<PendingStep> {
    const res = await authApi.login(username, password);
    token.value = res.token;
    user.value = res.user;
    pending.value = res.second_factor ?? "none"; // the mock API (JIXU_E2E_MOCK) answers without it
    passwordExpired.value = res.password_expired;
    setToken(res.token);
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(res));
    return pending.value;
  }

  /** The second step: a code, or a recovery code. */
  async function verifySecondFactor(body: { code?: string; recovery_code?: string }): Promise<number> {
    const res = await authApi.secondFactor(body);
    user.value = res.user;
    pending.value = "none";
    save({ user: res.user, second_factor: "none" });
    return res.recovery_codes_left;
  }

  /** Enrolment confirmed with a first code: the ten recovery codes, to be shown once. */
  async function confirmEnrolment(code: string): Promise<string[]> {
    const res = await authApi.confirmTotp(code);
    user.value = { ...(user.value ?? res.user), ...res.user };
    save({ user: user.value, second_factor: "none" });
    return res.recovery_codes;
  }
  /** After the recovery codes were shown: the session opens its pages. */
  function finishEnrolment(): void {
    pending.value = "none";
  }

  /** Changes the password and records that a reset's forced change is done. */
  async function changePassword(current: string, next: string): Promise<void> {
    const updated = await authApi.changePassword(current, next);
    user.value = updated;
    passwordExpired.value = false;
    save({ user: updated, password_expired: false });
  }

  async function logout(): Promise<void> {
    try {
      if (token.value) await authApi.logout();
    } catch {
      /* the session is dropped locally whatever the server says */
    }
    clear();
  }

  return {
    token, user, role, pending, passwordExpired, loggedIn, mustChangePassword,
    login, verifySecondFactor, confirmEnrolment, finishEnrolment, changePassword, logout, clear
  };
});

export function installUnauthorizedHandler(onExpired: () => void): void {
  setUnauthorizedHandler(onExpired);
}
