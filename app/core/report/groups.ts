// The report's groupings (issue 8): what a row of the report is.
export const GROUP_BY = ["item", "feed", "campaign", "source", "medium", "reply"] as const;
export type GroupBy = (typeof GROUP_BY)[number];
