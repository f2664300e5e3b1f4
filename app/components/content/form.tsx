// What the content item and feed editors share: controlled text fields with
// the action's errors, the Save / Delete row under the form, and App Bridge's
// contextual save bar while there are unsaved changes.
import { useState } from "react";
import { useNavigation, useSubmit } from "@remix-run/react";
import { Button, InlineStack } from "@shopify/polaris";
import { ContextualSaveBar } from "../save-bar.tsx";

type Errors = Record<string, string[] | null | undefined>;

/** The form's values and `field(name)`: the props of a Polaris TextField bound to that value and its first error. */
/**
 * State that starts as the loaded value and starts again from it whenever the
 * loader brings a different one (after a save, the saved record), so what was
 * saved is no longer an unsaved change.
 */
export function useLoadedState<T>(loaded: T) {
  const [value, setValue] = useState(loaded);
  const key = JSON.stringify(loaded);
  const [seen, setSeen] = useState(key);
  // Adjusted while rendering (React's pattern for state that follows a prop), compared by content.
  if (seen !== key) {
    setSeen(key);
    setValue(loaded);
  }
  return [value, setValue] as const;
}

export function useFormFields<V extends Record<string, string>>(initial: V, errors: Errors) {
  const [values, setValues] = useLoadedState(initial);
  const field = (name: keyof V & string) => ({
    name,
    value: values[name],
    onChange: (value: string) => setValues((v) => ({ ...v, [name]: value })),
    error: errors[name]?.[0],
    autoComplete: "off",
  });
  return { values, setValues, field };
}

/** Delete (posts intent=delete; only for a saved record) and Save (submits the form). */
export function SaveDeleteActions({ canDelete }: { canDelete: boolean }) {
  const navigation = useNavigation();
  const submit = useSubmit();
  return (
    <InlineStack gap="200" align="end">
      {canDelete ? (
        <Button tone="critical" onClick={() => submit({ intent: "delete" }, { method: "post" })}>
          Delete
        </Button>
      ) : null}
      <Button submit variant="primary" loading={navigation.state === "submitting"}>
        Save
      </Button>
    </InlineStack>
  );
}

/**
 * App Bridge's contextual save bar, open while the form differs from what was
 * loaded (`dirty`) and nothing is being submitted: its Save submits the form
 * `formId` (the action validates it as the in-page Save does), Discard calls
 * `onDiscard`, which puts the loaded values back.
 */
export function UnsavedChangesBar({ formId, dirty, onDiscard }: { formId: string; dirty: boolean; onDiscard: () => void }) {
  const navigation = useNavigation();
  const save = () => (document.getElementById(formId) as HTMLFormElement | null)?.requestSubmit();
  return <ContextualSaveBar id={`${formId}-save-bar`} open={dirty && navigation.state === "idle"} onSave={save} onDiscard={onDiscard} />;
}
