// Small helpers for the settings forms: Polaris fields are controlled, so each
// keeps its value in state and submits it by `name` inside a Remix <Form>.
import { useState } from "react";
import type { ReactNode } from "react";
import { Checkbox, Select, TextField } from "@shopify/polaris";

export type FieldErrors = Record<string, string[] | null> | undefined;

export function errorFor(errors: FieldErrors, name: string): string | undefined {
  const list = errors?.[name];
  return list && list.length > 0 ? list.join(", ") : undefined;
}

export function TextInput({
  name,
  label,
  initial,
  errors,
  type = "text",
  helpText,
  multiline,
  step,
  labelHidden,
  placeholder,
  connectedRight,
}: {
  name: string;
  label: string;
  initial: string;
  errors?: FieldErrors;
  type?: "text" | "number" | "email" | "password";
  helpText?: ReactNode;
  multiline?: number;
  step?: number;
  labelHidden?: boolean;
  placeholder?: string;
  connectedRight?: ReactNode;
}) {
  const [value, setValue] = useState(initial);
  return (
    <TextField
      name={name}
      label={label}
      labelHidden={labelHidden}
      value={value}
      onChange={setValue}
      type={type}
      step={step}
      autoComplete={type === "password" ? "new-password" : "off"}
      error={errorFor(errors, name)}
      helpText={helpText}
      multiline={multiline}
      placeholder={placeholder}
      connectedRight={connectedRight}
    />
  );
}

export function CheckboxInput({
  name,
  value = "on",
  label,
  initial,
  onToggle,
  labelHidden,
}: {
  name: string;
  value?: string;
  label: string;
  initial: boolean;
  onToggle?: (checked: boolean) => void;
  labelHidden?: boolean;
}) {
  const [checked, setChecked] = useState(initial);
  return (
    <Checkbox
      name={name}
      value={value}
      label={label}
      labelHidden={labelHidden}
      checked={checked}
      onChange={(next) => {
        setChecked(next);
        onToggle?.(next);
      }}
    />
  );
}

export function SelectInput({
  name,
  label,
  initial,
  options,
  errors,
  labelHidden,
}: {
  name: string;
  label: string;
  initial: string;
  options: { label: string; value: string }[];
  errors?: FieldErrors;
  labelHidden?: boolean;
}) {
  const [value, setValue] = useState(initial);
  return <Select name={name} label={label} labelHidden={labelHidden} options={options} value={value} onChange={setValue} error={errorFor(errors, name)} />;
}
