// What the content item and feed editors share: controlled text fields with
// the action's errors, and the Save / Delete row under the form.
import { useState } from "react";
import { useNavigation, useSubmit } from "@remix-run/react";
import { Button, InlineStack } from "@shopify/polaris";

type Errors = Record<string, string[] | null | undefined>;

/** The form's values and `field(name)`: the props of a Polaris TextField bound to that value and its first error. */
export function useFormFields<V extends Record<string, string>>(initial: V, errors: Errors) {
  const [values, setValues] = useState(initial);
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
