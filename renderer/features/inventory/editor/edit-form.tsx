import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/api/errors.js';
import type { InventoryEdit } from '../../../../shared/inventory-edit/edit-api.js';
import type { EditField, EditProblem } from '../../../../shared/inventory-edit/edit-problems.js';
import { apiErrorText } from '../../../i18n/error-words.js';
import { editInventory, reloadNetwork } from '../../../stores/inventory-admin.js';
import { useNetworkStore } from '../../../stores/network-store.js';
import { byField } from './drafts.js';

/** A problem in the user's words: what is wrong, from the catalogue, with its values. */
export function useProblemWords(): (p: EditProblem) => string {
  const { t } = useTranslation();
  return (p) => t(`inventoryEdit.problem.${p.code}`, { ...p.params, defaultValue: t('inventoryEdit.problem.invalid_value', { detail: p.code }) });
}

export interface EditFormState<D> {
  readonly draft: D;
  set<K extends keyof D>(key: K, value: D[K]): void;
  /** The problem shown under a field: once it was changed, or after a try to save. */
  problemOf(field: EditField): EditProblem | undefined;
  readonly general: readonly EditProblem[];
  readonly blocked: boolean;
  readonly dirty: boolean;
  readonly error: ApiErrorData | null;
  readonly busy: boolean;
  submit(): Promise<boolean>;
}

/**
 * A form of the editor: the draft, its problems from the shared rules as it is typed (the same
 * rules the engine applies), and saving it against the version the form was opened on; the
 * engine's own problems (someone else's change in between) show the same way.
 */
export function useEditForm<D>(initial: D, toEdit: (d: D) => InventoryEdit, check: (e: InventoryEdit) => readonly EditProblem[], baseVersion: string, fieldOf: (k: keyof D) => EditField | null): EditFormState<D> {
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<ReadonlySet<EditField>>(new Set());
  const [tried, setTried] = useState(false);
  const [serverProblems, setServerProblems] = useState<readonly EditProblem[]>([]);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  const edit = useMemo(() => toEdit(draft), [draft, toEdit]);
  const problems = useMemo(() => check(edit), [edit, check]);
  const shown = byField(problems.length ? problems : serverProblems);
  return {
    draft,
    set: (key, value) => {
      setDraft((d) => ({ ...d, [key]: value }));
      const f = fieldOf(key);
      if (f) setTouched((s) => new Set(s).add(f));
      setServerProblems([]);
    },
    problemOf: (field) => (tried || touched.has(field) ? shown.field.get(field) : undefined),
    general: tried || serverProblems.length ? shown.general : [],
    blocked: problems.length > 0,
    dirty: JSON.stringify(draft) !== JSON.stringify(initial),
    error,
    busy,
    submit: async () => {
      setTried(true);
      if (problems.length) return false;
      setBusy(true);
      const r = await editInventory(baseVersion, edit);
      setBusy(false);
      if (!r.ok) {
        setError(r.error);
        return false;
      }
      setError(null);
      if (r.value.problems.length) {
        setServerProblems(r.value.problems);
        return false;
      }
      const net = await reloadNetwork();
      if (net.ok) useNetworkStore.getState().setNetwork(net.value);
      return true;
    },
  };
}

/** A labelled field with its problem in words under it. */
export function FieldRow({ label, problem, children }: { readonly label: string; readonly problem: EditProblem | undefined; readonly children: ReactNode }) {
  const words = useProblemWords();
  return (
    <label className="inv-edit__field">
      <span className="inv-edit__label">{label}</span>
      {children}
      {problem && (
        <span className="inv-edit__problem" role="alert" data-testid="edit-problem" data-code={problem.code}>
          {`⚠ ${words(problem)}`}
        </span>
      )}
    </label>
  );
}

/**
 * The frame of every editor form: Enter saves, Esc cancels, and a changed form asks before it is
 * thrown away; problems of no one field, and refusals, are above the buttons.
 */
export function EditFormFrame({ title, testId, state, saveLabel, onDone, onCancel, children }: {
  readonly title: string;
  readonly testId: string;
  readonly state: Pick<EditFormState<unknown>, 'general' | 'blocked' | 'dirty' | 'error' | 'busy' | 'submit'>;
  readonly saveLabel: string;
  readonly onDone: () => void;
  readonly onCancel: () => void;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const words = useProblemWords();
  const [asking, setAsking] = useState(false);
  const cancel = () => (state.dirty ? setAsking(true) : onCancel());
  return (
    <form
      className="inv-edit__form"
      aria-label={title}
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        void state.submit().then((done) => done && onDone());
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        if (asking) setAsking(false);
        else cancel();
      }}
    >
      <h4>{title}</h4>
      {children}
      {state.general.map((p, i) => (
        <p key={i} className="inventory__error" role="alert" data-testid="edit-problem" data-code={p.code}>
          {`⚠ ${words(p)}`}
        </p>
      ))}
      {state.error && (
        <p className="inventory__error" role="alert" data-testid="edit-error">
          {apiErrorText(state.error, t)}
        </p>
      )}
      {asking ? (
        <div className="inventory__row" role="alertdialog" aria-label={t('inventoryEdit.discard.question')} data-testid="edit-discard">
          <span>{t('inventoryEdit.discard.question')}</span>
          <button type="button" onClick={onCancel} data-testid="edit-discard-yes">
            {t('inventoryEdit.discard.yes')}
          </button>
          <button type="button" onClick={() => setAsking(false)} autoFocus>
            {t('inventoryEdit.discard.no')}
          </button>
        </div>
      ) : (
        <div className="inventory__row">
          <button type="submit" disabled={state.busy} data-testid={`${testId}-save`}>
            {state.busy ? t('inventoryEdit.saving') : saveLabel}
          </button>
          <button type="button" onClick={cancel} data-testid={`${testId}-cancel`}>
            {t('inventoryEdit.cancel')}
          </button>
        </div>
      )}
    </form>
  );
}
