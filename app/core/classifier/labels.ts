/** The label of every answer the classifier is not sure about: it goes to a human. */
export const UNKNOWN_LABEL = "unknown";

/** Labels that mark out-of-scope examples in data sets (CLINC150 uses "oos"). */
export const DEFAULT_OUT_OF_SCOPE_LABELS: readonly string[] = ["oos", UNKNOWN_LABEL];
