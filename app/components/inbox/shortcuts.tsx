// Keyboard shortcuts for the message page's common path, and their help popover.
// Letters are ignored while typing in a field; Cmd/Ctrl+Enter sends from anywhere.
import { useEffect, useRef, useState } from "react";
import { BlockStack, Button, InlineStack, KeyboardKey, Popover, Text } from "@shopify/polaris";
import { inboxMessages } from "../../i18n/messages/inbox.ts";
import { useTranslation } from "../../i18n/use-translation.ts";

export type ShortcutHandlers = {
  next: () => void;
  previous: () => void;
  edit: () => void;
  send: () => void;
  resolve: () => void;
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function useInboxShortcuts(handlers: ShortcutHandlers) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        ref.current.send();
        return;
      }
      if (event.key === "Escape" && isTyping(event.target)) {
        (event.target as HTMLElement).blur();
        return;
      }
      if (isTyping(event.target) || event.metaKey || event.ctrlKey || event.altKey) return;
      const action = { j: "next", k: "previous", e: "edit", r: "resolve" }[event.key] as keyof ShortcutHandlers | undefined;
      if (!action) return;
      event.preventDefault();
      ref.current[action]();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

export function ShortcutsHelp() {
  const t = useTranslation(inboxMessages);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "?" && !isTyping(event.target)) setOpen((o) => !o);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  const rows: [string[], string][] = [
    [["j"], t("shortcut.next")],
    [["k"], t("shortcut.previous")],
    [["e"], t("shortcut.edit")],
    [["Ctrl", "Enter"], t("shortcut.send")],
    [["r"], t("shortcut.resolve")],
    [["Esc"], t("shortcut.escape")],
    [["?"], t("shortcut.help")],
  ];
  return (
    <Popover
      active={open}
      onClose={() => setOpen(false)}
      activator={
        <Button onClick={() => setOpen((o) => !o)} disclosure accessibilityLabel={t("message.shortcuts")}>
          {t("message.shortcuts")}
        </Button>
      }
    >
      <Popover.Pane>
        <div style={{ padding: 12, minWidth: 260 }} role="dialog" aria-label={t("message.shortcuts")}>
          <BlockStack gap="200">
            {rows.map(([keys, label]) => (
              <InlineStack key={label} align="space-between" gap="400">
                <Text as="span">{label}</Text>
                <InlineStack gap="100">
                  {keys.map((k) => (
                    <KeyboardKey key={k}>{k}</KeyboardKey>
                  ))}
                </InlineStack>
              </InlineStack>
            ))}
          </BlockStack>
        </div>
      </Popover.Pane>
    </Popover>
  );
}
