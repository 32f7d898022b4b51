import { reactive, ref } from "vue";
import type { Query } from "@/api/http";
import type { PersonListItem } from "@/api/types";
import { listPersons } from "@/api/persons";
import { cancelTransfer, listTransfers, movePerson, releasePerson, takeOnPerson, type Transfer } from "@/api/people";
import { usePaged } from "@/utils/usePaged";
import { notifyError, notifySuccess } from "@/utils/feedback";

/**
 * 人员调动: the transfers of the caller's scope (out of and into its employers) and the three
 * actions: release one's own staff (调出), take on a released person by ID number and name (调入),
 * and, for an authority, move a person directly to another employer of its scope.
 */
export function useTransfers() {
  const filters = reactive({ status: "" });
  const paged = usePaged<Transfer, typeof filters>((q: Query) => listTransfers(q), filters);
  const busy = ref(false);

  // A person of the caller's scope, found by name as one types (the release and move dialogs).
  const persons = ref<PersonListItem[]>([]);
  async function searchPersons(name: string): Promise<void> {
    try {
      persons.value = (await listPersons({ name: name.trim(), page: 1, page_size: 20 })).items ?? [];
    } catch {
      persons.value = [];
    }
  }

  async function run(action: () => Promise<unknown>, done: string): Promise<boolean> {
    busy.value = true;
    try {
      await action();
      notifySuccess(done);
      paged.search();
      return true;
    } catch (e) {
      notifyError(e);
      return false;
    } finally {
      busy.value = false;
    }
  }
  const release = (personId: string, note: string) => run(() => releasePerson(personId, note), "transfers.released");
  const takeOn = (idNumber: string, name: string, note: string) =>
    run(() => takeOnPerson({ id_number: idNumber.trim(), name: name.trim(), note }), "transfers.takenOn");
  const move = (personId: string, employerId: string, note: string) => run(() => movePerson(personId, employerId, note), "transfers.moved");
  const cancel = (t: Transfer) => run(() => cancelTransfer(t.id), "transfers.cancelled");
  return { filters, busy, persons, searchPersons, release, takeOn, move, cancel, ...paged };
}
