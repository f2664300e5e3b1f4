// App Bridge's contextual save bar (Shopify draws it above the admin; the local
// demo's admin frame draws a stand-in), for forms that edit saved data.
import { SaveBar } from "@shopify/app-bridge-react";

export function ContextualSaveBar({
  id,
  open,
  onSave,
  onDiscard,
  saveLabel = "Save",
  discardLabel = "Discard",
}: {
  id: string;
  open: boolean;
  onSave: () => void;
  onDiscard: () => void;
  saveLabel?: string;
  discardLabel?: string;
}) {
  return (
    <SaveBar id={id} open={open}>
      <button variant="primary" onClick={onSave}>
        {saveLabel}
      </button>
      <button onClick={onDiscard}>{discardLabel}</button>
    </SaveBar>
  );
}
