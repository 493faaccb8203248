import { defineStore } from 'pinia';
import { ref } from 'vue';

/** What the resident entered in a guided form, for the pre-filled declaration of the dossier just filed. */
export interface FiledDeclaration {
  code: string;
  procedureCode: string;
  filedAt: string;
  applicant: { fullName: string; idNumber?: string; phone?: string; email?: string };
  /** The form's own fields, by id, as entered. */
  values: Record<string, string>;
}

/**
 * The declaration to print right after filing (A4, to sign and bring). It lives in this page's
 * memory only — never in storage, never sent anywhere, never logged — so it is gone with the idle
 * reset (which reloads the page) or once the resident leaves the filed dossier's page.
 */
export const useDeclarationStore = defineStore('declaration', () => {
  const filed = ref<FiledDeclaration | null>(null);
  return { filed };
});
